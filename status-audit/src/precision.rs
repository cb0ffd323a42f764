//! The precision pass: what has the shape of a status definition or a transition table but
//! is something else, taken out of the report and listed with the reason, so that a user
//! sees what was set aside and why.
//!
//! - A definition in a test file is a test's copy of some states, not where they are
//!   defined (`WorkflowStateEnum` must not be named after a fixture's array).
//! - An object keyed by states whose values are no states is a lookup, not a definition: a
//!   Tailwind `statusColors` map, labels, icons.
//! - A transition table is one whose keys and values are states of one enum and that the
//!   code uses to decide moves (its name says so, or the code looks a state up in it); a
//!   map of prerequisites, imports, keywords or labels is not, whatever its shape.

use std::collections::{BTreeMap, BTreeSet};

use crate::finding::{Finding, Kind, TransitionTable};
use crate::group::canonical;
use crate::score::{is_lifecycle, is_status_word, squashed, words};

/// Something the audit found the shape of and set aside, with why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    /// Relative to the audited directory, `/`-separated.
    pub path: String,
    /// 1-based.
    pub line: usize,
    /// Its name in the code.
    pub name: String,
    /// `definition` or `transition-table`.
    pub what: &'static str,
    /// Why it is not one, for people.
    pub reason: String,
}

/// Takes out the findings that are no status definitions, with why.
pub(crate) fn definitions(findings: &mut Vec<Finding>, rejected: &mut Vec<Rejected>) {
    findings.retain(|finding| {
        let reason = if in_tests(&finding.path) {
            Some("in a test file: a test's copy of states, not where they are defined".to_owned())
        } else {
            lookup_by_state(finding)
        };
        match reason {
            Some(reason) => {
                rejected.push(Rejected {
                    path: finding.path.clone(),
                    line: finding.line,
                    name: finding.name.clone(),
                    what: "definition",
                    reason,
                });
                false
            }
            None => true,
        }
    });
}

/// Whether a path is a test's: under a `test`, `tests`, `__tests__`, `__mocks__` or `e2e`
/// directory, or a file named `test_*.py`, `*_test.py`, `conftest.py`, `*.test.ts`,
/// `*.spec.ts` (and the JavaScript ones).
pub(crate) fn in_tests(path: &str) -> bool {
    let mut parts = path.split('/').collect::<Vec<_>>();
    let file = parts.pop().unwrap_or_default();
    let directory = parts
        .iter()
        .any(|p| matches!(*p, "test" | "tests" | "__tests__" | "__mocks__" | "e2e"));
    let stem = file.split('.').next().unwrap_or(file);
    directory
        || file.starts_with("test_")
        || stem.ends_with("_test")
        || file == "conftest.py"
        || [".test.", ".spec.", ".stories."]
            .iter()
            .any(|infix| file.contains(infix))
}

/// Why an object of strings keyed by states is a lookup rather than a definition: its
/// values are not the states (`{ pending: 'bg-yellow-100 text-yellow-800' }`); `None` for a
/// definition (`{ Pending: 'pending' }`, `{ PENDING: 'PENDING' }`).
fn lookup_by_state(finding: &Finding) -> Option<String> {
    if !matches!(finding.kind, Kind::TypescriptObject) {
        return None;
    }
    let members = &finding.members;
    let name_words = words(finding.name.rsplit('.').next().unwrap_or(&finding.name));
    // An object of other things keyed by other things (`Colors = { red: '#f00' }`) is an
    // enum of those things, which scoring rates; only one keyed by states, or named for
    // them (`statusColors`), is looked at here.
    let keys_are_states =
        members.iter().filter(|m| is_lifecycle(&m.name)).count() * 2 >= members.len();
    let named_for_states = name_words.iter().any(|w| is_status_word(w));
    if !keys_are_states && !named_for_states {
        return None;
    }
    // `statusColors`, `STATUS_LABELS`: what the name ends with is what it holds
    // (`MessageStatus` holds statuses).
    if let Some(word) = name_words
        .last()
        .filter(|w| LOOKUP_WORDS.contains(&w.as_str()))
    {
        return Some(format!(
            "its name (`{word}`) says it holds something per state: a lookup keyed by a status, not a definition of one"
        ));
    }
    let related = members
        .iter()
        .filter(|m| same_word(&m.name, &m.value) || canonical(&m.name) == canonical(&m.value))
        .count();
    let stateful_values = members.iter().filter(|m| is_lifecycle(&m.value)).count();
    if related * 2 >= members.len() || stateful_values * 2 >= members.len() {
        return None;
    }
    // A wire value is a word; text with spaces is a label, a message or CSS classes.
    if let Some(text) = members
        .iter()
        .find(|m| m.value.contains(char::is_whitespace))
    {
        let what = if css_classes(&text.value) {
            "CSS classes"
        } else {
            "text (labels or messages)"
        };
        return Some(format!(
            "an object of {what}: a lookup keyed by its keys, not a definition of states"
        ));
    }
    if !keys_are_states {
        return None;
    }
    Some(
        "an object from states to values that are not states: a lookup keyed by a status, not a definition of one"
            .to_owned(),
    )
}

