//! Diagnostics: one type for every problem any stage finds, collected rather than thrown.
//!
//! A stage pushes into a [`Diagnostics`] and carries on, so one run reports every mistake.
//! `to_string` and `to_ansi_string` (the `render` feature) turn them into terminal text, as
//! `statuskit check` prints them; the CLI turns them into JSON.

mod codes;
#[cfg(feature = "render")]
mod excerpt;
// The derive's compiler-message text and the binary's terminal helpers: shared plumbing of
// statuskit's own crates, not part of the documented API (no semver promise).
#[doc(hidden)]
pub mod plain;
#[doc(hidden)]
pub mod render;

pub use codes::Code;
#[cfg(feature = "render")]
pub use render::{to_ansi_string, to_string};

use crate::source::Span;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Severity {
    /// Information that breaks nothing (`statuskit diff`'s added moves).
    Note,
    /// Worth fixing; fails only when warnings are denied.
    Warning,
    /// The schema cannot be used.
    Error,
}

impl Severity {
    /// `"error"` or `"warning"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A span with a message, drawn under the source line.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Label {
    /// What it points at.
    pub span: Span,
    /// What it says there.
    pub message: String,
}

/// One problem in a schema.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnostic {
    /// The rule it comes from; fixes the severity.
    pub code: Code,
    /// The headline.
    pub message: String,
    /// The offending text and what is wrong with it.
    pub primary: Label,
    /// Related places, such as the other half of a collision.
    pub secondary: Vec<Label>,
    /// What to do about it.
    pub help: Option<String>,
    /// Background that explains the rule.
    pub notes: Vec<String>,
    /// The status whose checks found it, for a rule over one status.
    status: Option<String>,
    /// Set where a policy decides (`statuskit diff`), instead of the code.
    severity: Option<Severity>,
}

impl Diagnostic {
    /// A diagnostic of rule `code` whose headline is `message`, pointing at `span`.
    pub(crate) fn new(code: Code, span: Span, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            primary: Label {
                span,
                message: String::new(),
            },
            secondary: Vec::new(),
            help: None,
            notes: Vec::new(),
            status: None,
            severity: None,
        }
    }

    /// Overrides the severity the code gives (a diff's policy decides it).
    pub(crate) fn set_severity(&mut self, severity: Severity) {
        self.severity = Some(severity);
    }

    /// The status this diagnostic is about, when one status's checks found it (every
    /// warning is): a front end that generates one status shows only its own.
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// Whether a front end generating only `statuses` should show it: it is about one of
    /// them, or about no status in particular. (What `gen --status`, `Builder::only` and
    /// the derive show.)
    pub fn concerns<S: AsRef<str>>(&self, statuses: &[S]) -> bool {
        self.status
            .as_deref()
            .is_none_or(|status| statuses.iter().any(|s| s.as_ref() == status))
    }

    /// Sets the text under the primary span.
    #[must_use]
    pub(crate) fn label(mut self, message: impl Into<String>) -> Self {
        self.primary.message = message.into();
        self
    }

    /// Adds a related span.
    #[must_use]
    pub(crate) fn secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.secondary.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Sets the hint.
    #[must_use]
    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the hint if there is one.
    #[must_use]
    pub(crate) fn maybe_help(mut self, help: Option<String>) -> Self {
        if help.is_some() {
            self.help = help;
        }
        self
    }

    /// Adds a note.
    #[must_use]
    pub(crate) fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// The severity its code carries.
    pub fn severity(&self) -> Severity {
        self.severity.unwrap_or_else(|| self.code.severity())
    }
}

/// The diagnostics of one run, in the order they were found.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Records a diagnostic.
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Marks every diagnostic from position `since` on as being about `status`.
    pub(crate) fn about_status(&mut self, since: usize, status: &str) {
        for diagnostic in &mut self.items[since..] {
            diagnostic.status.get_or_insert_with(|| status.to_owned());
        }
    }

    /// Every diagnostic, in the order found.
    pub fn iter(&self) -> core::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    /// How many errors there are.
    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    /// How many warnings there are.
    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// Whether there are none at all.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    fn count(&self, severity: Severity) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity() == severity)
            .count()
    }

    /// Orders them by position in the file, errors before warnings at the same place, so
    /// output reads top to bottom whatever stage found each one, and drops exact repeats
    /// (a rule that meets an inherited item in every extension reports it once).
    pub(crate) fn finish(&mut self) {
        self.items.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                (
                    d.primary.span.start,
                    core::cmp::Reverse(d.severity()),
                    d.code,
                )
            };
            key(a).cmp(&key(b)).then_with(|| a.message.cmp(&b.message))
        });
        self.items.dedup_by(|a, b| {
            a.code == b.code && a.primary.span == b.primary.span && a.message == b.message
        });
    }

    /// The diagnostics as a slice.
    pub fn as_slice(&self) -> &[Diagnostic] {
        &self.items
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = core::slice::Iter<'a, Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}
