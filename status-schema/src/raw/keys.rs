//! The schema language's keys, table by table: what the parser accepts (and lists in its
//! "unknown key" help) and what the JSON Schema of `statuses.toml` describes, from one list
//! so the two cannot drift.

/// What a key's value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(feature = "targets"), allow(dead_code))] // read by the JSON Schema
pub(crate) enum Shape {
    /// A string.
    String,
    /// An array of strings.
    Strings,
    /// A string, or an array of strings.
    StringOrStrings,
    /// `true` or `false`.
    Boolean,
    /// The schema language's version.
    Version,
    /// A `rename_all` rule's name.
    RenameRule,
    /// A string, or `true`.
    StringOrTrue,
    /// A table of strings (`aliases`, `labels`, `docs`, `wire`).
    StringMap,
    /// A table of a string or an array of strings per state (`transitions`).
    Transitions,
    /// `into.<Other>`: a table of string tables.
    Into,
    /// A table of [`EVENT`] tables, by event name.
    Events,
    /// `[defaults]`: a [`DEFAULTS`] table.
    Defaults,
    /// `[status.NAME]`: a table of [`STATUS`] tables, by status name.
    Statuses,
    /// `[[generate]]`: an array of [`GENERATE`] tables.
    Outputs,
    /// A target's name.
    Target,
    /// `[migrations]`: a [`MIGRATIONS`] table.
    Migrations,
    /// `[lint]`: a [`LINT`] table.
    Lint,
    /// A migration style's name.
    MigrationStyle,
    /// `enum` or `text`.
    Storage,
    /// One of these names.
    OneOf(&'static [&'static str]),
    /// `python = { … }`: a [`PYTHON`] table.
    Python,
    /// `typescript = { … }` of a status: a [`TYPESCRIPT`] table.
    Typescript,
    /// `typescript = { … }` of `[defaults]`: a [`TYPESCRIPT_DEFAULTS`] table.
    TypescriptDefaults,
    /// `true`, `3` or `4`.
    Zod,
}

/// One key: its name, its value's shape, and what it means (shown by editors).
#[derive(Clone, Copy, Debug)]
#[cfg_attr(not(feature = "targets"), allow(dead_code))] // read by the JSON Schema
pub(crate) struct Key {
    pub name: &'static str,
    pub shape: Shape,
    pub doc: &'static str,
}

const fn key(name: &'static str, shape: Shape, doc: &'static str) -> Key {
    Key { name, shape, doc }
}

/// The top level.
pub(crate) const TOP: &[Key] = &[
    key(
        "schema_version",
        Shape::Version,
        "The schema language's version: 1.",
    ),
    key(
        "defaults",
        Shape::Defaults,
        "Settings every status starts from.",
    ),
    key(
        "status",
        Shape::Statuses,
        "The statuses, one `[status.Name]` table each.",
    ),
    key(
        "generate",
        Shape::Outputs,
        "What `statuskit gen` writes with no target named: one `[[generate]]` table per file.",
    ),
    key(
        "migrations",
        Shape::Migrations,
        "The migration history `statuskit migrate new` writes, and the columns the statuses govern.",
    ),
    key(
        "lint",
        Shape::Lint,
        "What `statuskit lint` reads, and each rule's level.",
    ),
];

/// Set in `[defaults]` for every status, or on one status.
const RENAME_ALL: Key = key(
    "rename_all",
    Shape::RenameRule,
    "How wire values are spelt from state names (serde's names).",
);
const CASE_INSENSITIVE: Key = key(
    "case_insensitive",
    Shape::Boolean,
    "Whether parsing ignores ASCII case (default true).",
);

const PYTHON_SHAPE: Key = key(
    "python",
    Shape::Python,
    "The generated Python enum's shape: its base class, a project mixin, helper names.",
);

/// `[defaults]`.
pub(crate) const DEFAULTS: &[Key] = &[
    RENAME_ALL,
    CASE_INSENSITIVE,
    PYTHON_SHAPE,
    key(
        "typescript",
        Shape::TypescriptDefaults,
        "The generated TypeScript's shape: key style, const object or enum.",
    ),
];

/// `python = { … }`, in `[defaults]` or a status.
pub(crate) const PYTHON: &[Key] = &[
    key(
        "base",
        Shape::OneOf(crate::shape::PythonBase::NAMES),
        "The enum's base: StrEnum (the default), \"str, Enum\" or Enum, as the code it replaces has.",
    ),
    key(
        "mixin",
        Shape::String,
        "module:Class, a project class the enum derives from first (`app.base:BaseState`).",
    ),
    key(
        "helper_prefix",
        Shape::String,
        "Put before every generated method and property name (`sk_is_terminal`), so none shadows the mixin's.",
    ),
];

