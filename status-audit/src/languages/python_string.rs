//! The value of a Python string literal, as both Python readers need it: the definitions'
//! (`python.rs`) and the uses' (`python_uses.rs`).

use tree_sitter::Node;

use super::syntax::{children, text, unescape};

/// The value of a plain string literal (not an f-string or bytes), or of adjacent ones
/// (`"pend" "ing"`).
pub(super) fn string_value(node: Node<'_>, source: &str) -> Option<String> {
    if node.kind() == "concatenated_string" {
        return children(node)
            .into_iter()
            .map(|part| string_value(part, source))
            .collect();
    }
    if node.kind() != "string" {
        return None;
    }
    let parts = children(node);
    let prefix = parts
        .first()
        .filter(|p| p.kind() == "string_start")
        .map_or("", |p| text(*p, source))
        .to_ascii_lowercase();
    if prefix.contains('f') || prefix.contains('b') {
        return None;
    }
    let raw = prefix.contains('r');
    let mut value = String::new();
    for part in parts {
        match part.kind() {
            "string_content" => {
                let content = text(part, source);
                if raw {
                    value.push_str(content);
                } else if content.contains("\\N{") {
                    // `\N{NAME}` names a character by its Unicode name, which is not decoded
                    // here: the value is unknown, not the escape's text.
                    return None;
                } else {
                    value.push_str(&unescape(content));
                }
            }
            "escape_sequence" if text(part, source).starts_with("\\N") => return None,
            "escape_sequence" => value.push_str(&unescape(text(part, source))),
            "interpolation" => return None,
            _ => {}
        }
    }
    Some(value)
}
