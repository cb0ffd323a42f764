//! Reading the TOML document into [`RawSchema`], reporting syntax errors, wrong types and
//! unknown keys as it goes and carrying on past each.

use toml::Spanned as TomlSpanned;
use toml::de::{DeString, DeTable, DeValue};

use super::{
    Name, NameList, Pair, RawDefaults, RawEvent, RawInto, RawMigrations, RawOutput, RawSchema,
    RawStatus, RawTransition,
};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::naming::RenameRule;
use crate::shape::{Shape, rules};
use crate::source::{SourceFile, Span, Spanned};
use crate::suggest;

type Value<'i> = TomlSpanned<DeValue<'i>>;
type Key<'i> = TomlSpanned<DeString<'i>>;

/// The schema version this tool reads.
pub const SCHEMA_VERSION: i64 = 1;

use super::keys::{self, DEFAULTS, EVENT, GENERATE, LINT, MIGRATIONS, STATUS, TOP};

/// Reads `file` into a [`RawSchema`]. Problems go to `diagnostics`; the result holds whatever
/// could be read. After a TOML syntax error only the first syntax error is reported: what the
/// parser recovered is too unreliable to check further without cascading noise.
pub fn parse(file: &SourceFile, diagnostics: &mut Diagnostics) -> RawSchema {
    let (document, errors) = DeTable::parse_recoverable(file.text());
    // The parser recovers and goes on, but one unclosed bracket or quote turns every line
    // after it into errors of its own ("invalid float", "missing comma"): only the first is
    // the mistake, so it is reported alone, with how many followed.
    if let Some(first) = errors.first() {
        let span = first.span().map_or(Span::new(0, 0), Span::from);
        let mut diagnostic = Diagnostic::new(Code::TomlSyntax, span, "invalid TOML")
            .label(first.message().to_owned());
        let more = errors.len() - 1;
        if more > 0 {
            diagnostic = diagnostic.note(format!(
                "{more} more syntax error{} after this one, most often caused by it (an array, table or string left open); fix this and check again",
                if more == 1 { "" } else { "s" }
            ));
        }
        diagnostics.push(diagnostic);
        return RawSchema::default();
    }
    let mut reader = Reader { diagnostics };
    reader.document(document.get_ref())
}

struct Reader<'d> {
    diagnostics: &'d mut Diagnostics,
}

/// The entries of a table in the order they were written (the parser keeps them sorted by key).
fn entries<'a, 'i>(table: &'a DeTable<'i>) -> Vec<(&'a Key<'i>, &'a Value<'i>)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

fn span_of<T>(value: &TomlSpanned<T>) -> Span {
    Span::from(value.span())
}

fn name(key: &Key<'_>) -> Name {
    Spanned::new(key.get_ref().to_string(), span_of(key))
}

