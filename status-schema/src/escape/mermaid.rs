//! Mermaid (`stateDiagram-v2`): quoted state descriptions and `%%` comments.

/// A state description for `state "…" as id`, one line, with every character that Mermaid
/// could read as syntax written as an entity code (`#35;` for `#`): the quote that would
/// end the string, `%` (so no `%%{…}%%` directive can form), `#` (so no entity code the
/// author did not mean), and HTML's `<`, `>`, `&` (labels are rendered as HTML).
pub(crate) fn label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in super::one_line(text).chars() {
        match c {
            '"' | '#' | '%' | '<' | '>' | '&' | ';' | '\\' | '{' | '}' | '`' => {
                out.push_str(&format!("#{};", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// A `%% ` comment on one line.
pub(crate) fn comment(text: &str) -> String {
    format!("%% {}\n", label(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_cannot_form_syntax() {
        assert_eq!(label("a\"b"), "a#34;b");
        assert_eq!(label("%%{init: x}%%"), "#37;#37;#123;init: x#125;#37;#37;");
        assert_eq!(label("x\n%% y"), "x #37;#37; y");
    }
}
