//! Markdown (`CommonMark` with GitHub's tables, as rustdoc, GitHub and markdown-it read it):
//! schema text as plain text, never as markup.
//!
//! Text is escaped, not sanitised: every character that could start markup (emphasis,
//! links, raw HTML, entities, table cells, strikethrough) is written with a backslash, and
//! a line that could start a block (heading, quote, fence, indented code, a setext
//! underline) has its first character escaped and its indentation dropped. Three things
//! people write in docs are kept, because each is inert by construction:
//! - a code span written on one line (`` `in_progress` ``), whose content `CommonMark`
//!   treats as literal text (in a table, its pipes are escaped as GitHub's tables require);
//! - a web address (`https://…`, bare or in `<…>`), written as an autolink, whose content
//!   is literal too; only `http` and `https` are linked;
//! - a list item (`- `, `* `, `+ `, `1. `, `1) ` at the start of a line), whose text is
//!   escaped like any other line.

use super::{comment_safe, lines};

/// Characters escaped wherever they stand: each can open inline markup or raw HTML.
const INLINE: &[char] = &['\\', '`', '*', '[', ']', '<', '&', '|', '~'];

/// Where escaped text goes: a GitHub table cell needs `|` escaped even inside code spans,
/// where anywhere else the backslash would show.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Text,
    Cell,
}

/// One line of inline text for a sentence or a heading: line breaks become spaces.
pub(crate) fn inline(text: &str) -> String {
    let joined = lines(text).collect::<Vec<_>>().join(" ");
    escape_line(&comment_safe(&joined), Place::Text)
}

/// One line of inline text for a table cell: line breaks become spaces.
pub(crate) fn cell(text: &str) -> String {
    let joined = lines(text).collect::<Vec<_>>().join(" ");
    escape_line(&comment_safe(&joined), Place::Cell)
}

/// Prose that may span lines (docs, notes), one output line per input line, each unable to
/// start any block but a list item. Blank lines separate paragraphs as the author wrote
/// them.
pub(crate) fn prose(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut in_list = false;
    for line in lines(text) {
        // Indentation would start a code block, and two trailing spaces a hard break.
        let line = comment_safe(line.trim());
        let item = list_marker(&line);
        // A list stands apart from the text around it: a line that follows an item
        // unindented would otherwise continue the item ("lazy continuation"), which reads
        // unlike what was written and which clippy's `doc_lazy_continuation` flags.
        let boundary = !line.is_empty() && in_list != item.is_some();
        if boundary && out.last().is_some_and(|l| !l.is_empty()) {
            out.push(String::new());
        }
        if !line.is_empty() {
            in_list = item.is_some();
        }
        out.push(match item {
            Some((marker, rest)) => {
                format!("{marker} {}", escape_line(rest.trim_start(), Place::Text))
            }
            None => escape_line(&line, Place::Text),
        });
    }
    out.join("\n")
}

/// A code span holding `text` literally, for a sentence.
pub(crate) fn code(text: &str) -> String {
    code_in(text, Place::Text)
}

/// A code span holding `text` literally, for a table cell.
pub(crate) fn code_cell(text: &str) -> String {
    code_in(text, Place::Cell)
}

/// A code span fenced by a backtick run longer than any inside, padded with spaces where
/// the content starts or ends with a backtick.
fn code_in(text: &str, place: Place) -> String {
    let text = comment_safe(&lines(text).collect::<Vec<_>>().join(" "));
    let longest = longest_backtick_run(&text);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || text.trim().is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{}{pad}{fence}", pipes(&text, place))
}

