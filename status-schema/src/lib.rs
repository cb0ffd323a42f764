//! statuskit's backend: one `statuses.toml` in, a checked model of every status out.
//!
//! The pipeline runs in stages, each its own module, so that each can be read and tested
//! alone, and so that every mistake in a schema is reported in one run:
//!
//! 1. [`raw::parse`]: TOML text → [`raw::RawSchema`], every key and value spanned; syntax
//!    errors, wrong types and unknown keys are reported here.
//! 2. [`resolve::resolve`]: raw → [`model::Schema`]; inheritance, `*`, events and
//!    conversions worked out; unknown names, cycles and `add`/`remove` mistakes reported.
//! 3. [`check::check`]: one function per rule over the model (names, lifecycle, spellings).
//!
//! [`analyze`] runs all three. Generators (Rust, TypeScript, SQL, …) take the
//! [`model::Schema`] it returns, which exists only when there are no errors. Diagnostics
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
//! let text = status_schema::diagnostic::render::to_string(&file, analysis.diagnostics.as_slice());
//! assert!(text.contains("error[E020]: unknown state `queud` in `transitions.running`"));
//! assert!(text.contains("did you mean `queued`?"));
//! ```

#[cfg(feature = "build")]
pub mod build;
pub mod check;
pub mod derive;
pub mod diagnostic;
pub mod model;
pub mod naming;
pub mod raw;
pub mod resolve;
pub mod rust;
pub mod source;
mod suggest;
pub mod synthetic;
#[cfg(feature = "targets")]
pub mod targets;

pub use diagnostic::{Code, Diagnostic, Diagnostics, Severity};
pub use model::Schema;
pub use source::{SourceFile, Span};

/// The outcome of analysing a schema.
#[derive(Debug)]
pub struct Analysis {
    /// The checked model; `None` when any error was found.
    pub schema: Option<Schema>,
    /// Every problem found, in file order.
    pub diagnostics: Diagnostics,
}

/// Parses, resolves and checks `file`, collecting every diagnostic.
pub fn analyze(file: &SourceFile) -> Analysis {
    let mut diagnostics = Diagnostics::new();
    let raw = raw::parse(file, &mut diagnostics);
    let model = resolve::resolve(&raw, &mut diagnostics);
    check::check(&model, &raw, &mut diagnostics);
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
