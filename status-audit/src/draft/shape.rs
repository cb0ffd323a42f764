//! The `python` and `typescript` shape of the code a drafted status replaces: a Python
//! enum's base and project base, a TypeScript object's name and keys.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use heck::{ToShoutySnakeCase, ToUpperCamelCase};

use super::{Drafted, comment_safe};
use crate::finding::{Finding, Member};
use crate::score::normalise;
use status_schema::__unstable::toml_string;

/// The helpers a generated Python enum defines, which a project base's methods of the same
/// names would be shadowed by (`helper_prefix` keeps them apart).
pub(super) const PYTHON_HELPERS: &[&str] = &[
    "parse",
    "label",
    "is_terminal",
    "is_initial",
    "initial",
    "successors",
    "can_transition_to",
    "transition_to",
    "apply",
];

impl Drafted<'_> {
    /// The `python`/`typescript` shape of the code the status replaces, so that generating
    /// from the draft reproduces it: a Python enum's base and project base, a TypeScript
    /// object's name and keys.
    pub(super) fn shape_lines(&self, name: &str, taken: &BTreeSet<String>) -> String {
        use crate::finding::Kind;
        let mut out = String::new();
        let mut python: Vec<String> = Vec::new();
        // Each language's shape from its own definition among the sources, whichever is
        // the model.
        if let Some(model) = self.sources.iter().find(|f| f.kind == Kind::PythonEnum) {
            let base = model.shape.python_base.as_deref();
            if let Some(base) = base.filter(|b| {
                *b != "IntEnum" && (*b != "StrEnum" || model.shape.python_mixin.is_some())
            }) {
                python.push(format!("base = {}", toml_string(base)));
            }
            if let Some(mixin) = &model.shape.python_mixin {
                python.push(format!("mixin = {}", toml_string(mixin)));
                let shadowed = model
                    .shape
                    .mixin_methods
                    .iter()
                    .any(|m| PYTHON_HELPERS.contains(&m.as_str()));
                if shadowed {
                    python.push("helper_prefix = \"sk_\"".to_owned());
                    let _ = writeln!(
                        out,
                        "# `helper_prefix`: `{}` defines {}, which a generated helper of the same name\n# would shadow; the generated ones are `sk_…`.",
                        comment_safe(mixin),
                        model
                            .shape
                            .mixin_methods
                            .iter()
                            .filter(|m| PYTHON_HELPERS.contains(&m.as_str()))
                            .map(|m| format!("`{}`", comment_safe(m)))
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                }
            }
            let own: Vec<&str> = model
                .shape
                .own_methods
                .iter()
                .map(String::as_str)
                .filter(|m| !m.starts_with('_'))
                .collect();
            if !own.is_empty() {
                let _ = writeln!(
                    out,
                    "# Its class defines {} of its own, which the generated class does not have: move\n# them to a mixin (`python.mixin`), or keep a subclass.",
                    own.iter()
                        .map(|m| format!("`{}`", comment_safe(m)))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            if base == Some("IntEnum") {
                out.push_str("# Its base (`IntEnum`) stores numbers: the generated enum stores the values as strings.\n");
            }
        }
        if !python.is_empty() {
            let _ = writeln!(out, "python = {{ {} }}", python.join(", "));
        }
        let mut typescript: Vec<String> = Vec::new();
        if let Some(model) = self
            .sources
            .iter()
            .find(|f| matches!(f.kind, Kind::TypescriptObject | Kind::TypescriptEnum))
        {
            if model.kind == Kind::TypescriptEnum {
                typescript.push("declaration = \"enum\"".to_owned());
            }
            let (keys, misfits) = key_style(model);
            if let Some(keys) = keys.filter(|k| *k != "PascalCase") {
                typescript.push(format!("keys = {}", toml_string(keys)));
            }
            if let Some(keys) = keys {
                misfit_keys(&mut out, model, keys, &misfits);
            }
            let own = model.name.rsplit('.').next().unwrap_or(&model.name);
            let identifier = own.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && own
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
            // Never one of the names generated for the status (`orderStatus` is its helper).
            let generated = [
                status_schema::__unstable::ts_helper(name),
                format!("{name}Schema"),
                format!("{name}Event"),
            ];
            // Nor another status's name (a Python `JobState` drafted first).
            if identifier
                && own != name
                && !taken.contains(own)
                && !generated.iter().any(|g| g == own)
            {
                typescript.push(format!("object = {}", toml_string(own)));
            }
        }
        if !typescript.is_empty() {
            let _ = writeln!(out, "typescript = {{ {} }}", typescript.join(", "));
        }
        out
    }
}

/// Says which keys of `model` the generated object spells otherwise: the generated keys
/// follow one rule, so code naming these must change.
fn misfit_keys(out: &mut String, model: &Finding, keys: &str, misfits: &[&Member]) {
    if misfits.is_empty() {
        return;
    }
    let shown: Vec<String> = misfits
        .iter()
        .take(5)
        .map(|m| format!("`{}` (for `{}`)", m.name, m.value))
        .collect();
    let more = misfits.len().saturating_sub(shown.len());
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "# `{}` keys its members {keys} but for {}{more}: the generated object keys every member so, and code naming those keys changes.",
        comment_safe(&model.name),
        comment_safe(&shown.join(", ")),
    );
}

/// A rule spelling a key from a value.
type KeyRule = fn(&str) -> String;

/// How an object's (or enum's) keys are spelt from its values, as `typescript.keys` names
/// it: the rule that fits the most members (more than half of them), with the members it
/// does not fit (a key that is no rule's, such as `RETURNED` for `returned_to_sender`).
pub(super) fn key_style(finding: &Finding) -> (Option<&'static str>, Vec<&Member>) {
    let rules: [(&'static str, KeyRule); 3] = [
        ("wire", str::to_owned),
        (
            "SCREAMING_SNAKE_CASE",
            <str as ToShoutySnakeCase>::to_shouty_snake_case,
        ),
        ("PascalCase", <str as ToUpperCamelCase>::to_upper_camel_case),
    ];
    let misfits = |rule: KeyRule, wire: bool| -> Vec<&Member> {
        finding
            .members
            .iter()
            .filter(|m| {
                let value = if wire {
                    m.value.clone()
                } else {
                    normalise(&m.value)
                };
                m.name != rule(&value)
            })
            .collect()
    };
    // The first rule with the fewest misfits wins ties (a member named as its value fits
    // every rule at once).
    let best = rules
        .iter()
        .map(|&(name, rule)| (name, misfits(rule, name == "wire")))
        .min_by_key(|(_, misfits)| misfits.len());
    match best {
        Some((name, misfits)) if misfits.len() * 2 < finding.members.len() => (Some(name), misfits),
        _ => (None, Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::key_style;
    use crate::finding::{Finding, Member};

    fn object(keys: &[(&str, &str)]) -> Finding {
        let mut finding = Finding::test_enum("DELIVERY_STATUS", &[]);
        finding.members = keys
            .iter()
            .map(|&(name, value)| Member {
                name: name.to_owned(),
                value: value.to_owned(),
            })
            .collect();
        finding
    }

    /// One key that no rule spells (`RETURNED` for `returned_to_sender`) no longer drops the
    /// style the others share: it is kept, and the key named (found by the new-user trial of
    /// issue 27: every `DELIVERY_STATUS.PICKED_UP` broke).
    #[test]
    fn the_style_most_keys_follow_is_kept_and_the_others_named() {
        let finding = object(&[
            ("CREATED", "created"),
            ("PICKED_UP", "picked_up"),
            ("IN_TRANSIT", "in_transit"),
            ("RETURNED", "returned_to_sender"),
        ]);
        let (style, misfits) = key_style(&finding);
        assert_eq!(style, Some("SCREAMING_SNAKE_CASE"));
        let names: Vec<&str> = misfits.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["RETURNED"]);
        // Every key the same as its value: the wire style, with nothing to name.
        let same = object(&[("open", "open"), ("done", "done")]);
        let (style, misfits) = key_style(&same);
        assert_eq!((style, misfits.len()), (Some("wire"), 0));
        // No rule for most keys: no style, as before.
        let odd = object(&[("A", "open"), ("B", "done"), ("DONE", "done")]);
        assert_eq!(key_style(&odd).0, None);
    }
}
