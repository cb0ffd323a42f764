//! What generated code uses and users should not: not part of the public API, may change
//! in any release. Generated code names everything through this module so that it depends
//! on nothing but `::statuskit`.

pub use crate::parse_error::ParseTable;
pub use crate::{ConversionError, ParseStatusError, StatusEvent, StatusMachine, TransitionError};

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
#[cfg(feature = "sqlx")]
pub use crate::integrations::sqlx::{
    is_named as sqlx_is_named, parameter_type as sqlx_parameter_type,
};

/// Bytes `at..at + 8` of `bytes` as a little-endian word, zero past the end.
///
/// The generated parser compares whole words against constants (with bit `0x20` forced
/// on at letter positions for a case-insensitive status), after dispatching on the
/// input's length; inlined into a length arm, this is one load.
// Always inlined: only inside a length arm does the load become one instruction.
#[allow(clippy::inline_always)]
#[inline(always)]
#[must_use]
pub fn word(bytes: &[u8], at: usize) -> u64 {
    let mut buffer = [0u8; 8];
    if let Some(chunk) = bytes.get(at..at + 8) {
        buffer.copy_from_slice(chunk);
    } else if let Some(tail) = bytes.get(at..) {
        buffer[..tail.len()].copy_from_slice(tail);
    }
    u64::from_le_bytes(buffer)
}

/// A row of a transition table wider than 64 states: bit `to` of `words`.
#[inline]
#[must_use]
pub const fn bit(words: &[u64], to: usize) -> bool {
    words[to / 64] >> (to % 64) & 1 != 0
}

/// The state spelt `input` in `table`: every spelling of a status with its state, sorted
/// by bytes and, when `fold` is set (the status ignores ASCII case), in lower case. The
/// parser of a status with hundreds of spellings is this one search of a flat table.
#[inline]
#[must_use]
pub fn lookup<S: Copy>(table: &[(&str, S)], input: &str, fold: bool) -> Option<S> {
    let input = input.as_bytes();
    table
        .binary_search_by(|(spelling, _)| {
            let spelling = spelling.as_bytes().iter().copied();
            if fold {
                spelling.cmp(input.iter().map(u8::to_ascii_lowercase))
            } else {
                spelling.cmp(input.iter().copied())
            }
        })
        .ok()
        .map(|found| table[found].1)
}
