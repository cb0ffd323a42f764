//! The text policy: what the free text of a schema may hold.
//!
//! A schema is reviewed as data, yet its text ends up inside code in nine languages. Most
//! of what could break out is handled by each language's escaping writer
//! (`status-schema/src/escape/`); what no writer can carry faithfully, or what a reviewer cannot see,
//! is refused here instead, and [`crate::check`] reports it with a located diagnostic:
//!
//! | field | may hold | why |
//! | --- | --- | --- |
//! | prose: `doc`, `docs`, `deprecated`, event `doc` | any text but control characters other than tab and line feed; no bidirectional controls | prose becomes comments and docstrings; CR, CRLF, U+2028 and U+2029 are turned into line feeds first, because every language ends a comment at a different subset of them |
//! | `labels` | one line of visible text: no control characters at all, no line or paragraph separators, no bidirectional controls, not blank | a label is a display name: diagrams, tables and UIs show it on one line |
//! | spellings: wire values, `aliases` | as labels, and no whitespace at either end, and at most [`MAX_SPELLING_BYTES`] bytes | they are stored and compared byte for byte: PostgreSQL's enum labels stop at 63 bytes, and invisible edges would make two values look alike |
//!
//! Bidirectional controls (U+202A–U+202E, U+2066–U+2069, and the marks U+200E, U+200F,
//! U+061C) are refused everywhere: they make text display in another order than it is read
//! by a compiler ("Trojan Source"), and rustc refuses them in comments.

use std::fmt::Write;

/// The longest wire value or alias, in bytes: PostgreSQL's limit for an enum label
/// (`NAMEDATALEN - 1`).
pub const MAX_SPELLING_BYTES: usize = 63;

/// The longest label, in bytes: a display name on one line, well inside the quoted strings
/// of every target (Graphviz stops one at 16 KB, after DOT escaping doubles quotes).
pub const MAX_LABEL_BYTES: usize = 256;

/// The longest piece of prose (a `doc`, a `docs` entry, a deprecation note), in bytes: a
/// page; longer text belongs in the team's own documentation, linked from here.
pub const MAX_PROSE_BYTES: usize = 8 * 1024;

/// The longest text a field may hold, in bytes.
pub(crate) fn max_bytes(field: Field) -> usize {
    match field {
        Field::Prose => MAX_PROSE_BYTES,
        Field::Label => MAX_LABEL_BYTES,
        Field::Spelling => MAX_SPELLING_BYTES,
    }
}

/// What a piece of text is for, which decides what it may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    /// Free prose that may span lines: docs, deprecation notes.
    Prose,
    /// A display name, shown on one line.
    Label,
    /// A wire value or alias: stored, transmitted and compared exactly.
    Spelling,
}

/// One way a text breaks the policy for its [`Field`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    /// A control character the field cannot hold (the first one found, and where, in
    /// characters from the start).
    Control { found: char, at: usize },
    /// A bidirectional control character (the first one, and where).
    Bidi { found: char, at: usize },
    /// A line break (LF, CR, U+2028, U+2029) where one line is expected.
    LineBreak,
    /// Empty or only whitespace (labels; spellings are checked for emptiness elsewhere).
    Blank,
    /// Whitespace at the start or end of a spelling.
    EdgeWhitespace,
    /// Longer than its field's [`max_bytes`]; the length in bytes.
    TooLong(usize),
}

/// Whether `c` is one of the bidirectional controls the policy refuses everywhere.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// Whether `c` ends a line in some language statuskit writes: LF, CR (PostgreSQL, Prisma,
/// Python, JavaScript), U+2028 and U+2029 (JavaScript), and the rarer vertical tab, form
/// feed and NEL (Python's `splitlines`).
pub(crate) fn is_line_terminator(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}' | '\u{85}'
    )
}