/// Words of an object's name that say it holds something per state.
const LOOKUP_WORDS: &[&str] = &[
    "badge",
    "badges",
    "class",
    "classes",
    "color",
    "colors",
    "colour",
    "colours",
    "description",
    "descriptions",
    "icon",
    "icons",
    "label",
    "labels",
    "message",
    "messages",
    "style",
    "styles",
    "text",
    "texts",
    "title",
    "titles",
    "tone",
    "tones",
    "variant",
    "variants",
];

/// Whether two spellings are one word up to case and separators (`IN_PROGRESS`,
/// `inProgress`, `in-progress`).
fn same_word(a: &str, b: &str) -> bool {
    squashed(a) == squashed(b)
}

/// Whether a value reads as a list of CSS utility classes (`bg-red-100 text-red-800`).
fn css_classes(value: &str) -> bool {
    let classes: Vec<&str> = value.split_whitespace().collect();
    !classes.is_empty()
        && classes.iter().all(|c| {
            c.contains('-')
                && c.chars().all(|ch| {
                    ch.is_ascii_alphanumeric()
                        || matches!(ch, '-' | ':' | '/' | '[' | ']' | '.' | '#')
                })
        })
}

/// Words of a table's name that say it holds something other than moves.
const NOT_MOVES: &[(&str, &str)] = &[
    ("after", "prerequisites"),
    ("banned", "moves it forbids"),
    ("before", "prerequisites"),
    ("blocked", "prerequisites"),
    ("blockers", "prerequisites"),
    ("color", "colours"),
    ("colors", "colours"),
    ("colour", "colours"),
    ("colours", "colours"),
    ("dependencies", "prerequisites"),
    ("dependency", "prerequisites"),
    ("depends", "prerequisites"),
    ("deps", "prerequisites"),
    ("disallowed", "moves it forbids"),
    ("forbidden", "moves it forbids"),
    ("icon", "icons"),
    ("icons", "icons"),
    ("import", "imports"),
    ("imports", "imports"),
    ("invalid", "moves it forbids"),
    ("keyword", "keywords"),
    ("keywords", "keywords"),
    ("label", "labels"),
    ("labels", "labels"),
    ("lazy", "imports"),
    ("loaders", "imports"),
    ("modules", "imports"),
    ("needs", "prerequisites"),
    ("predecessors", "the states before them"),
    ("prereqs", "prerequisites"),
    ("prerequisites", "prerequisites"),
    ("prev", "the states before them"),
    ("previous", "the states before them"),
    ("requires", "prerequisites"),
    ("synonyms", "keywords"),
];

/// Words of a table's name that say it decides moves.
const MOVES: &[&str] = &[
    "allowed",
    "can",
    "edges",
    "flow",
    "moves",
    "next",
    "successor",
    "successors",
    "transition",
    "transitions",
    "valid",
];

/// Takes out the tables that do not decide moves between one enum's states, with why.
/// `findings` are every definition found, statuses or not.
/// Returns the tables set aside only because no enum in the code holds their states, whose
/// name or a lookup says they decide moves: `statuskit lint` holds them against the schema,
/// whose statuses may be the enum the code lacks.
pub(crate) fn tables(
    tables: &mut Vec<TransitionTable>,
    findings: &[Finding],
    rejected: &mut Vec<Rejected>,
) -> Vec<TransitionTable> {
    let mut unmatched = Vec::new();
    let index = Spellings::new(findings);
    let names: BTreeSet<&str> = findings
        .iter()
        .map(|f| f.name.rsplit('.').next().unwrap_or(&f.name))
        .collect();
    tables.retain(|table| match table_reason(table, &names, &index) {
        Some(reason) => {
            let decides = table.looked_up
                || words(&table.name)
                    .iter()
                    .any(|w| MOVES.contains(&w.as_str()));
            if decides && reason.starts_with(NO_ENUM) {
                unmatched.push(table.clone());
            }
            rejected.push(Rejected {
                path: table.path.clone(),
                line: table.line,
                name: table.name.clone(),
                what: "transition-table",
                reason,
            });
            false
        }
        None => true,
    });
    unmatched
}

/// How the reason for a table whose states no enum in the code holds starts.
const NO_ENUM: &str = "its keys and values are not the states of one enum found in the code";

