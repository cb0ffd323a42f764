//! Rendering diagnostics for terminals, rustc-style, with codespan-reporting (the
//! `render` feature; without it, [`super::plain`] renders for compiler messages).
//!
//! The CLI and the build-script front end both print exactly this, so a schema error reads
//! the same wherever it is found.

#[cfg(feature = "render")]
use codespan_reporting::diagnostic as cs;
#[cfg(feature = "render")]
use core::ops::Range;

#[cfg(feature = "render")]
use codespan_reporting::files::{Files, SimpleFile};
#[cfg(feature = "render")]
use codespan_reporting::term::{self, Config, Styles, StylesWriter};

use super::Diagnostic;
#[cfg(feature = "render")]
use super::Severity;
#[cfg(feature = "render")]
use super::excerpt::{self, Excerpt};
use crate::source::SourceFile;
#[cfg(feature = "render")]
use crate::source::Span;

/// Renders `diagnostics` against `file` as plain text, one block each, in order.
#[cfg(feature = "render")]
pub fn to_string(file: &SourceFile, diagnostics: &[Diagnostic]) -> String {
    render(file, diagnostics, false)
}

/// Renders like [`to_string`], with ANSI colour codes for a terminal.
#[cfg(feature = "render")]
pub fn to_ansi_string(file: &SourceFile, diagnostics: &[Diagnostic]) -> String {
    render(file, diagnostics, true)
}

/// `text` as it may be printed on a terminal: line feeds kept, every other control
/// character (C0 and C1) and every bidirectional control written as a visible `\u{…}`
/// escape. For messages that echo what a user gave (paths, names, arguments), which must
/// not drive the terminal that shows them.
pub fn terminal_safe(text: &str) -> String {
    text.split('\n').map(visible).collect::<Vec<_>>().join("\n")
}

/// `text` as it may be printed inside one line of a report: like [`terminal_safe`], with
/// line feeds escaped too, so that a name (a path, a value read from a file) can neither
/// drive the terminal nor forge the report's next line.
pub fn one_line_safe(text: &str) -> String {
    visible(text)
}

/// One line per diagnostic, `file:line:col: severity[code]: message`, for channels that
/// take one line each (Cargo's `cargo:warning=`, and a derive pointing at errors it does
/// not draw). Needs no rendering library, so it is there without the `render` feature.
pub fn one_line_each(file: &SourceFile, diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|diagnostic| {
            let at = file.line_col(diagnostic.primary.span.start);
            let help = diagnostic
                .help
                .as_ref()
                .map(|help| format!(" (help: {})", visible(help)))
                .unwrap_or_default();
            crate::escape::one_line(&format!(
                "{}:{}:{}: {}[{}]: {}{help}",
                visible(file.name()),
                at.line,
                at.column,
                diagnostic.severity().as_str(),
                diagnostic.code.id(),
                visible(&diagnostic.message)
            ))
        })
        .collect()
}

/// `diagnostic` as text for a place that shows no schema source and points at one span of
/// its own (a derive's compiler error, which the compiler underlines): the message, the
/// primary label with the code, each secondary label and note as a `note:` line, then the
/// help. `words` rewrites each piece of text first (the derive speaks of its attributes).
pub(crate) fn detached(diagnostic: &Diagnostic, words: &dyn Fn(&str) -> String) -> String {
    use core::fmt::Write;
    let mut out = words(&diagnostic.message);
    let primary = &diagnostic.primary.message;
    if primary.is_empty() {
        let _ = write!(out, "\nnote: [{}]", diagnostic.code.id());
    } else {
        let _ = write!(out, "\nnote: {} [{}]", words(primary), diagnostic.code.id());
    }
    for label in diagnostic
        .secondary
        .iter()
        .filter(|l| !l.message.is_empty())
    {
        let _ = write!(out, "\nnote: {}", words(&label.message));
    }
    for note in &diagnostic.notes {
        let _ = write!(out, "\nnote: {}", words(note));
    }
    if let Some(help) = &diagnostic.help {
        let _ = write!(out, "\nhelp: {}", words(help));
    }
    out
}

#[cfg(feature = "render")]
fn render(file: &SourceFile, diagnostics: &[Diagnostic], color: bool) -> String {
    Prepared::new(file).render(diagnostics, color)
}

