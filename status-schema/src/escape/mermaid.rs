//! Mermaid (`stateDiagram-v2`): state ids, quoted state descriptions, transition labels and
//! `%%` comments.
//!
//! Mermaid reads a diagram in several passes before its grammar sees it, and each can be
//! steered by text: a `%%{…}%%` anywhere (even inside quotes) is applied as configuration,
//! a line starting `%%` is deleted, `direction` followed by whitespace and `LR`/`TB`/…
//! becomes a layout statement even across lines, `;` ends a statement, and labels are
//! rendered as Markdown and HTML. So label text keeps only characters none of that reads,
//! and writes every other one as Mermaid's decimal entity code (`#35;` for `#`), which
//! Mermaid decodes only when it draws the label.

use std::fmt::Write;

/// Ids that Mermaid's grammar reads as keywords, or as the start and end points `[*]`
/// becomes (`root_start`), compared case-insensitively.
const RESERVED_IDS: &[&str] = &[
    "accdescr",
    "acctitle",
    "class",
    "classdef",
    "click",
    "default",
    "direction",
    "href",
    "note",
    "root_end",
    "root_start",
    "scale",
    "state",
    "statediagram",
    "style",
];

/// The id of state `name` (`snake_case`): the name itself, unless Mermaid would read it as a
/// keyword, or it ends in `direction` (which the next line's id could turn into a layout
/// statement); those become `x__name__`, which no snake_case name can be, since names
/// never hold `__`.
pub(crate) fn id(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    if RESERVED_IDS.contains(&lower.as_str()) || lower.ends_with("direction") {
        format!("x__{name}__")
    } else {
        name.to_owned()
    }
}

/// Whether [`id`] renamed `name`, so the diagram must name the state itself.
pub(crate) fn is_renamed(name: &str) -> bool {
    id(name) != name
}

/// A state description (`state "…" as id`) or a transition label (`a --> b: …`), on one
/// line: letters, digits, inner spaces, underscores inside words, printable non-ASCII and
/// `, . - ( ) ' / ! ? + = @` as they are, every other character as `#N;`; the `n` of any
/// `direction` too.
pub(crate) fn label(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let edge = i == 0 || i + 1 == chars.len();
        // An underscore inside a word cannot start Markdown emphasis: `roll_back` stays.
        let intraword = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|c| c.is_alphanumeric())
        };
        let plain = c.is_ascii_alphanumeric()
            || (c == ' ' && !edge)
            || (c == '_' && intraword(i.checked_sub(1)) && intraword(Some(i + 1)))
            || ",.-()'/!?+=@".contains(c)
            || (!c.is_ascii()
                && !c.is_control()
                && !crate::text::is_bidi_control(c)
                && !crate::text::is_line_terminator(c)
                && !c.is_whitespace());
        let ends_direction = matches!(c, 'n' | 'N')
            && i >= 8
            && chars[i - 8..=i]
                .iter()
                .collect::<String>()
                .eq_ignore_ascii_case("direction");
        if plain && !ends_direction {
            out.push(c);
        } else {
            let _ = write!(out, "#{};", u32::from(c));
        }
    }
    out
}

/// A `%% ` comment on one line (Mermaid deletes such lines), with `%` written `#37;` so
/// that no `%%{…}%%` directive can form in it.
pub(crate) fn comment(text: &str) -> String {
    format!("%% {}\n", super::one_line(text).replace('%', "#37;"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_cannot_form_syntax() {
        assert_eq!(label("Needs rerun"), "Needs rerun");
        assert_eq!(label("a\"b"), "a#34;b");
        assert_eq!(
            label("%%{init: x}%%"),
            "#37;#37;#123;init#58; x#125;#37;#37;"
        );
        assert_eq!(label("x\n%% y"), "x#10;#37;#37; y");
        assert_eq!(label("a;b #35;"), "a#59;b #35;35#59;");
        assert_eq!(label(" Direction LR"), "#32;Directio#110; LR");
        assert_eq!(label("état 🚀"), "état 🚀");
        assert_eq!(label("roll_back, _x_"), "roll_back, #95;x#95;");
        assert_eq!(comment("a %%{init}%%"), "%% a #37;#37;{init}#37;#37;\n");
    }

    #[test]
    fn keyword_ids_are_renamed_apart() {
        assert_eq!(id("pending"), "pending");
        assert_eq!(id("note"), "x__note__");
        assert_eq!(id("acctitle"), "x__acctitle__");
        assert_eq!(id("change_direction"), "x__change_direction__");
        assert!(is_renamed("state") && !is_renamed("stated"));
    }
}