/// The definitions' spellings (values and member names, and their variant clusters), each
/// distinct set once (a tree of copies has few), and the sets holding each spelling: a
/// table finds its enum among the sets holding its rarest states, never among all.
struct Spellings {
    sets: Vec<BTreeSet<String>>,
    holders: BTreeMap<String, Vec<usize>>,
}

/// The most distinct definitions a table is compared with; past it, its states are too
/// common to say whose they are, and that reason is not given.
const TABLE_SCAN: usize = 4096;

impl Spellings {
    fn new(findings: &[Finding]) -> Self {
        let mut ids: BTreeMap<BTreeSet<String>, usize> = BTreeMap::new();
        let mut holders: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for finding in findings {
            let set: BTreeSet<String> = finding
                .members
                .iter()
                .flat_map(|m| [&m.value, &m.name])
                .flat_map(|s| [s.clone(), canonical(s)])
                .collect();
            if ids.contains_key(&set) {
                continue;
            }
            let id = ids.len();
            for spelling in &set {
                holders.entry(spelling.clone()).or_default().push(id);
            }
            ids.insert(set, id);
        }
        let mut sets = vec![BTreeSet::new(); ids.len()];
        for (set, id) in ids {
            sets[id] = set;
        }
        Self { sets, holders }
    }

    /// The most of `states` one definition holds; `None` when they are too common to tell.
    fn best_cover(&self, states: &BTreeSet<&str>) -> Option<usize> {
        let held = |state: &str| {
            let exact = self.holders.get(state).map_or(0, Vec::len);
            let cluster = self.holders.get(&canonical(state)).map_or(0, Vec::len);
            exact + cluster
        };
        // A definition holding two thirds of the states holds one of any third of them
        // plus one: look only at the holders of the rarest such.
        let mut by_rarity: Vec<&str> = states.iter().copied().collect();
        by_rarity.sort_by_key(|s| held(s));
        let mut candidates: BTreeSet<usize> = BTreeSet::new();
        for state in by_rarity.iter().take(states.len() / 3 + 1) {
            for key in [(*state).to_owned(), canonical(state)] {
                candidates.extend(self.holders.get(&key).into_iter().flatten());
            }
            if candidates.len() > TABLE_SCAN {
                return None;
            }
        }
        let covered = |id: usize| {
            states
                .iter()
                .filter(|s| self.sets[id].contains(**s) || self.sets[id].contains(&canonical(s)))
                .count()
        };
        Some(candidates.into_iter().map(covered).max().unwrap_or(0))
    }
}

fn table_reason(
    table: &TransitionTable,
    enums: &BTreeSet<&str>,
    index: &Spellings,
) -> Option<String> {
    if in_tests(&table.path) {
        return Some("in a test file: a test's table, not the code's".to_owned());
    }
    let name_words = words(&table.name);
    if let Some((word, what)) = NOT_MOVES
        .iter()
        .find(|(word, _)| name_words.iter().any(|w| w == word))
    {
        return Some(format!(
            "its name (`{word}`) says it holds {what}, not the moves between states"
        ));
    }
    let states: BTreeSet<&str> = table
        .moves
        .iter()
        .flat_map(|m| std::iter::once(m.from.as_str()).chain(m.to.iter().map(String::as_str)))
        .collect();
    let owned = table
        .owner
        .as_deref()
        .is_some_and(|owner| enums.contains(owner));
    if !owned {
        if let Some(best) = index.best_cover(&states) {
            if best * 3 < states.len() * 2 {
                return Some(format!(
                    "{NO_ENUM} (at most {best} of its {} are)",
                    states.len()
                ));
            }
        }
    }
    let named = name_words.iter().any(|w| MOVES.contains(&w.as_str()));
    if !named && !table.looked_up {
        return Some(
            "nothing says it decides moves: its name does not (`transitions`, `allowed`, `next`) and the file never looks a state up in it".to_owned(),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_paths() {
        for path in [
            "tests/test_flow.py",
            "app/test_models.py",
            "src/flow.test.ts",
            "src/__tests__/flow.ts",
            "pkg/models_test.py",
            "conftest.py",
        ] {
            assert!(in_tests(path), "{path}");
        }
        for path in [
            "app/models.py",
            "src/testimonials.ts",
            "contest.py",
            "latest/x.ts",
        ] {
            assert!(!in_tests(path), "{path}");
        }
    }

    #[test]
    fn lists_are_sorted() {
        assert!(NOT_MOVES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(MOVES.windows(2).all(|w| w[0] < w[1]));
        assert!(LOOKUP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn css_and_words() {
        assert!(css_classes("bg-red-100 text-red-800 dark:bg-red-900"));
        assert!(!css_classes("Pending review"));
        assert!(same_word("IN_PROGRESS", "inProgress"));
        assert!(!same_word("pending", "yellow"));
    }
}
