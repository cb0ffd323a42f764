//! Rules about the lifecycle: terminal states stay put, and every state can be reached and
//! left. Statuses without transitions or events are plain value sets and exempt from the
//! warnings.

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::{Schema, StateId, Status};

/// A terminal state is where an entity stops; an edge out of it contradicts the schema.
/// The common case is an extension adding an exit from a state its base made terminal.
pub(super) fn terminal_exit(_: &Schema, status: &Status, out: &mut Diagnostics) {
    for transition in &status.transitions {
        let from = status.state(transition.from);
        if !from.is_terminal {
            continue;
        }
        let to = status.state(transition.to);
        let mut diagnostic = Diagnostic::new(
            Code::TerminalExit,
            transition.span,
            format!("terminal state `{}` has a transition to `{}`", from.name, to.name),
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
                    .help(format!("remove `{}` from `terminal`, or remove this transition", from.name));
            }
            None => {}
        }
        out.push(diagnostic);
    }
}

/// Without `initial`, nothing says where an entity starts and reachability cannot be checked.
pub(super) fn no_initial(_: &Schema, status: &Status, out: &mut Diagnostics) {
    if status.has_lifecycle() && status.initial.is_none() {
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
pub(super) fn unreachable(_: &Schema, status: &Status, out: &mut Diagnostics) {
    let Some(initial) = status.initial else { return };
    if !status.has_lifecycle() {
        return;
    }
    let mut reached = vec![false; status.states.len()];
    let mut queue = vec![initial];
    reached[initial.index()] = true;
    while let Some(state) = queue.pop() {
        for next in status.successors(state) {
            if !reached[next.index()] {
                reached[next.index()] = true;
                queue.push(next);
            }
        }
    }
    let start = &status.state(initial).name;
    for state in status.states.iter().filter(|s| !reached[s.id.index()]) {
        out.push(
            located(status, state.id, format!(
                "state `{}` of `{}` cannot be reached from `{start}`",
                state.name, status.name
            ))(Code::UnreachableState)
            .label("unreachable")
            .help(format!("add a transition into `{}`, or remove the state", state.name)),
        );
    }
}

/// A non-terminal state with no exit traps whatever enters it; either it is terminal or a
/// transition is missing.
pub(super) fn dead_end(_: &Schema, status: &Status, out: &mut Diagnostics) {
    if !status.has_lifecycle() {
        return;
    }
    for state in status.states.iter().filter(|s| !s.is_terminal) {
        if status.successors(state.id).all(|next| next == state.id) {
            out.push(
                located(status, state.id, format!(
                    "state `{}` of `{}` has no way out but is not terminal",
                    state.name, status.name
                ))(Code::DeadEnd)
                .label("a dead end")
                .help(format!("add it to `terminal`, or add a transition out of `{}`", state.name)),
            );
        }
    }
}

/// A diagnostic about a state of `status`: at the state's declaration when this status
/// declares it, else at the status (the state is inherited, and the problem is this
/// status's own), pointing back at the declaration.
fn located(status: &Status, id: StateId, message: String) -> impl FnOnce(Code) -> Diagnostic {
    let state = status.state(id);
    let own = state.declared_in == status.name;
    let (span, declared, declared_in) = (state.span, state.span, state.declared_in.clone());
    let status_span = status.span;
    move |code| {
        if own {
            Diagnostic::new(code, span, message)
        } else {
            Diagnostic::new(code, status_span, message)
                .secondary(declared, format!("declared here, in `{declared_in}`"))
        }
    }
}
