//! The resolved model: what a schema means, ready for generators.
//!
//! Everything a generator needs is here already worked out: inheritance applied, `*`
//! expanded, event edges folded into the transition relation, wire values spelt, and every
//! conversion tabulated with its totality. A generator reads a [`Schema`] and never looks at
//! the TOML. A `Schema` handed out by [`crate::analyze`] has passed every check, so its
//! invariants hold: state names are unique snake_case, variants are unique and not keywords,
//! wire values and aliases are unique under the status's case rule, and every [`StateId`]
//! indexes the status it came from.
//!
//! ```
//! let source = status_schema::SourceFile::new("statuses.toml", r#"
//! schema_version = 1
//! [status.Light]
//! states = ["red", "green", "amber"]
//! initial = "red"
//! transitions = { red = ["green"], green = ["amber"], amber = ["red"] }
//! "#);
//! let schema = status_schema::analyze(&source).schema.expect("valid");
//! let light = schema.status("Light").unwrap();
//! let red = light.state_id("red").unwrap();
//! let green = light.state_id("green").unwrap();
//! assert!(light.can_transition(red, green));
//! assert!(!light.can_transition(green, red));
//! assert_eq!(light.state(green).variant(), "Green");
//! ```

use std::collections::HashMap;

pub use crate::naming::RenameRule;
use crate::source::Span;

/// A whole schema: every status, and every conversion between them.
#[derive(Clone, Debug)]
pub struct Schema {
    /// The statuses, in the order the file declares them.
    pub(crate) statuses: Vec<Status>,
    /// Every conversion the schema defines, grouped by source status in declaration order.
    pub(crate) conversions: Vec<Conversion>,
    /// `[[generate]]`: what `statuskit gen` writes with no target named.
    pub(crate) outputs: Vec<Output>,
    /// `[migrations]`: the migration history `statuskit migrate new` writes.
    pub(crate) migrations: Option<Migrations>,
    pub(crate) lint: Option<LintConfig>,
    /// Lookups by name, so that generators stay linear in the schema's size.
    index: Index,
}

/// One `[[generate]]` entry: a target, the file it is written to, and its options.
#[derive(Clone, Debug)]
#[doc(hidden)] // the `statuskit` binary's instructions (gen, migrate new), not the statuses
pub struct Output {
    pub(crate) target: (String, Span),
    pub(crate) out: (String, Span),
    pub(crate) statuses: Vec<(String, Span)>,
    pub(crate) columns: Vec<(String, Span)>,
    pub(crate) text: Option<Span>,
    /// zod's major version (3 or 4), and where it is set.
    pub(crate) zod: Option<(i64, Span)>,
    pub(crate) sqlalchemy: Option<Span>,
    pub(crate) span: Span,
}

impl Output {
    /// The target's name (`typescript`, `sql`, …), checked to be one.
    pub fn target(&self) -> &str {
        &self.target.0
    }

    /// The path written, relative to the schema file; ends with `/` for a directory.
    pub fn out(&self) -> &str {
        &self.out.0
    }

    /// The statuses generated; empty for all of them.
    pub fn statuses(&self) -> impl Iterator<Item = &str> {
        self.statuses.iter().map(|(name, _)| name.as_str())
    }

    /// Whether the entry writes a directory, one file per status (Mermaid, whose file holds
    /// one diagram, for several statuses or an `out` ending with `/`), rather than one file.
    /// The entry owns the files it writes there: `statuskit gen` removes one whose status
    /// is gone.
    pub fn writes_directory(&self, schema: &Schema) -> bool {
        let statuses = if self.statuses.is_empty() {
            schema.statuses.len()
        } else {
            schema
                .statuses
                .iter()
                .filter(|s| self.statuses.iter().any(|(name, _)| *name == s.name))
                .count()
        };
        self.target.0 == "mermaid" && (self.out.0.ends_with('/') || statuses > 1)
    }

    /// Whether a path component names a version-control directory (`.git`, `.hg`, `.svn`)
    /// on some file system: ASCII case ignored, trailing dots and spaces ignored (Windows),
    /// and Windows' short name (`GIT~1`). No output may lie inside one (E064): what is
    /// written there (hooks, config) runs or steers the tools, and no pull request can
    /// bring it. `statuskit gen` holds the resolved path to the same rule.
    pub fn is_version_control(component: &str) -> bool {
        let name = component.trim_end_matches(['.', ' ']);
        [".git", ".hg", ".svn"].iter().any(|vcs| {
            name.eq_ignore_ascii_case(vcs)
                || vcs
                    .strip_prefix('.')
                    .is_some_and(|bare| name.eq_ignore_ascii_case(&format!("{bare}~1")))
        })
    }