/// Every problem `text` has as a `field`, at most one of each kind, in a fixed order.
pub(crate) fn problems(field: Field, text: &str) -> Vec<Problem> {
    let mut found = Vec::new();
    // Prose keeps tab and line breaks (CR is normalised later); elsewhere a line break is
    // reported as such rather than as a control character.
    let allowed = |c: char| match field {
        Field::Prose => matches!(c, '\t' | '\n' | '\r'),
        Field::Label | Field::Spelling => is_line_terminator(c),
    };
    if let Some((at, c)) = text
        .chars()
        .enumerate()
        .find(|&(_, c)| c.is_control() && !allowed(c))
    {
        found.push(Problem::Control { found: c, at });
    }
    if let Some((at, c)) = text.chars().enumerate().find(|&(_, c)| is_bidi_control(c)) {
        found.push(Problem::Bidi { found: c, at });
    }
    if field == Field::Prose {
        if text.len() > MAX_PROSE_BYTES {
            found.push(Problem::TooLong(text.len()));
        }
        return found;
    }
    if text.chars().any(is_line_terminator) {
        found.push(Problem::LineBreak);
    }
    match field {
        Field::Label => {
            if text.trim().is_empty() {
                found.push(Problem::Blank);
            }
            if text.len() > MAX_LABEL_BYTES {
                found.push(Problem::TooLong(text.len()));
            }
        }
        Field::Spelling if !text.is_empty() => {
            if text.trim().is_empty() {
                found.push(Problem::Blank);
            } else if text.trim() != text {
                found.push(Problem::EdgeWhitespace);
            }
            if text.len() > MAX_SPELLING_BYTES {
                found.push(Problem::TooLong(text.len()));
            }
        }
        _ => {}
    }
    found
}

/// Prose with every line break written as LF: CRLF, a lone CR, U+2028 and U+2029 each
/// become `\n`, so that one rule (split on LF) serves every comment syntax.
pub(crate) fn normalize_prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            c => out.push(c),
        }
    }
    out
}

/// How a character is named in a diagnostic: `U+0000 (NUL)`, `U+202E (RIGHT-TO-LEFT
/// OVERRIDE)`, or just the code point.
pub(crate) fn describe(c: char) -> String {
    let name = match c {
        '\0' => Some("NUL"),
        '\u{7}' => Some("BEL"),
        '\u{8}' => Some("BACKSPACE"),
        '\t' => Some("TAB"),
        '\n' => Some("LINE FEED"),
        '\r' => Some("CARRIAGE RETURN"),
        '\u{1B}' => Some("ESCAPE"),
        '\u{7F}' => Some("DELETE"),
        '\u{85}' => Some("NEXT LINE"),
        '\u{202A}' => Some("LEFT-TO-RIGHT EMBEDDING"),
        '\u{202B}' => Some("RIGHT-TO-LEFT EMBEDDING"),
        '\u{202C}' => Some("POP DIRECTIONAL FORMATTING"),
        '\u{202D}' => Some("LEFT-TO-RIGHT OVERRIDE"),
        '\u{202E}' => Some("RIGHT-TO-LEFT OVERRIDE"),
        '\u{2066}' => Some("LEFT-TO-RIGHT ISOLATE"),
        '\u{2067}' => Some("RIGHT-TO-LEFT ISOLATE"),
        '\u{2068}' => Some("FIRST STRONG ISOLATE"),
        '\u{2069}' => Some("POP DIRECTIONAL ISOLATE"),
        '\u{200E}' => Some("LEFT-TO-RIGHT MARK"),
        '\u{200F}' => Some("RIGHT-TO-LEFT MARK"),
        '\u{061C}' => Some("ARABIC LETTER MARK"),
        _ => None,
    };
    match name {
        Some(name) => format!("U+{:04X} ({name})", u32::from(c)),
        None => format!("U+{:04X}", u32::from(c)),
    }
}

