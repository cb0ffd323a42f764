//! clap: a status as a command-line value, with its wire values, aliases and labels.

extern crate alloc;
extern crate std;

use alloc::string::{String, ToString};

use clap::builder::PossibleValue;

use crate::StatusMachine;

/// The state as clap shows and matches it: the wire value, its aliases (hidden from help,
/// accepted on input) and its label as help text.
pub fn possible_value<S: StatusMachine>(status: S) -> PossibleValue {
    PossibleValue::new(status.as_str()).aliases(status.aliases().iter().copied()).help(status.label())
}

/// Parses with the status's own rules (aliases, case rule, fallback); clap's `ignore_case`
/// widens a case-sensitive status to ignore ASCII case, as clap users expect.
///
/// # Errors
///
/// `ParseStatusError`'s message.
pub fn value_from_str<S: StatusMachine>(input: &str, ignore_case: bool) -> Result<S, String> {
    match input.parse::<S>() {
        Ok(status) => Ok(status),
        Err(error) if ignore_case => S::ALL
            .iter()
            .copied()
            .find(|s| {
                s.as_str().eq_ignore_ascii_case(input) || s.aliases().iter().any(|a| a.eq_ignore_ascii_case(input))
            })
            .ok_or_else(|| error.to_string()),
        Err(error) => Err(error.to_string()),
    }
}