    /// `column`: `table.column=Status` bindings (for `sql`).
    pub fn columns(&self) -> impl Iterator<Item = &str> {
        self.columns.iter().map(|(binding, _)| binding.as_str())
    }

    /// `text = true`: text columns with `CHECK` instead of enum types (for `sql`).
    pub fn text(&self) -> bool {
        self.text.is_some()
    }

    /// `zod = 3`, `zod = 4` (or `true`): zod schemas beside the types (for `typescript`),
    /// for that major version of zod; `None` for none.
    pub fn zod(&self) -> Option<u8> {
        self.zod
            .map(|(version, _)| if version == 3 { 3 } else { 4 })
    }

    /// `sqlalchemy = true`: SQLAlchemy column types beside the enums (for `python`).
    pub fn sqlalchemy(&self) -> bool {
        self.sqlalchemy.is_some()
    }

    /// Where the entry is written.
    pub fn span(&self) -> Span {
        self.span
    }
}

/// `[migrations]`: where the migration history is, which runner applies it, how statuses
/// are stored and which columns they govern. Each value is checked by `check`: a schema
/// from [`crate::analyze`] has a known style and storage, a `dir` inside the schema's
/// directory, and columns bound to statuses it declares, each with a trigger of its own.
#[derive(Clone, Debug)]
#[doc(hidden)] // the `statuskit` binary's instructions (gen, migrate new), not the statuses
pub struct Migrations {
    pub(crate) dir: (String, Span),
    pub(crate) style: (String, Span),
    pub(crate) storage: Option<(String, Span)>,
    /// `("table.column", span)` and `("Status", span)`, in the order written.
    pub(crate) columns: Vec<((String, Span), (String, Span))>,
    pub(crate) span: Span,
}

impl Migrations {
    /// `dir`: the history's directory, relative to the schema file.
    pub fn dir(&self) -> &str {
        &self.dir.0
    }

    /// `style`: the runner whose file names and markers the history uses.
    pub fn style(&self) -> MigrationStyle {
        // `check` refuses any other name, so a checked schema never reaches the default.
        MigrationStyle::from_name(&self.style.0).unwrap_or(MigrationStyle::Plain)
    }

    /// `storage = "text"`: text columns with `CHECK` constraints instead of enum types.
    pub fn text(&self) -> bool {
        self.storage
            .as_ref()
            .is_some_and(|(name, _)| name == "text")
    }

    /// `columns`: each `table.column` (the table possibly `schema.table`) with the status
    /// it holds, in the order written.
    pub fn columns(&self) -> impl Iterator<Item = (&str, &str)> {
        self.columns
            .iter()
            .map(|((place, _), (status, _))| (place.as_str(), status.as_str()))
    }

    /// The whole `[migrations]` table.
    pub fn span(&self) -> Span {
        self.span
    }
}

/// `[lint]`: what `statuskit lint` reads, and each rule's level. Checked by `check`: each
/// path inside the schema's directory, each rule one `statuskit lint` has, each level
/// `error`, `warn` or `off`.
#[derive(Clone, Debug)]
#[doc(hidden)] // the `statuskit` binary's instructions (lint), not the statuses
pub struct LintConfig {
    pub(crate) paths: Vec<(String, Span)>,
    pub(crate) exclude: Vec<(String, Span)>,
    pub(crate) rules: Vec<((String, Span), (String, Span))>,
}

impl LintConfig {
    /// The directories to lint, relative to the schema (none: its directory).
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.paths.iter().map(|(p, _)| p.as_str())
    }

    /// Gitignore globs to leave out.
    pub fn exclude(&self) -> impl Iterator<Item = &str> {
        self.exclude.iter().map(|(p, _)| p.as_str())
    }

    /// The level set for the rule of this name (`drifted-copy`) or code (`L003`):
    /// `error`, `warn` or `off`.
    pub fn level(&self, name: &str, code: &str) -> Option<&str> {
        self.rules
            .iter()
            .find(|((rule, _), _)| rule == name || rule == code)
            .map(|(_, (level, _))| level.as_str())
    }
}

