//! Inheritance: a status as its own keys plus everything it inherits, still by name.
//!
//! An extension starts as a copy of its base's draft; `remove` drops states, `add` appends
//! them, the maps (`transitions`, `events`, `aliases`, `labels`, `docs`, `wire`) merge in,
//! and the scalars (`initial`, `terminal`, `rename_all`, `case_insensitive`, `fallback`)
//! replace. References are not checked here: an item remembers which status wrote it, so
//! that [`super::materialize`] reports a bad reference once, where it was written, and
//! quietly drops inherited references to states an extension removed.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::naming::RenameRule;
use crate::raw::{Name, NameList, Pair, RawDefaults, RawEvent, RawStatus};
use crate::source::Span;
use crate::suggest;

/// An item together with the index of the status whose schema entry wrote it.
#[derive(Clone, Debug)]
pub(super) struct Owned<T> {
    pub item: T,
    pub owner: usize,
}

impl<T> Owned<T> {
    fn new(item: T, owner: usize) -> Self {
        Self { item, owner }
    }
}

/// A status with inheritance applied, before states are numbered.
#[derive(Clone, Debug)]
pub(super) struct Draft {
    pub states: Vec<Owned<Name>>,
    /// States this status removed, for "it was removed" hints.
    pub removed: Vec<Name>,
    pub initial: Option<Owned<Name>>,
    pub terminal: Option<Owned<NameList>>,
    /// `(source, target)` pairs, flattened from `transitions`.
    pub transitions: Vec<Owned<(Name, Name)>>,
    pub events: Vec<Owned<RawEvent>>,
    pub aliases: Vec<Owned<Pair>>,
    pub labels: Vec<Owned<Pair>>,
    pub docs: Vec<Owned<Pair>>,
    pub wire: Vec<Owned<Pair>>,
    pub rename_all: RenameRule,
    pub case_insensitive: bool,
    pub fallback: Option<Owned<Name>>,
}

/// Builds the draft of status `index`, given its base's draft when it extends a status
/// that resolved. `broken` statuses (whose `extends` could not be followed) are drafted
/// from their own keys alone.
pub(super) fn draft(
    index: usize,
    raw: &RawStatus,
    base: Option<&Draft>,
    broken: bool,
    defaults: &RawDefaults,
    diagnostics: &mut Diagnostics,
) -> Draft {
    let mut draft = match base {
        Some(base) => {
            let mut draft = base.clone();
            draft.removed.clear();
            draft
        }
        None => Draft {
            states: Vec::new(),
            removed: Vec::new(),
            initial: None,
            terminal: None,
            transitions: Vec::new(),
            events: Vec::new(),
            aliases: Vec::new(),
            labels: Vec::new(),
            docs: Vec::new(),
            wire: Vec::new(),
            rename_all: defaults
                .rename_all
                .as_ref()
                .map_or(RenameRule::default(), |r| r.value),
            case_insensitive: defaults.case_insensitive.as_ref().is_none_or(|c| c.value),
            fallback: None,
        },
    };

    if raw.extends.is_some() {
        states_of_extension(raw, index, &mut draft, broken, diagnostics);
    } else {
        states_of_base(raw, index, &mut draft, diagnostics);
    }

    if let Some(initial) = &raw.initial {
        draft.initial = Some(Owned::new(initial.clone(), index));
    }
    if let Some(terminal) = &raw.terminal {
        draft.terminal = Some(Owned::new(terminal.clone(), index));
    }
    for transition in &raw.transitions {
        for target in &transition.to {
            draft
                .transitions
                .push(Owned::new((transition.from.clone(), target.clone()), index));
        }
    }
    // Merged by key in one pass each, so a status with many entries costs their number,
    // not its square.
    merge(&mut draft.events, &raw.events, index, |e| e.name.as_str());
    for (merged, pairs) in [
        (&mut draft.aliases, &raw.aliases),
        (&mut draft.labels, &raw.labels),
        (&mut draft.docs, &raw.docs),
        (&mut draft.wire, &raw.wire),
    ] {
        merge(merged, pairs, index, |p| p.key.as_str());
    }
    if let Some(rule) = &raw.rename_all {
        draft.rename_all = rule.value;
    }
    if let Some(flag) = &raw.case_insensitive {
        draft.case_insensitive = flag.value;
    }
    if let Some(fallback) = &raw.fallback {
        draft.fallback = Some(Owned::new(fallback.clone(), index));
    }
    draft
}

/// Merges `own` entries (written by status `owner`) into inherited `merged` ones: an own
/// entry replaces the inherited entry of the same key and goes last, in its own order, as
/// replacing them one by one would leave them; the last of repeated own keys wins.
fn merge<T: Clone>(merged: &mut Vec<Owned<T>>, own: &[T], owner: usize, key: impl Fn(&T) -> &str) {
    if own.is_empty() {
        return;
    }
    let mut last: HashMap<&str, usize> = HashMap::new();
    for (i, item) in own.iter().enumerate() {
        last.insert(key(item), i);
    }
    merged.retain(|entry| !last.contains_key(key(&entry.item)));
    merged.extend(
        own.iter()
            .enumerate()
            .filter(|&(i, item)| last.get(key(item)) == Some(&i))
            .map(|(_, item)| Owned::new(item.clone(), owner)),
    );
}