const TS_KEYS: Key = key(
    "keys",
    Shape::OneOf(crate::shape::KeyStyle::NAMES),
    "The object's keys: PascalCase (the default), SCREAMING_SNAKE_CASE, or the wire value as Prisma has it.",
);
const TS_DECLARATION: Key = key(
    "declaration",
    Shape::OneOf(crate::shape::Declaration::NAMES),
    "const (an `as const` object and a union type, the default) or enum (a string enum).",
);

/// `typescript = { … }` in `[defaults]`.
pub(crate) const TYPESCRIPT_DEFAULTS: &[Key] = &[TS_KEYS, TS_DECLARATION];

/// `typescript = { … }` of a status.
pub(crate) const TYPESCRIPT: &[Key] = &[
    TS_KEYS,
    TS_DECLARATION,
    key(
        "object",
        Shape::String,
        "The exported name of the object (or enum): `TASK_STATUS`.",
    ),
    key(
        "type",
        Shape::String,
        "The exported name of the type (or enum).",
    ),
];

/// `[status.NAME]`.
pub(crate) const STATUS: &[Key] = &[
    key("doc", Shape::String, "What the status is for."),
    key(
        "states",
        Shape::Strings,
        "The states, snake_case, in order (base families only).",
    ),
    key("initial", Shape::String, "Where an entity starts."),
    key(
        "terminal",
        Shape::StringOrStrings,
        "Where it stops: no transitions out.",
    ),
    key(
        "transitions",
        Shape::Transitions,
        "Source state (or \"*\") → its targets.",
    ),
    key(
        "events",
        Shape::Events,
        "Named transitions: { from, to, doc }.",
    ),
    key(
        "extends",
        Shape::String,
        "The status whose resolved states this one starts from.",
    ),
    key("add", Shape::Strings, "States appended to the base's."),
    key(
        "remove",
        Shape::Strings,
        "Base states dropped, with everything that mentions them.",
    ),
    key(
        "aliases",
        Shape::StringMap,
        "old_spelling = \"state\": accepted when parsing, never written.",
    ),
    key("labels", Shape::StringMap, "Per-state display names."),
    key("docs", Shape::StringMap, "Per-state descriptions."),
    key(
        "wire",
        Shape::StringMap,
        "Per-state wire values, when not derived by rename_all.",
    ),
    key(
        "into",
        Shape::Into,
        "into.Other = { state = \"other_state\" }: conversions.",
    ),
    RENAME_ALL,
    CASE_INSENSITIVE,
    key(
        "fallback",
        Shape::String,
        "The state unknown values parse to.",
    ),
    key(
        "deprecated",
        Shape::StringOrTrue,
        "A note (or true): the status is kept only to read old data.",
    ),
    key(
        "reserved",
        Shape::Strings,
        "Retired wire values that must never spell a state again.",
    ),
    PYTHON_SHAPE,
    key(
        "typescript",
        Shape::Typescript,
        "The generated TypeScript's shape: key style, declaration, exported names.",
    ),
];

/// An event in `events`.
pub(crate) const EVENT: &[Key] = &[
    key(
        "from",
        Shape::StringOrStrings,
        "The states it applies in, or \"*\".",
    ),
    key("to", Shape::String, "The state it moves to."),
    key("doc", Shape::String, "What it does."),
];

/// A `[[generate]]` entry.
pub(crate) const GENERATE: &[Key] = &[
    key(
        "target",
        Shape::Target,
        "What to write: a target of `statuskit gen`.",
    ),
    key(
        "out",
        Shape::String,
        "The file written, relative to the schema (a directory, ending in /, for Mermaid of several statuses).",
    ),
    key(
        "statuses",
        Shape::Strings,
        "Only these statuses (all when absent).",
    ),
    key(
        "column",
        Shape::Strings,
        "sql: table.column=Status bindings, migrated and guarded.",
    ),
    key(
        "text",
        Shape::Boolean,
        "sql: text columns with CHECK instead of enum types.",
    ),
    key(
        "zod",
        Shape::Zod,
        "typescript: a zod schema per status, reading every spelling: 3 or 4 for zod's major version (true is 4).",
    ),
    key(
        "sqlalchemy",
        Shape::Boolean,
        "python: a SQLAlchemy 2 column type per status, storing wire values and reading every spelling.",
    ),
];

/// `[migrations]`.
pub(crate) const MIGRATIONS: &[Key] = &[
    key(
        "dir",
        Shape::String,
        "The history's directory, relative to the schema: `db/migrations`.",
    ),
    key(
        "style",
        Shape::MigrationStyle,
        "The runner that applies the files: their names and markers.",
    ),
    key(
        "storage",
        Shape::Storage,
        "enum (a PostgreSQL enum type per status, the default) or text (CHECK constraints).",
    ),
    key(
        "columns",
        Shape::StringMap,
        "\"table.column\" = \"Status\": the columns each status governs.",
    ),
];

