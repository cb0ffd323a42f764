//! Transitions for a drafted status, from the code's transition tables: each table of one
//! enum given to the status it indexes, read through the status's spellings, with the
//! tables that disagree named.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::{Drafted, State, comment_safe};
use crate::finding::{Finding, TransitionTable};
use crate::group::canonical;
use status_schema::__unstable::toml_string;

/// Transitions for a status, from the first transition table whose states are its own
/// (written as values or as member names): one that names the status's members
/// (`TaskStatus.PENDING`) first, in its own file first; one naming another enum's never.
pub(super) struct Moves {
    table: String,
    /// What the table names that the status does not have.
    dropped: Vec<String>,
    /// Other tables of the status that allow other moves, described.
    disagreements: Vec<String>,
    rows: Vec<(String, Vec<String>)>,
    initial: Option<String>,
    terminal: Vec<String>,
}

impl Moves {
    /// The lifecycle keys, after a comment naming the table.
    pub(super) fn write(&self, out: &mut String) {
        let _ = writeln!(out, "# Transitions from `{}`.", comment_safe(&self.table));
        for note in &self.disagreements {
            let _ = writeln!(out, "# {}", comment_safe(note));
        }
        if !self.dropped.is_empty() {
            let _ = writeln!(
                out,
                "# It also names {}, which the status does not have: left out.",
                comment_safe(&self.dropped.join(", "))
            );
        }
        out.push_str(
            "# `initial` and `terminal` are read from the table's shape (the state no move leads to,\n\
             # those with no move out): a guess to confirm.\n",
        );
        if let Some(initial) = &self.initial {
            let _ = writeln!(out, "initial = {}", toml_string(initial));
        }
        let terminal: Vec<String> = self.terminal.iter().map(|t| toml_string(t)).collect();
        if !terminal.is_empty() {
            let _ = writeln!(out, "terminal = [{}]", terminal.join(", "));
        }
        let rows: Vec<String> = self
            .rows
            .iter()
            .map(|(from, to)| {
                let to: Vec<String> = to.iter().map(|t| toml_string(t)).collect();
                format!("{} = [{}]", toml_string(from), to.join(", "))
            })
            .collect();
        let _ = writeln!(out, "transitions = {{ {} }}", rows.join(", "));
    }
}

/// The report's transition tables, each owned one given to the drafted status it indexes.
pub(super) struct Tables<'a> {
    all: &'a [TransitionTable],
    /// The tables of one enum's members (`TaskStatus.PENDING`, `Record<TaskStatus, …>`), by
    /// the drafted status they go to.
    assigned: BTreeMap<usize, Vec<usize>>,
    /// Tables of bare strings, which any status they fit may take.
    ownerless: Vec<usize>,
}

impl<'a> Tables<'a> {
    /// Gives each owned table to a drafted status with a definition of its owner's name: the
    /// one defined in the table's own file, else in a file of its language, else the first.
    /// So a TypeScript `Record<OrderStatus, …>` goes to the TypeScript `OrderStatus`, not to
    /// the Python enum of that name.
    pub(super) fn new(all: &'a [TransitionTable], drafted: &[Drafted<'_>]) -> Self {
        let mut by_name: BTreeMap<&str, Vec<(usize, &Finding)>> = BTreeMap::new();
        for (index, status) in drafted.iter().enumerate() {
            for source in &status.sources {
                let own = source.name.rsplit('.').next().unwrap_or(&source.name);
                by_name.entry(own).or_default().push((index, source));
            }
        }
        let extension = |path: &str| path.rsplit('.').next().map(str::to_owned);
        let mut assigned: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        let mut ownerless = Vec::new();
        for (i, table) in all.iter().enumerate() {
            let Some(owner) = &table.owner else {
                ownerless.push(i);
                continue;
            };
            let Some(candidates) = by_name.get(owner.as_str()) else {
                continue;
            };
            let best = candidates
                .iter()
                .find(|(_, f)| f.path == table.path)
                .or_else(|| {
                    candidates
                        .iter()
                        .find(|(_, f)| extension(&f.path) == extension(&table.path))
                })
                .or_else(|| candidates.first());
            if let Some(&(index, _)) = best {
                assigned.entry(index).or_default().push(i);
            }
        }
        Self {
            all,
            assigned,
            ownerless,
        }
    }

    /// Whether table `table` was given to drafted status `index` as its enum's.
    pub(super) fn owned(&self, index: usize, table: usize) -> bool {
        self.assigned
            .get(&index)
            .is_some_and(|t| t.contains(&table))
    }

    /// The tables drafted status `index` (defined in `path`) may take, best first: those
    /// given to it in its own file, then elsewhere, then those of bare strings beside it.
    pub(super) fn candidates(
        &self,
        index: usize,
        path: &str,
    ) -> impl Iterator<Item = (usize, &'a TransitionTable)> {
        let all = self.all;
        let (here, elsewhere): (Vec<usize>, Vec<usize>) = self
            .assigned
            .get(&index)
            .into_iter()
            .flatten()
            .partition(|&&i| all[i].path == path);
        // A table of bare strings names no enum: it serves statuses defined beside it (its
        // file's directory), not any status in the tree its strings happen to fit.
        let directory = |p: &str| p.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
        let own = directory(path);
        let beside: Vec<usize> = self
            .ownerless
            .iter()
            .copied()
            .filter(|&i| directory(&all[i].path) == own)
            .collect();
        here.into_iter()
            .chain(elsewhere)
            .chain(beside)
            .map(move |i| (i, &all[i]))
    }
}

