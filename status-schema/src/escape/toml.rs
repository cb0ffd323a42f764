//! TOML: basic strings, for the model a migration records.

use std::fmt::Write;

/// A TOML basic string: quotes, backslashes and every control escaped, and so are `$`
/// (Flyway reads `${…}` as a placeholder anywhere in a migration, comments included) and
/// what would display unlike it reads (bidirectional controls, line separators, invisible
/// characters). The value stays exact: TOML reads every escape back.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c == '$'
                || c.is_control()
                || crate::text::is_bidi_control(c)
                || crate::text::is_line_terminator(c)
                || matches!(c, '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}') =>
            {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
