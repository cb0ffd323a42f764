//! Diagnostics as rustc-style text with no rendering library: what the derive puts in its
//! `compile_error!`s.
//!
//! The derive is compiled into every crate that uses it, so it renders without
//! codespan-reporting (and termcolor): a compiler message has no colour, and each label
//! is drawn on its own source line. The CLI and build scripts keep [`super::render`],
//! which groups labels that share a line and colours for a terminal.

use core::fmt::Write as _;

use super::{Diagnostic, Label};
use crate::source::SourceFile;
use crate::text::visible;

/// Bytes of a source line shown either side of a label on a long line.
const CONTEXT: usize = 40;
/// Lines longer than this are cut around the label.
const LONG_LINE: usize = 240;
/// The widest underline drawn.
const WIDEST: usize = 80;

/// `diagnostics` against `file`, one block each, in order:
///
/// ```text
/// error[E020]: unknown state `queud` in `transitions.running`
///   --> statuses.toml:7:44
///    |
///  7 | transitions = { queued = ["running"], running = ["done", "queud"] }
///    |                                                          ^^^^^^^ not a state of `Job`
///    |
///    = help: did you mean `queued`?
/// ```
pub fn to_string(file: &SourceFile, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        block(&mut out, file, diagnostic);
        out.push('\n');
    }
    out
}

fn block(out: &mut String, file: &SourceFile, diagnostic: &Diagnostic) {
    let at = file.line_col(diagnostic.primary.span.start);
    let lines: Vec<usize> = core::iter::once(&diagnostic.primary)
        .chain(&diagnostic.secondary)
        .map(|label| file.line_col(label.span.start).line)
        .collect();
    let gutter = lines.iter().max().map_or(1, |n| n.to_string().len());
    let pad = " ".repeat(gutter);
    let _ = writeln!(
        out,
        "{}[{}]: {}",
        diagnostic.severity().as_str(),
        diagnostic.code.id(),
        visible(&diagnostic.message)
    );
    let _ = writeln!(
        out,
        "{pad}--> {}:{}:{}",
        visible(file.name()),
        at.line,
        at.column
    );
    let _ = writeln!(out, "{pad} |");
    label(out, file, &diagnostic.primary, '^', gutter);
    for secondary in &diagnostic.secondary {
        label(out, file, secondary, '-', gutter);
    }
    if !diagnostic.notes.is_empty() || diagnostic.help.is_some() {
        let _ = writeln!(out, "{pad} |");
    }
    for note in &diagnostic.notes {
        let _ = writeln!(out, "{pad} = note: {}", visible(note));
    }
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(out, "{pad} = help: {}", visible(help));
    }
}

/// The source line of `label`, cut around it when long, and a line underlining it with
/// `mark`, followed by its message.
fn label(out: &mut String, file: &SourceFile, label: &Label, mark: char, gutter: usize) {
    let text = file.text();
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(label.span.start);
    // Through the file's line index: scanning the text for line breaks would make each
    // label cost the whole file, and a file of many diagnostics quadratic.
    let line = file.line_index(start);
    let lines = file.line_range(line);
    let (line_start, line_end) = (lines.start, lines.end.max(start));
    // A label running past its line is underlined to the line's end.
    let end = floor(label.span.end).clamp(start, line_end);
    let (shown_start, shown_end) = if line_end - line_start > LONG_LINE {
        (
            floor(start.saturating_sub(CONTEXT).max(line_start)),
            floor((end + CONTEXT).min(line_end)),
        )
    } else {
        (line_start, line_end)
    };
    let before = shown(&text[shown_start..start]);
    let marked = shown(&text[start..end]);
    let after = shown(&text[end..shown_end]);
    let cut_left = if shown_start > line_start { "…" } else { "" };
    let cut_right = if shown_end < line_end { "…" } else { "" };
    let number = line + 1;
    let _ = writeln!(
        out,
        "{number:>gutter$} | {cut_left}{before}{marked}{after}{cut_right}"
    );
    let indent = cut_left.chars().count() + before.chars().count();
    let width = marked.chars().count().clamp(1, WIDEST);
    let message = visible(&label.message);
    let underline: String = core::iter::repeat_n(mark, width).collect();
    let line = format!("{:gutter$} | {:indent$}{underline} {message}", "", "");
    let _ = writeln!(out, "{}", line.trim_end());
}

/// Source text as it may be shown: tabs as one space (so the underline stays under its
/// text), every control or bidirectional character as the visible stand-in
/// [`render`](super::render) shows too.
fn shown(text: &str) -> String {
    crate::text::inert(text)
        .chars()
        .map(|c| if matches!(c, '\t' | '\r') { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::SourceFile;

    #[test]
    fn a_diagnostic_reads_as_rustc_writes_it() {
        let file = SourceFile::new(
            "statuses.toml",
            "schema_version = 1\n[status.Job]\nstates = [\"queued\", \"running\", \"done\"]\ninitial = \"queued\"\nterminal = [\"done\"]\ntransitions = { queued = [\"running\"], running = [\"done\", \"queud\"] }\n",
        );
        let analysis = crate::analyze(&file);
        let text = super::to_string(&file, analysis.diagnostics.as_slice());
        assert_eq!(
            text,
            "error[E020]: unknown state `queud` in `transitions.running`\n \
             --> statuses.toml:6:58\n  |\n\
             6 | transitions = { queued = [\"running\"], running = [\"done\", \"queud\"] }\n  \
             |                                                          ^^^^^^^ not a state of `Job`\n  |\n  \
             = help: did you mean `queued`?\n\n"
        );
    }

    #[test]
    fn a_long_line_is_cut_around_the_label_and_controls_are_shown_inert() {
        let long = format!(
            "schema_version = 1\n[status.Job]\nstates = [{}\"a\\u001b[31m\", \"a\"]\n",
            "\"x\", ".repeat(100)
        );
        let file = SourceFile::new("s.toml", long.as_str());
        let analysis = crate::analyze(&file);
        assert!(!analysis.diagnostics.is_empty());
        let text = super::to_string(&file, analysis.diagnostics.as_slice());
        assert!(text.lines().all(|l| l.len() < 400), "{text}");
        assert!(!text.contains('\u{1b}'), "{text}");
    }
}