/// A migration runner: the file names and markers of the history it applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[doc(hidden)] // the `statuskit` binary's instructions (gen, migrate new), not the statuses
pub enum MigrationStyle {
    /// sqlx (`sqlx migrate run`, `sqlx::migrate!`): `<version>_<name>.sql`.
    Sqlx,
    /// dbmate: `<version>_<name>.sql` with `-- migrate:up` and `-- migrate:down`.
    Dbmate,
    /// golang-migrate: `<version>_<name>.up.sql` (and `.down.sql`).
    GolangMigrate,
    /// Flyway: `V<version>__<name>.sql`.
    Flyway,
    /// No runner: numbered files applied in lexical order (`psql -v ON_ERROR_STOP=1 -f`).
    Plain,
}

impl MigrationStyle {
    /// Every style, in the order the documentation lists them.
    pub const ALL: &'static [MigrationStyle] = &[
        MigrationStyle::Sqlx,
        MigrationStyle::Dbmate,
        MigrationStyle::GolangMigrate,
        MigrationStyle::Flyway,
        MigrationStyle::Plain,
    ];

    /// The name `style` takes: `sqlx`, `dbmate`, `golang-migrate`, `flyway`, `plain`.
    pub const fn name(self) -> &'static str {
        match self {
            MigrationStyle::Sqlx => "sqlx",
            MigrationStyle::Dbmate => "dbmate",
            MigrationStyle::GolangMigrate => "golang-migrate",
            MigrationStyle::Flyway => "flyway",
            MigrationStyle::Plain => "plain",
        }
    }

    /// The style called `name`.
    pub fn from_name(name: &str) -> Option<MigrationStyle> {
        Self::ALL.iter().copied().find(|style| style.name() == name)
    }
}

/// Read-only access: a checked model cannot be changed into one that would not generate.
impl Schema {
    /// `[lint]`, if the schema has one.
    #[doc(hidden)]
    pub fn lint(&self) -> Option<&LintConfig> {
        self.lint.as_ref()
    }

    /// `[migrations]`, if the schema has one.
    #[doc(hidden)]
    pub fn migrations(&self) -> Option<&Migrations> {
        self.migrations.as_ref()
    }

    /// The statuses, in the order the file declares them.
    pub fn statuses(&self) -> &[Status] {
        &self.statuses
    }

    /// Every conversion the schema defines, grouped by source status in declaration order.
    pub fn conversions(&self) -> &[Conversion] {
        &self.conversions
    }
}

/// Where each status, and each status's run of conversions, sits.
#[derive(Clone, Debug, Default)]
struct Index {
    statuses: HashMap<String, usize>,
    conversions_from: HashMap<String, core::ops::Range<usize>>,
    /// Positions in `conversions` of those into each status, in declaration order.
    conversions_into: HashMap<String, Vec<usize>>,
}

impl Schema {
    /// A schema of `statuses` and `conversions` (grouped by source status), indexed by name.
    pub(crate) fn new(statuses: Vec<Status>, conversions: Vec<Conversion>) -> Self {
        let mut index = Index::default();
        for (i, status) in statuses.iter().enumerate() {
            index.statuses.entry(status.name.clone()).or_insert(i);
        }
        for (i, conversion) in conversions.iter().enumerate() {
            index
                .conversions_into
                .entry(conversion.to.clone())
                .or_default()
                .push(i);
        }
        let mut start = 0;
        while start < conversions.len() {
            let from = &conversions[start].from;
            let end = start
                + conversions[start..]
                    .iter()
                    .take_while(|c| &c.from == from)
                    .count();
            index
                .conversions_from
                .entry(from.clone())
                .or_insert(start..end);
            start = end;
        }
        Self {
            statuses,
            conversions,
            outputs: Vec::new(),
            migrations: None,
            lint: None,
            index,
        }
    }

    /// The status called `name`.
    pub fn status(&self, name: &str) -> Option<&Status> {
        self.index.statuses.get(name).map(|&i| &self.statuses[i])
    }

    /// The conversion from `from` to `to`, if the schema defines one.
    pub fn conversion(&self, from: &str, to: &str) -> Option<&Conversion> {
        self.conversions_from(from).find(|c| c.to == to)
    }

