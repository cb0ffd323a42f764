//! The raw schema: the TOML file read into typed structs, every key and value with its span,
//! nothing resolved yet.
//!
//! This mirrors what the user wrote, not what it means: `extends` is still a name, `*` is
//! still a string, inherited states are absent. [`crate::resolve`] turns it into the model.

pub(crate) mod keys;
mod parse;

pub use parse::parse;
pub(crate) use parse::unknown_rename_rule;

use crate::naming::RenameRule;
use crate::source::Spanned;

/// A name or string as written, with its span.
pub type Name = Spanned<String>;

/// A list as written: the items with theirs, and the span of the whole value.
pub type NameList = Spanned<Vec<Name>>;

/// One `key = "value"` entry of a string map such as `aliases` or `labels`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    /// The key as written.
    pub key: Name,
    /// The value as written.
    pub value: Name,
}

/// The whole file.
#[derive(Clone, Debug, Default)]
pub struct RawSchema {
    /// `schema_version`, if present and an integer.
    pub schema_version: Option<Spanned<i64>>,
    /// `[defaults]`.
    pub defaults: RawDefaults,
    /// Every `[status.NAME]`, in the order they appear in the file.
    pub statuses: Vec<RawStatus>,
    /// Every `[[generate]]` entry, in order.
    pub generate: Vec<RawOutput>,
    /// `[migrations]`, if present.
    pub migrations: Option<RawMigrations>,
    /// `[lint]`, if present.
    pub lint: Option<RawLint>,
}

/// `[lint]`: what `statuskit lint` reads, and each rule's level.
#[derive(Clone, Debug)]
pub struct RawLint {
    /// `paths`: the directories to lint, relative to the schema file.
    pub paths: Option<NameList>,
    /// `exclude`: gitignore globs to leave out.
    pub exclude: Option<NameList>,
    /// `rules`: `rule = "level"` entries.
    pub rules: Vec<Pair>,
}

/// `[migrations]`: the migration history `statuskit migrate new` writes.
#[derive(Clone, Debug)]
pub struct RawMigrations {
    /// The whole table.
    pub span: crate::source::Span,
    /// `dir`: the history's directory, relative to the schema file.
    pub dir: Option<Name>,
    /// `style`: the migration runner whose files are written.
    pub style: Option<Name>,
    /// `storage`: `enum` or `text`.
    pub storage: Option<Name>,
    /// `columns`: `"table.column" = "Status"` entries.
    pub columns: Vec<Pair>,
}

/// One `[[generate]]` entry: a target written to a file.
#[derive(Clone, Debug)]
pub struct RawOutput {
    /// The whole entry.
    pub span: crate::source::Span,
    /// `target`: a target's name.
    pub target: Option<Name>,
    /// `out`: the path written, relative to the schema file.
    pub out: Option<Name>,
    /// `statuses`: only these (all when absent).
    pub statuses: Option<NameList>,
    /// `column`: `table.column=Status` bindings, for `sql`.
    pub columns: Option<NameList>,
    /// `text`: text columns with `CHECK` instead of enum types, for `sql`.
    pub text: Option<Spanned<bool>>,
    /// `zod`: zod schemas beside the types, for `typescript`: `true` or the major version
    /// (3 or 4; `true` is 4), as written.
    pub zod: Option<Spanned<i64>>,
    /// `sqlalchemy`: SQLAlchemy column types beside the enums, for `python`.
    pub sqlalchemy: Option<Spanned<bool>>,
}

/// `[defaults]`: settings every status starts from.
#[derive(Clone, Debug, Default)]
pub struct RawDefaults {
    /// `rename_all`.
    pub rename_all: Option<Spanned<RenameRule>>,
    /// `case_insensitive`.
    pub case_insensitive: Option<Spanned<bool>>,
    /// `python = { … }` and `typescript = { … }`: the generated code's shape.
    pub shape: crate::shape::Shape,
}

/// One `[status.NAME]` table, key by key.
#[derive(Clone, Debug)]
#[allow(missing_docs)] // each field is the schema key of the same name, defined in the README's schema reference
pub struct RawStatus {
    pub name: Name,
    pub doc: Option<Name>,
    pub states: Option<NameList>,
    pub initial: Option<Name>,
    pub terminal: Option<NameList>,
    pub transitions: Vec<RawTransition>,
    pub events: Vec<RawEvent>,
    pub extends: Option<Name>,
    pub add: Option<NameList>,
    pub remove: Option<NameList>,
    pub aliases: Vec<Pair>,
    pub labels: Vec<Pair>,
    pub docs: Vec<Pair>,
    pub wire: Vec<Pair>,
    pub into: Vec<RawInto>,
    pub rename_all: Option<Spanned<RenameRule>>,
    pub case_insensitive: Option<Spanned<bool>>,
    pub fallback: Option<Name>,
    /// The deprecation note; `deprecated = true` gives an empty note.
    pub deprecated: Option<Name>,
    /// Retired wire values that must never spell a state again.
    pub reserved: Option<NameList>,
    /// `python = { … }` and `typescript = { … }`: the generated code's shape.
    pub shape: crate::shape::Shape,
}

impl RawStatus {
    /// A status named `name` with no keys set.
    pub fn empty(name: Name) -> Self {
        Self {
            name,
            doc: None,
            states: None,
            initial: None,
            terminal: None,
            transitions: Vec::new(),
            events: Vec::new(),
            extends: None,
            add: None,
            remove: None,
            aliases: Vec::new(),
            labels: Vec::new(),
            docs: Vec::new(),
            wire: Vec::new(),
            into: Vec::new(),
            rename_all: None,
            case_insensitive: None,
            fallback: None,
            deprecated: None,
            reserved: None,
            shape: crate::shape::Shape::default(),
        }
    }
}

/// One entry of `transitions`: a source (a state or `*`) and its targets.
#[derive(Clone, Debug)]
pub struct RawTransition {
    /// The source state, or `*`.
    pub from: Name,
    /// The target states.
    pub to: Vec<Name>,
}

/// One entry of `events`.
#[derive(Clone, Debug)]
pub struct RawEvent {
    /// The event's name (its key).
    pub name: Name,
    /// The states it applies in; `*` means every non-terminal state.
    pub from: Vec<Name>,
    /// The state it moves to; `None` if the key was missing (already reported).
    pub to: Option<Name>,
    /// `doc`, for the generated event variant.
    pub doc: Option<Name>,
}

/// One `into.OTHER` table: how this status's states map onto another status.
#[derive(Clone, Debug)]
pub struct RawInto {
    /// The other status.
    pub target: Name,
    /// Explicit `state = "other_state"` entries.
    pub map: Vec<Pair>,
}

/// `*`: every non-terminal state, in `transitions` sources and event `from` lists.
pub const WILDCARD: &str = "*";
