//! build.rs mode: generate every status of a schema into `$OUT_DIR`.
//!
//! ```no_run
//! // build.rs, in `fn main`:
//! status_schema::build::compile("statuses.toml").unwrap();
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! include!(concat!(env!("OUT_DIR"), "/statuses.rs"));
//! ```
//!
//! A bad schema fails the build with the same rendered diagnostics `statuskit check`
//! prints; its warnings become `cargo:warning` lines. [`Builder`] adds options.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::diagnostic::render;
use crate::rust::{self, TokenOptions};

/// Generates `$OUT_DIR/NAME.rs` from `NAME.toml` with default options; see [`Builder`].
///
/// # Errors
///
/// A [`BuildError`] carrying the rendered diagnostics when the schema has errors, or the
/// I/O error when it cannot be read or the output cannot be written.
pub fn compile(schema: impl AsRef<Path>) -> Result<PathBuf, BuildError> {
    Builder::new(schema).compile()
}

/// Options for build.rs mode, set with `&mut Self` setters as prost-build's `Config`.
///
/// ```no_run
/// status_schema::build::Builder::new("statuses.toml")
///     .derive("PartialOrd")
///     .derive("Ord")
///     .visibility("pub(crate)")
///     .only(["TaskStatus", "WorkflowStatus"])
///     .compile()
///     .unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct Builder {
    schema: PathBuf,
    out_dir: Option<PathBuf>,
    options: RustOptions,
    only: Option<Vec<String>>,
}

/// How each generated status enum is written: what [`Builder`]'s setters set, and what
/// `Target::Rust` takes in [`targets::Options`](crate::targets::Options).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct RustOptions {
    /// The visibility of every generated type, such as `pub(crate)`; `pub` by default.
    pub visibility: String,
    /// Derives added to every generated status enum, such as `PartialOrd` or `Ord`.
    /// `Clone`, `Copy`, `Debug`, `PartialEq`, `Eq` and `Hash` are always there; serde's and
    /// clap's derives are refused, since they would write variant names where statuskit's
    /// `serde` and `clap` features write wire values.
    pub derives: Vec<String>,
    /// Outer attributes added to every generated enum, written out in full, such as
    /// `#[non_exhaustive]`.
    pub attributes: Vec<String>,
}

impl Default for RustOptions {
    fn default() -> Self {
        Self {
            visibility: "pub".to_owned(),
            derives: Vec::new(),
            attributes: Vec::new(),
        }
    }
}

impl RustOptions {
    /// The options as tokens, each parsed so that a typo fails with a message rather than
    /// in the generated file.
    pub(crate) fn tokens(&self) -> Result<TokenOptions, String> {
        TokenOptions::parse(&self.visibility, &self.derives, &self.attributes)
    }
}

impl Builder {
    /// A builder for `schema`, a path relative to the crate root (`CARGO_MANIFEST_DIR`).
    pub fn new(schema: impl AsRef<Path>) -> Self {
        Self {
            schema: schema.as_ref().to_path_buf(),
            out_dir: None,
            options: RustOptions::default(),
            only: None,
        }
    }

    /// Adds a derive to every generated status enum, such as `"PartialOrd"` or `"Ord"`.
    /// `Clone`, `Copy`, `Debug`, `PartialEq`, `Eq` and `Hash` are always there; serde's and
    /// clap's derives are refused, since they would write variant names where statuskit's
    /// `serde` and `clap` features write wire values.
    pub fn derive(&mut self, path: &str) -> &mut Self {
        self.options.derives.push(path.to_owned());
        self
    }

    /// Adds an outer attribute, written out in full, to every generated enum, such as
    /// `"#[non_exhaustive]"`.
    pub fn attribute(&mut self, attribute: &str) -> &mut Self {
        self.options.attributes.push(attribute.to_owned());
        self
    }

    /// The visibility of the generated types (`pub` unless set), such as `"pub(crate)"`.
    pub fn visibility(&mut self, visibility: &str) -> &mut Self {
        visibility.clone_into(&mut self.options.visibility);
        self
    }

