//! TypeScript and JavaScript: string literals and `/** … */` comments.

use std::fmt::Write;

use super::{comment_safe, lines};

/// A double-quoted string literal: JSON's escapes, which JavaScript reads the same way,
/// plus U+2028 and U+2029 escaped, since engines before ES2019 end a line at them.
pub(crate) fn string(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap_or_else(|_| "\"\"".to_owned())
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// An object literal's property key: a string literal, except that `"__proto__"` is written
/// as a computed key (`["__proto__"]`), which defines a property instead of setting the
/// object's prototype.
pub(crate) fn key(text: &str) -> String {
    if text == "__proto__" {
        format!("[{}]", string(text))
    } else {
        string(text)
    }
}

/// A `/** … */` comment at `indent` holding `paragraphs` (each possibly several lines), or
/// nothing when there are none. No line can close the comment (`*/` is written `*\/`) or
/// start a `JSDoc` tag the generator did not write (`@` is written `\@`).
pub(crate) fn jsdoc(out: &mut String, indent: &str, paragraphs: &[&str]) {
    jsdoc_tagged(out, indent, paragraphs, None);
}

/// [`jsdoc`] followed by one tag the generator writes itself, such as `@deprecated`, whose
/// text is escaped like the rest.
pub(crate) fn jsdoc_tagged(
    out: &mut String,
    indent: &str,
    paragraphs: &[&str],
    tag: Option<(&str, &str)>,
) {
    let mut body: Vec<String> = paragraphs
        .iter()
        .flat_map(|p| lines(p).map(comment_text))
        .collect();
    if let Some((name, text)) = tag {
        let text = comment_text(&lines(text).collect::<Vec<_>>().join(" "));
        body.push(format!("@{name} {text}").trim_end().to_owned());
    }
    if body.is_empty() {
        return;
    }
    let _ = writeln!(out, "{indent}/**");
    for line in &body {
        if line.is_empty() {
            let _ = writeln!(out, "{indent} *");
        } else {
            let _ = writeln!(out, "{indent} * {line}");
        }
    }
    let _ = writeln!(out, "{indent} */");
}

/// A `/** … */` comment of the generator's own words (which may hold `{@link …}` tags),
/// laid out like [`jsdoc`]; it still cannot be closed early.
pub(crate) fn jsdoc_generated(out: &mut String, indent: &str, text: &str) {
    let _ = writeln!(out, "{indent}/**");
    for line in lines(text) {
        let _ = writeln!(
            out,
            "{indent} * {}",
            comment_safe(line).replace("*/", "*\\/")
        );
    }
    let _ = writeln!(out, "{indent} */");
}

/// A `// ` comment on one line.
pub(crate) fn line_comment(text: &str) -> String {
    format!("// {}\n", super::one_line(text))
}

fn comment_text(line: &str) -> String {
    comment_safe(line).replace("*/", "*\\/").replace('@', "\\@")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_quotes_and_separators() {
        assert_eq!(string("a\"b\\c\n\u{2028}"), r#""a\"b\\c\n\u2028""#);
    }

    #[test]
    fn comments_cannot_close_or_tag() {
        let mut out = String::new();
        jsdoc(&mut out, "", &["x */ alert(1) /*\u{2028}@deprecated y"]);
        assert_eq!(out, "/**\n * x *\\/ alert(1) /*\n * \\@deprecated y\n */\n");
        let mut out = String::new();
        jsdoc_tagged(&mut out, "  ", &["Doc."], Some(("deprecated", "use */ B")));
        assert_eq!(
            out,
            "  /**\n   * Doc.\n   * @deprecated use *\\/ B\n   */\n"
        );
        let mut out = String::new();
        jsdoc(&mut out, "", &[]);
        assert_eq!(out, "");
    }
}