    /// Whether a status converting into the status `into` reads `value` and maps it: a
    /// legacy value that rows can be migrated through. With `any_case` (the status that
    /// stored it ignored case, so rows may hold it in any case), only a source that ignores
    /// case too reads them all.
    pub(crate) fn converts_into(&self, into: &str, value: &str, any_case: bool) -> bool {
        self.conversions_into(into).any(|conversion| {
            self.endpoints(conversion).is_some_and(|(source, _)| {
                (source.case_insensitive || !any_case)
                    && source
                        .spelled(value)
                        .is_some_and(|state| conversion.get(state).is_some())
            })
        })
    }

    /// `[[generate]]`: every configured output, in order.
    #[doc(hidden)]
    pub fn outputs(&self) -> &[Output] {
        &self.outputs
    }

    /// The conversions out of the status called `from`, in declaration order.
    pub fn conversions_from<'a>(&'a self, from: &str) -> impl Iterator<Item = &'a Conversion> {
        let run = self
            .index
            .conversions_from
            .get(from)
            .map_or(&[][..], |range| &self.conversions[range.clone()]);
        run.iter()
    }

    /// The source and target statuses of `conversion`, a conversion of this schema.
    pub fn endpoints(&self, conversion: &Conversion) -> Option<(&Status, &Status)> {
        Some((self.status(&conversion.from)?, self.status(&conversion.to)?))
    }

    /// The conversions into the status called `to`, in declaration order.
    pub fn conversions_into<'a>(&'a self, to: &str) -> impl Iterator<Item = &'a Conversion> {
        let positions = self
            .index
            .conversions_into
            .get(to)
            .map_or(&[][..], Vec::as_slice);
        positions.iter().map(|&i| &self.conversions[i])
    }

    /// The schema reduced to the statuses called `names` (in the schema's order) and the
    /// conversions between two of them: what `statuskit gen --status` and
    /// [`Builder::only`](crate::build::Builder::only) generate. Every name must be a status.
    ///
    /// # Errors
    ///
    /// The first name that is not a status of the schema.
    pub fn select<S: AsRef<str>>(&self, names: &[S]) -> Result<Schema, UnknownStatus> {
        let wanted = |name: &str| names.iter().any(|n| n.as_ref() == name);
        if let Some(unknown) = names.iter().find(|n| self.status(n.as_ref()).is_none()) {
            let unknown = unknown.as_ref();
            // Status names are types, so the likeliest slip is their case: `orderstatus`.
            let suggestion = self
                .statuses
                .iter()
                .find(|s| s.name.eq_ignore_ascii_case(unknown))
                .or_else(|| {
                    let near = crate::suggest::closest(
                        unknown,
                        self.statuses.iter().map(|s| s.name.as_str()),
                    )?;
                    self.status(near)
                })
                .map(|s| s.name.clone());
            return Err(UnknownStatus {
                name: unknown.to_owned(),
                suggestion,
            });
        }
        let statuses = self
            .statuses
            .iter()
            .filter(|s| wanted(&s.name))
            .cloned()
            .collect();
        let conversions = self
            .conversions
            .iter()
            .filter(|c| wanted(&c.from) && wanted(&c.to))
            .cloned()
            .collect();
        let mut selected = Schema::new(statuses, conversions);
        selected.outputs.clone_from(&self.outputs);
        selected.migrations.clone_from(&self.migrations);
        Ok(selected)
    }
}

/// A name given to [`Schema::select`] that is not a status of the schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownStatus {
    name: String,
    suggestion: Option<String>,
}

impl UnknownStatus {
    /// The name as given.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The status it most likely means: the same name in another case, or a near miss.
    pub fn suggestion(&self) -> Option<&str> {
        self.suggestion.as_deref()
    }
}

