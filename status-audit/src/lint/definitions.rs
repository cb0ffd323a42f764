//! The rules about definitions: what the code around a schema writes by hand that the
//! schema already says, checked against it. Each finding names its evidence.
//!
//! - `drifted-copy` (L003): a hand-written definition (an enum, a union, a zod enum, a
//!   Prisma enum, a SQL type or `CHECK`) that holds most of a status's states but not all
//!   of them, or more, or spells them otherwise: what it lacks and adds is named.
//! - `transition-not-allowed` (L004): a transition table in the code that allows a move the
//!   schema does not; the moves the schema allows and the table forbids are a note.
//!
//! Precision over recall: a definition is a status's copy only when most of its values are
//! that status's spellings and it holds at least half the status's states; sets named as a
//! role (`TERMINAL_STATES`) are not copies; an exact copy says nothing.

use std::collections::{BTreeSet, HashMap};

use status_schema::model::{Schema, StateId, Status};
use status_schema::{Code, Severity};

use super::LintFinding;
use crate::finding::{Finding, Kind, TransitionTable};

/// How `values` read in `status`: the states they spell, and the values that spell none.
pub(super) struct Reading<'a> {
    states: BTreeSet<StateId>,
    unknown: Vec<&'a str>,
    /// Values that spell a state otherwise than its wire value (an alias, another case).
    respelled: Vec<(&'a str, StateId)>,
}

fn read<'a>(status: &Status, values: impl Iterator<Item = &'a str>) -> Reading<'a> {
    let mut reading = Reading {
        states: BTreeSet::new(),
        unknown: Vec::new(),
        respelled: Vec::new(),
    };
    for value in values {
        match status.spelled(value) {
            Some(state) => {
                reading.states.insert(state);
                if status.state(state).wire() != value {
                    reading.respelled.push((value, state));
                }
            }
            None => reading.unknown.push(value),
        }
    }
    reading
}