/// "a string", "an array", … for messages.
fn type_phrase(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a datetime",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl Reader<'_> {
    fn document(&mut self, table: &DeTable<'_>) -> RawSchema {
        let mut schema = RawSchema::default();
        let mut version_seen = false;
        for (key, value) in entries(table) {
            match key.get_ref().as_ref() {
                "schema_version" => {
                    version_seen = true;
                    schema.schema_version = self.version(value);
                }
                "defaults" => {
                    if let Some(defaults) = self.table("defaults", value) {
                        schema.defaults = self.defaults(defaults);
                    }
                }
                "status" => {
                    if let Some(statuses) = self.table("status", value) {
                        for (name_key, body) in entries(statuses) {
                            let context = format!("status `{}`", name_key.get_ref());
                            if let Some(body) = self.table(&context, body) {
                                schema.statuses.push(self.status(name(name_key), body));
                            }
                        }
                    }
                }
                "generate" => schema.generate = self.generate(value),
                "migrations" => schema.migrations = self.migrations(value),
                "lint" => schema.lint = self.lint(value),
                _ => self.unknown_key(key, TOP, "the top level"),
            }
        }
        if !version_seen {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::SchemaVersion,
                    Span::new(0, 0),
                    "missing `schema_version`",
                )
                .label("the schema starts here")
                .help(format!(
                    "add `schema_version = {SCHEMA_VERSION}` as the first line"
                )),
            );
        }
        schema
    }

    /// `[[generate]]`: one table per output.
    fn generate(&mut self, value: &Value<'_>) -> Vec<RawOutput> {
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type("generate", "an array of tables (`[[generate]]`)", value);
            return Vec::new();
        };
        let mut outputs = Vec::new();
        for item in items {
            let Some(table) = self.table("a `[[generate]]` entry", item) else {
                continue;
            };
            let mut output = RawOutput {
                span: span_of(item),
                target: None,
                out: None,
                statuses: None,
                columns: None,
                text: None,
                zod: None,
                sqlalchemy: None,
            };
            for (key, value) in entries(table) {
                let k = key.get_ref().as_ref();
                match k {
                    "target" => output.target = self.string(k, value),
                    "out" => output.out = self.string(k, value),
                    "statuses" => output.statuses = self.string_list(k, value),
                    "column" => output.columns = self.string_list(k, value),
                    "text" => output.text = self.boolean(k, value),
                    "zod" => output.zod = self.zod(value),
                    "sqlalchemy" => output.sqlalchemy = self.boolean(k, value),
                    _ => self.unknown_key(key, GENERATE, "a `[[generate]]` entry"),
                }
            }
            for (missing, present) in [
                ("target", output.target.is_some()),
                ("out", output.out.is_some()),
            ] {
                if !present {
                    self.diagnostics.push(
                        Diagnostic::new(
                            Code::MissingKey,
                            output.span,
                            format!("a `[[generate]]` entry has no `{missing}`"),
                        )
                        .label(format!("needs `{missing}`"))
                        .help("each output names its `target` (`typescript`, `sql`, …) and the file it is written to, `out`, relative to the schema"),
                    );
                }
            }
            outputs.push(output);
        }
        outputs
    }

    /// `[lint]`: what `statuskit lint` reads, and each rule's level.
    fn lint(&mut self, value: &Value<'_>) -> Option<super::RawLint> {
        let table = self.table("lint", value)?;
        let mut lint = super::RawLint {
            paths: None,
            exclude: None,
            rules: Vec::new(),
        };
        for (key, value) in entries(table) {
            let k = key.get_ref().as_ref();
            match k {
                "paths" => lint.paths = self.string_list(k, value),
                "exclude" => lint.exclude = self.string_list(k, value),
                "rules" => lint.rules = self.string_map(k, value),
                _ => self.unknown_key(key, LINT, "`[lint]`"),
            }
        }
        Some(lint)
    }

    /// `[migrations]`: where the history is and how its files are written.
    fn migrations(&mut self, value: &Value<'_>) -> Option<RawMigrations> {
        let table = self.table("migrations", value)?;
        let mut migrations = RawMigrations {
            span: span_of(value),
            dir: None,
            style: None,
            storage: None,
            columns: Vec::new(),
        };
        for (key, value) in entries(table) {
            let k = key.get_ref().as_ref();
            match k {
                "dir" => migrations.dir = self.string(k, value),
                "style" => migrations.style = self.string(k, value),
                "storage" => migrations.storage = self.string(k, value),
                "columns" => migrations.columns = self.string_map(k, value),
                _ => self.unknown_key(key, MIGRATIONS, "`[migrations]`"),
            }
        }
        for (missing, present, help) in [
            (
                "dir",
                migrations.dir.is_some(),
                "name the history's directory, relative to the schema: `dir = \"db/migrations\"`",
            ),
            (
                "style",
                migrations.style.is_some(),
                "name the runner that applies the files: `style = \"sqlx\"` (or dbmate, golang-migrate, flyway, plain)",
            ),
        ] {
            if !present {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::MissingKey,
                        migrations.span,
                        format!("`[migrations]` has no `{missing}`"),
                    )
                    .label(format!("needs `{missing}`"))
                    .help(help),
                );
            }
        }
        Some(migrations)
    }

    fn version(&mut self, value: &Value<'_>) -> Option<Spanned<i64>> {
        let DeValue::Integer(integer) = value.get_ref() else {
            self.wrong_type("schema_version", "an integer", value);
            return None;
        };
        let parsed = i64::from_str_radix(integer.as_str(), integer.radix()).ok();
        if parsed != Some(SCHEMA_VERSION) {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::SchemaVersion,
                    span_of(value),
                    format!("unsupported `schema_version` {}", integer.as_str()),
                )
                .label(format!("this statuskit reads version {SCHEMA_VERSION}"))
                .help(format!(
                    "set `schema_version = {SCHEMA_VERSION}`, or upgrade statuskit"
                )),
            );
        }
        parsed.map(|v| Spanned::new(v, span_of(value)))
    }

    fn defaults(&mut self, table: &DeTable<'_>) -> RawDefaults {
        let mut defaults = RawDefaults::default();
        for (key, value) in entries(table) {
            match key.get_ref().as_ref() {
                "rename_all" => defaults.rename_all = self.rename_rule(value),
                "case_insensitive" => {
                    defaults.case_insensitive = self.boolean("case_insensitive", value);
                }
                "python" => self.python(value, "`[defaults.python]`", &mut defaults.shape),
                "typescript" => self.typescript(
                    value,
                    "`[defaults.typescript]`",
                    keys::TYPESCRIPT_DEFAULTS,
                    &mut defaults.shape,
                ),
                _ => self.unknown_key(key, DEFAULTS, "`[defaults]`"),
            }
        }
        defaults
    }

    fn status(&mut self, name: Name, table: &DeTable<'_>) -> RawStatus {
        let mut status = RawStatus::empty(name);
        for (key, value) in entries(table) {
            let k = key.get_ref().as_ref();
            match k {
                "doc" => status.doc = self.string(k, value),
                "states" => status.states = self.string_list(k, value),
                "initial" => status.initial = self.string(k, value),
                "terminal" => status.terminal = self.string_or_list(k, value),
                "transitions" => status.transitions = self.transitions(value),
                "events" => status.events = self.events(value),
                "extends" => status.extends = self.string(k, value),
                "add" => status.add = self.string_list(k, value),
                "remove" => status.remove = self.string_list(k, value),
                "aliases" => status.aliases = self.string_map(k, value),
                "labels" => status.labels = self.string_map(k, value),
                "docs" => status.docs = self.string_map(k, value),
                "wire" => status.wire = self.string_map(k, value),
                "into" => status.into = self.into(value),
                "rename_all" => status.rename_all = self.rename_rule(value),
                "case_insensitive" => status.case_insensitive = self.boolean(k, value),
                "fallback" => status.fallback = self.string(k, value),
                "deprecated" => status.deprecated = self.deprecated(value),
                "reserved" => status.reserved = self.string_list(k, value),
                "python" => {
                    let context = format!("`[status.{}.python]`", status.name.value);
                    self.python(value, &context, &mut status.shape);
                }
                "typescript" => {
                    let context = format!("`[status.{}.typescript]`", status.name.value);
                    self.typescript(value, &context, keys::TYPESCRIPT, &mut status.shape);
                }
                _ => self.unknown_key(key, STATUS, &format!("status `{}`", status.name.value)),
            }
        }
        status
    }

    fn transitions(&mut self, value: &Value<'_>) -> Vec<RawTransition> {
        let Some(table) = self.table("transitions", value) else {
            return Vec::new();
        };
        entries(table)
            .into_iter()
            .filter_map(|(source, targets)| {
                let context = format!("the targets of `{}`", source.get_ref());
                let to = self.string_or_list(&context, targets)?;
                Some(RawTransition {
                    from: name(source),
                    to: to.value,
                })
            })
            .collect()
    }

    fn events(&mut self, value: &Value<'_>) -> Vec<RawEvent> {
        let Some(table) = self.table("events", value) else {
            return Vec::new();
        };
        let mut events = Vec::new();
        for (event_key, body) in entries(table) {
            let context = format!("event `{}`", event_key.get_ref());
            let Some(body) = self.table(&context, body) else {
                continue;
            };
            let mut event = RawEvent {
                name: name(event_key),
                from: Vec::new(),
                to: None,
                doc: None,
            };
            let (mut from_seen, mut to_seen) = (false, false);
            for (key, value) in entries(body) {
                match key.get_ref().as_ref() {
                    "from" => {
                        from_seen = true;
                        if let Some(from) = self.string_or_list("from", value) {
                            if from.value.is_empty() {
                                self.diagnostics.push(
                                    Diagnostic::new(
                                        Code::WrongType,
                                        from.span,
                                        format!("{context} applies in no state"),
                                    )
                                    .label("an empty list")
                                    .help("list the states it applies in, or `\"*\"` for every non-terminal state"),
                                );
                            }
                            event.from = from.value;
                        }
                    }
                    "to" => {
                        to_seen = true;
                        event.to = self.string("to", value);
                    }
                    "doc" => event.doc = self.string("doc", value),
                    _ => self.unknown_key(key, EVENT, &context),
                }
            }
            for (seen, missing, help) in [
                (
                    from_seen,
                    "from",
                    "add `from = \"state\"`, a list of states, or `\"*\"`",
                ),
                (to_seen, "to", "add `to = \"state\"`"),
            ] {
                if !seen {
                    self.diagnostics.push(
                        Diagnostic::new(
                            Code::MissingKey,
                            event.name.span,
                            format!("{context} has no `{missing}`"),
                        )
                        .label(format!("needs `{missing}`"))
                        .help(help),
                    );
                }
            }
            events.push(event);
        }
        events
    }

    fn into(&mut self, value: &Value<'_>) -> Vec<RawInto> {
        let Some(table) = self.table("into", value) else {
            return Vec::new();
        };
        entries(table)
            .into_iter()
            .map(|(target, map)| RawInto {
                target: name(target),
                map: self.string_map(&format!("into.{}", target.get_ref()), map),
            })
            .collect()
    }

    fn deprecated(&mut self, value: &Value<'_>) -> Option<Name> {
        match value.get_ref() {
            DeValue::String(note) => Some(Spanned::new(note.to_string(), span_of(value))),
            DeValue::Boolean(true) => Some(Spanned::new(String::new(), span_of(value))),
            DeValue::Boolean(false) => None,
            _ => {
                self.wrong_type("deprecated", "a string (the note) or a boolean", value);
                None
            }
        }
    }

    /// `python = { base, mixin, helper_prefix }`.
    fn python(&mut self, value: &Value<'_>, context: &str, shape: &mut Shape) {
        let Some(table) = self.table(context, value) else {
            return;
        };
        for (key, value) in entries(table) {
            let k = key.get_ref().as_ref();
            match k {
                "base" => shape.python_base = self.valid(k, value, rules::python_base),
                "mixin" => shape.python_mixin = self.valid(k, value, rules::mixin),
                "helper_prefix" => {
                    shape.python_helper_prefix = self.valid(k, value, rules::helper_prefix);
                }
                _ => self.unknown_key(key, keys::PYTHON, context),
            }
        }
    }

    /// `typescript = { keys, declaration, object, type }` (`[defaults]` takes no names).
    fn typescript(
        &mut self,
        value: &Value<'_>,
        context: &str,
        allowed: &[keys::Key],
        shape: &mut Shape,
    ) {
        let Some(table) = self.table(context, value) else {
            return;
        };
        let takes = |name: &str| allowed.iter().any(|key| key.name == name);
        for (key, value) in entries(table) {
            let k = key.get_ref().as_ref();
            match k {
                "keys" => shape.ts_keys = self.valid(k, value, rules::key_style),
                "declaration" => shape.ts_declaration = self.valid(k, value, rules::declaration),
                "object" if takes(k) => {
                    shape.ts_object = self.valid(k, value, |v| rules::ts_name(k, v));
                }
                "type" if takes(k) => {
                    shape.ts_type = self.valid(k, value, |v| rules::ts_name(k, v));
                }
                _ => self.unknown_key(key, allowed, context),
            }
        }
        let declares_enum = shape
            .ts_declaration
            .as_ref()
            .is_some_and(|d| d.value == crate::shape::Declaration::Enum.name());
        if let (true, Some(object), Some(ty)) = (declares_enum, &shape.ts_object, &shape.ts_type) {
            if let Some(diagnostic) = rules::enum_names(object, ty) {
                self.diagnostics.push(diagnostic);
                shape.ts_type = None;
            }
        }
    }

    /// A string that `rule` accepts; what it refuses is reported and read as absent.
    fn valid(
        &mut self,
        what: &str,
        value: &Value<'_>,
        rule: impl Fn(&Name) -> Option<Diagnostic>,
    ) -> Option<Name> {
        let text = self.string(what, value)?;
        match rule(&text) {
            Some(diagnostic) => {
                self.diagnostics.push(diagnostic);
                None
            }
            None => Some(text),
        }
    }

    /// `zod = true`, `zod = 3` or `zod = 4`: the major version (`true` is 4), or `None`
    /// for `false` and for a wrong value (reported).
    fn zod(&mut self, value: &Value<'_>) -> Option<Spanned<i64>> {
        let version = match value.get_ref() {
            DeValue::Boolean(flag) => flag.then_some(4),
            DeValue::Integer(integer) => i64::from_str_radix(integer.as_str(), integer.radix())
                .ok()
                .filter(|v| [3, 4].contains(v))
                .or_else(|| {
                    self.wrong_type("zod", "`true`, `3` or `4` (zod's major version)", value);
                    None
                }),
            _ => {
                self.wrong_type("zod", "`true`, `3` or `4` (zod's major version)", value);
                None
            }
        };
        version.map(|v| Spanned::new(v, span_of(value)))
    }

    fn rename_rule(&mut self, value: &Value<'_>) -> Option<Spanned<RenameRule>> {
        let text = self.string("rename_all", value)?;
        if let Some(rule) = RenameRule::from_name(&text.value) {
            return Some(Spanned::new(rule, text.span));
        }
        self.diagnostics.push(unknown_rename_rule(&text));
        None
    }

    // ---- typed accessors: each reports a wrong type and returns None ----

    fn table<'a, 'i>(&mut self, what: &str, value: &'a Value<'i>) -> Option<&'a DeTable<'i>> {
        if let DeValue::Table(table) = value.get_ref() {
            Some(table)
        } else {
            self.wrong_type(what, "a table", value);
            None
        }
    }

    fn string(&mut self, what: &str, value: &Value<'_>) -> Option<Name> {
        if let DeValue::String(text) = value.get_ref() {
            Some(Spanned::new(text.to_string(), span_of(value)))
        } else {
            self.wrong_type(what, "a string", value);
            None
        }
    }

    fn boolean(&mut self, what: &str, value: &Value<'_>) -> Option<Spanned<bool>> {
        if let DeValue::Boolean(flag) = value.get_ref() {
            Some(Spanned::new(*flag, span_of(value)))
        } else {
            self.wrong_type(what, "`true` or `false`", value);
            None
        }
    }

    fn string_list(&mut self, what: &str, value: &Value<'_>) -> Option<NameList> {
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(what, "an array of strings", value);
            return None;
        };
        let names = items
            .iter()
            .filter_map(|item| self.string(&format!("an item of `{what}`"), item))
            .collect();
        Some(Spanned::new(names, span_of(value)))
    }

    /// A single string or an array of strings, for keys where one item is common.
    fn string_or_list(&mut self, what: &str, value: &Value<'_>) -> Option<NameList> {
        match value.get_ref() {
            DeValue::String(text) => Some(Spanned::new(
                vec![Spanned::new(text.to_string(), span_of(value))],
                span_of(value),
            )),
            DeValue::Array(_) => self.string_list(what, value),
            _ => {
                self.wrong_type(what, "a string or an array of strings", value);
                None
            }
        }
    }

    fn string_map(&mut self, what: &str, value: &Value<'_>) -> Vec<Pair> {
        let Some(table) = self.table(what, value) else {
            return Vec::new();
        };
        entries(table)
            .into_iter()
            .filter_map(|(key, value)| {
                let context = format!("`{what}.{}`", key.get_ref());
                Some(Pair {
                    key: name(key),
                    value: self.string(&context, value)?,
                })
            })
            .collect()
    }

    // ---- reports ----

    fn wrong_type(&mut self, what: &str, expected: &str, value: &Value<'_>) {
        let found = type_phrase(value.get_ref());
        let what = if what.starts_with('`') || what.contains(' ') {
            what.to_owned()
        } else {
            format!("`{what}`")
        };
        self.diagnostics.push(
            Diagnostic::new(
                Code::WrongType,
                span_of(value),
                format!("{what} must be {expected}, found {found}"),
            )
            .label(format!("expected {expected}")),
        );
    }

    fn unknown_key(&mut self, key: &Key<'_>, allowed: &[keys::Key], context: &str) {
        let allowed = keys::names(allowed);
        let text = key.get_ref();
        self.diagnostics.push(
            Diagnostic::new(
                Code::UnknownKey,
                span_of(key),
                format!("unknown key `{text}` in {context}"),
            )
            .label("not a key of the schema language")
            .maybe_help(suggest::did_you_mean(text, allowed.clone()))
            .note(format!("{context} takes {}", suggest::list(allowed, 24))),
        );
    }
}

/// `rename_all` names no rule: the nearest, and the list.
pub(crate) fn unknown_rename_rule(text: &Name) -> Diagnostic {
    let names = RenameRule::ALL.iter().map(|(name, _)| *name);
    Diagnostic::new(
        Code::UnknownRenameRule,
        text.span,
        format!("unknown `rename_all` rule `{}`", text.value),
    )
    .label("not a case convention")
    .maybe_help(suggest::did_you_mean(&text.value, names.clone()))
    .note(format!("the rules are {}", suggest::list(names, 8)))
}
