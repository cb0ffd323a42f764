//! A draft `statuses.toml` from a report: a status per distinct status definition, named
//! after it, its states keeping the exact strings the code stores (`wire`, `rename_all`),
//! definitions of one name that differ only in spelling merged with `aliases`, a later
//! definition of a name with other members drafted as an extension of the first (`extends`,
//! `add`, `remove`), transitions from the code's own transition tables, and a comment per
//! status naming every place it came from. Each status is checked by statuskit's checker
//! before it is written; one that cannot be made to pass is written commented out, with the
//! reason.

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
    let drafted = statuses(report);
    let mut taken: BTreeSet<String> = BTreeSet::new();
    // The first status drafted for each name, which later definitions of it extend.
    let mut bases: BTreeMap<String, Base> = BTreeMap::new();
    for status in &drafted {
        out.push('\n');
        let key = name_key(&status.model().name);
        if let Some(base) = bases.get(&key) {
            if let Some(text) = status.render_extension(base, &mut taken) {
                out.push_str(&text);
                continue;
            }
        }
        out.push_str(&subset_note(status, &drafted));
        let (text, name) = status.render(&mut taken, &report.transition_tables);
        out.push_str(&text);
        if let Some(name) = name {
            bases.entry(key).or_insert(Base {
                name,
                text,
                states: status.states(),
            });
        }
    }
    out
}

/// A drafted status that later definitions of its name extend.
struct Base {
    name: String,
    text: String,
    states: Vec<State>,
}

/// A comment for a status whose states are all another's (of another name): often a role
/// of that status written as its own set (`TERMINAL_STATES`), which the schema says with
/// `terminal` instead.
fn subset_note(status: &Drafted<'_>, all: &[Drafted<'_>]) -> String {
    let own: BTreeSet<String> = status.model().keys().map(canonical).collect();
    let key = name_key(&status.model().name);
    all.iter()
        .find(|other| {
            let theirs: BTreeSet<String> = other.model().keys().map(canonical).collect();
            name_key(&other.model().name) != key && theirs.len() > own.len() && own.is_subset(&theirs)
        })
        .map(|other| {
            format!(
                "# Every state here is one of `{}`'s too: if this lists a role of it (its terminal\n\
                 # or active states), say so there (`terminal`) instead of keeping a status of its own.\n",
                comment_safe(&other.model().name)
            )
        })
        .unwrap_or_default()
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
            finding.keys().map(canonical).collect(),
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
    /// The status's TOML and the name it got; no name when it is written commented out.
    fn render(
        &self,
        taken: &mut BTreeSet<String>,
        tables: &[TransitionTable],
    ) -> (String, Option<String>) {
        let base = self.base_name();
        let states = self.states();
        let moves = transitions(&states, &self.model().members, tables);
        let mut last_error = String::new();
        for candidate in self.candidates(&base) {
            if taken.contains(&candidate) {
                continue;
            }
            let text = self.toml(&candidate, &states, moves.as_ref());
            match check(&text) {
                Ok(()) => {
                    taken.insert(candidate.clone());
                    return (text, Some(candidate));
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
        (out, None)
    }

    /// Names to try, best first: the definition's, then prefixed with its file's name
    /// (`pipeline.py`'s second `TaskStatus` is `PipelineTaskStatus`), then suffixed.
    fn candidates(&self, base: &str) -> Vec<String> {
        let path = &self.model().path;
        let file = path.rsplit('/').next().unwrap_or(path);
        let stem = file.split('.').next().unwrap_or(file).to_upper_camel_case();
        let stem: String = stem.chars().filter(char::is_ascii_alphanumeric).collect();
        let mut out = vec![base.to_owned()];
        if stem.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
            out.push(format!("{stem}{base}"));
        }
        out.push(format!("{base}Status"));
        out.push(format!("{base}Values"));
        out.extend((2..10).map(|n| format!("{base}{n}")));
        out
    }

    /// The status as an extension of `base`, a status of its name drafted earlier: what it
    /// adds, what it removes, and its own spellings of the states it shares as aliases;
    /// `None` when no such extension passes the checker (it is then drafted on its own).
    fn render_extension(&self, base: &Base, taken: &mut BTreeSet<String>) -> Option<String> {
        let states = self.states();
        let mine: BTreeMap<String, &State> =
            states.iter().map(|s| (canonical(&s.wire), s)).collect();
        let theirs: BTreeMap<String, &State> = base
            .states
            .iter()
            .map(|s| (canonical(&s.wire), s))
            .collect();
        let removed: Vec<&State> = base
            .states
            .iter()
            .filter(|s| !mine.contains_key(&canonical(&s.wire)))
            .collect();
        let added: Vec<&State> = states
            .iter()
            .filter(|s| !theirs.contains_key(&canonical(&s.wire)))
            .collect();
        if added.is_empty() && removed.len() == base.states.len() {
            return None;
        }
        let mut body = String::new();
        let _ = writeln!(body, "extends = {}", toml_string(&base.name));
        if !removed.is_empty() {
            let names: Vec<String> = removed.iter().map(|s| toml_string(&s.name)).collect();
            let _ = writeln!(body, "remove = [{}]", names.join(", "));
        }
        if !added.is_empty() {
            let names: Vec<String> = added.iter().map(|s| toml_string(&s.name)).collect();
            let _ = writeln!(body, "add = [{}]", names.join(", "));
            // Each added state's exact string where the name does not say it, or where the
            // base has a case rule the extension would inherit.
            let ruled = base.text.contains("rename_all");
            let wires: Vec<String> = added
                .iter()
                .filter(|s| ruled || s.wire != s.name)
                .map(|s| format!("{} = {}", s.name, toml_string(&s.wire)))
                .collect();
            if !wires.is_empty() {
                let _ = writeln!(body, "wire = {{ {} }}", wires.join(", "));
            }
        }
        // This definition's spelling of a shared state, where it differs from the base's.
        let aliases: Vec<String> = states
            .iter()
            .filter_map(|s| {
                let shared = theirs.get(&canonical(&s.wire))?;
                (shared.wire != s.wire && !shared.aliases.contains(&s.wire))
                    .then(|| format!("{} = {}", toml_string(&s.wire), toml_string(&shared.name)))
            })
            .collect();
        if !aliases.is_empty() {
            let _ = writeln!(body, "aliases = {{ {} }}", aliases.join(", "));
        }
        for candidate in self.candidates(&self.base_name()) {
            if taken.contains(&candidate) {
                continue;
            }
            let mut text = self.sources_comment();
            let _ = writeln!(text, "[status.{candidate}]");
            text.push_str(&body);
            if check(&format!("{}\n{text}", base.text)).is_ok() {
                taken.insert(candidate);
                return Some(text);
            }
        }
        None
    }

    /// A comment line per definition the status stands for.
    fn sources_comment(&self) -> String {
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
        out
    }

    fn toml(&self, name: &str, states: &[State], moves: Option<&Moves>) -> String {
        let mut out = self.sources_comment();
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
        // The one state nothing leads to; else the table's first source, where tables
        // usually start.
        let initial = match starts.as_slice() {
            [one] => Some((*one).to_owned()),
            _ => sources.first().map(|s| (*s).to_owned()),
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
