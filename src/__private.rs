//! What generated code uses and users should not: not part of the public API, may change
//! in any release. Generated code names everything through this module so that it depends
//! on nothing but `::statuskit`.

pub use core;

pub use crate::{
    ConversionError, ParseStatusError, Refused, StatusEvent, StatusMachine, TransitionError,
};

#[cfg(feature = "clap")]
pub use clap;
#[cfg(feature = "serde")]
pub use serde;
#[cfg(feature = "sqlx")]
pub use sqlx;

#[cfg(feature = "clap")]
pub use crate::integrations::clap::{possible_value, value_from_str};
#[cfg(feature = "serde")]
pub use crate::integrations::serde::{deserialize, serialize};

/// `input` equals `expected` ignoring ASCII case; `expected` has the same length (the
/// generated parser has already dispatched on length).
#[inline]
#[must_use]
pub const fn eq_ignore_ascii_case(input: &[u8], expected: &[u8]) -> bool {
    if input.len() != expected.len() {
        return false;
    }
    let mut i = 0;
    while i < input.len() {
        if !input[i].eq_ignore_ascii_case(&expected[i]) {
            return false;
        }
        i += 1;
    }
    true
}

/// A row of a transition table wider than 64 states: bit `to` of `words`.
#[inline]
#[must_use]
pub const fn bit(words: &[u64], to: usize) -> bool {
    words[to / 64] >> (to % 64) & 1 != 0
}