fn states_of_base(raw: &RawStatus, index: usize, draft: &mut Draft, diagnostics: &mut Diagnostics) {
    for key in [&raw.add, &raw.remove].into_iter().flatten() {
        diagnostics.push(
            Diagnostic::new(
                Code::MisplacedKey,
                key.span,
                format!(
                    "`{}` does not extend another status, so it has nothing to add to or remove from",
                    raw.name.value
                ),
            )
            .label("only an extension takes `add` and `remove`")
            .help("list every state in `states`, or set `extends` to the base status"),
        );
    }
    match &raw.states {
        Some(states) if !states.value.is_empty() => {
            push_unique(&mut draft.states, &states.value, index, diagnostics);
        }
        Some(states) => no_states(raw, Some(states), diagnostics),
        None => no_states(raw, None, diagnostics),
    }
}

fn no_states(raw: &RawStatus, states: Option<&NameList>, diagnostics: &mut Diagnostics) {
    let span = states.map_or(raw.name.span, |s| s.span);
    diagnostics.push(
        Diagnostic::new(
            Code::NoStates,
            span,
            format!("status `{}` has no states", raw.name.value),
        )
        .label(if states.is_some() { "an empty list" } else { "declared here without `states`" })
        .help("list them, as in `states = [\"pending\", \"done\"]`, or `extends` a status to start from its states"),
    );
}

fn states_of_extension(
    raw: &RawStatus,
    index: usize,
    draft: &mut Draft,
    broken: bool,
    diagnostics: &mut Diagnostics,
) {
    if let Some(states) = &raw.states {
        diagnostics.push(
            Diagnostic::new(
                Code::MisplacedKey,
                states.span,
                format!(
                    "`{}` extends another status, so it inherits its states",
                    raw.name.value
                ),
            )
            .label("an extension does not list `states`")
            .help(
                "use `add = [...]` for new states and `remove = [...]` for inherited ones it drops",
            ),
        );
    }
    if broken {
        // The base is unknown or cyclic (already reported): keep what this status adds, so
        // that the rest of it can still be checked, but judge nothing against the base.
        if let Some(add) = &raw.add {
            push_unique(&mut draft.states, &add.value, index, diagnostics);
        }
        return;
    }
    if let Some(remove) = &raw.remove {
        let present: HashSet<&str> = draft.states.iter().map(|s| s.item.as_str()).collect();
        let mut dropped: HashSet<&str> = HashSet::new();
        for state in &remove.value {
            if present.contains(state.as_str()) {
                if dropped.insert(state.as_str()) {
                    draft.removed.push(state.clone());
                }
            } else {
                diagnostics.push(
                    Diagnostic::new(
                        Code::RemoveMissingState,
                        state.span,
                        format!(
                            "cannot remove `{}`: the base has no such state",
                            state.value
                        ),
                    )
                    .label("not inherited")
                    .maybe_help(suggest::did_you_mean(
                        &state.value,
                        draft.states.iter().map(|s| s.item.as_str()),
                    )),
                );
            }
        }
        draft.states.retain(|s| !dropped.contains(s.item.as_str()));
    }
    if let Some(add) = &raw.add {
        let inherited: HashMap<&str, Span> = draft
            .states
            .iter()
            .map(|s| (s.item.as_str(), s.item.span))
            .collect();
        let mut added: HashMap<&str, &Name> = HashMap::new();
        let mut new_states = Vec::new();
        for state in &add.value {
            if let Some(&existing) = inherited.get(state.as_str()) {
                diagnostics.push(
                    Diagnostic::new(
                        Code::AddExistingState,
                        state.span,
                        format!("cannot add `{}`: the base already has it", state.value),
                    )
                    .label("already inherited")
                    .secondary(existing, "declared here")
                    .help("drop it from `add`: inherited states are already part of the extension"),
                );
            } else if let Some(first) = added.get(state.as_str()) {
                duplicate(state, first, diagnostics);
            } else {
                added.insert(state.as_str(), state);
                new_states.push(Owned::new(state.clone(), index));
            }
        }
        draft.states.extend(new_states);
    }
}

/// Appends `states`, written by status `owner`, reporting each repeat.
fn push_unique(
    into: &mut Vec<Owned<Name>>,
    states: &[Name],
    owner: usize,
    diagnostics: &mut Diagnostics,
) {
    let mut seen: HashMap<String, usize> = into
        .iter()
        .enumerate()
        .map(|(i, s)| (s.item.value.clone(), i))
        .collect();
    for state in states {
        if let Some(&first) = seen.get(&state.value) {
            duplicate(state, &into[first].item, diagnostics);
        } else {
            seen.insert(state.value.clone(), into.len());
            into.push(Owned::new(state.clone(), owner));
        }
    }
}

fn duplicate(state: &Name, first: &Name, diagnostics: &mut Diagnostics) {
    diagnostics.push(
        Diagnostic::new(
            Code::DuplicateState,
            state.span,
            format!("state `{}` is listed twice", state.value),
        )
        .label("listed again here")
        .secondary(first.span, "first listed here")
        .help("remove the repeat"),
    );
}