/// `[lint]`.
pub(crate) const LINT: &[Key] = &[
    key(
        "paths",
        Shape::Strings,
        "The directories to lint, relative to the schema (its directory when absent).",
    ),
    key(
        "exclude",
        Shape::Strings,
        "Paths to leave out, as gitignore globs relative to each directory linted.",
    ),
    key(
        "rules",
        Shape::StringMap,
        "rule = \"error\" | \"warn\" | \"off\": a rule's level (`unknown-value`, `legacy-spelling`, `drifted-copy`, `transition-not-allowed`).",
    ),
];

/// The names of `keys`, for messages.
pub(crate) fn names(keys: &[Key]) -> impl Iterator<Item = &'static str> + Clone + '_ {
    keys.iter().map(|k| k.name)
}

#[cfg(test)]
mod tests {
    use super::{
        DEFAULTS, EVENT, GENERATE, Key, LINT, MIGRATIONS, PYTHON, STATUS, Shape, TOP, TYPESCRIPT,
    };
    use crate::diagnostic::{Code, Diagnostics};
    use crate::source::SourceFile;

    /// A value of `shape`, as TOML.
    fn sample(shape: Shape) -> &'static str {
        match shape {
            Shape::String | Shape::Target => "\"typescript\"",
            Shape::MigrationStyle => "\"sqlx\"",
            Shape::Storage => "\"text\"",
            Shape::Migrations => "{ dir = \"db\", style = \"sqlx\" }",
            Shape::Lint => "{ paths = [\"app\"] }",
            Shape::Strings => "[\"a\"]",
            Shape::StringOrStrings => "\"a\"",
            Shape::Boolean | Shape::StringOrTrue => "true",
            Shape::Version => "1",
            Shape::RenameRule => "\"snake_case\"",
            Shape::StringMap => "{ a = \"b\" }",
            Shape::Transitions => "{ a = [\"b\"] }",
            Shape::Into => "{ Other = { a = \"b\" } }",
            Shape::Events => "{ go = { from = \"a\", to = \"b\" } }",
            Shape::Defaults => "{ case_insensitive = true }",
            Shape::Statuses => "{ Job = { states = [\"a\"] } }",
            Shape::Outputs => "[{ target = \"json\", out = \"a.json\" }]",
            Shape::OneOf(_) => "\"x\"",
            Shape::Python => "{ base = \"Enum\" }",
            Shape::Typescript | Shape::TypescriptDefaults => "{ keys = \"wire\" }",
            Shape::Zod => "3",
        }
    }

    /// Every catalogued key of a table, written with a value of its shape, is read by the
    /// parser without an "unknown key" error (so the catalogue lists only what it reads).
    fn accepted(keys: &[Key], document: impl Fn(&str) -> String) {
        for key in keys {
            let text = document(&format!("{} = {}", key.name, sample(key.shape)));
            let mut diagnostics = Diagnostics::new();
            crate::raw::parse(&SourceFile::new("t.toml", text.as_str()), &mut diagnostics);
            let unknown: Vec<_> = diagnostics
                .iter()
                .filter(|d| matches!(d.code, Code::UnknownKey | Code::WrongType))
                .map(|d| d.message.clone())
                .collect();
            assert!(unknown.is_empty(), "{}: {unknown:?}\n{text}", key.name);
        }
    }

    #[test]
    fn the_parser_reads_every_catalogued_key() {
        accepted(TOP, |line| {
            if line.starts_with("schema_version") {
                line.to_owned()
            } else {
                format!("schema_version = 1\n{line}")
            }
        });
        accepted(DEFAULTS, |line| {
            format!("schema_version = 1\n[defaults]\n{line}")
        });
        accepted(STATUS, |line| {
            format!("schema_version = 1\n[status.Job]\n{line}")
        });
        accepted(EVENT, |line| {
            format!(
                "schema_version = 1\n[status.Job]\nstates = [\"a\"]\n[status.Job.events.go]\nto = \"a\"\n{}",
                if line.starts_with("to ") { "" } else { line }
            )
        });
        accepted(PYTHON, |line| {
            format!("schema_version = 1\n[status.Job.python]\n{line}")
        });
        accepted(TYPESCRIPT, |line| {
            format!("schema_version = 1\n[status.Job.typescript]\n{line}")
        });
        accepted(MIGRATIONS, |line| {
            format!("schema_version = 1\n[migrations]\n{line}")
        });
        accepted(LINT, |line| format!("schema_version = 1\n[lint]\n{line}"));
        accepted(GENERATE, |line| {
            format!(
                "schema_version = 1\n[[generate]]\ntarget = \"json\"\nout = \"x\"\n{}",
                if line.starts_with("target") || line.starts_with("out") {
                    ""
                } else {
                    line
                }
            )
        });
    }
}
