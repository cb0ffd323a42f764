//! Python: string literals, docstrings and `#` comments.

use std::fmt::Write;

use super::{comment_safe, lines};

/// A double-quoted string literal. JSON's escapes (`\"`, `\\`, `\n`, `\uXXXX`) mean the
/// same in Python; U+2028 and U+2029 are escaped too, to keep the source one line per line.
pub(crate) fn string(text: &str) -> String {
    super::js::string(text)
}

/// The body of a `"""…"""` docstring: backslashes escaped, so none can start an escape;
/// a quote escaped when another quote or the end follows it, so no run of three can form
/// and none can join the closing quotes; line breaks kept as lines; any other control
/// character written as an escape.
pub(crate) fn docstring(text: &str) -> String {
    let text = text.trim();
    let lines: Vec<&str> = lines(text).collect();
    let last = lines.len().saturating_sub(1);
    lines
        .iter()
        .enumerate()
        .map(|(n, line)| {
            let mut out = String::with_capacity(line.len());
            let mut chars = line.chars().peekable();
            while let Some(c) = chars.next() {
                let next = chars.peek().copied();
                match c {
                    '\\' => out.push_str("\\\\"),
                    '"' if next == Some('"') || (next.is_none() && n == last) => {
                        out.push_str("\\\"");
                    }
                    '\t' => out.push('\t'),
                    c if c.is_control() || crate::text::is_bidi_control(c) => {
                        let _ = write!(out, "\\u{:04x}", u32::from(c));
                    }
                    c => out.push(c),
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A `# ` comment on one line. Python reads `coding:` or `coding=` in a comment on the
/// first two lines as the file's encoding (PEP 263), which could make the rest of the file
/// decode into other code; tools read pragmas such as `type: ignore`, `noqa` and
/// `pylint: disable` from comments. Each is broken with a space.
pub(crate) fn comment(text: &str) -> String {
    let mut line = comment_safe(&lines(text).collect::<Vec<_>>().join(" "));
    for (pragma, inert) in [
        ("coding:", "coding :"),
        ("coding=", "coding ="),
        ("type:", "type :"),
        ("pylint:", "pylint :"),
        ("flake8:", "flake8 :"),
        ("mypy:", "mypy :"),
        ("noqa", "no qa"),
    ] {
        line = line.replace(pragma, inert);
    }
    format!("# {line}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docstrings_cannot_close_early() {
        assert_eq!(docstring("ends in a quote\""), "ends in a quote\\\"");
        assert_eq!(docstring(r#"""" \n"#), r#"\"\"" \\n"#);
        assert_eq!(docstring(r#"say "hi" twice"#), r#"say "hi" twice"#);
        assert_eq!(docstring("a\r\nb\0"), "a\nb\\u0000");
    }

    #[test]
    fn comments_cannot_declare_an_encoding_or_a_pragma() {
        assert_eq!(
            comment("from p coding=gbk .toml # type: ignore noqa"),
            "# from p coding =gbk .toml # type : ignore no qa\n"
        );
    }
}
