//! Everything generated from a schema: Rust, and for the rest of a system JSON, TypeScript,
//! Python, Prisma, PostgreSQL, and Mermaid/DOT/Markdown pictures and docs.
//!
//! [`Target`] is the one list of them: the CLI's `gen` subcommand, its help, and the tests
//! that run every target all read it. Each target is one private module that reads the
//! checked [`Schema`] and knows nothing about the others; each returns text that starts
//! with a header naming the schema it came from, and the same schema always gives the same
//! bytes.
//!
//! ```
//! use status_schema::targets::{Options, Target};
//!
//! let file = status_schema::SourceFile::new("statuses.toml", r#"
//! schema_version = 1
//! [status.Light]
//! states = ["red", "green"]
//! "#);
//! let schema = status_schema::analyze(&file).schema.expect("valid");
//! let typescript = Target::Typescript.generate(&schema, "statuses.toml", &Options::default())?;
//! assert!(typescript.contains("export type Light = "));
//! # Ok::<(), status_schema::targets::GenerateError>(())
//! ```

mod dot;
// The `[migrations]` history's files, for `statuskit migrate new` and `gen --check`: the
// binary's plumbing, not part of the documented API (no semver promise).
#[doc(hidden)]
pub mod history;
mod json;
mod markdown;
mod mermaid;
mod prisma;
mod python;
mod sql;
mod typescript;

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

pub(crate) use crate::generated_line;
use crate::model::{Schema, StateId, Status};

pub use crate::build::RustOptions;
pub use python::PythonOptions;
pub use sql::{Column, SqlOptions, Storage};
pub use typescript::TypescriptOptions;

pub use crate::target::Target;

#[cfg(feature = "build")]
impl Target {
    /// The target's output for `schema`, whose file is called `schema_name` (named in the
    /// output's header). Options that do not concern this target are ignored.
    ///
    /// # Errors
    ///
    /// For options the schema cannot satisfy (a Rust option that does not parse, a SQL
    /// column bound to a status the schema does not declare), and for Mermaid of a schema
    /// with several statuses.
    pub fn generate(
        self,
        schema: &Schema,
        schema_name: &str,
        options: &Options,
    ) -> Result<String, GenerateError> {
        Ok(match self {
            Target::Rust => crate::rust::formatted_file(
                schema,
                &options.rust.tokens().map_err(GenerateError::new)?,
                schema_name,
            ),
            Target::Json => json::generate(schema, schema_name),
            Target::Typescript => typescript::generate(schema, schema_name, &options.typescript),
            Target::Python => python::generate(schema, schema_name, &options.python),
            Target::Prisma => prisma::generate(schema, schema_name),
            Target::Sql => sql::generate(schema, schema_name, &options.sql)?,
            Target::Mermaid => match schema.statuses() {
                [_, _, ..] => {
                    return Err(GenerateError::new(format!(
                        "a Mermaid file holds one diagram, and the schema has {} statuses: \
                         select one (`Schema::select`), or write a file per status \
                         (`mermaid_files`)",
                        schema.statuses().len()
                    )));
                }
                [] => {
                    return Err(GenerateError::new(
                        "the schema has no status to draw: a Mermaid diagram needs one",
                    ));
                }
                [_] => mermaid::generate(schema, schema_name),
            },
            Target::Dot => dot::generate(schema, schema_name),
            Target::Markdown => markdown::generate(schema, schema_name),
        })
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Target {
    type Err = GenerateError;

    fn from_str(name: &str) -> Result<Self, GenerateError> {
        Target::ALL
            .iter()
            .copied()
            .find(|target| target.name() == name)
            .ok_or_else(|| {
                let names: Vec<&str> = Target::ALL.iter().map(|t| t.name()).collect();
                GenerateError::new(format!(
                    "no target `{name}`; the targets are {}",
                    names.join(", ")
                ))
            })
    }
}

/// Every target's options; each target reads its own.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Options {
    /// For [`Target::Rust`].
    pub rust: RustOptions,
    /// For [`Target::Sql`].
    pub sql: SqlOptions,
    /// For [`Target::Typescript`].
    pub typescript: TypescriptOptions,
    /// For [`Target::Python`].
    pub python: PythonOptions,
}

/// Why a target could not be generated: an option the schema cannot satisfy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenerateError {
    message: String,
}

impl GenerateError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for GenerateError {}

/// One Mermaid diagram per status, as `(file name, text)`: a Mermaid file holds one
/// diagram, so a schema of several statuses is written as a directory of `Name.mmd` files.
#[doc(hidden)] // the binary's `-o DIRECTORY/`
pub fn mermaid_files(schema: &Schema, schema_name: &str) -> Vec<(String, String)> {
    mermaid::files(schema, schema_name)
}

/// What a generated parse error is given, as `quote` writes each text: the wire values
/// (listed in its message), and `, [aliases]` where the status has some (searched, with
/// the wire values, for the nearest spelling).
pub(crate) fn parse_error_spellings(
    status: &Status,
    quote: fn(&str) -> String,
) -> (String, String) {
    let expected: Vec<String> = status.states.iter().map(|s| quote(&s.wire)).collect();
    let aliases: Vec<String> = status.aliases.iter().map(|a| quote(&a.spelling)).collect();
    let aliases = if aliases.is_empty() {
        String::new()
    } else {
        format!(", [{}]", aliases.join(", "))
    };
    (expected.join(", "), aliases)
}

/// For each transition `(from, to)`, the names of the events that make it, in schema
/// order: diagrams label edges with them.
pub(crate) fn edge_events(status: &Status) -> BTreeMap<(StateId, StateId), Vec<&str>> {
    let mut edges: BTreeMap<(StateId, StateId), Vec<&str>> = BTreeMap::new();
    for transition in &status.transitions {
        edges.entry((transition.from, transition.to)).or_default();
    }
    for event in &status.events {
        for &from in &event.from {
            edges.entry((from, event.to)).or_default().push(&event.name);
        }
    }
    edges
}
