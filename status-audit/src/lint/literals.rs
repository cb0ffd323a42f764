//! The rules about literals: a string used as a status's value must be one of its wire
//! values.
//!
//! - `unknown-value` (L001): no spelling of the status at all (`"shiped"`), with the
//!   nearest spelling, or the states, as the help;
//! - `legacy-spelling` (L002): an alias or another case of a state (`"success"` where the
//!   state is `completed`), with the wire value as the fix.
//!
//! Which status a place holds comes from [`super::evidence`]; a use with no evidence, or
//! of a place declared with another type, says nothing.

use std::collections::HashMap;

use status_schema::Code;
use status_schema::model::{StateId, Status};

use super::evidence::{Evidence, Holds};
use super::{Fix, LintFinding};
use crate::uses::{How, LiteralUse};

/// Every literal finding among `uses`.
pub(super) fn check(uses: &[LiteralUse], evidence: &Evidence<'_>) -> Vec<LintFinding> {
    // The uses of one place in one function (or at a file's top level), for evidence from
    // the other values it is compared with.
    let mut siblings: HashMap<(&str, &str, &str), Vec<&LiteralUse>> = HashMap::new();
    for literal in uses {
        siblings
            .entry((&literal.path, &literal.scope, &literal.place.text))
            .or_default()
            .push(literal);
    }
    let mut by_siblings = HashMap::new();
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for literal in uses {
        // One literal read twice (a pattern in code and the SQL in it) is one finding.
        if !seen.insert((&literal.path, literal.bytes.start)) {
            continue;
        }
        let (status, why) = match evidence.of(&literal.place) {
            Holds::Status(status, why) => (status, why),
            Holds::Other => continue,
            Holds::Unknown => {
                let key = (
                    literal.path.as_str(),
                    literal.scope.as_str(),
                    literal.place.text.as_str(),
                );
                let found = by_siblings
                    .entry(key)
                    .or_insert_with(|| evidence.of_siblings(&siblings[&key]));
                match found {
                    Some((status, why)) => (*status, why.clone()),
                    None => continue,
                }
            }
        };
        if let Some(finding) = judge(literal, status, &why) {
            out.push(finding);
        }
    }
    out
}

/// What is wrong with `literal` as a value of `status`, if anything.
fn judge(literal: &LiteralUse, status: &Status, why: &str) -> Option<LintFinding> {
    let value = literal.value.as_str();
    let used = format!("{} `{}`", literal.how.phrase(), literal.place.text);
    match spelling(status, value) {
        Some((state, _)) if status.state(state).wire() == value => None,
        Some((state, kind)) => {
            let wire = status.state(state).wire();
            let consequence = match literal.how {
                How::Compared | How::Matched => format!(
                    "rows and the generated code store `{wire}`: a comparison with `{value}` misses them"
                ),
                _ => format!(
                    "the generated parsers accept it, but what is stored is then `{value}`, not `{wire}`, and comparisons with `{wire}` miss it"
                ),
            };
            Some(finding(
                literal,
                status,
                Code::LegacySpelling,
                format!(
                    "`{value}` ({used}) is {kind} of `{}`'s state `{wire}`",
                    status.name()
                ),
                vec![format!("evidence: {why}"), consequence],
                None,
                fixable(literal, wire),
            ))
        }
        None => {
            let spellings: Vec<&str> = status.spellings().map(|s| s.text).collect();
            let help = if let Some(near) = status_suggest::closest(value, spellings.iter().copied())
            {
                let state = status
                    .spelled(near)
                    .map_or(near, |s| status.state(s).wire());
                format!("did you mean `{state}`?")
            } else {
                let wires: Vec<&str> = status
                    .states()
                    .iter()
                    .map(status_schema::model::State::wire)
                    .collect();
                format!(
                    "`{}`'s values are {}",
                    status.name(),
                    super::definitions::listed(&wires)
                )
            };
            Some(finding(
                literal,
                status,
                Code::UnknownValue,
                format!("`{value}` ({used}) is no state of `{}`", status.name()),
                vec![format!("evidence: {why}")],
                Some(help),
                None,
            ))
        }
    }
}

/// The state `value` spells and how: an alias, another case of the wire value or of an
/// alias (what the status's parser accepts, or would under its case rule).
fn spelling(status: &Status, value: &str) -> Option<(StateId, &'static str)> {
    if let Some(state) = status.spelled(value) {
        let wire = status.state(state).wire();
        let kind = if wire.eq_ignore_ascii_case(value) {
            "another case"
        } else {
            "a legacy spelling (an alias)"
        };
        return Some((state, kind));
    }
    status
        .spellings()
        .find(|s| s.text.eq_ignore_ascii_case(value))
        .map(|s| (s.state, "another case"))
}

/// The fix that writes `wire` over the literal's characters: only where they are the value
/// as written (no escape, no concatenation) and `wire` needs no escaping in any language
/// statuskit reads.
fn fixable(literal: &LiteralUse, wire: &str) -> Option<Fix> {
    let plain = wire
        .chars()
        .all(|c| !c.is_control() && !matches!(c, '\'' | '"' | '`' | '\\' | '$' | '{' | '}'));
    (literal.verbatim && plain).then(|| Fix {
        replacement: wire.to_owned(),
        bytes: literal.bytes.clone(),
        original: literal.value.clone(),
    })
}

fn finding(
    literal: &LiteralUse,
    status: &Status,
    code: Code,
    message: String,
    notes: Vec<String>,
    help: Option<String>,
    fix: Option<Fix>,
) -> LintFinding {
    LintFinding {
        path: literal.path.clone(),
        line: literal.line,
        end_line: literal.end_line,
        column: Some(literal.column),
        end_column: Some(literal.end_column),
        code,
        level: code.severity(),
        status: status.name().to_owned(),
        name: literal.place.text.clone(),
        value: Some(literal.value.clone()),
        message,
        notes,
        help,
        fix,
    }
}
