//! Rules about the lifecycle: terminal states stay put, and every state can be reached and
//! left. Statuses without transitions or events are plain value sets and exempt from the
//! warnings.

use std::collections::HashSet;

use super::Context;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::{StateId, Status};

/// A terminal state is where an entity stops; an edge out of it contradicts the schema.
/// The common case is an extension adding an exit from a state its base made terminal.
pub(super) fn terminal_exit(_: &Context<'_>, status: &Status, out: &mut Diagnostics) {
    for transition in &status.transitions {
        let from = status.state(transition.from);
        if !from.is_terminal {
            continue;
        }
        let to = status.state(transition.to);
        let mut diagnostic = Diagnostic::new(
            Code::TerminalExit,
            transition.span,
            format!(
                "terminal state `{}` has a transition to `{}`",
                from.name, to.name
            ),
        )
        .label(format!("leaves `{}`", from.name));
        match &status.terminal_source {
            Some((owner, span)) if *owner != status.name => {
                diagnostic = diagnostic
                    .secondary(*span, format!("`{}` is made terminal here, in `{owner}`", from.name))
                    .help(format!(
                        "`{}` inherits `terminal` from `{owner}`; set `terminal` in `{}` without `{}` to let it move",
                        status.name, status.name, from.name
                    ));
            }
            Some((_, span)) => {
                diagnostic = diagnostic
                    .secondary(*span, format!("`{}` is made terminal here", from.name))
                    .help(format!(
                        "remove `{}` from `terminal`, or remove this transition",
                        from.name
                    ));
            }
            None => {}
        }
        out.push(diagnostic);
    }
}

/// Without `initial`, nothing says where an entity starts and reachability cannot be checked.
pub(super) fn no_initial(cx: &Context<'_>, status: &Status, out: &mut Diagnostics) {
    let lacks = |s: &Status| s.has_lifecycle() && s.initial.is_none();
    // A written but unknown `initial` is already an error, so the schema is not complete;
    // inherited lack is the base's.
    if cx.complete && lacks(status) && !base_of(cx, status).is_some_and(lacks) {
        out.push(
            Diagnostic::new(
                Code::NoInitial,
                status.span,
                format!("`{}` has transitions but no `initial` state", status.name),
            )
            .label("where does it start?")
            .help("set `initial = \"...\"`"),
        );
    }
}

/// A state that no path from `initial` reaches is never entered: dead schema, or a missing
/// transition.
pub(super) fn unreachable(cx: &Context<'_>, status: &Status, out: &mut Diagnostics) {
    let Some(initial) = status.initial.filter(|_| cx.complete) else {
        return;
    };
    let start = &status.state(initial).name;
    for id in new_in_extension(cx, status, unreachable_states) {
        let state = status.state(id);
        out.push(
            located(
                status,
                id,
                Code::UnreachableState,
                format!(
                    "state `{}` of `{}` cannot be reached from `{start}`",
                    state.name, status.name
                ),
            )
            .label("unreachable")
            .help(format!(
                "add a transition into `{}`, or remove the state",
                state.name
            )),
        );
    }
}

/// A non-terminal state with no exit traps whatever enters it; either it is terminal or a
/// transition is missing.
pub(super) fn dead_end(cx: &Context<'_>, status: &Status, out: &mut Diagnostics) {
    if !cx.complete {
        return;
    }
    for id in new_in_extension(cx, status, dead_ends) {
        let state = status.state(id);
        out.push(
            located(
                status,
                id,
                Code::DeadEnd,
                format!(
                    "state `{}` of `{}` has no way out but is not terminal",
                    state.name, status.name
                ),
            )
            .label("a dead end")
            .help(format!(
                "add it to `terminal`, or add a transition out of `{}`",
                state.name
            )),
        );
    }
}

fn unreachable_states(status: &Status) -> Vec<StateId> {
    let Some(initial) = status.initial else {
        return Vec::new();
    };
    if !status.has_lifecycle() {
        return Vec::new();
    }
    let mut reached = vec![false; status.states.len()];
    // The fallback is entered by parsing an unknown value, not by a transition: it is a
    // second way in.
    let mut queue: Vec<StateId> = std::iter::once(initial).chain(status.fallback).collect();
    for start in &queue {
        reached[start.index()] = true;
    }
    while let Some(state) = queue.pop() {
        for next in status.successors(state) {
            if !reached[next.index()] {
                reached[next.index()] = true;
                queue.push(next);
            }
        }
    }
    status
        .states
        .iter()
        .filter(|s| !reached[s.id.index()])
        .map(|s| s.id)
        .collect()
}

fn dead_ends(status: &Status) -> Vec<StateId> {
    if !status.has_lifecycle() {
        return Vec::new();
    }
    status
        .states
        .iter()
        .filter(|s| !s.is_terminal && status.successors(s.id).all(|next| next == s.id))
        .map(|s| s.id)
        .collect()
}

fn base_of<'a>(cx: &Context<'a>, status: &Status) -> Option<&'a Status> {
    cx.status(status.extends.as_deref()?)
}

/// The states `problem` finds in `status`, less inherited ones that have the same problem
/// in the base: those are reported there, once, and are not the extension's doing.
fn new_in_extension(
    cx: &Context<'_>,
    status: &Status,
    problem: fn(&Status) -> Vec<StateId>,
) -> Vec<StateId> {
    let found = problem(status);
    let Some(base) = base_of(cx, status) else {
        return found;
    };
    let in_base: HashSet<&str> = problem(base)
        .iter()
        .map(|&id| base.state(id).name.as_str())
        .collect();
    found
        .into_iter()
        .filter(|&id| !in_base.contains(&status.state(id).name.as_str()))
        .collect()
}

/// A diagnostic about a state of `status`: at the state's declaration when this status
/// declares it, else at the status (the state is inherited, and the problem is this
/// status's own), pointing back at the declaration.
fn located(status: &Status, id: StateId, code: Code, message: String) -> Diagnostic {
    let state = status.state(id);
    if state.declared_in == status.name {
        Diagnostic::new(code, state.span, message)
    } else {
        Diagnostic::new(code, status.span, message).secondary(
            state.span,
            format!("declared here, in `{}`", state.declared_in),
        )
    }
}

/// An event that applies in no state can never be applied, and its documentation reads
/// "from  to": `from = "*"` where every other state is terminal, or an extension that
/// removed every state the event named.
pub(super) fn event_applies_nowhere(cx: &Context<'_>, status: &Status, out: &mut Diagnostics) {
    if !cx.complete {
        return;
    }
    for event in status.events.iter().filter(|e| e.from.is_empty()) {
        let inherited = if event.declared_in == status.name {
            String::new()
        } else {
            format!(" (declared in `{}`)", event.declared_in)
        };
        out.push(
            Diagnostic::new(
                Code::EventAppliesNowhere,
                event.span,
                format!(
                    "event `{}` of `{}` applies in no state{inherited}",
                    event.name, status.name
                ),
            )
            .label("never applies")
            .help("give it a `from` state that is not terminal, or remove the event"),
        );
    }
}
