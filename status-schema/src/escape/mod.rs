//! One escaping writer per language: the only way user text reaches generated code.
//!
//! Every generator writes schema text (docs, labels, wire values, aliases, notes, the
//! schema's file name, `--column` names) through the functions of its language's module
//! here, never by formatting it in by hand. Each module knows the three places text can go
//! in its language, a string literal, a comment, an identifier, and writes text there so
//! that it stays text: quotes and backslashes escaped, comments split on every line
//! terminator the language recognises and closed only by the writer, Markdown and HTML
//! syntax neutralised. The text policy ([`crate::text`]) has already refused what no writer
//! can carry (NUL, bidirectional controls, line breaks in labels); the writers do not rely
//! on it, and replace anything of that kind they still meet.

pub(crate) mod markdown;

#[cfg(feature = "targets")]
pub(crate) mod dot;
#[cfg(feature = "targets")]
pub(crate) mod js;
#[cfg(feature = "targets")]
pub(crate) mod mermaid;
#[cfg(feature = "targets")]
pub(crate) mod prisma;
#[cfg(feature = "targets")]
pub(crate) mod python;
#[cfg(feature = "targets")]
pub(crate) mod sql;
pub(crate) mod toml;

use crate::text::{is_bidi_control, is_line_terminator};

/// The lines of `text`, split at every line terminator any target language recognises
/// (LF, CRLF, CR, U+2028, U+2029, VT, FF, NEL), so that no piece of a comment can end the
/// comment early in any of them.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    core::iter::from_fn(move || {
        let current = rest?;
        let Some((at, c)) = current.char_indices().find(|&(_, c)| is_line_terminator(c)) else {
            rest = None;
            return Some(current);
        };
        let mut next = at + c.len_utf8();
        if c == '\r' && current[next..].starts_with('\n') {
            next += 1;
        }
        rest = Some(&current[next..]);
        Some(&current[..at])
    })
}

/// `line` with every control character but tab, and every bidirectional control, replaced
/// by U+FFFD: what a comment or doc line may hold in every language (NUL ends C strings and
/// Python source; rustc refuses bidirectional controls in comments).
pub(crate) fn comment_safe(line: &str) -> String {
    line.chars()
        .map(|c| {
            if (c.is_control() && c != '\t') || is_bidi_control(c) || is_line_terminator(c) {
                char::REPLACEMENT_CHARACTER
            } else {
                c
            }
        })
        .collect()
}

/// The text of a one-line comment: `text`'s lines joined by spaces, made
/// [`comment_safe`]. For headers and notes that must stay on the line they start, and for
/// diagnostics a line each.
pub(crate) fn one_line(text: &str) -> String {
    comment_safe(&lines(text).collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_on_every_terminator() {
        let split: Vec<&str> =
            lines("a\nb\r\nc\rd\u{2028}e\u{2029}f\u{0B}g\u{0C}h\u{85}i").collect();
        assert_eq!(split, ["a", "b", "c", "d", "e", "f", "g", "h", "i"]);
        assert_eq!(lines("").collect::<Vec<_>>(), [""]);
        assert_eq!(lines("x\n").collect::<Vec<_>>(), ["x", ""]);
    }

    #[test]
    fn comment_safe_keeps_visible_text() {
        assert_eq!(comment_safe("a\tb\0c\u{202E}d"), "a\tb\u{FFFD}c\u{FFFD}d");
        assert_eq!(one_line("a\r\nb"), "a b");
    }
}