/// `text` with every control and bidirectional character written as a visible `\u{…}`
/// escape: for echoing user text in diagnostics without letting it drive the terminal.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}') {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// The schema's text as it may be shown on a terminal: every control character other than
/// tab and line breaks (LF, and CR before LF), and every bidirectional control, replaced by a visible character of
/// the same UTF-8 length, so that every span still points at the same bytes.
pub(crate) fn inert(text: &str) -> String {
    let mut chars = text.chars().peekable();
    core::iter::from_fn(|| {
        let c = chars.next()?;
        // CR ends a line only before LF (CRLF files); alone, it sends the cursor back to
        // overwrite what the excerpt just showed.
        let line_end = c == '\n' || (c == '\r' && chars.peek() == Some(&'\n'));
        Some((c, line_end))
    })
    .map(|(c, line_end)| {
        let hidden = (c.is_control() && c != '\t' && !line_end) || is_bidi_control(c);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_keeps_tabs_and_line_breaks() {
        assert!(problems(Field::Prose, "a\tb\nc\r\nd\re\u{2028}f").is_empty());
        assert_eq!(
            normalize_prose("a\r\nb\rc\u{2028}d\u{2029}e\nf"),
            "a\nb\nc\nd\ne\nf"
        );
    }

    #[test]
    fn controls_and_bidi_are_found_with_their_position() {
        assert_eq!(
            problems(Field::Prose, "ab\0"),
            [Problem::Control { found: '\0', at: 2 }]
        );
        assert_eq!(
            problems(Field::Prose, "x\u{0C}"),
            [Problem::Control {
                found: '\u{0C}',
                at: 1
            }]
        );
        assert_eq!(
            problems(Field::Label, "é\u{202E}"),
            [Problem::Bidi {
                found: '\u{202E}',
                at: 1
            }]
        );
        assert_eq!(
            problems(Field::Spelling, "a\u{9F}"),
            [Problem::Control {
                found: '\u{9F}',
                at: 1
            }]
        );
    }

    #[test]
    fn labels_are_one_visible_line() {
        assert_eq!(problems(Field::Label, "a\nb"), [Problem::LineBreak]);
        assert_eq!(problems(Field::Label, "a\u{2029}b"), [Problem::LineBreak]);
        assert_eq!(
            problems(Field::Label, "\t"),
            [Problem::Control { found: '\t', at: 0 }, Problem::Blank]
        );
        assert_eq!(problems(Field::Label, " "), [Problem::Blank]);
        assert!(problems(Field::Label, "Needs rerun <b>!</b> \"x\"").is_empty());
        assert!(problems(Field::Label, &"é".repeat(128)).is_empty());
        assert_eq!(
            problems(Field::Label, &"é".repeat(129)),
            [Problem::TooLong(258)]
        );
    }

    #[test]
    fn prose_is_at_most_a_page() {
        assert!(problems(Field::Prose, &"x\n".repeat(4096)).is_empty());
        assert_eq!(
            problems(Field::Prose, &"x".repeat(8193)),
            [Problem::TooLong(8193)]
        );
    }

    #[test]
    fn spellings_are_exact_and_short() {
        assert!(problems(Field::Spelling, "PARTIAL_REFUND").is_empty());
        assert!(problems(Field::Spelling, "").is_empty(), "E042's business");
        assert_eq!(problems(Field::Spelling, " a"), [Problem::EdgeWhitespace]);
        assert_eq!(problems(Field::Spelling, "\u{3000}"), [Problem::Blank]);
        assert!(problems(Field::Spelling, &"x".repeat(63)).is_empty());
        assert_eq!(
            problems(Field::Spelling, &"é".repeat(32)),
            [Problem::TooLong(64)]
        );
    }

    #[test]
    fn inert_keeps_line_ends_and_hides_a_lone_carriage_return() {
        assert_eq!(inert("a\r\nb\rc\u{1b}d"), "a\r\nb?c?d");
        assert_eq!(inert("\u{202e}x").len(), "\u{202e}x".len());
    }

    #[test]
    fn visible_escapes_what_would_drive_a_terminal() {
        assert_eq!(visible("a\u{1b}[2Jb\u{202e}"), "a\\u{1b}[2Jb\\u{202e}");
    }
}
