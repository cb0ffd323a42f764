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

use std::collections::{HashMap, HashSet};

use status_schema::Code;
use status_schema::model::{StateId, Status};

use super::evidence::{Evidence, Holds, Strength};
use super::{Fix, LintFinding};
use crate::uses::{DeclaredField, How, LiteralUse, Place};

/// Every literal finding among `uses`, with `fields` the types the tree declares fields
/// with (a place's type found through its owner's, in any file).
pub(super) fn check(
    uses: &[LiteralUse],
    fields: &[DeclaredField],
    evidence: &Evidence<'_>,
) -> Vec<LintFinding> {
    let declared = declared(fields);
    // The uses of one place in one function (or at a file's top level), for evidence from
    // the other values it is compared with.
    let mut siblings: HashMap<(&str, &str, &str), Vec<&LiteralUse>> = HashMap::new();
    for literal in uses {
        siblings
            .entry((&literal.path, &literal.scope, &literal.place.text))
            .or_default()
            .push(literal);
    }
    // Where each value is written to a field: a comparison with an old spelling in the
    // same statement as a write of the new (`UPDATE … SET status = 'cancelled' WHERE status
    // = 'canceled'`), or on the same line of code
    // (`filter(status="canceled").update(status="cancelled")`), converts it.
    let mut written: HashSet<(&str, Unit, &str, &str)> = HashSet::new();
    for literal in uses {
        if literal.how != How::Compared && literal.how != How::Matched {
            written.insert((
                &literal.path,
                Unit::of(literal),
                &literal.place.field,
                &literal.value,
            ));
        }
    }
    let mut by_siblings = HashMap::new();
    let mut contradicted = HashMap::new();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for literal in uses {
        // One literal read twice (a pattern in code and the SQL in it) is one finding;
        // tests and migrations use old and wrong values on purpose.
        if !seen.insert((&literal.path, literal.bytes.start))
            || crate::precision::in_tests(&literal.path)
            || in_migrations(&literal.path, evidence.migrations_dir())
        {
            continue;
        }
        let key = (
            literal.path.as_str(),
            literal.scope.as_str(),
            literal.place.text.as_str(),
        );
        let group = &siblings[&key];
        let place = typed_through_owner(&literal.place, &declared);
        let (status, why, weak) = match evidence.of(&place) {
            Holds::Status(status, why, Strength::Named) => {
                // A name is evidence only until the values say otherwise: a place given
                // two values or more, none of them the status's, is something else (an
                // outside API's `payment_status`). Decided once per place.
                // And a place given none of the status's own spellings, only near misses
                // among other values, is read as the values' evidence alone: its near
                // misses are typos, the rest another system's.
                let (contradicted, spelt) =
                    *contradicted.entry((key, status.name())).or_insert_with(|| {
                        let values: HashSet<&str> =
                            group.iter().map(|u| u.value.as_str()).collect();
                        let spelt = values.iter().any(|v| spelling(status, v).is_some());
                        (
                            values.len() >= 2 && values.iter().all(|v| !recognizable(status, v)),
                            spelt || values.len() < 2,
                        )
                    });
                if contradicted {
                    continue;
                }
                (status, why, !spelt)
            }
            Holds::Status(status, why, Strength::Declared) => (status, why, false),
            Holds::Other => continue,
            Holds::Unknown => {
                let found = by_siblings
                    .entry(key)
                    .or_insert_with(|| evidence.of_siblings(group));
                match found {
                    Some((status, why)) => (*status, why.clone(), true),
                    None => continue,
                }
            }
        };
        if let Some(finding) = judge(literal, status, &why, weak, &written) {
            out.push(finding);
        }
    }
    out
}

/// What a conversion is read within: a statement (of SQL or of code), or a line where no
/// statement is known.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Unit {
    Statement(usize),
    Line(usize),
}

impl Unit {
    fn of(literal: &LiteralUse) -> Self {
        literal
            .statement
            .map_or(Unit::Line(literal.line), Unit::Statement)
    }
}

/// `(owner, field)` → the type it is declared with, where the tree declares it one way.
fn declared(fields: &[DeclaredField]) -> HashMap<(&str, &str), Option<&str>> {
    let mut out: HashMap<(&str, &str), Option<&str>> = HashMap::new();
    for field in fields {
        out.entry((&field.owner, &field.field))
            .and_modify(|held| {
                if *held != Some(field.type_name.as_str()) {
                    // Two declarations that disagree say nothing.
                    *held = None;
                }
            })
            .or_insert(Some(&field.type_name));
    }
    out
}

/// The place, its type found through what holds it where the file itself did not say.
fn typed_through_owner(place: &Place, declared: &HashMap<(&str, &str), Option<&str>>) -> Place {
    let mut place = place.clone();
    if place.typed.is_none() {
        if let Some(owner_type) = &place.owner_type {
            if let Some(Some(type_name)) =
                declared.get(&(owner_type.as_str(), place.field.as_str()))
            {
                place.typed = Some((*type_name).to_owned());
            }
        }
    }
    place
}

/// Whether `path` is a migration: under a directory named `migrations` (Django, and most
/// SQL tools), Rails' `db/migrate`, Alembic's `alembic/versions`, or the schema's
/// `[migrations] dir`. A migration converts old values on purpose, and is history: it is
/// never edited.
fn in_migrations(path: &str, schema_dir: Option<&str>) -> bool {
    let mut parts: Vec<&str> = path.split('/').collect();
    parts.pop();
    parts.contains(&"migrations")
        || parts
            .windows(2)
            .any(|pair| matches!(pair, ["db", "migrate"] | ["alembic", "versions"]))
        || schema_dir.is_some_and(|dir| {
            let dir = dir.trim_start_matches("./").trim_end_matches('/');
            !dir.is_empty() && path.starts_with(dir) && path[dir.len()..].starts_with('/')
        })
}

/// What is wrong with `literal` as a value of `status`, if anything.
///
/// `weak` is evidence from the other values alone: then only a typo of a spelling is an
/// unknown value (a value far from every spelling is likelier another status's).
fn judge(
    literal: &LiteralUse,
    status: &Status,
    why: &str,
    weak: bool,
    written: &HashSet<(&str, Unit, &str, &str)>,
) -> Option<LintFinding> {
    let value = literal.value.as_str();
    let used = format!("{} `{}`", literal.how.phrase(), literal.place.text);
    let converted = |wire: &str| {
        literal.how == How::Compared
            && written.contains(&(
                literal.path.as_str(),
                Unit::of(literal),
                literal.place.field.as_str(),
                wire,
            ))
    };
    match spelling(status, value) {
        Some((state, _)) if status.state(state).wire() == value => None,
        Some((state, _)) if converted(status.state(state).wire()) => None,
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
            let near = status_suggest::closest(value, spellings.iter().copied());
            if weak && near.is_none() {
                return None;
            }
            let help = if let Some(near) = near {
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

/// Whether `value` is the status's, or a near miss of one of its spellings (a typo is
/// still the status's value, misspelt).
fn recognizable(status: &Status, value: &str) -> bool {
    spelling(status, value).is_some()
        || status_suggest::closest(value, status.spellings().map(|s| s.text)).is_some()
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
