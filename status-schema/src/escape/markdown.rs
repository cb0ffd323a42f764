//! Markdown (`CommonMark` with GitHub's tables, as rustdoc, GitHub and markdown-it read it):
//! schema text as plain text, never as markup.
//!
//! Text is escaped, not sanitised: every character that could start markup (emphasis,
//! links, raw HTML, entities, table cells, strikethrough) is written with a backslash, and
//! a line that could start a block (heading, list, quote, fence, indented code) has its
//! first character escaped and its indentation dropped. One thing is kept: a code span
//! written on one line (`` `in_progress` ``), whose content `CommonMark` already treats as
//! literal text; in a table, its pipes are escaped as GitHub's tables require.

use super::{comment_safe, lines};

/// Characters escaped wherever they stand: each can open inline markup or raw HTML.
const INLINE: &[char] = &['\\', '`', '*', '[', ']', '<', '&', '|', '~'];

/// One line of inline text, for a table cell, a heading or a sentence: line breaks become
/// spaces.
pub(crate) fn inline(text: &str) -> String {
    let joined = lines(text).collect::<Vec<_>>().join(" ");
    escape_line(&comment_safe(&joined))
}

/// Prose that may span lines (docs, notes), one output line per input line, each unable to
/// start a block. Blank lines separate paragraphs as the author wrote them.
pub(crate) fn prose(text: &str) -> String {
    lines(text)
        .map(|line| escape_line(&comment_safe(line.trim_start())))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A code span holding `text` literally: fenced by a backtick run longer than any inside,
/// padded with spaces where the content starts or ends with a backtick, pipes escaped for
/// tables.
pub(crate) fn code(text: &str) -> String {
    let text = comment_safe(&lines(text).collect::<Vec<_>>().join(" "));
    let longest = longest_backtick_run(&text);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || text.trim().is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{}{pad}{fence}", text.replace('|', "\\|"))
}

/// The body of an HTML comment (`<!-- … -->`) on one line: no `--` can end it early.
#[cfg(feature = "targets")]
pub(crate) fn html_comment(text: &str) -> String {
    let mut body = super::one_line(text);
    while body.contains("--") {
        body = body.replace("--", "- -");
    }
    body.replace('>', "&gt;")
}

fn longest_backtick_run(text: &str) -> usize {
    let (mut longest, mut run) = (0, 0);
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// Escapes one line, as if it began a Markdown line, where a leading `#`, `>`, `-`, `+`,
/// `=` or `1.` would start a block (escaping it elsewhere is harmless).
fn escape_line(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    let mut i = 0;
    // Block starters: escaping the first character is enough, since each needs it
    // unescaped. A digit run followed by `.` or `)` starts an ordered list.
    match chars.first() {
        Some('#' | '>' | '-' | '+' | '=') => out.push('\\'),
        // Three backticks open a fenced code block (which rustdoc would run as a doctest)
        // unless the rest of the line holds a backtick; escape the first in any case.
        Some('`') if line.starts_with("```") => {
            out.push_str("\\`");
            i = 1;
        }
        Some(c) if c.is_ascii_digit() => {
            let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
            if matches!(chars.get(digits), Some('.' | ')')) {
                out.extend(&chars[..digits]);
                out.push('\\');
                i = digits;
            }
        }
        _ => {}
    }
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            let run = chars[i..].iter().take_while(|&&c| c == '`').count();
            if let Some(end) = closing_run(&chars, i + run, run) {
                // A code span on this line: its content is literal already.
                let content: String = chars[i + run..end].iter().collect();
                out.extend(&chars[i..i + run]);
                out.push_str(&content.replace('|', "\\|"));
                out.extend(&chars[end..end + run]);
                i = end + run;
                continue;
            }
            for _ in 0..run {
                out.push_str("\\`");
            }
            i += run;
            continue;
        }
        if INLINE.contains(&c) || (c == '_' && !intraword(&chars, i)) {
            out.push('\\');
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Where a backtick run of exactly `len` starts at or after `from`, closing a code span.
fn closing_run(chars: &[char], from: usize, len: usize) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '`' {
            let run = chars[i..].iter().take_while(|&&c| c == '`').count();
            if run == len {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

/// An underscore between two letters or digits cannot open or close emphasis, so
/// `in_progress` can stay as written.
fn intraword(chars: &[char], i: usize) -> bool {
    let alnum = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
    i > 0 && alnum(chars.get(i - 1)) && alnum(chars.get(i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            inline("<script>alert(1)</script>"),
            "\\<script>alert(1)\\</script>"
        );
        assert_eq!(inline("a | b & c"), "a \\| b \\& c");
        assert_eq!(
            inline("*x* _y_ in_progress ~~z~~ [l](u) ![i](u) a -> b"),
            "\\*x\\* \\_y\\_ in_progress \\~\\~z\\~\\~ \\[l\\](u) !\\[i\\](u) a -> b"
        );
        assert_eq!(inline("a\r\n# b"), "a # b");
        assert_eq!(inline("> quote"), "\\> quote");
        assert_eq!(inline("back\\slash"), "back\\\\slash");
    }

    #[test]
    fn code_spans_on_one_line_are_kept() {
        assert_eq!(
            inline("wrote `in_progress` here"),
            "wrote `in_progress` here"
        );
        assert_eq!(inline("`a|b`"), "`a\\|b`");
        assert_eq!(inline("unclosed `x"), "unclosed \\`x");
        assert_eq!(inline("``a`b``"), "``a`b``");
    }

    #[test]
    fn lines_cannot_start_blocks() {
        assert_eq!(prose("```{```"), "\\`\\`\\`{\\`\\`\\`");
        assert_eq!(
            prose("# Title\n  - item\n1. one\n2) two\n===\n    code"),
            "\\# Title\n\\- item\n1\\. one\n2\\) two\n\\===\ncode"
        );
        assert_eq!(
            prose("```\nfn main() {}\n```"),
            "\\`\\`\\`\nfn main() {}\n\\`\\`\\`"
        );
    }

    #[test]
    fn code_fences_are_longer_than_the_content() {
        assert_eq!(code("done"), "`done`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x`"), "`` `x` ``");
        assert_eq!(code("a|b"), "`a\\|b`");
    }

    #[test]
    fn html_comments_cannot_close_early() {
        assert_eq!(html_comment("a --> b\n<!-- c"), "a - -&gt; b <!- - c");
    }
}
