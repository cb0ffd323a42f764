//! The error of a move the schema does not allow.

use core::fmt;

use crate::{StatusEvent, StatusMachine};

/// A refused move: the schema has no transition from the current state to the requested
/// one, or the event does not apply in the current state.
///
/// It names the status type, the current state, what was refused, and the moves that
/// were allowed, so a log line or an API error is useful without looking anything up:
///
/// ```text
/// PhaseState cannot move from `pending` to `complete`; from `pending` it may move to `in_progress`
/// PhaseState cannot apply `complete` in `pending` (it applies in `in_progress`); from `pending` it may move to `in_progress`
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct TransitionError<S: StatusMachine> {
    from: S,
    refused: Refused<S>,
}

/// What a [`TransitionError`] refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Refused<S: StatusMachine> {
    /// A move to this state (`transition_to`).
    Target(S),
    /// This event (`apply`).
    Event(S::Event),
}

impl<S: StatusMachine> TransitionError<S> {
    /// `from` may not move to `to`.
    #[cold]
    #[must_use]
    pub fn target(from: S, to: S) -> Self {
        Self {
            from,
            refused: Refused::Target(to),
        }
    }

    /// `event` does not apply in `from`.
    #[cold]
    #[must_use]
    pub fn event(from: S, event: S::Event) -> Self {
        Self {
            from,
            refused: Refused::Event(event),
        }
    }

    /// The status's name in the schema.
    pub fn status(&self) -> &'static str {
        S::NAME
    }

    /// The state the move was attempted from.
    pub fn from(&self) -> S {
        self.from
    }

    /// What was refused: a target state or an event.
    pub fn refused(&self) -> Refused<S> {
        self.refused
    }

    /// The moves that were allowed from [`from`](Self::from), in schema order.
    pub fn allowed(&self) -> &'static [S] {
        self.from.successors()
    }

    /// For a refused event, the states it applies in, in schema order.
    pub fn event_sources(&self) -> impl Iterator<Item = S> {
        let event = match self.refused {
            Refused::Event(event) => Some(event),
            Refused::Target(_) => None,
        };
        S::ALL
            .iter()
            .copied()
            .filter(move |state| event.is_some_and(|event| state.apply(event).is_ok()))
    }
}

impl<S: StatusMachine> fmt::Display for TransitionError<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let from = self.from.as_str();
        match self.refused {
            Refused::Target(to) => {
                write!(
                    f,
                    "{} cannot move from `{from}` to `{}`",
                    S::NAME,
                    to.as_str()
                )?;
            }
            Refused::Event(event) => {
                write!(
                    f,
                    "{} cannot apply `{}` in `{from}`",
                    S::NAME,
                    event.as_str()
                )?;
                write_list(f, " (it applies in ", self.event_sources(), ")")?;
            }
        }
        let allowed = self.allowed();
        if allowed.is_empty() {
            let why = if self.from.is_terminal() {
                "is terminal"
            } else {
                "has no moves"
            };
            write!(f, "; `{from}` {why}")
        } else {
            write!(f, "; from `{from}` it may move to ")?;
            write_list(f, "", allowed.iter().copied(), "")
        }
    }
}

/// Writes `` `a`, `b` `` between `open` and `close`, or nothing for an empty list.
fn write_list<S: StatusMachine>(
    f: &mut fmt::Formatter<'_>,
    open: &str,
    states: impl Iterator<Item = S>,
    close: &str,
) -> fmt::Result {
    let mut states = states.peekable();
    if states.peek().is_none() {
        return Ok(());
    }
    f.write_str(open)?;
    for (i, state) in states.enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "`{}`", state.as_str())?;
    }
    f.write_str(close)
}

impl<S: StatusMachine> fmt::Debug for TransitionError<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransitionError")
            .field("status", &S::NAME)
            .field("from", &self.from)
            .field("refused", &self.refused)
            .field("allowed", &self.allowed())
            .finish()
    }
}

impl<S: StatusMachine> core::error::Error for TransitionError<S> {}
