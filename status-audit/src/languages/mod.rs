//! One extractor per language, each reading a file's text into findings; which one reads a
//! file is decided by its extension.

mod prisma;
mod python;
mod python_string;
mod python_uses;
mod rust;
mod sql;
mod sql_uses;
mod syntax;
mod typescript;
mod typescript_uses;

use crate::finding::FileFindings;

pub(crate) use python::std_base;
pub(crate) use sql::apply_enum_changes;

/// The languages the audit reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Language {
    Python,
    Typescript,
    /// TypeScript with JSX (`.tsx`, `.jsx`).
    Tsx,
    Prisma,
    Sql,
    Rust,
}

impl Language {
    /// The language of a file, by its extension.
    pub(crate) fn of(path: &std::path::Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?;
        Some(match extension {
            "py" | "pyi" => Language::Python,
            "ts" | "mts" | "cts" | "js" | "mjs" | "cjs" => Language::Typescript,
            "tsx" | "jsx" => Language::Tsx,
            "prisma" => Language::Prisma,
            "sql" => Language::Sql,
            "rs" => Language::Rust,
            _ => return None,
        })
    }

    /// Every finding in `text`, with `path` as given; an error when the file cannot be
    /// read as this language at all (what parses of a file with a syntax error is kept).
    pub(crate) fn extract(self, path: &str, text: &str) -> Result<FileFindings, String> {
        match self {
            Language::Python => python::extract(path, text),
            Language::Typescript => typescript::extract(path, text, false),
            Language::Tsx => typescript::extract(path, text, true),
            Language::Prisma => Ok(prisma::extract(path, text)),
            Language::Sql => Ok(sql::extract(path, text)),
            Language::Rust => rust::extract(path, text),
        }
    }
}
