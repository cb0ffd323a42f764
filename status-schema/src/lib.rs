//! statuskit's backend: one `statuses.toml` in, a checked model of every status out.
//!
//! The pipeline runs in stages, each its own module, so that each can be read and tested
//! alone, and so that every mistake in a schema is reported in one run:
//!
//! 1. `raw`: TOML text → a raw schema, every key and value spanned; syntax errors, wrong
//!    types and unknown keys are reported here.
//! 2. `resolve`: raw → [`model::Schema`]; inheritance, `*`, events and conversions worked
//!    out; unknown names, cycles and `add`/`remove` mistakes reported.
//! 3. `check`: the text policy over what was written, then one function per rule over the
//!    model (names, lifecycle, spellings).
//!
//! [`analyze`] runs all three. Generators ([`targets::Target`], and [`build`] for build
//! scripts) take the [`model::Schema`] it returns, which exists only when there are no
//! errors: its fields are private, so a `Schema` that passed the checks stays one. Diagnostics
//! carry a stable [`diagnostic::Code`] and render rustc-style with
//! [`diagnostic::render`].
//!
//! ```
//! use status_schema::{analyze, SourceFile};
//!
//! let file = SourceFile::new("statuses.toml", r#"
//! schema_version = 1
//! [status.Job]
//! states = ["queued", "running", "done"]
//! initial = "queued"
//! terminal = ["done"]
//! transitions = { queued = ["running"], running = ["done", "queud"] }
//! "#);
//! let analysis = analyze(&file);
//! assert!(analysis.schema.is_none());
//! let text = status_schema::diagnostic::to_string(&file, analysis.diagnostics.as_slice());
//! assert!(text.contains("error[E020]: unknown state `queud` in `transitions.running`"));
//! assert!(text.contains("did you mean `queued`?"));
//! ```

#[cfg(feature = "build")]
pub mod build;
mod check;
mod derive;
pub mod diagnostic;
pub mod diff;
mod escape;
// The JSON Schema is one function, documented at the crate root.
#[cfg(feature = "targets")]
#[doc(hidden)]
pub mod language;
pub mod model;
mod naming;
mod raw;
// Bounded, link-refusing file reading for the `statuskit` binary, the derive and the audit:
// their shared plumbing, not part of the documented API (no semver promise).
#[doc(hidden)]
pub mod read;
mod resolve;
mod rust;
#[cfg_attr(not(feature = "targets"), allow(dead_code))] // read by the generators
mod shape;
mod source;
mod suggest;
mod synthetic;
// Always compiled: `[[generate]]` checks read the target names. Its help texts and file
// extensions are for the generators alone.
#[cfg_attr(not(feature = "targets"), allow(dead_code))]
mod target;
#[cfg(feature = "targets")]
pub mod targets;
mod text;

pub use diagnostic::{Code, Diagnostic, Diagnostics, Label, Severity};
#[cfg(feature = "targets")]
pub use language::json_schema;
pub use model::Schema;
pub use source::{LineCol, SourceFile, Span};

/// What the workspace's own crates (the derive, the CLI's tests, benchmarks) use and nobody
/// else should: the token generator, the derive's checks, naming rules and limits. Not part
/// of the public API; anything here may change or go in any release.
#[doc(hidden)]
pub mod __unstable {
    pub use crate::derive::*;
    pub use crate::escape::toml::string as toml_string;
    pub use crate::naming::{snake_name, ts_helper};
    /// The keys a `[status.NAME]` table takes.
    pub fn status_keys() -> Vec<&'static str> {
        crate::raw::keys::STATUS.iter().map(|k| k.name).collect()
    }
    pub use crate::resolve::{MAX_EXTENDS_DEPTH, MAX_RESOLVED_SIZE};
    /// Each status of a schema file with the items it resolves to, as E051 counts them
    /// (for `statuskit audit --draft`, which leaves the largest out to fit the limit).
    pub fn resolved_sizes(file: &crate::SourceFile) -> Vec<(String, usize)> {
        let raw = crate::raw::parse(file, &mut crate::diagnostic::Diagnostics::new());
        crate::resolve::resolved_sizes(&raw)
    }
    pub use crate::rust::{
        Emit, SPARSE_ABOVE, TABLE_ABOVE, conversion_tokens, event_enum_tokens, fallback_tokens,
        status_tokens,
    };
    /// Schema-shaped documents of any size, for benchmarks and scale tests.
    pub mod synthetic {
        pub use crate::synthetic::{Shape, schema};
    }
}

/// The outcome of analysing a schema.
#[derive(Debug)]
#[non_exhaustive]
pub struct Analysis {
    /// The checked model; `None` when any error was found.
    pub schema: Option<Schema>,
    /// Every problem found, in file order.
    pub diagnostics: Diagnostics,
}

/// Parses, resolves and checks `file`, collecting every diagnostic.
pub fn analyze(file: &SourceFile) -> Analysis {
    suggest::reset_budget();
    let mut diagnostics = Diagnostics::new();
    let raw = raw::parse(file, &mut diagnostics);
    analyze_raw(&raw, diagnostics)
}

/// Resolves and checks a raw schema, read from a file or built from a derive's attributes,
/// adding to the `diagnostics` found in reading it.
pub(crate) fn analyze_raw(raw: &raw::RawSchema, mut diagnostics: Diagnostics) -> Analysis {
    let model = resolve::resolve(raw, &mut diagnostics);
    let complete = !diagnostics.has_errors();
    check::written_text(raw, &mut diagnostics);
    check::check(&model, complete, &mut diagnostics);
    diagnostics.finish();
    Analysis {
        schema: (!diagnostics.has_errors()).then_some(model),
        diagnostics,
    }
}

/// Like [`analyze`], from raw bytes that may not be UTF-8 (a file read from disk). Returns
/// the [`SourceFile`] to render diagnostics against: for non-UTF-8 input, the text with
/// invalid bytes replaced, and an [`Code::NotUtf8`] error at the first of them.
pub fn analyze_bytes(name: &str, bytes: &[u8]) -> (SourceFile, Analysis) {
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            let file = SourceFile::new(name, text);
            let analysis = analyze(&file);
            (file, analysis)
        }
        Err(error) => {
            let file = SourceFile::new(name, String::from_utf8_lossy(bytes));
            // The valid prefix is unchanged by the lossy conversion, so the offset holds.
            let at = error.valid_up_to();
            let end = (at + char::REPLACEMENT_CHARACTER.len_utf8()).min(file.text().len());
            let mut diagnostics = Diagnostics::new();
            diagnostics.push(
                Diagnostic::new(
                    Code::NotUtf8,
                    Span::new(at, end),
                    "the file is not UTF-8 text",
                )
                .label("invalid byte sequence here")
                .help("save the schema as UTF-8"),
            );
            (
                file,
                Analysis {
                    schema: None,
                    diagnostics,
                },
            )
        }
    }
}

/// The header line of every generated file (after the target's comment marker): which tool
/// and version wrote it, from which schema, and not to edit it.
#[cfg(any(feature = "build", feature = "targets"))]
pub(crate) fn generated_line(schema_name: &str) -> String {
    format!(
        "@generated by statuskit {} from {schema_name}. Do not edit: change the schema and regenerate.",
        env!("CARGO_PKG_VERSION")
    )
}