impl core::fmt::Display for UnknownStatus {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "the schema declares no status `{}`", self.name)?;
        match &self.suggestion {
            Some(near) => write!(f, "; did you mean `{near}`?"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for UnknownStatus {}

/// The index of a state within its [`Status::states`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StateId(pub(crate) usize);

impl StateId {
    /// The index into [`Status::states`].
    pub const fn index(self) -> usize {
        self.0
    }
}

/// One status: a named set of states with its lifecycle, spellings and settings.
#[derive(Clone, Debug)]
pub struct Status {
    /// The Rust type name, as declared (`[status.NAME]`).
    pub(crate) name: String,
    /// Where the name is declared.
    pub(crate) span: Span,
    /// `doc`: what the status is for.
    pub(crate) doc: Option<String>,
    /// `deprecated`: the note, if the status is deprecated (may be empty).
    pub(crate) deprecated: Option<String>,
    /// `extends`: the status this one extends directly.
    pub(crate) extends: Option<String>,
    /// The states, in schema order: a base's states first, then those `add`ed.
    pub(crate) states: Vec<State>,
    /// `initial`.
    pub(crate) initial: Option<StateId>,
    /// The transition relation: every declared and event edge, once each, ordered by
    /// source and then target state.
    pub(crate) transitions: Vec<Transition>,
    /// `events`, in declaration order (a base's first).
    pub(crate) events: Vec<Event>,
    /// `aliases`: extra spellings accepted when parsing, in declaration order.
    pub(crate) aliases: Vec<Alias>,
    /// The convention wire values were derived with.
    pub(crate) rename_all: RenameRule,
    /// Whether parsing ignores ASCII case.
    pub(crate) case_insensitive: bool,
    /// `fallback`: the state unknown input parses to.
    pub(crate) fallback: Option<StateId>,
    /// Which status's `terminal` list is in force, and where it is written.
    pub(crate) terminal_source: Option<(String, Span)>,
    /// `reserved`: retired wire values, as written, with where each is.
    pub(crate) reserved: Vec<(String, Span)>,
    /// State names and spellings by text, built on first use: lookups stay constant-time on
    /// a status of 100,000 states (the model is never changed once built).
    pub(crate) index: std::sync::OnceLock<StatusIndex>,
    /// `python = { … }` and `typescript = { … }`: the generated code's shape.
    pub(crate) shape: crate::shape::Shape,
}

/// A status's lookups by text.
#[derive(Clone, Debug, Default)]
pub(crate) struct StatusIndex {
    /// Each state's name.
    names: HashMap<String, StateId>,
    /// Each spelling (wire values, then aliases; the first wins), folded by the case rule,
    /// with its state and the spelling as written.
    spellings: HashMap<String, (StateId, String)>,
    /// Each state's aliases, as indexes into [`Status::aliases`].
    aliases_of: Vec<Vec<usize>>,
}

/// Read-only access: a checked model cannot be changed into one that would not generate.
impl Status {
    /// The Rust type name, as declared (`[status.NAME]`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Where the name is declared.
    pub fn span(&self) -> Span {
        self.span
    }

    /// `doc`: what the status is for.
    pub fn doc(&self) -> Option<&str> {
        self.doc.as_deref()
    }

    /// `deprecated`: the note, if the status is deprecated (may be empty).
    pub fn deprecated(&self) -> Option<&str> {
        self.deprecated.as_deref()
    }

    /// `extends`: the status this one extends directly.
    pub fn extends(&self) -> Option<&str> {
        self.extends.as_deref()
    }

    /// The states, in schema order: a base's states first, then those `add`ed.
    pub fn states(&self) -> &[State] {
        &self.states
    }

    /// `initial`.
    pub fn initial(&self) -> Option<StateId> {
        self.initial
    }

    /// The transition relation: every declared and event edge, once each, ordered by
    /// source and then target state.
    pub fn transitions(&self) -> &[Transition] {
        &self.transitions
    }

    /// `events`, in declaration order (a base's first).
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// `aliases`: extra spellings accepted when parsing, in declaration order.
    pub fn aliases(&self) -> &[Alias] {
        &self.aliases
    }

    /// The convention wire values were derived with.
    pub fn rename_all(&self) -> RenameRule {
        self.rename_all
    }

    /// Whether parsing ignores ASCII case.
    pub fn case_insensitive(&self) -> bool {
        self.case_insensitive
    }

    /// `fallback`: the state unknown input parses to.
    pub fn fallback(&self) -> Option<StateId> {
        self.fallback
    }

    /// `reserved`: wire values this status retired, which must never spell one of its states
    /// again (stored rows and old clients may still hold them), in declaration order.
    pub fn reserved(&self) -> impl Iterator<Item = &str> {
        self.reserved.iter().map(|(value, _)| value.as_str())
    }

    /// Which status's `terminal` list is in force, and where it is written.
    pub fn terminal_source(&self) -> Option<(&str, Span)> {
        self.terminal_source
            .as_ref()
            .map(|(name, span)| (name.as_str(), *span))
    }
}

/// One state of a status.
#[derive(Clone, Debug)]
pub struct State {
    /// Its position in [`Status::states`].
    pub(crate) id: StateId,
    /// The snake_case name used throughout the schema.
    pub(crate) name: String,
    /// The Rust variant name (UpperCamelCase of `name`).
    pub(crate) variant: String,
    /// The canonical wire value: written by every serialisation, accepted when parsing.
    pub(crate) wire: String,
    /// The display label (`labels`, else the name in sentence case).
    pub(crate) label: String,
    /// `docs`: what the state means.
    pub(crate) doc: Option<String>,
    /// Whether it is the `initial` state.
    pub(crate) is_initial: bool,
    /// Whether it is listed in `terminal`.
    pub(crate) is_terminal: bool,
    /// Where the state is declared (in `states` or `add`, possibly in a base).
    pub(crate) span: Span,
    /// The status whose `states` or `add` declares it (this one, or a base).
    pub(crate) declared_in: String,
    /// Where its `wire` entry is, if it has one.
    pub(crate) wire_span: Option<Span>,
}

/// Read-only access: a checked model cannot be changed into one that would not generate.
impl State {
    /// Its position in [`Status::states`].
    pub fn id(&self) -> StateId {
        self.id
    }

    /// The snake_case name used throughout the schema.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The Rust variant name (UpperCamelCase of `name`).
    pub fn variant(&self) -> &str {
        &self.variant
    }

    /// The canonical wire value: written by every serialisation, accepted when parsing.
    pub fn wire(&self) -> &str {
        &self.wire
    }

    /// The display label (`labels`, else the name in sentence case).
    pub fn label(&self) -> &str {
        &self.label
    }

    /// `docs`: what the state means.
    pub fn doc(&self) -> Option<&str> {
        self.doc.as_deref()
    }

    /// Whether it is the `initial` state.
    pub fn is_initial(&self) -> bool {
        self.is_initial
    }

    /// Whether it is listed in `terminal`.
    pub fn is_terminal(&self) -> bool {
        self.is_terminal
    }

    /// Where the state is declared (in `states` or `add`, possibly in a base).
    pub fn span(&self) -> Span {
        self.span
    }

    /// The status whose `states` or `add` declares it (this one, or a base).
    pub fn declared_in(&self) -> &str {
        &self.declared_in
    }

    /// Where its `wire` entry is, if it has one.
    pub fn wire_span(&self) -> Option<Span> {
        self.wire_span
    }
}

impl State {
    /// Where the state's wire value is decided: its `wire` entry, else its declaration.
    pub(crate) fn wire_site(&self) -> Span {
        self.wire_span.unwrap_or(self.span)
    }

    /// `"initial"`, `"terminal"`, `"initial, terminal"` or `""`: how docs and tables name
    /// the state's role.
    pub(crate) fn role(&self) -> &'static str {
        match (self.is_initial, self.is_terminal) {
            (true, true) => "initial, terminal",
            (true, false) => "initial",
            (false, true) => "terminal",
            (false, false) => "",
        }
    }
}

/// An allowed move from one state to another.
#[derive(Clone, Debug)]
pub struct Transition {
    /// The state it leaves.
    pub(crate) from: StateId,
    /// The state it enters.
    pub(crate) to: StateId,
    /// Where it is first declared: a target in `transitions`, or an event's `to`.
    pub(crate) span: Span,
    /// The status whose schema entry declares it (this one, or a base it inherits from).
    pub(crate) declared_in: String,
}

/// Read-only access: a checked model cannot be changed into one that would not generate.
impl Transition {
    /// The state it leaves.
    pub fn from(&self) -> StateId {
        self.from
    }

    /// The state it enters.
    pub fn to(&self) -> StateId {
        self.to
    }

    /// Where it is first declared: a target in `transitions`, or an event's `to`.
    pub fn span(&self) -> Span {
        self.span
    }

    /// The status whose schema entry declares it (this one, or a base it inherits from).
    pub fn declared_in(&self) -> &str {
        &self.declared_in
    }
}

/// A named transition (an operation), such as `start` or `mark_needs_rerun`.
#[derive(Clone, Debug)]
pub struct Event {
    /// The snake_case name.
    pub(crate) name: String,
    /// The Rust variant name of the event enum.
    pub(crate) variant: String,
    /// `doc`, if given.
    pub(crate) doc: Option<String>,
    /// The states it applies in, `*` expanded, in state order.
    pub(crate) from: Vec<StateId>,
    /// The state it moves to.
    pub(crate) to: StateId,
    /// Where the event is declared.
    pub(crate) span: Span,
    /// The status whose schema entry declares it.
    pub(crate) declared_in: String,
}

/// Read-only access: a checked model cannot be changed into one that would not generate.
impl Event {
    /// The snake_case name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The Rust variant name of the event enum.
    pub fn variant(&self) -> &str {
        &self.variant
    }

    /// `doc`, if given.
    pub fn doc(&self) -> Option<&str> {
        self.doc.as_deref()
    }

    /// The states it applies in, `*` expanded, in state order.
    pub fn from(&self) -> &[StateId] {
        &self.from
    }

    /// The state it moves to.
    pub fn to(&self) -> StateId {
        self.to
    }

    /// Where the event is declared.
    pub fn span(&self) -> Span {
        self.span
    }

    /// The status whose schema entry declares it.
    pub fn declared_in(&self) -> &str {
        &self.declared_in
    }
}

/// An accepted legacy spelling of a state.
#[derive(Clone, Debug)]
pub struct Alias {
    /// The spelling, exactly as written.
    pub(crate) spelling: String,
    /// The state it stands for.
    pub(crate) state: StateId,
    /// Where it is declared.
    pub(crate) span: Span,
    /// The status whose schema entry declares it.
    pub(crate) declared_in: String,
}

/// Read-only access: a checked model cannot be changed into one that would not generate.
impl Alias {
    /// The spelling, exactly as written.
    pub fn spelling(&self) -> &str {
        &self.spelling
    }

    /// The state it stands for.
    pub fn state(&self) -> StateId {
        self.state
    }

    /// Where it is declared.
    pub fn span(&self) -> Span {
        self.span
    }

    /// The status whose schema entry declares it.
    pub fn declared_in(&self) -> &str {
        &self.declared_in
    }
}

/// How one spelling is accepted when parsing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SpellingKind {
    /// The canonical wire value.
    Wire,
    /// An alias.
    Alias,
}

