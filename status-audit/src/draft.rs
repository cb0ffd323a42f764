//! A draft `statuses.toml` from a report: a status per distinct status definition, named
//! after it, its states keeping the exact strings the code stores (`wire`, `rename_all`),
//! definitions of one name that differ only in spelling merged with `aliases`, transitions
//! from the code's own transition tables, and a comment per status naming every place it
//! came from. Each status is checked by statuskit's checker before it is written; one that
//! cannot be made to pass is written commented out, with the reason.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use heck::{ToShoutySnakeCase, ToUpperCamelCase};

use crate::finding::{Finding, TransitionTable};
use crate::group::{canonical, name_key};
use crate::report::Report;
use crate::score::normalise;

/// The draft schema for `report`'s statuses (those of its findings that are statuses).
pub fn draft(report: &Report) -> String {
    let mut out = String::from(
        "# Drafted by `statuskit audit --draft` from the definitions below; review each status,\n\
         # then run `statuskit check`.\nschema_version = 1\n",
    );
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for status in statuses(report) {
        out.push('\n');
        out.push_str(&status.render(&mut taken, &report.transition_tables));
    }
    out
}

/// One drafted status: the findings it stands for (the first is its model).
struct Drafted<'a> {
    sources: Vec<&'a Finding>,
}

/// Status findings of one name and one member set (up to spelling) are one status.
fn statuses(report: &Report) -> Vec<Drafted<'_>> {
    let mut keyed: BTreeMap<(String, BTreeSet<String>), usize> = BTreeMap::new();
    let mut out: Vec<Drafted<'_>> = Vec::new();
    for finding in report.findings.iter().filter(|f| f.is_status()) {
        let key = (
            name_key(&finding.name),
            finding.values().map(canonical).collect(),
        );
        if let Some(&i) = keyed.get(&key) {
            out[i].sources.push(finding);
        } else {
            keyed.insert(key, out.len());
            out.push(Drafted {
                sources: vec![finding],
            });
        }
    }
    out
}

/// A state of a drafted status.
struct State {
    name: String,
    wire: String,
    aliases: Vec<String>,
}

impl Drafted<'_> {
    fn model(&self) -> &Finding {
        self.sources[0]
    }

    /// A type name for the status, from its definition's name (`Task.status` gives
    /// `TaskStatus`), not yet taken.
    fn base_name(&self) -> String {
        let name = self.model().name.replace('.', "_").to_upper_camel_case();
        let name: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
        match name.chars().next() {
            Some(c) if c.is_ascii_uppercase() => name,
            _ => format!("S{name}"),
        }
    }

    fn states(&self) -> Vec<State> {
        let mut states: Vec<State> = Vec::new();
        for member in &self.model().members {
            if states.iter().any(|s| s.wire == member.value) {
                continue;
            }
            let name = state_name(&member.value, &member.name, states.len());
            if let Some(existing) = states.iter_mut().find(|s| s.name == name) {
                // Two spellings of one state in one definition (`DONE`, `done`).
                existing.aliases.push(member.value.clone());
                continue;
            }
            states.push(State {
                name,
                wire: member.value.clone(),
                aliases: Vec::new(),
            });
        }
        // The other definitions' spellings of each state, as aliases.
        for source in &self.sources[1..] {
            for value in source.values() {
                let Some(state) = states
                    .iter_mut()
                    .find(|s| canonical(&s.wire) == canonical(value))
                else {
                    continue;
                };
                if state.wire != value && !state.aliases.iter().any(|a| a == value) {
                    state.aliases.push(value.to_owned());
                }
            }
        }
        states
    }

    /// The status's TOML, named the first of its candidate names the checker accepts.
    fn render(&self, taken: &mut BTreeSet<String>, tables: &[TransitionTable]) -> String {
        let base = self.base_name();
        let states = self.states();
        let moves = transitions(&states, &self.model().members, tables);
        let mut last_error = String::new();
        for candidate in [
            base.clone(),
            format!("{base}Status"),
            format!("{base}Values"),
        ]
        .into_iter()
        .chain((2..10).map(|n| format!("{base}{n}")))
        {
            if taken.contains(&candidate) {
                continue;
            }
            let text = self.toml(&candidate, &states, moves.as_ref());
            match check(&text) {
                Ok(()) => {
                    taken.insert(candidate);
                    return text;
                }
                Err(error) => last_error = error,
            }
        }
        let text = self.toml(&base, &states, moves.as_ref());
        let mut out = format!(
            "# Not drafted: statuskit check refuses it ({}).\n",
            comment_safe(&last_error)
        );
        for line in text.lines() {
            let _ = writeln!(out, "# {line}");
        }
        out
    }

    fn toml(&self, name: &str, states: &[State], moves: Option<&Moves>) -> String {
        let mut out = String::new();
        for source in &self.sources {
            let _ = writeln!(
                out,
                "# From {} `{}` at {}:{}",
                source.kind.name(),
                comment_safe(&source.name),
                comment_safe(&source.path),
                source.line
            );
        }
        let _ = writeln!(out, "[status.{name}]");
        let names: Vec<String> = states.iter().map(|s| toml_string(&s.name)).collect();
        let _ = writeln!(out, "states = [{}]", names.join(", "));
        // Keep the exact strings: a case rule where one fits every state, else each wire.
        let screaming = states
            .iter()
            .all(|s| s.wire == s.name.to_shouty_snake_case());
        let differing: Vec<&State> = states.iter().filter(|s| s.wire != s.name).collect();
        if screaming && !differing.is_empty() {
            out.push_str("rename_all = \"SCREAMING_SNAKE_CASE\"\n");
        } else if !differing.is_empty() {
            let wires: Vec<String> = differing
                .iter()
                .map(|s| format!("{} = {}", s.name, toml_string(&s.wire)))
                .collect();
            let _ = writeln!(out, "wire = {{ {} }}", wires.join(", "));
        }
        let aliases: Vec<String> = states
            .iter()
            .flat_map(|s| s.aliases.iter().map(move |a| (a, &s.name)))
            .map(|(alias, state)| format!("{} = {}", toml_string(alias), toml_string(state)))
            .collect();
        if !aliases.is_empty() {
            let _ = writeln!(out, "aliases = {{ {} }}", aliases.join(", "));
        }
        match moves {
            Some(moves) => {
                let _ = writeln!(out, "# Transitions from `{}`.", comment_safe(&moves.table));
                if let Some(initial) = &moves.initial {
                    let _ = writeln!(out, "initial = {}", toml_string(initial));
                }
                let terminal: Vec<String> = moves.terminal.iter().map(|t| toml_string(t)).collect();
                if !terminal.is_empty() {
                    let _ = writeln!(out, "terminal = [{}]", terminal.join(", "));
                }
                let rows: Vec<String> = moves
                    .rows
                    .iter()
                    .map(|(from, to)| {
                        let to: Vec<String> = to.iter().map(|t| toml_string(t)).collect();
                        format!("{} = [{}]", toml_string(from), to.join(", "))
                    })
                    .collect();
                let _ = writeln!(out, "transitions = {{ {} }}", rows.join(", "));
            }
            None => {
                out.push_str("# No transition table found in the code: a plain set of values.\n");
            }
        }
        out
    }
}

