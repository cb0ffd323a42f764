//! Graphviz DOT: double-quoted ids and labels, and `//` comments.
//!
//! The DOT lexer knows one escape in a quoted string, `\"` (and drops a backslash before a
//! line break). Labels are then read again when drawn: `\n`, `\l`, `\r` break lines, `\N`,
//! `\G`, `\E`, `\T`, `\H`, `\L` insert names, `\\` is a backslash, and HTML entities
//! (`&amp;`) are decoded. Labels therefore double backslashes and write `&` as `&amp;`.

/// A quoted id: a node, graph or cluster name. The generator's ids are names from the
/// schema, which hold no quote or backslash; both are escaped all the same.
pub(crate) fn id(text: &str) -> String {
    let one_line = super::one_line(text);
    format!(
        "\"{}\"",
        one_line.replace('\\', "\\\\").replace('"', "\\\"")
    )
}

/// A quoted label, drawn exactly as `text` reads, on one line.
pub(crate) fn label(text: &str) -> String {
    let one_line = super::one_line(text);
    format!(
        "\"{}\"",
        one_line
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('&', "&amp;")
    )
}

/// A `// ` comment on one line.
pub(crate) fn comment(text: &str) -> String {
    format!("// {}\n", super::one_line(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_drawn_as_written() {
        assert_eq!(label(r#"a"b\N&amp;"#), r#""a\"b\\N&amp;amp;""#);
        assert_eq!(label("a\nb"), "\"a b\"");
        assert_eq!(id("Job__done"), "\"Job__done\"");
    }
}