/// A string that parses to a state, for generators of parsers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Spelling<'a> {
    /// The text as written in the schema (match it ignoring ASCII case when
    /// [`Status::case_insensitive`] is set).
    pub text: &'a str,
    /// The state it parses to.
    pub state: StateId,
    /// Canonical or alias.
    pub kind: SpellingKind,
}

impl Status {
    /// The state with this id.
    ///
    /// # Panics
    /// If `id` does not come from this status.
    pub fn state(&self, id: StateId) -> &State {
        &self.states[id.0]
    }

    /// The id of the state called `name`.
    pub fn state_id(&self, name: &str) -> Option<StateId> {
        self.index().names.get(name).copied()
    }

    /// The lookups by text, built once.
    fn index(&self) -> &StatusIndex {
        self.index.get_or_init(|| {
            let mut index = StatusIndex::default();
            for state in &self.states {
                index.names.entry(state.name.clone()).or_insert(state.id);
            }
            for spelling in self.spellings() {
                index
                    .spellings
                    .entry(self.folded(spelling.text).into_owned())
                    .or_insert_with(|| (spelling.state, spelling.text.to_owned()));
            }
            index.aliases_of = vec![Vec::new(); self.states.len()];
            for (i, alias) in self.aliases.iter().enumerate() {
                if let Some(list) = index.aliases_of.get_mut(alias.state.index()) {
                    list.push(i);
                }
            }
            index
        })
    }

