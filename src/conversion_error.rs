//! The error of a partial conversion between two statuses.

use core::fmt;

/// A state with no counterpart in the target status: the `TryFrom` error of a partial
/// conversion (an `into` mapping, or a base converted into an extension that removed the
/// state).
///
/// ```text
/// BaseTaskStatus `blocked` has no counterpart in MigrationStatus
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ConversionError {
    from: &'static str,
    state: &'static str,
    to: &'static str,
}

impl ConversionError {
    /// `state` (a wire value) of status `from` has no counterpart in status `to`.
    #[cold]
    #[must_use]
    pub fn new(from: &'static str, state: &'static str, to: &'static str) -> Self {
        Self { from, state, to }
    }

    /// The source status's name.
    pub fn from(&self) -> &'static str {
        self.from
    }

    /// The source state's wire value.
    pub fn state(&self) -> &'static str {
        self.state
    }

    /// The target status's name.
    pub fn to(&self) -> &'static str {
        self.to
    }
}

impl fmt::Display for ConversionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} `{}` has no counterpart in {}",
            self.from, self.state, self.to
        )
    }
}

impl core::error::Error for ConversionError {}
