//! Rules about `[lint]`: paths inside the schema's directory, rules `statuskit lint` has,
//! and levels it knows.

use super::outputs::{in_version_control, inside, unportable};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::Schema;
use crate::suggest;

/// The levels a rule may be set to.
const LEVELS: [&str; 3] = ["error", "warn", "off"];

/// `[lint]`, when the schema has one.
pub(super) fn lint(schema: &Schema, out: &mut Diagnostics) {
    let Some(lint) = &schema.lint else {
        return;
    };
    for (path, span) in &lint.paths {
        if let Some(unportable) = unportable("paths", path, *span) {
            out.push(unportable);
            continue;
        }
        // The schema's own directory, named.
        if path == "." || path == "./" {
            continue;
        }
        let Some(normal) = inside("paths", path, *span, "paths = [\"app\", \"web\"]", out) else {
            continue;
        };
        if let Some(in_vcs) = in_version_control("paths", path, &normal, *span) {
            out.push(in_vcs);
        }
    }
    let rules: Vec<Code> = Code::ALL
        .iter()
        .copied()
        .filter(|c| c.id().starts_with('L'))
        .collect();
    let mut set: Vec<(Code, &str)> = Vec::new();
    for ((rule, rule_span), (level, level_span)) in &lint.rules {
        // One rule set twice (by name and by code) to different levels: which one holds
        // would be an accident of order.
        if let Some(code) = rules.iter().find(|c| c.name() == rule || c.id() == rule) {
            if let Some((_, earlier)) = set.iter().find(|(c, _)| c == code) {
                if earlier != level {
                    out.push(
                        Diagnostic::new(
                            Code::InvalidLintSetting,
                            *rule_span,
                            format!(
                                "`{}` ({}) is set twice, to `{earlier}` and to `{level}`",
                                code.name(),
                                code.id()
                            ),
                        )
                        .label("set again here")
                        .help("keep one setting for the rule"),
                    );
                }
            } else {
                set.push((*code, level.as_str()));
            }
        }
        if !rules.iter().any(|c| c.name() == rule || c.id() == rule) {
            let names = rules.iter().map(|c| c.name());
            out.push(
                Diagnostic::new(
                    Code::InvalidLintSetting,
                    *rule_span,
                    format!("`{rule}` is not a rule of `statuskit lint`"),
                )
                .label("no such rule")
                .maybe_help(suggest::did_you_mean(rule, names.clone()))
                .note(format!("the rules are {}", suggest::list(names, 8))),
            );
        }
        if !LEVELS.contains(&level.as_str()) {
            out.push(
                Diagnostic::new(
                    Code::InvalidLintSetting,
                    *level_span,
                    format!("`{level}` is not a level of a lint rule"),
                )
                .label("no such level")
                .maybe_help(suggest::did_you_mean(level, LEVELS))
                .note("the levels are `error`, `warn` and `off`"),
            );
        }
    }
}