    /// The spellings of one state: its wire value, then its aliases in declaration order.
    // The SQL target's; the derive builds without it.
    #[cfg_attr(not(feature = "targets"), allow(dead_code))]
    pub(crate) fn spellings_of(&self, state: StateId) -> impl Iterator<Item = &str> {
        let aliases = self.index().aliases_of.get(state.index());
        std::iter::once(self.state(state).wire.as_str()).chain(
            aliases
                .into_iter()
                .flatten()
                .map(|&i| self.aliases[i].spelling.as_str()),
        )
    }

    /// `text` as the case rule compares it.
    fn folded<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        if self.case_insensitive {
            std::borrow::Cow::Owned(text.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(text)
        }
    }

    /// Whether the status has a lifecycle (transitions or events), as opposed to being a
    /// plain value set such as an outcome.
    pub fn has_lifecycle(&self) -> bool {
        !self.transitions.is_empty() || !self.events.is_empty()
    }

    /// The terminal states, in state order.
    pub fn terminal_states(&self) -> impl Iterator<Item = &State> {
        self.states.iter().filter(|s| s.is_terminal)
    }

    /// Whether `from → to` is an allowed move.
    pub fn can_transition(&self, from: StateId, to: StateId) -> bool {
        self.transitions
            .binary_search_by(|t| (t.from, t.to).cmp(&(from, to)))
            .is_ok()
    }