/// A state name for a member: its value in snake_case if that is a name, else its member
/// name's, else `state_<n>`.
fn state_name(value: &str, member: &str, index: usize) -> String {
    [normalise(value), normalise(member)]
        .into_iter()
        .find(|n| n.chars().next().is_some_and(|c| c.is_ascii_lowercase()) && n.is_ascii())
        .unwrap_or_else(|| format!("state_{}", index + 1))
}

/// Transitions for a status, from the first transition table all of whose states are its
/// own (written as values or as member names).
struct Moves {
    table: String,
    rows: Vec<(String, Vec<String>)>,
    initial: Option<String>,
    terminal: Vec<String>,
}

fn transitions(
    states: &[State],
    members: &[crate::finding::Member],
    tables: &[TransitionTable],
) -> Option<Moves> {
    // A state as a table may write it: its value, or its member's name, to the state name.
    let mut lookup: BTreeMap<&str, &str> = BTreeMap::new();
    for state in states {
        lookup.insert(&state.wire, &state.name);
        for member in members.iter().filter(|m| m.value == state.wire) {
            lookup.insert(&member.name, &state.name);
        }
    }
    tables.iter().find_map(|table| {
        let mut rows: Vec<(String, Vec<String>)> = Vec::new();
        for m in &table.moves {
            let from = (*lookup.get(m.from.as_str())?).to_owned();
            let to =
                m.to.iter()
                    .map(|t| lookup.get(t.as_str()).map(|s| (*s).to_owned()))
                    .collect::<Option<Vec<_>>>()?;
            rows.push((from, to));
        }
        let targets: BTreeSet<&str> = rows
            .iter()
            .flat_map(|(_, to)| to.iter().map(String::as_str))
            .collect();
        let sources: Vec<&str> = rows.iter().map(|(f, _)| f.as_str()).collect();
        let starts: Vec<&str> = sources
            .iter()
            .copied()
            .filter(|s| !targets.contains(s))
            .collect();
        let initial = match starts.as_slice() {
            [one] => Some((*one).to_owned()),
            _ => None,
        };
        let terminal = states
            .iter()
            .map(|s| s.name.as_str())
            .filter(|s| rows.iter().all(|(from, to)| from != s || to.is_empty()))
            .map(str::to_owned)
            .collect();
        rows.retain(|(_, to)| !to.is_empty());
        Some(Moves {
            table: table.name.clone(),
            rows,
            initial,
            terminal,
        })
    })
}

/// Whether statuskit's checker accepts a status on its own; the first error if not.
fn check(status: &str) -> Result<(), String> {
    let text = format!("schema_version = 1\n{status}");
    let file = status_schema::SourceFile::new("draft.toml", text);
    let analysis = status_schema::analyze(&file);
    match analysis
        .diagnostics
        .iter()
        .find(|d| d.severity() == status_schema::Severity::Error)
    {
        Some(error) => Err(format!("{} {}", error.code.id(), error.message)),
        None => Ok(()),
    }
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for a `#` comment: one line, no control characters.
fn comment_safe(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
