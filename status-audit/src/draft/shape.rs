//! The `python` and `typescript` shape of the code a drafted status replaces: a Python
//! enum's base and project base, a TypeScript object's name and keys.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use heck::{ToShoutySnakeCase, ToUpperCamelCase};

use super::{Drafted, comment_safe};
use crate::finding::Finding;
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
            if let Some(keys) = key_style(model).filter(|k| *k != "PascalCase") {
                typescript.push(format!("keys = {}", toml_string(keys)));
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

/// How an object's (or enum's) keys are spelt from its values, as `typescript.keys` names
/// it, where one rule fits every member.
pub(super) fn key_style(finding: &Finding) -> Option<&'static str> {
    let all = |rule: fn(&str) -> String| {
        finding
            .members
            .iter()
            .all(|m| m.name == rule(&normalise(&m.value)))
    };
    if finding.members.iter().all(|m| m.name == m.value) {
        Some("wire")
    } else if all(<str as ToShoutySnakeCase>::to_shouty_snake_case) {
        Some("SCREAMING_SNAKE_CASE")
    } else if all(<str as ToUpperCamelCase>::to_upper_camel_case) {
        Some("PascalCase")
    } else {
        None
    }
}