    /// The states `from` may move to, in state order.
    pub fn successors(&self, from: StateId) -> impl Iterator<Item = StateId> + '_ {
        let start = self.transitions.partition_point(|t| t.from < from);
        self.transitions[start..]
            .iter()
            .take_while(move |t| t.from == from)
            .map(|t| t.to)
    }

    /// The event called `name`.
    pub fn event(&self, name: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.name == name)
    }

    /// Every accepted spelling: each state's wire value, then each alias.
    pub fn spellings(&self) -> impl Iterator<Item = Spelling<'_>> {
        let wires = self.states.iter().map(|s| Spelling {
            text: &s.wire,
            state: s.id,
            kind: SpellingKind::Wire,
        });
        let aliases = self.aliases.iter().map(|a| Spelling {
            text: &a.spelling,
            state: a.state,
            kind: SpellingKind::Alias,
        });
        wires.chain(aliases)
    }

    /// The state `input` parses to, by the same rules every generated parser follows:
    /// wire values and aliases, ASCII case ignored when the status says so, else the
    /// fallback. This is the reference the generated code is tested against.
    pub fn parse(&self, input: &str) -> Option<StateId> {
        self.spelled(input).or(self.fallback)
    }

    /// The state `input` spells (a wire value or an alias, under the case rule), without
    /// the fallback: what a migration must rewrite or may leave alone.
    pub fn spelled(&self, input: &str) -> Option<StateId> {
        self.spelling_of(input).map(|(state, _)| state)
    }

    /// The state `input` spells and the spelling, as written, that it matches (itself, or
    /// another case of it where the status ignores case).
    pub(crate) fn spelling_of(&self, input: &str) -> Option<(StateId, &str)> {
        self.index()
            .spellings
            .get(self.folded(input).as_ref())
            .map(|(state, text)| (*state, text.as_str()))
    }

    /// Whether `value` is `reserved`, under the status's case rule.
    pub fn is_reserved(&self, value: &str) -> bool {
        self.reserved().any(|r| self.same_spelling(r, value))
    }

    /// Whether two texts spell the same value under the status's case rule.
    fn same_spelling(&self, a: &str, b: &str) -> bool {
        if self.case_insensitive {
            a.eq_ignore_ascii_case(b)
        } else {
            a == b
        }
    }
}

/// Which relation between two statuses a [`Conversion`] comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConversionKind {
    /// `into.<Other>` between statuses not related by `extends`.
    Explicit,
    /// From an extension to a status it extends (directly or through a chain); same-named
    /// states map onto each other, `into` entries map the rest.
    ToBase,
    /// From a status to an extension of it; same-named states map onto each other.
    FromBase,
}

/// A mapping of one status's states onto another's.
#[derive(Clone, Debug)]
pub struct Conversion {
    /// The source status.
    pub(crate) from: String,
    /// The target status.
    pub(crate) to: String,
    /// Where the conversion comes from.
    pub(crate) kind: ConversionKind,
    /// For each source state (indexed by its [`StateId`]), the target state, if it has one.
    pub(crate) map: Vec<Option<StateId>>,
}

/// Read-only access: a checked model cannot be changed into one that would not generate.
impl Conversion {
    /// The source status.
    pub fn from(&self) -> &str {
        &self.from
    }

    /// The target status.
    pub fn to(&self) -> &str {
        &self.to
    }

    /// Where the conversion comes from.
    pub fn kind(&self) -> ConversionKind {
        self.kind
    }

    /// For each source state (indexed by its [`StateId`]), the target state, if it has one.
    pub fn map(&self) -> &[Option<StateId>] {
        &self.map
    }
}

impl Conversion {
    /// Whether every source state has a target: total conversions become `From`, partial
    /// ones `TryFrom`.
    pub fn is_total(&self) -> bool {
        self.map.iter().all(Option::is_some)
    }

    /// The target of source state `from`.
    pub fn get(&self, from: StateId) -> Option<StateId> {
        self.map.get(from.0).copied().flatten()
    }
}