fn pipes(text: &str, place: Place) -> String {
    match place {
        Place::Cell => text.replace('|', "\\|"),
        Place::Text => text.to_owned(),
    }
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

/// A list item's marker (`-`, `*`, `+`, or up to nine digits and `.` or `)`) followed by a
/// space, and the rest of the line.
fn list_marker(line: &str) -> Option<(&str, &str)> {
    let (marker, rest) = line.split_once(' ')?;
    let bullet = matches!(marker, "-" | "*" | "+");
    // The digits end in one ASCII byte, so cutting it off stays on a char boundary.
    let ordered = marker.strip_suffix(['.', ')']).is_some_and(|digits| {
        (1..=9).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
    });
    (bullet || ordered).then_some((marker, rest))
}

/// Escapes one line, as if it began a Markdown line, where a leading `#`, `>`, `-`, `+`,
/// `=` or `1.` would start a block (escaping it elsewhere is harmless).
fn escape_line(line: &str, place: Place) -> String {
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
        if let Some((url, next)) = web_address(&chars, i) {
            out.push('<');
            out.push_str(&url);
            out.push('>');
            i = next;
            continue;
        }
        if c == '`' {
            let run = chars[i..].iter().take_while(|&&c| c == '`').count();
            if let Some(end) = closing_run(&chars, i + run, run) {
                // A code span on this line: its content is literal already.
                let content: String = chars[i + run..end].iter().collect();
                out.extend(&chars[i..i + run]);
                out.push_str(&pipes(&content, place));
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

/// A web address at `chars[i]`: `<https://…>`, or a bare `https://…` starting a word (its
/// trailing punctuation left out, as GitHub does). Returns the address and where the text
/// after it starts. An autolink's content is literal, so only characters that cannot end
/// it or a table cell are taken.
fn web_address(chars: &[char], i: usize) -> Option<(String, usize)> {
    let url_char = |c: char| {
        !c.is_whitespace() && !c.is_control() && !matches!(c, '<' | '>' | '`' | '|' | '"' | '\\')
    };
    let starts_url = |at: usize| {
        let rest: String = chars[at..chars.len().min(at + 8)].iter().collect();
        rest.starts_with("https://") || rest.starts_with("http://")
    };
    if chars[i] == '<' && i + 1 < chars.len() && starts_url(i + 1) {
        let len = chars[i + 1..].iter().take_while(|&&c| url_char(c)).count();
        let end = i + 1 + len;
        if chars.get(end) == Some(&'>') {
            return Some((chars[i + 1..end].iter().collect(), end + 1));
        }
        return None;
    }
    let word_start = i == 0 || !chars[i - 1].is_alphanumeric();
    if word_start && starts_url(i) {
        let mut len = chars[i..].iter().take_while(|&&c| url_char(c)).count();
        while len > 0
            && matches!(
                chars[i + len - 1],
                '.' | ',' | ';' | ':' | '!' | '?' | ')' | '\''
            )
        {
            len -= 1;
        }
        let url: String = chars[i..i + len].iter().collect();
        let scheme = if url.starts_with("https") { 8 } else { 7 };
        if url.len() > scheme {
            return Some((url, i + len));
        }
    }
    None
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
/// `in_progress` can stay as written. Only ASCII counts: `CommonMark` reads symbols such as
/// `Ⓐ`, which Rust calls alphanumeric, as punctuation, next to which `_` does emphasise.
fn intraword(chars: &[char], i: usize) -> bool {
    let alnum = |c: Option<&char>| c.is_some_and(char::is_ascii_alphanumeric);
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
        assert_eq!(inline("Ⓐ_emph_Ⓐ a_b"), "Ⓐ\\_emph\\_Ⓐ a_b");
        assert_eq!(prose("line  \nnext"), "line\nnext");
    }

    #[test]
    fn code_spans_on_one_line_are_kept() {
        assert_eq!(
            inline("wrote `in_progress` here"),
            "wrote `in_progress` here"
        );
        assert_eq!(inline("`a|b`"), "`a|b`");
        assert_eq!(cell("`a|b` c|d"), "`a\\|b` c\\|d");
        assert_eq!(inline("unclosed `x"), "unclosed \\`x");
        assert_eq!(inline("``a`b``"), "``a`b``");
    }

    #[test]
    fn lines_cannot_start_blocks() {
        assert_eq!(prose("```{```"), "\\`\\`\\`{\\`\\`\\`");
        assert_eq!(
            prose("# Title\n===\n    code\n-item\n1.one"),
            "\\# Title\n\\===\ncode\n\\-item\n1\\.one"
        );
        assert_eq!(
            prose("```\nfn main() {}\n```"),
            "\\`\\`\\`\nfn main() {}\n\\`\\`\\`"
        );
    }

    #[test]
    fn list_items_are_kept_and_their_text_escaped() {
        assert_eq!(
            prose("Steps:\n  - item *one*\n1. first\n2)    # second\n- ```\nafter"),
            "Steps:\n\n- item \\*one\\*\n1. first\n2) \\# second\n- \\`\\`\\`\n\nafter"
        );
    }

    #[test]
    fn web_addresses_become_autolinks() {
        assert_eq!(
            inline("see <https://e.com/a_b*c> and https://x.org/p?q=1&r=2."),
            "see <https://e.com/a_b*c> and <https://x.org/p?q=1&r=2>."
        );
        assert_eq!(inline("<javascript:alert(1)>"), "\\<javascript:alert(1)>");
        assert_eq!(
            inline("xhttps://a http:// (https://y.z)"),
            "xhttps://a http:// (<https://y.z>)"
        );
        assert_eq!(cell("https://a.b/c|d"), "<https://a.b/c>\\|d");
    }

    #[test]
    fn code_fences_are_longer_than_the_content() {
        assert_eq!(code("done"), "`done`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x`"), "`` `x` ``");
        assert_eq!(code("a|b"), "`a|b`");
        assert_eq!(code_cell("a|b"), "`a\\|b`");
    }

    #[test]
    fn html_comments_cannot_close_early() {
        assert_eq!(html_comment("a --> b\n<!-- c"), "a - -&gt; b <!- - c");
    }
}
