//! Graphviz DOT: double-quoted strings (ids and labels) and `//` comments.

use super::comment_safe;

/// A double-quoted DOT string. The DOT lexer knows one escape, `\"`; labels then read
/// backslash sequences (`\n`, `\l`, `\N`, …), so a backslash is doubled to stay a
/// backslash. Line breaks become spaces: labels are one line.
pub(crate) fn string(text: &str) -> String {
    let one_line = super::one_line(text);
    format!(
        "\"{}\"",
        one_line.replace('\\', "\\\\").replace('"', "\\\"")
    )
}

/// A `// ` comment on one line.
pub(crate) fn comment(text: &str) -> String {
    format!("// {}\n", comment_safe(&super::one_line(text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_keep_quotes_and_backslashes() {
        assert_eq!(string(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(string("a\nb"), "\"a b\"");
    }
}
