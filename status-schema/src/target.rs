//! The list of targets: what statuskit generates, by name. Always compiled, so that the
//! checker can validate `[[generate]]` entries without the generators themselves.

/// Something statuskit generates from a schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Target {
    /// Every status as a Rust enum with its impls, as build.rs mode writes it.
    Rust,
    /// The checked model as a versioned JSON document: the interchange for other tools,
    /// and the facts the conformance tests check every runtime against.
    ///
    /// Format, version 1 (`"format": "statuskit-model"`, `"version": 1`; fields are only ever
    /// added within a version):
    ///
    /// ```text
    /// {
    ///   "format": "statuskit-model", "version": 1,
    ///   "generated_by": "statuskit 0.1.0", "generated_from": "statuses.toml",
    ///   "statuses": [{
    ///     "name": "TaskStatus", "doc": "…" | null, "deprecated": "note" | null,
    ///     "extends": "Base" | null, "rename_all": "snake_case", "case_insensitive": true,
    ///     "initial": "state" | null, "terminal": ["state", …], "fallback": "state" | null,
    ///     "reserved": ["retired wire value", …],
    ///     "states": [{ "name", "wire", "label", "doc", "initial", "terminal", "aliases": […] }],
    ///     "spellings": [{ "text", "state", "kind": "wire" | "alias" }],
    ///     "transitions": [["from", "to"], …],          // sorted, events included
    ///     "events": [{ "name", "from": […], "to", "doc" }]
    ///   }],
    ///   "conversions": [{ "from", "to", "kind": "into" | "to_base" | "from_base",
    ///                     "total": bool, "map": { "state": "target" | null } }]
    /// }
    /// ```
    ///
    /// States are named by their schema name everywhere; `wire` is what is stored.
    Json,
    /// A TypeScript module: const objects, union types, parsers, lifecycle helpers.
    Typescript,
    /// A Python 3.11+ module: `StrEnum`s with aliases, lifecycle methods, conversions.
    Python,
    /// Prisma enum blocks.
    Prisma,
    /// PostgreSQL: enum types, transition functions, triggers and migrations.
    Sql,
    /// A Mermaid state diagram of one status. A Mermaid file holds one diagram, so a
    /// schema of several statuses is an error here: [`mermaid_files`](crate::targets::mermaid_files) writes a file per
    /// status.
    Mermaid,
    /// A Graphviz DOT graph.
    Dot,
    /// A Markdown reference page with diagrams.
    Markdown,
}

impl Target {
    /// Every target, in the order the CLI lists them.
    pub const ALL: &'static [Target] = &[
        Target::Rust,
        Target::Json,
        Target::Typescript,
        Target::Python,
        Target::Prisma,
        Target::Sql,
        Target::Mermaid,
        Target::Dot,
        Target::Markdown,
    ];

    /// The target's name on the command line: `rust`, `typescript`, ….
    pub const fn name(self) -> &'static str {
        match self {
            Target::Rust => "rust",
            Target::Json => "json",
            Target::Typescript => "typescript",
            Target::Python => "python",
            Target::Prisma => "prisma",
            Target::Sql => "sql",
            Target::Mermaid => "mermaid",
            Target::Dot => "dot",
            Target::Markdown => "markdown",
        }
    }

    /// One line saying what the target writes, for help texts.
    pub const fn summary(self) -> &'static str {
        match self {
            Target::Rust => {
                "Every status as a Rust enum with its impls, as build.rs mode writes it"
            }
            Target::Json => "The checked model as a versioned JSON document",
            Target::Typescript => {
                "A TypeScript module: const objects, union types, parsers, lifecycle helpers"
            }
            Target::Python => {
                "A Python 3.11+ module: `StrEnum`s with aliases, lifecycle methods, conversions"
            }
            Target::Prisma => "Prisma enum blocks",
            Target::Sql => "PostgreSQL: enum types, transition functions, triggers and migrations",
            Target::Mermaid => "Mermaid state diagrams, one per status",
            Target::Dot => "A Graphviz DOT graph",
            Target::Markdown => "A Markdown reference page with diagrams",
        }
    }

    /// The usual file extension of the target's output, without the dot.
    pub const fn extension(self) -> &'static str {
        match self {
            Target::Rust => "rs",
            Target::Json => "json",
            Target::Typescript => "ts",
            Target::Python => "py",
            Target::Prisma => "prisma",
            Target::Sql => "sql",
            Target::Mermaid => "mmd",
            Target::Dot => "dot",
            Target::Markdown => "md",
        }
    }

    /// The target called `name` (`typescript`, `sql`, …).
    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.iter().copied().find(|t| t.name() == name)
    }
}
