//! From a [`Draft`] to a model [`Status`]: states numbered, references resolved, `*`
//! expanded against the final states, event edges folded into the transition relation.

use std::collections::{HashMap, HashSet};

use super::draft::{Draft, Owned};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::{Alias, Event, State, StateId, Status, Transition};
use crate::naming;
use crate::raw::{Name, Pair, RawStatus, WILDCARD};
use crate::source::Span;
use crate::suggest;
use crate::text;

pub(super) fn materialize(
    index: usize,
    raw: &RawStatus,
    draft: &Draft,
    extends: Option<String>,
    broken: bool,
    statuses: &[RawStatus],
    diagnostics: &mut Diagnostics,
) -> Status {
    let mut cx = Resolver {
        index,
        status: &raw.name.value,
        draft,
        quiet: broken,
        ids: draft
            .states
            .iter()
            .enumerate()
            .map(|(i, s)| (s.item.as_str(), StateId(i)))
            .collect(),
        removed: draft.removed.iter().map(Name::as_str).collect(),
        diagnostics,
    };

    let initial = draft
        .initial
        .as_ref()
        .and_then(|i| cx.lookup(&i.item, i.owner, "`initial`"));
    let states = cx.states(initial, statuses);
    let (transitions, events) = cx.lifecycle(&states);

    let aliases = draft
        .aliases
        .iter()
        .filter_map(|a| {
            let state = cx.lookup(&a.item.value, a.owner, "`aliases`")?;
            Some(Alias {
                spelling: a.item.key.value.clone(),
                state,
                span: a.item.key.span,
                declared_in: statuses[a.owner].name.value.clone(),
            })
        })
        .collect();
    let fallback = draft
        .fallback
        .as_ref()
        .and_then(|f| cx.lookup(&f.item, f.owner, "`fallback`"));

    Status {
        index: std::sync::OnceLock::new(),
        // Set by the caller, which holds `[defaults]`.
        shape: crate::shape::Shape::default(),
        name: raw.name.value.clone(),
        span: raw.name.span,
        doc: raw.doc.as_ref().map(|d| text::normalize_prose(&d.value)),
        deprecated: raw
            .deprecated
            .as_ref()
            .map(|d| text::normalize_prose(&d.value)),
        extends,
        states,
        initial,
        transitions: transitions
            .into_iter()
            .map(|(from, to, span, owner)| Transition {
                from,
                to,
                span,
                declared_in: statuses[owner].name.value.clone(),
            })
            .collect(),
        events: events
            .into_iter()
            .map(|(event, owner)| Event {
                declared_in: statuses[owner].name.value.clone(),
                ..event
            })
            .collect(),
        aliases,
        rename_all: draft.rename_all,
        case_insensitive: draft.case_insensitive,
        fallback,
        terminal_source: draft
            .terminal
            .as_ref()
            .map(|t| (statuses[t.owner].name.value.clone(), t.item.span)),
        // A status's own: an extension's values are its own to retire.
        reserved: raw
            .reserved
            .iter()
            .flat_map(|list| &list.value)
            .map(|value| (value.value.clone(), value.span))
            .collect(),
    }
}

struct Resolver<'a, 'd> {
    index: usize,
    status: &'a str,
    draft: &'a Draft,
    /// Set for statuses whose base could not be followed: their references would only
    /// repeat that error.
    quiet: bool,
    ids: HashMap<&'a str, StateId>,
    /// The states this status removed, for the "it was removed" hint.
    removed: HashSet<&'a str>,
    diagnostics: &'d mut Diagnostics,
}

type Edge = (StateId, StateId, Span, usize);

impl Resolver<'_, '_> {
    /// The id of state `name`. An unknown name written by this status is reported; one it
    /// inherited refers to a state it removed (or was reported in the base) and is dropped.
    fn lookup(&mut self, name: &Name, owner: usize, what: &str) -> Option<StateId> {
        if let Some(&id) = self.ids.get(name.as_str()) {
            return Some(id);
        }
        if owner != self.index || self.quiet {
            return None;
        }
        let removed = self.removed.contains(name.as_str());
        let help = if removed {
            Some(format!(
                "`{}` is removed by this status's `remove`; drop this reference too",
                name.value
            ))
        } else if name.value == WILDCARD {
            Some("`*` stands for a source state only: every non-terminal state".to_owned())
        } else {
            // Candidates in state order, so that a tie always suggests the same state.
            suggest::did_you_mean(
                &name.value,
                self.draft.states.iter().map(|s| s.item.as_str()),
            )
        };
        self.diagnostics.push(
            Diagnostic::new(
                Code::UnknownState,
                name.span,
                format!("unknown state `{}` in {what}", name.value),
            )
            .label(format!("not a state of `{}`", self.status))
            .maybe_help(help),
        );
        None
    }