/// The status whose states `values` are, if the evidence is strong: most values spell its
/// states, and they cover at least half of them (two at least). The most states covered
/// wins; a status of the definition's own name breaks a tie.
pub(super) fn matched<'s, 'v>(
    schema: &'s Schema,
    name: &str,
    values: &[&'v str],
) -> Option<(&'s Status, Reading<'v>)> {
    let own = name.rsplit('.').next().unwrap_or(name);
    let mut best: Option<(&Status, Reading<'v>)> = None;
    for status in schema.statuses() {
        let reading = read(status, values.iter().copied());
        let known = values.len() - reading.unknown.len();
        // A definition of the status's own name needs most of its values to be the
        // status's; one of another name (`JobStatus` beside `PaymentStatus`) nearly all.
        let share = if status.name() == own { 6 } else { 8 };
        let strong = reading.states.len() >= 2
            && known * 10 >= values.len() * share
            && reading.states.len() * 2 >= status.states().len();
        if !strong {
            continue;
        }
        let better = match &best {
            None => true,
            Some((current, held)) => {
                reading.states.len() > held.states.len()
                    || (reading.states.len() == held.states.len()
                        && status.name() == own
                        && current.name() != own)
            }
        };
        if better {
            best = Some((status, reading));
        }
    }
    best
}

/// A definition that copies most of a status but not all of it.
pub(super) fn drifted(finding: &Finding, schema: &Schema) -> Option<LintFinding> {
    // A Rust enum's value is its variant name unless serde or strum renamed it: the
    // generated enum spells such a variant's state in snake_case.
    let snake: Vec<String> = finding
        .members
        .iter()
        .map(|m| {
            if finding.kind == Kind::RustEnum && m.value == m.name {
                heck::ToSnakeCase::to_snake_case(m.value.as_str())
            } else {
                m.value.clone()
            }
        })
        .collect();
    let values: Vec<&str> = snake.iter().map(String::as_str).collect();
    let (status, reading) = matched(schema, &finding.name, &values)?;
    let lacks: Vec<&str> = status
        .states()
        .iter()
        .filter(|s| !reading.states.contains(&s.id()))
        .map(status_schema::model::State::name)
        .collect();
    if lacks.is_empty() && reading.unknown.is_empty() && reading.respelled.is_empty() {
        return None;
    }
    // A part of a status under a name of its own (`ActiveOrderStatus`, a parameter's
    // `Literal[...]`) is a role or a narrowed type, not a copy; under the status's own name
    // it is a copy that lost states.
    let own = finding.name.rsplit('.').next().unwrap_or(&finding.name);
    if reading.unknown.is_empty() && reading.respelled.is_empty() && own != status.name() {
        return None;
    }
    let mut differences = Vec::new();
    if !lacks.is_empty() {
        differences.push(format!("lacks {}", listed(&lacks)));
    }
    if !reading.unknown.is_empty() {
        differences.push(format!("adds {}", listed(&reading.unknown)));
    }
    if !reading.respelled.is_empty() {
        let spelt: Vec<String> = reading
            .respelled
            .iter()
            .map(|(value, state)| format!("`{value}` for `{}`", status.state(*state).wire()))
            .collect();
        differences.push(format!("spells {}", spelt.join(", ")));
    }
    Some(LintFinding {
        path: finding.path.clone(),
        line: finding.line,
        end_line: finding.end_line,
        column: None,
        end_column: None,
        value: None,
        fix: None,
        help: None,
        code: Code::DriftedCopy,
        level: Code::DriftedCopy.severity(),
        status: status.name().to_owned(),
        name: finding.name.clone(),
        message: format!(
            "`{}` ({}) is a copy of `{}` that {}",
            finding.name,
            finding.kind.name(),
            status.name(),
            differences.join(", ")
        ),
        notes: vec![
            format!(
                "evidence: {} of its {} values are spellings of `{}`, covering {} of its {} states",
                values.len() - reading.unknown.len(),
                values.len(),
                status.name(),
                reading.states.len(),
                status.states().len()
            ),
            format!(
                "import the code `statuskit gen` writes for `{}` instead of keeping a copy",
                status.name()
            ),
        ],
    })
}

/// A table's moves against the status its states are.
pub(super) fn transitions(
    table: &TransitionTable,
    owners: &Owners<'_>,
    schema: &Schema,
) -> Vec<LintFinding> {
    let (owner, moves) = moves_as_values(table, owners);
    let values: BTreeSet<&str> = moves
        .iter()
        .flat_map(|(from, to)| std::iter::once(from.as_str()).chain(to.iter().map(String::as_str)))
        .collect();
    let values: Vec<&str> = values.into_iter().collect();
    let name = owner.map_or(table.name.as_str(), |f| f.name.as_str());
    let Some((status, reading)) = matched(schema, name, &values) else {
        return Vec::new();
    };
    // A table of an enum's members spells states as the enum does: the enum's own finding
    // (L003) says what it spells otherwise. A table of strings is its own place.
    let mut out = if owner.is_some() {
        Vec::new()
    } else {
        table_values(table, status, &reading)
    };
    let mut allowed_in_code = BTreeSet::new();
    for (from, targets) in &moves {
        let Some(source) = status.spelled(from) else {
            continue;
        };
        for to in targets {
            let Some(target) = status.spelled(to) else {
                continue;
            };
            allowed_in_code.insert((source, target));
            // A move to the same state is a move too: the schema allows it only by name.
            if !status.can_transition(source, target) {
                let (from_state, to_state) = (status.state(source), status.state(target));
                out.push(LintFinding {
                    path: table.path.clone(),
                    line: table.line,
                    end_line: table.line,
                    column: None,
                    end_column: None,
                    value: None,
                    fix: None,
                    help: None,
                    code: Code::TransitionNotAllowed,
                    level: Code::TransitionNotAllowed.severity(),
                    status: status.name().to_owned(),
                    name: table.name.clone(),
                    message: format!(
                        "`{}` allows `{}` → `{}`, which `{}` does not",
                        table.name, from_state.name(), to_state.name(), status.name()
                    ),
                    notes: vec![
                        format!(
                            "in the schema, `{}` may move to {}",
                            from_state.name(),
                            successors(status, source)
                        ),
                        "take the moves from the generated code (`can_transition_to`), or change the schema".to_owned(),
                    ],
                });
            }
        }
    }
    // The schema's moves out of states the table lists, that the table forbids.
    let sources: BTreeSet<StateId> = moves
        .iter()
        .filter_map(|(from, _)| status.spelled(from))
        .collect();
    let allowed_in_code = &allowed_in_code;
    let forbidden: Vec<String> = sources
        .iter()
        .flat_map(|&from| {
            status
                .successors(from)
                .filter(move |&to| !allowed_in_code.contains(&(from, to)))
                .map(move |to| {
                    format!(
                        "`{}` → `{}`",
                        status.state(from).name(),
                        status.state(to).name()
                    )
                })
        })
        .collect();
    if forbidden.is_empty() {
        return out;
    }
    let said = format!(
        "the schema also allows what the table forbids: {}",
        forbidden.join(", ")
    );
    match out.first_mut() {
        Some(first) => first.notes.push(said),
        None => out.push(forbidding(table, status, forbidden.len(), said)),
    }
    out
}

/// The definitions a table may name as its owner, by path and name and by name alone: looked
/// up once per table, so a tree of 10,000 tables costs 10,000 lookups, not 10,000 scans.
pub(super) struct Owners<'f> {
    by_path: HashMap<(&'f str, &'f str), &'f Finding>,
    by_name: HashMap<&'f str, &'f Finding>,
}

impl<'f> Owners<'f> {
    pub(super) fn of(findings: &'f [Finding]) -> Self {
        let mut owners = Owners {
            by_path: HashMap::new(),
            by_name: HashMap::new(),
        };
        // The first definition of a name wins, as a scan in order would find it.
        for finding in findings {
            owners
                .by_path
                .entry((finding.path.as_str(), finding.name.as_str()))
                .or_insert(finding);
            owners
                .by_name
                .entry(finding.name.as_str())
                .or_insert(finding);
        }
        owners
    }

    /// The definition `owner` names, in `path` if there is one there.
    fn find(&self, path: &str, owner: &str) -> Option<&'f Finding> {
        self.by_path
            .get(&(path, owner))
            .or_else(|| self.by_name.get(owner))
            .copied()
    }
}

