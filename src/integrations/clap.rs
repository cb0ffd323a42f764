//! clap: a status as a command-line value, with its wire values, aliases and labels.

extern crate alloc;
extern crate std;

use alloc::boxed::Box;
use alloc::format;
use alloc::string::{String, ToString};
use core::marker::PhantomData;
use std::ffi::OsStr;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::ErrorKind;
use clap::{Arg, Command};

use crate::StatusMachine;

/// The state as clap shows and matches it: the wire value, its aliases (hidden from help,
/// accepted on input) and its label as help text.
pub fn possible_value<S: StatusMachine>(status: S) -> PossibleValue {
    PossibleValue::new(status.as_str())
        .aliases(status.aliases().iter().copied())
        .help(status.label())
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
                s.as_str().eq_ignore_ascii_case(input)
                    || s.aliases().iter().any(|a| a.eq_ignore_ascii_case(input))
            })
            .ok_or_else(|| error.to_string()),
        Err(error) => Err(error.to_string()),
    }
}

/// A clap value parser with the status's own rules: aliases, the case rule, the fallback,
/// and `ParseStatusError`'s message (with its "did you mean"); help still lists the wire
/// values with their labels.
///
/// ```ignore
/// #[arg(long, value_parser = statuskit::StatusValueParser::<TaskStatus>::new())]
/// status: TaskStatus,
/// ```
///
/// Without it, clap parses a `ValueEnum` itself: wire values and aliases, in exact case
/// unless the argument sets `ignore_case = true`.
pub struct StatusValueParser<S>(PhantomData<fn() -> S>);

impl<S> StatusValueParser<S> {
    /// The parser for status `S`.
    #[must_use]
    pub fn new() -> Self {
        Self(PhantomData)
    }
}

impl<S> Default for StatusValueParser<S> {
    fn default() -> Self {
        Self::new()
    }
}

impl<S> Clone for StatusValueParser<S> {
    fn clone(&self) -> Self {
        Self::new()
    }
}

impl<S: StatusMachine + Send + Sync> TypedValueParser for StatusValueParser<S> {
    type Value = S;

    fn parse_ref(&self, cmd: &Command, arg: Option<&Arg>, value: &OsStr) -> Result<S, clap::Error> {
        let Some(text) = value.to_str() else {
            return Err(clap::Error::new(ErrorKind::InvalidUtf8).with_cmd(cmd));
        };
        let ignore_case = arg.is_some_and(Arg::is_ignore_case_set);
        value_from_str(text, ignore_case).map_err(|message| {
            let arg = arg.map_or_else(|| "the value".to_string(), |arg| format!("'{arg}'"));
            clap::Error::raw(
                ErrorKind::InvalidValue,
                format!("invalid value for {arg}: {message}\n"),
            )
            .with_cmd(cmd)
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            S::ALL.iter().map(|&status| possible_value(status)),
        ))
    }
}
