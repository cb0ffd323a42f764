//! The traits every generated status and event enum implements.

use core::fmt::{Debug, Display};
use core::hash::Hash;
use core::str::FromStr;

use crate::{ParseStatusError, TransitionError};

/// A status generated from `statuses.toml`: a closed set of states with a lifecycle.
///
/// Every generated status implements this trait, so code that must work over any status
/// (a repository that persists them, an audit log, an admin form listing the moves) is
/// written once. The same operations exist as inherent methods on each status, most of them
/// `const fn`; the trait forwards to them.
///
/// The supertraits are what such generic code needs: a status is a small `Copy` value, can
/// be compared, hashed and used as a map key, and reads and writes its wire value through
/// [`Display`] and [`FromStr`].
pub trait StatusMachine:
    Copy + Eq + Hash + Debug + Display + FromStr<Err = ParseStatusError> + 'static
{
    /// The status's events: the generated `<Status>Event` enum, or
    /// [`core::convert::Infallible`] for a status that declares none.
    type Event: StatusEvent;

    /// The status's name in the schema, such as `"TaskStatus"`.
    const NAME: &'static str;

    /// Every state, in schema order.
    const ALL: &'static [Self];

    /// The state a new item starts in, when the schema names one. Each generated status
    /// whose schema names `initial` also has an inherent `INITIAL` typed as the state itself.
    const INITIAL: Option<Self>;

    /// The position of this state in [`ALL`](Self::ALL): a dense index for tables keyed by
    /// state.
    fn index(self) -> usize;

    /// The wire value: what is written to databases, JSON and logs.
    fn as_str(self) -> &'static str;

    /// The display name for people (`labels` in the schema, or the state name in words).
    fn label(self) -> &'static str;

    /// The other spellings that parse to this state (`aliases` in the schema), never
    /// written.
    fn aliases(self) -> &'static [&'static str];

    /// Whether the schema lists this state as terminal.
    fn is_terminal(self) -> bool;

    /// Whether this is the schema's `initial` state.
    fn is_initial(self) -> bool;

    /// Whether the schema allows moving from `self` to `to`.
    fn can_transition_to(self, to: Self) -> bool;

    /// The states `self` may move to, in schema order.
    fn successors(self) -> &'static [Self];

    /// Moves to `to` if the schema allows it.
    ///
    /// # Errors
    ///
    /// A [`TransitionError`] naming the status, both states and the allowed moves, when the
    /// schema has no transition from `self` to `to`.
    fn transition_to(self, to: Self) -> Result<Self, TransitionError<Self>> {
        if self.can_transition_to(to) {
            Ok(to)
        } else {
            Err(TransitionError::target(self, to))
        }
    }

    /// Applies a named event: the state it leads to from `self`.
    ///
    /// # Errors
    ///
    /// A [`TransitionError`] naming the event and the states it applies in, when it does
    /// not apply in `self`.
    fn apply(self, event: Self::Event) -> Result<Self, TransitionError<Self>>;

    /// Parses a wire value, an alias, or (under the status's case rule) either in another
    /// case; unknown input parses to the `fallback` state when the schema names one.
    ///
    /// # Errors
    ///
    /// A [`ParseStatusError`] naming the status and the input, listing the accepted values
    /// and suggesting the nearest one.
    fn parse(input: &str) -> Result<Self, ParseStatusError> {
        input.parse()
    }
}

/// A status's named events (the generated `<Status>Event` enum).
///
/// [`core::convert::Infallible`] implements it as the event type of a status without
/// events, so [`StatusMachine::apply`] exists for every status and can never be called on
/// one without events.
pub trait StatusEvent: Copy + Eq + Hash + Debug + Display + 'static {
    /// Every event, in schema order.
    const ALL: &'static [Self];

    /// The event's name in the schema, such as `"mark_needs_rerun"`.
    fn as_str(self) -> &'static str;
}

impl StatusEvent for core::convert::Infallible {
    const ALL: &'static [Self] = &[];

    fn as_str(self) -> &'static str {
        match self {}
    }
}