/// A table's states that are no wire value of its status: a value that spells no state
/// (L001), one that is an alias or another case (L002). The table has no one literal to
/// point at or rewrite, so these name the table's line and carry no fix.
fn table_values(
    table: &TransitionTable,
    status: &Status,
    reading: &Reading<'_>,
) -> Vec<LintFinding> {
    let finding =
        |code: Code, message: String, notes: Vec<String>, help: Option<String>, value: &str| {
            LintFinding {
                path: table.path.clone(),
                line: table.line,
                end_line: table.line,
                column: None,
                end_column: None,
                value: Some(value.to_owned()),
                fix: None,
                help,
                code,
                level: code.severity(),
                status: status.name().to_owned(),
                name: table.name.clone(),
                message,
                notes,
            }
        };
    let evidence = format!(
        "evidence: the table's other states are `{}`'s, covering {} of its {} states",
        status.name(),
        reading.states.len(),
        status.states().len()
    );
    let mut out = Vec::new();
    for value in &reading.unknown {
        let spellings: Vec<&str> = status.spellings().map(|s| s.text).collect();
        let help = status_suggest::closest(value, spellings.iter().copied()).map(|near| {
            let wire = status
                .spelled(near)
                .map_or(near, |s| status.state(s).wire());
            format!("did you mean `{wire}`?")
        });
        out.push(finding(
            Code::UnknownValue,
            format!(
                "`{}` names `{value}`, which is no state of `{}`",
                table.name,
                status.name()
            ),
            vec![
                evidence.clone(),
                "the table's moves from or to it are moves no row can make".to_owned(),
            ],
            help,
            value,
        ));
    }
    for (value, state) in &reading.respelled {
        let wire = status.state(*state).wire();
        out.push(finding(
            Code::LegacySpelling,
            format!(
                "`{}` names `{value}` for `{}`'s state `{wire}`",
                table.name,
                status.name()
            ),
            vec![
                evidence.clone(),
                format!("a state looked up in it as the code stores it, `{wire}`, is not found"),
            ],
            None,
            value,
        ));
    }
    out
}

/// A table's moves as the values the code stores, with the enum it names. A table of an
/// enum's members (`TaskStatus.PENDING`) names them by member: they are read as that
/// enum's values.
fn moves_as_values<'f>(
    table: &TransitionTable,
    owners: &Owners<'f>,
) -> (Option<&'f Finding>, Vec<(String, Vec<String>)>) {
    let owner = table
        .owner
        .as_ref()
        .and_then(|owner| owners.find(&table.path, owner));
    let value_of = |state: &str| -> String {
        owner
            .and_then(|f| f.members.iter().find(|m| m.name == state))
            .map_or_else(|| state.to_owned(), |m| m.value.clone())
    };
    let moves: Vec<(String, Vec<String>)> = table
        .moves
        .iter()
        .map(|m| {
            (
                value_of(&m.from),
                m.to.iter().map(|t| value_of(t)).collect(),
            )
        })
        .collect();
    (owner, moves)
}

const REFUSED_BY_TABLE: &str =
    "code that decides by this table refuses them; the generated `can_transition_to` allows them";

/// A table that allows nothing the schema forbids but forbids `count` moves it allows: a
/// note, since refusing a move breaks no row.
fn forbidding(table: &TransitionTable, status: &Status, count: usize, said: String) -> LintFinding {
    LintFinding {
        path: table.path.clone(),
        line: table.line,
        end_line: table.line,
        column: None,
        end_column: None,
        value: None,
        fix: None,
        help: None,
        code: Code::TransitionNotAllowed,
        level: Severity::Note,
        status: status.name().to_owned(),
        name: table.name.clone(),
        message: format!(
            "`{}` forbids {} that `{}` allows",
            table.name,
            if count == 1 {
                "a move".to_owned()
            } else {
                format!("{count} moves")
            },
            status.name()
        ),
        notes: vec![said, REFUSED_BY_TABLE.to_owned()],
    }
}

fn successors(status: &Status, state: StateId) -> String {
    let names: Vec<&str> = status
        .successors(state)
        .map(|s| status.state(s).name())
        .collect();
    if names.is_empty() {
        "nowhere".to_owned()
    } else {
        listed(&names)
    }
}

/// `` `a`, `b` and 3 more ``.
pub(super) fn listed(items: &[&str]) -> String {
    const SHOWN: usize = 8;
    let mut out: Vec<String> = items.iter().take(SHOWN).map(|i| format!("`{i}`")).collect();
    if items.len() > SHOWN {
        out.push(format!("and {} more", items.len() - SHOWN));
    }
    out.join(", ")
}
