//! What the audit reports: enum-like definitions and the transition tables next to them.

/// One enum-like definition found in a source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Relative to the audited directory, `/`-separated.
    pub path: String,
    /// 1-based, inclusive.
    pub line: usize,
    /// 1-based, inclusive.
    pub end_line: usize,
    /// The definition's name; `Class.field` or `function.parameter` for one written inline.
    pub name: String,
    /// What kind of definition it is.
    pub kind: Kind,
    /// In source order.
    pub members: Vec<Member>,
    /// 0 to 100: how much the name and the members look like a status's.
    pub score: u8,
    /// How the definition is written beyond its members: what a generated replacement
    /// keeps so that the code using it notices nothing.
    pub shape: Shape,
}

/// How a definition is written beyond its kind and members: a Python enum's base class.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Shape {
    /// Python: the enum base, as the schema's `python.base` names it (`StrEnum`,
    /// `str, Enum`, `Enum`), or `IntEnum` for a numeric one (which no status has); `None`
    /// where no base of `enum` was found.
    pub python_base: Option<String>,
    /// Python: the project class the enum derives from, `module:Class`, found in the
    /// audited tree through the file's imports.
    pub python_mixin: Option<String>,
    /// Python: the methods that project class and its own project bases define.
    pub mixin_methods: Vec<String>,
    /// Python: the methods the enum's own body defines, which no generated class has.
    pub own_methods: Vec<String>,
}

impl Finding {
    /// A Python enum of bare `values` in `{name}.py`, for unit tests.
    #[cfg(test)]
    pub(crate) fn test_enum(name: &str, values: &[&str]) -> Self {
        Self {
            path: format!("{name}.py"),
            line: 1,
            end_line: 1,
            name: name.to_owned(),
            kind: Kind::PythonEnum,
            members: values.iter().map(|v| Member::bare(*v)).collect(),
            score: 0,
            shape: Shape::default(),
        }
    }

    /// Whether the score makes it a status: 50 or more.
    pub fn is_status(&self) -> bool {
        self.score >= crate::score::STATUS_THRESHOLD
    }

    /// The values, in order.
    pub fn values(&self) -> impl Iterator<Item = &str> {
        self.members.iter().map(|m| m.value.as_str())
    }

    /// What identifies each member when definitions are compared: its value, or its name
    /// where the values are numbers (an `IntEnum`, `auto()`, a TypeScript enum without
    /// initializers), which say nothing about what the states are.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        let numeric = self.members.iter().all(|m| {
            !m.value.is_empty() && m.value.bytes().all(|b| b.is_ascii_digit() || b == b'-')
        });
        self.members.iter().map(move |m| {
            if numeric {
                m.name.as_str()
            } else {
                m.value.as_str()
            }
        })
    }
}

/// A member: its name in the code, and the value the code stores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// `PENDING` of `PENDING = "pending"`; the value itself for a union or a set.
    pub name: String,
    /// What is stored and sent: `pending`.
    pub value: String,
}

impl Member {
    /// A member whose name is its value (a literal union, a set, a SQL enum label).
    pub fn bare(value: impl Into<String>) -> Self {
        let value = value.into();
        Self {
            name: value.clone(),
            value,
        }
    }
}

/// Where a definition comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// A Python `Enum`, `StrEnum` or `IntEnum` subclass.
    PythonEnum,
    /// `Literal["a", "b"]`, as a type alias or in an annotation.
    PythonLiteral,
    /// A set, list, tuple or frozenset of strings whose name says state, status, phase or
    /// stage.
    PythonCollection,
    /// Django's choices: `STATUS_CHOICES = [("open", "Open"), …]`, or `choices=[…]` in a
    /// field.
    PythonChoices,
    /// SQLAlchemy's `Enum("a", "b", name="…")`, alone or in a column.
    PythonSqlEnum,
    /// A TypeScript `enum`.
    TypescriptEnum,
    /// A union of string literals, as a type alias or inline in a field.
    TypescriptUnion,
    /// An array of strings (`as const`).
    TypescriptArray,
    /// An object of strings (`as const`, or named like a status).
    TypescriptObject,
    /// zod's `z.enum([...])` or `z.nativeEnum(X)`.
    Zod,
    /// A Prisma `enum` block.
    PrismaEnum,
    /// PostgreSQL's `CREATE TYPE … AS ENUM`.
    SqlEnum,
    /// `CHECK (column IN (...))`.
    SqlCheck,
    /// A Rust enum of unit variants.
    RustEnum,
}

impl Kind {
    /// The name in reports and in the JSON contract.
    pub const fn name(self) -> &'static str {
        match self {
            Kind::PythonEnum => "python-enum",
            Kind::PythonLiteral => "python-literal",
            Kind::PythonCollection => "python-collection",
            Kind::PythonChoices => "python-choices",
            Kind::PythonSqlEnum => "python-sqlalchemy-enum",
            Kind::TypescriptEnum => "typescript-enum",
            Kind::TypescriptUnion => "typescript-union",
            Kind::TypescriptArray => "typescript-array",
            Kind::TypescriptObject => "typescript-object",
            Kind::Zod => "zod-enum",
            Kind::PrismaEnum => "prisma-enum",
            Kind::SqlEnum => "sql-enum",
            Kind::SqlCheck => "sql-check",
            Kind::RustEnum => "rust-enum",
        }
    }
}