/// Renders like [`to_string`] (or [`to_ansi_string`] with `color`), one string per
/// diagnostic, preparing `file` once: for output that interleaves diagnostics of several
/// files (`statuskit diff`), at a cost linear in the file and the diagnostics.
#[cfg(feature = "render")]
pub fn each(file: &SourceFile, diagnostics: &[Diagnostic], color: bool) -> Vec<String> {
    let prepared = Prepared::new(file);
    diagnostics
        .iter()
        .map(|diagnostic| prepared.render(std::slice::from_ref(diagnostic), color))
        .collect()
}

/// A file made safe to show, and indexed by line, once.
#[cfg(feature = "render")]
struct Prepared {
    shown: SourceFile,
    files: SimpleFile<String, String>,
}

#[cfg(feature = "render")]
impl Prepared {
    fn new(file: &SourceFile) -> Self {
        // Source lines and messages echo the schema's text; neither may drive the terminal.
        let shown = SourceFile::new(visible(file.name()), crate::text::inert(file.text()));
        let files = SimpleFile::new(shown.name().to_owned(), shown.text().to_owned());
        Self { shown, files }
    }

    fn render(&self, diagnostics: &[Diagnostic], color: bool) -> String {
        let file = &self.shown;
        let mut out = Vec::new();
        for diagnostic in diagnostics {
            let spans: Vec<Span> = core::iter::once(diagnostic.primary.span)
                .chain(diagnostic.secondary.iter().map(|label| label.span))
                .collect();
            // A label on a huge line (or over a huge range) would print all of it: show an
            // excerpt instead, so output stays proportional to the number of diagnostics.
            let emitted = if excerpt::needed(file, &spans) {
                let (excerpt, ranges) = Excerpt::new(file, &spans);
                emit(&mut out, &excerpt, &convert(diagnostic, ranges), color)
            } else {
                let ranges = spans.iter().map(|&span| clamp(file, span)).collect();
                emit(&mut out, &self.files, &convert(diagnostic, ranges), color)
            };
            // codespan only fails when a span lies outside the file; spans come from the
            // parser of this very text, but a failure still must not lose the diagnostic.
            if emitted.is_err() {
                let line = format!(
                    "{}[{}]: {}\n",
                    diagnostic.severity().as_str(),
                    diagnostic.code,
                    diagnostic.message
                );
                out.extend_from_slice(line.as_bytes());
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }
}

#[cfg(feature = "render")]
fn emit<'f>(
    out: &mut Vec<u8>,
    files: &'f impl Files<'f, FileId = ()>,
    diagnostic: &cs::Diagnostic<()>,
    color: bool,
) -> Result<(), codespan_reporting::files::Error> {
    let config = Config::default();
    if color {
        let styles = Styles::default();
        let mut ansi = termcolor::Ansi::new(out);
        term::emit_to_write_style(
            &mut StylesWriter::new(&mut ansi, &styles),
            &config,
            files,
            diagnostic,
        )
    } else {
        term::emit_to_io_write(out, &config, files, diagnostic)
    }
}

/// `span` kept inside the text and on char boundaries, as codespan slices the text by it.
#[cfg(feature = "render")]
fn clamp(file: &SourceFile, span: Span) -> Range<usize> {
    let text = file.text();
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(span.start);
    start..floor(span.end).max(start)
}

/// The codespan form of `diagnostic`, its primary label at `ranges[0]` and its secondary
/// ones at the rest.
#[cfg(feature = "render")]
fn convert(diagnostic: &Diagnostic, ranges: Vec<Range<usize>>) -> cs::Diagnostic<()> {
    let severity = match diagnostic.severity() {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Note => cs::Severity::Note,
    };
    let messages = core::iter::once(&diagnostic.primary)
        .chain(&diagnostic.secondary)
        .map(|l| &l.message);
    let labels = ranges
        .into_iter()
        .zip(messages)
        .enumerate()
        .map(|(i, (range, message))| {
            let label = if i == 0 {
                cs::Label::primary((), range)
            } else {
                cs::Label::secondary((), range)
            };
            label.with_message(visible(message))
        })
        .collect();
    let mut notes: Vec<String> = diagnostic
        .notes
        .iter()
        .map(|note| format!("note: {}", visible(note)))
        .collect();
    if let Some(help) = &diagnostic.help {
        notes.push(format!("help: {}", visible(help)));
    }
    cs::Diagnostic::new(severity)
        .with_code(diagnostic.code.id())
        .with_message(visible(&diagnostic.message))
        .with_labels(labels)
        .with_notes(notes)
}

use crate::text::visible;

/// A one-line summary such as `2 errors, 1 warning`.
pub fn counts(errors: usize, warnings: usize) -> String {
    fn plural(n: usize, word: &str) -> String {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    }
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}
