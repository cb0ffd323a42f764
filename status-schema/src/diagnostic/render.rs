//! Rendering diagnostics for terminals, rustc-style, with codespan-reporting.
//!
//! The CLI and the build-script front end both print exactly this, so a schema error reads
//! the same wherever it is found.

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, Styles, StylesWriter};

use super::{Diagnostic, Severity};
use crate::source::SourceFile;

/// Renders `diagnostics` against `file` as plain text, one block each, in order.
pub fn to_string(file: &SourceFile, diagnostics: &[Diagnostic]) -> String {
    render(file, diagnostics, false)
}

/// Renders like [`to_string`], with ANSI colour codes for a terminal.
pub fn to_ansi_string(file: &SourceFile, diagnostics: &[Diagnostic]) -> String {
    render(file, diagnostics, true)
}

fn render(file: &SourceFile, diagnostics: &[Diagnostic], color: bool) -> String {
    // Source lines and messages echo the schema's text; neither may drive the terminal.
    let shown = inert_source(file.text());
    let files = SimpleFile::new(crate::text::visible(file.name()), shown.as_str());
    let config = Config::default();
    let styles = Styles::default();
    let mut out = Vec::new();
    for diagnostic in diagnostics {
        let converted = convert(file, diagnostic);
        // codespan only fails when a span lies outside the file; spans come from the parser
        // of this very text, but a failure still must not lose the diagnostic.
        let result = if color {
            let mut ansi = termcolor::Ansi::new(&mut out);
            term::emit_to_write_style(
                &mut StylesWriter::new(&mut ansi, &styles),
                &config,
                &files,
                &converted,
            )
        } else {
            term::emit_to_io_write(&mut out, &config, &files, &converted)
        };
        if result.is_err() {
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

fn convert(file: &SourceFile, diagnostic: &Diagnostic) -> cs::Diagnostic<()> {
    let severity = match diagnostic.severity() {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
    };
    // codespan slices the text by these ranges: keep them inside it and on char boundaries.
    let text = file.text();
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let clamp = |span: crate::source::Span| {
        let start = floor(span.start);
        start..floor(span.end).max(start)
    };
    let mut labels = vec![
        cs::Label::primary((), clamp(diagnostic.primary.span))
            .with_message(visible(&diagnostic.primary.message)),
    ];
    labels.extend(diagnostic.secondary.iter().map(|label| {
        cs::Label::secondary((), clamp(label.span)).with_message(visible(&label.message))
    }));
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

/// The schema's text as it may be shown on a terminal: every control character other than
/// tab and line breaks, and every bidirectional control, replaced by a visible character of
/// the same UTF-8 length, so that every span still points at the same bytes.
fn inert_source(text: &str) -> String {
    text.chars()
        .map(|c| {
            let hidden = (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                || crate::text::is_bidi_control(c);
            if !hidden {
                return c;
            }
            match c.len_utf8() {
                1 => '?',
                2 => '\u{BF}', // ¿
                _ => char::REPLACEMENT_CHARACTER,
            }
        })
        .collect()
}

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