/// A mapping from a state to the states it may move to, written out in the code
/// (`VALID_TRANSITIONS = {TaskStatus.PENDING: {TaskStatus.RUNNING}, ...}`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransitionTable {
    /// Relative to the audited directory.
    pub path: String,
    /// 1-based.
    pub line: usize,
    /// The table's name.
    pub name: String,
    /// The enum whose members the table names (`TaskStatus` in `TaskStatus.PENDING`), when
    /// it names members of exactly one: the table belongs to that enum and no other.
    pub owner: Option<String>,
    /// Whether the code looks a state up in it (`TABLE[status]`, `TABLE.get(status)`):
    /// evidence, beside its name, that it decides moves.
    pub looked_up: bool,
    /// Each source with its targets, in source order. A state is written as the code
    /// writes it: a string, or the member name of `Status.MEMBER`.
    pub moves: Vec<Move>,
}

/// One row of a transition table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Move {
    /// The source state.
    pub from: String,
    /// The states it may move to.
    pub to: Vec<String>,
}

/// A Python class, as the second pass needs it: an enum may derive from a project class
/// defined in another module (`from .base import BaseState`), found only once every file
/// is read.
#[derive(Debug)]
pub(crate) struct PythonClass {
    /// Where it is defined: the file, relative to the audited directory, and its name
    /// there (`Order.Status` for a nested one).
    pub path: String,
    pub name: String,
    /// `module:Class`, the module from the file's path (`pipeline/states.py` is
    /// `pipeline.states`).
    pub id: String,
    /// Each base as `module:Class` where the file imports or defines it, else as written
    /// (`Enum`, `str`).
    pub bases: Vec<String>,
    /// The methods its body defines.
    pub methods: Vec<String>,
    /// Its members as a finding, when it is no enum by its own bases (it may be one by a
    /// project base's); `None` for a class reported already or without members.
    pub pending: Option<Finding>,
}

/// An `ALTER TYPE name ADD VALUE 'v' [AFTER 'w' | BEFORE 'w']` or `… RENAME VALUE 'a' TO
/// 'b'` in SQL, applied to the type's `CREATE TYPE` once every file is read.
#[derive(Debug)]
pub(crate) struct EnumChange {
    pub path: String,
    pub line: usize,
    pub type_name: String,
    /// The value added, or the new name of the one renamed.
    pub value: String,
    pub after: Option<String>,
    pub before: Option<String>,
    /// The value renamed, for `RENAME VALUE`.
    pub renamed: Option<String>,
}

/// What one file yields.
#[derive(Debug, Default)]
pub(crate) struct FileFindings {
    /// Python classes with bases, for the second pass.
    pub classes: Vec<PythonClass>,
    pub findings: Vec<Finding>,
    pub tables: Vec<TransitionTable>,
    /// Definitions that take another's members (`z.nativeEnum(TaskStatus)`), resolved once
    /// every file is read: the other may be imported.
    pub references: Vec<Reference>,
    /// SQL `ALTER TYPE` changes to enum types, applied once every file is read.
    pub enum_changes: Vec<EnumChange>,
    /// A syntax error the parser recovered from: the file is reported, and what parsed
    /// around the error kept.
    pub syntax_error: Option<String>,
    /// The literals the file uses as a place's value, for `statuskit lint`.
    pub uses: Vec<crate::uses::LiteralUse>,
    /// The fields its classes and interfaces declare with a type.
    pub fields: Vec<crate::uses::DeclaredField>,
}

/// A finding whose members are another definition's, named `target`.
#[derive(Debug)]
pub(crate) struct Reference {
    /// The finding, with no members yet.
    pub finding: Finding,
    /// The name of the definition whose members it takes.
    pub target: String,
    /// Only these of them, by member name, in this order (`{TaskStatus.DONE,
    /// TaskStatus.FAILED}`); all of them when `None`.
    pub only: Option<Vec<String>>,
}

/// Gives each reference the members of the definition it names (those it lists, when it
/// lists some): the one in its own file, else the first elsewhere. A reference to nothing
/// found, or to fewer than two members it has, is dropped.
pub(crate) fn resolve(findings: &mut Vec<Finding>, references: Vec<Reference>) {
    let mut resolved = Vec::new();
    for Reference {
        mut finding,
        target,
        only,
    } in references
    {
        let same_file = findings
            .iter()
            .find(|f| f.name == target && f.path == finding.path);
        let anywhere = || {
            findings
                .iter()
                .filter(|f| f.name == target)
                .min_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)))
        };
        let Some(source) = same_file.or_else(anywhere) else {
            continue;
        };
        finding.members = match &only {
            None => source.members.clone(),
            Some(names) => names
                .iter()
                .filter_map(|name| source.members.iter().find(|m| &m.name == name))
                .cloned()
                .collect(),
        };
        if finding.members.len() >= 2 {
            resolved.push(finding);
        }
    }
    findings.extend(resolved);
}