    /// Generates only the named statuses and the conversions between them (all of them
    /// unless set), as [`Schema::select`](crate::Schema::select) chooses them.
    pub fn only<I, S>(&mut self, statuses: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.only = Some(statuses.into_iter().map(Into::into).collect());
        self
    }

    /// Writes into `dir` instead of `$OUT_DIR`.
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// The generated source, without writing anything.
    ///
    /// # Errors
    ///
    /// As [`compile`](Self::compile), except for writing.
    pub fn generate(&self) -> Result<String, BuildError> {
        self.run().map(|(source, _warnings)| source)
    }

    /// Reads, checks and generates: the source and the schema's warnings, one line each.
    fn run(&self) -> Result<(String, Vec<String>), BuildError> {
        let path = self.schema_path();
        let bytes = crate::read::read_schema_file(&path).map_err(|error| {
            BuildError::new(format!("cannot read `{}`: {error}", path.display()))
        })?;
        let name = self.schema.display().to_string();
        let (file, analysis) = crate::analyze_bytes(&name, &bytes);
        let Some(schema) = analysis.schema else {
            return Err(BuildError::new(render::to_string(
                &file,
                analysis.diagnostics.as_slice(),
            )));
        };
        // The warnings about the statuses generated (`only`), as `gen --status` shows them.
        let shown: Vec<_> = analysis
            .diagnostics
            .iter()
            .filter(|d| self.only.as_ref().is_none_or(|only| d.concerns(only)))
            .cloned()
            .collect();
        let warnings = render::one_line_each(&file, &shown);
        let options = self.options.tokens().map_err(BuildError::new)?;
        let schema = match &self.only {
            Some(only) => schema
                .select(only)
                .map_err(|unknown| BuildError::new(format!("`only`: {unknown}")))?,
            None => schema,
        };
        Ok((
            rust::file(&schema, &options, &file_name(&self.schema)),
            warnings,
        ))
    }

    /// Generates `NAME.rs` into `$OUT_DIR` (or [`out_dir`](Self::out_dir)), rewriting it
    /// only when its bytes change, and prints `cargo:rerun-if-changed` for the schema and
    /// a `cargo:warning` per schema warning. Returns the written path.
    ///
    /// # Errors
    ///
    /// A [`BuildError`] with the rendered diagnostics when the schema has errors, with the
    /// message when an option does not parse or names an unknown status, or with the I/O
    /// error when a file cannot be read or written.
    pub fn compile(&self) -> Result<PathBuf, BuildError> {
        let path = self.schema_path();
        println!("cargo:rerun-if-changed={}", path.display());
        let (source, warnings) = self.run()?;
        // Warnings show in the build output without failing it.
        for warning in warnings {
            println!("cargo:warning={warning}");
        }
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    BuildError::new(
                        "OUT_DIR is not set: call this from a build script, or set out_dir",
                    )
                })?,
        };
        let stem = self.schema.file_stem().map_or_else(
            || "statuses".into(),
            |stem| stem.to_string_lossy().into_owned(),
        );
        let output = out_dir.join(format!("{stem}.rs"));
        let unchanged = std::fs::read(&output).is_ok_and(|old| old == source.as_bytes());
        if !unchanged {
            std::fs::write(&output, source).map_err(|error| {
                BuildError::new(format!("cannot write `{}`: {error}", output.display()))
            })?;
        }
        Ok(output)
    }

    /// The schema path, relative to the crate root when run by Cargo.
    fn schema_path(&self) -> PathBuf {
        match std::env::var_os("CARGO_MANIFEST_DIR") {
            Some(root) if self.schema.is_relative() => PathBuf::from(root).join(&self.schema),
            _ => self.schema.clone(),
        }
    }
}

/// The schema's file name, as the `@generated` header names it.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// Why build.rs generation failed: the schema's rendered diagnostics, or an I/O or option
/// error. `Debug` prints the message as is, so `compile(…).unwrap()` in a build script shows
/// the diagnostics as `statuskit check` does.
pub struct BuildError {
    message: String,
}

impl BuildError {
    fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// The whole message: for a bad schema, every diagnostic rendered.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message.trim_end())
    }
}

impl fmt::Debug for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "statuskit could not generate Rust from the schema:\n\n{}",
            self.message
        )
    }
}

impl std::error::Error for BuildError {}