pub(super) fn transitions(
    states: &[State],
    model: &Finding,
    tables: &Tables<'_>,
    index: usize,
) -> Option<Moves> {
    let members = &model.members;
    // A state as a table may write it: its value, or its member's name, to the state name.
    let mut lookup: BTreeMap<&str, &str> = BTreeMap::new();
    for state in states {
        lookup.insert(&state.wire, &state.name);
        for alias in &state.aliases {
            lookup.insert(alias, &state.name);
        }
    }
    for member in members {
        if let Some(&state) = lookup.get(member.value.as_str()) {
            lookup.insert(&member.name, state);
        }
    }
    // A spelling the table writes that the status does not (`canceled` in a TypeScript table
    // of a status the Python enum spells `cancelled`): the state of its variant cluster,
    // where exactly one state is in it.
    let mut by_cluster: BTreeMap<String, Option<&str>> = BTreeMap::new();
    for state in states {
        for spelling in std::iter::once(&state.wire).chain(&state.aliases) {
            let entry = by_cluster
                .entry(canonical(spelling))
                .or_insert(Some(&state.name));
            if *entry != Some(state.name.as_str()) {
                *entry = None;
            }
        }
    }
    let mut fits = tables
        .candidates(index, &model.path)
        .filter_map(|(i, table)| fit(table, states, &lookup, &by_cluster).map(|moves| (i, moves)));
    let (_, mut chosen) = fits.next()?;
    // Other tables of this status's own (not ones of bare strings any status may fit)
    // that allow other moves: the code disagrees with itself, and the draft says where.
    for (i, other) in fits.filter(|(i, _)| tables.owned(index, *i)) {
        let edges = |m: &Moves| -> BTreeSet<(String, String)> {
            m.rows
                .iter()
                .flat_map(|(from, to)| to.iter().map(move |t| (from.clone(), t.clone())))
                .collect()
        };
        let (mine, theirs) = (edges(&chosen), edges(&other));
        let show = |e: BTreeSet<&(String, String)>| {
            e.into_iter()
                .map(|(f, t)| format!("{f} -> {t}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let more: BTreeSet<&(String, String)> = theirs.difference(&mine).collect();
        let fewer: BTreeSet<&(String, String)> = mine.difference(&theirs).collect();
        if more.is_empty() && fewer.is_empty() {
            continue;
        }
        let table = &tables.all[i];
        let mut note = format!(
            "`{}` ({}:{}) disagrees:",
            table.name, table.path, table.line
        );
        if !more.is_empty() {
            let _ = write!(note, " it also allows {};", show(more));
        }
        if !fewer.is_empty() {
            let _ = write!(note, " it does not allow {};", show(fewer));
        }
        note.pop();
        chosen.disagreements.push(note);
    }
    Some(chosen)
}

/// The moves `table` gives a status of `states`, when it names them (perhaps with a few it
/// does not have, left out and said so); `None` when it is mostly another status's.
pub(super) fn fit(
    table: &TransitionTable,
    states: &[State],
    lookup: &BTreeMap<&str, &str>,
    by_cluster: &BTreeMap<String, Option<&str>>,
) -> Option<Moves> {
    {
        // A table names this status's states, perhaps with a few it does not have (a state
        // since removed): those are left out, and said so; mostly other states, and the
        // table is another status's.
        let mut unknown: BTreeSet<String> = BTreeSet::new();
        let mut known = 0usize;
        let mut state = |written: &str| {
            let found = lookup
                .get(written)
                .copied()
                .or_else(|| by_cluster.get(&canonical(written)).copied().flatten());
            if let Some(name) = found {
                known += 1;
                Some(name.to_owned())
            } else {
                unknown.insert(written.to_owned());
                None
            }
        };
        let mut rows: Vec<(String, Vec<String>)> = Vec::new();
        let mut row_of: BTreeMap<String, usize> = BTreeMap::new();
        for m in &table.moves {
            let from = state(&m.from);
            let to: Vec<String> = m.to.iter().filter_map(|t| state(t)).collect();
            // Rows of one state under several spellings (`in_progress` and `in-progress`
            // in a table that accepts legacy ones) are one row, each target once.
            if let Some(from) = from {
                let at = *row_of.entry(from.clone()).or_insert_with(|| {
                    rows.push((from, Vec::new()));
                    rows.len() - 1
                });
                for target in to {
                    if !rows[at].1.contains(&target) {
                        rows[at].1.push(target);
                    }
                }
            }
        }
        if known < 2 || unknown.len() * 3 > known || rows.is_empty() {
            return None;
        }
        let dropped: Vec<String> = unknown.into_iter().collect();
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
        let moving: BTreeSet<&str> = rows
            .iter()
            .filter(|(_, to)| !to.is_empty())
            .map(|(from, _)| from.as_str())
            .collect();
        let terminal = states
            .iter()
            .map(|s| s.name.as_str())
            .filter(|s| !moving.contains(s))
            .map(str::to_owned)
            .collect();
        rows.retain(|(_, to)| !to.is_empty());
        Some(Moves {
            table: table.name.clone(),
            rows,
            initial,
            terminal,
            dropped,
            disagreements: Vec::new(),
        })
    }
}