    /// The states, numbered, with wire values, labels, docs and flags worked out.
    fn states(&mut self, initial: Option<StateId>, statuses: &[RawStatus]) -> Vec<State> {
        let mut terminal = vec![false; self.draft.states.len()];
        if let Some(t) = &self.draft.terminal {
            for name in &t.item.value {
                if let Some(id) = self.lookup(name, t.owner, "`terminal`") {
                    terminal[id.index()] = true;
                }
            }
        }
        let draft = self.draft;
        let labels = self.keyed(&draft.labels, "`labels`");
        let docs = self.keyed(&draft.docs, "`docs`");
        let wires = self.keyed(&draft.wire, "`wire`");

        draft
            .states
            .iter()
            .enumerate()
            .map(|(i, Owned { item: name, owner })| {
                let id = StateId(i);
                let find = |pairs: &HashMap<StateId, &Name>| pairs.get(&id).map(|v| (*v).clone());
                let wire = find(&wires);
                State {
                    id,
                    name: name.value.clone(),
                    variant: naming::variant_name(&name.value),
                    wire: wire
                        .as_ref()
                        .map_or_else(|| draft.rename_all.apply(&name.value), |w| w.value.clone()),
                    label: find(&labels)
                        .map_or_else(|| naming::default_label(&name.value), |l| l.value),
                    doc: find(&docs).map(|d| text::normalize_prose(&d.value)),
                    is_initial: initial == Some(id),
                    is_terminal: terminal[i],
                    span: name.span,
                    declared_in: statuses[*owner].name.value.clone(),
                    wire_span: wire.map(|w| w.span),
                }
            })
            .collect()
    }

    /// The entries of a per-state map (`labels`, `docs`, `wire`) whose key is a state.
    /// Later entries win, though merging already leaves one entry per key.
    fn keyed<'p>(&mut self, pairs: &'p [Owned<Pair>], what: &str) -> HashMap<StateId, &'p Name> {
        pairs
            .iter()
            .filter_map(|p| Some((self.lookup(&p.item.key, p.owner, what)?, &p.item.value)))
            .collect()
    }

    /// A target, which may not be `*`.
    fn target(&mut self, name: &Name, owner: usize, what: &str) -> Option<StateId> {
        if name.value == WILDCARD {
            if owner == self.index {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::WildcardTarget,
                        name.span,
                        format!("`*` cannot be a target in {what}"),
                    )
                    .label("a target must be one state")
                    .help(
                        "`*` is a source meaning every non-terminal state; name the target state",
                    ),
                );
            }
            return None;
        }
        self.lookup(name, owner, what)
    }

    /// Sources, with `*` expanded to every non-terminal state other than the target (a
    /// self-loop is allowed only when declared by name).
    fn sources(
        &mut self,
        names: &[Name],
        target: StateId,
        states: &[State],
        owner: usize,
        what: &str,
    ) -> Vec<StateId> {
        let mut out = Vec::new();
        for name in names {
            if name.value == WILDCARD {
                out.extend(
                    states
                        .iter()
                        .filter(|s| !s.is_terminal && s.id != target)
                        .map(|s| s.id),
                );
            } else if let Some(id) = self.lookup(name, owner, what) {
                out.push(id);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The transition relation (declared edges, then event edges; first declaration wins)
    /// and the events.
    fn lifecycle(&mut self, states: &[State]) -> (Vec<Edge>, Vec<(Event, usize)>) {
        let draft = self.draft;
        let mut edges: Vec<Edge> = Vec::new();
        for Owned {
            item: (from, to),
            owner,
        } in &draft.transitions
        {
            let what = format!("`transitions.{}`", from.value);
            let Some(target) = self.target(to, *owner, &what) else {
                continue;
            };
            for source in self.sources(
                core::slice::from_ref(from),
                target,
                states,
                *owner,
                "`transitions`",
            ) {
                edges.push((source, target, to.span, *owner));
            }
        }
        let mut events = Vec::new();
        for Owned { item: raw, owner } in &draft.events {
            let what = format!("event `{}`", raw.name.value);
            let Some(to) = raw.to.as_ref() else { continue };
            let Some(target) = self.target(to, *owner, &what) else {
                continue;
            };
            let from = self.sources(&raw.from, target, states, *owner, &what);
            if from.is_empty() && !raw.from.is_empty() && *owner != self.index {
                // Every state it applied in was removed by an extension: the event goes too.
                continue;
            }
            edges.extend(
                from.iter()
                    .map(|&source| (source, target, raw.name.span, *owner)),
            );
            events.push((
                Event {
                    name: raw.name.value.clone(),
                    variant: naming::variant_name(&raw.name.value),
                    doc: raw.doc.as_ref().map(|d| text::normalize_prose(&d.value)),
                    from,
                    to: target,
                    span: raw.name.span,
                    declared_in: String::new(),
                },
                *owner,
            ));
        }
        // Stable sort then dedup keeps the first declaration of each edge.
        edges.sort_by_key(|&(from, to, _, _)| (from, to));
        edges.dedup_by_key(|&mut (from, to, _, _)| (from, to));
        (edges, events)
    }
}
