//! statuskit: one `statuses.toml` for every status enum in a system.
//!
//! This is the runtime facade that generated code links against. Every status generated
//! from a schema, by `#[derive(StatusMachine)]` or by build.rs mode
//! (`status_schema::build::compile`), implements [`StatusMachine`], so code written once
//! (a repository, an audit log, an admin form) works over all of them:
//!
//! ```
//! use statuskit::{StatusMachine, TransitionError};
//!
//! /// One audit-log line for any status of the schema.
//! fn audit<S: StatusMachine>(from: S, to: S) -> Result<String, TransitionError<S>> {
//!     let to = from.transition_to(to)?;
//!     Ok(format!("{}: {} -> {}", S::NAME, from, to))
//! }
//!
//! # #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
//! # enum Light {
//! #     #[status(initial, to(Green))]
//! #     Red,
//! #     #[status(to(Amber))]
//! #     Green,
//! #     #[status(to(Red))]
//! #     Amber,
//! # }
//! assert_eq!(audit(Light::Red, Light::Green).unwrap(), "Light: red -> green");
//! let refused = audit(Light::Red, Light::Amber).unwrap_err();
//! assert_eq!(
//!     refused.to_string(),
//!     "Light cannot move from `red` to `amber`; from `red` it may move to `green`",
//! );
//! ```
//!
//! The facade has no dependencies and is `no_std`. Its errors carry everything a message
//! needs (the status type, the input or the refused move, what would have been accepted)
//! without allocating, so parsing and transition checks never touch the heap.
//!
//! Features (none by default):
//! - `derive`: re-exports `#[derive(StatusMachine)]` from `status-macros`.
//! - `serde`: `Serialize` (the wire value) and `Deserialize` (whatever `FromStr` accepts)
//!   for every generated status, also as map keys.
//! - `sqlx`: `Type`, `Encode` and `Decode` as text for every sqlx database (tested on
//!   PostgreSQL and SQLite); reads accept aliases, writes are canonical.
//! - `clap`: `ValueEnum`, so a status is a command-line argument with its wire values,
//!   aliases and labels.
//!
//! Each integration is generated from the same name table as `Display` and `FromStr`, so
//! they can never disagree.
#![no_std]

// Generated code names this crate `::statuskit`; the alias lets the crate's own tests and
// doctests use generated-shaped code too.
extern crate self as statuskit;

mod assert;
mod conversion_error;
mod integrations;
mod machine;
mod parse_error;
mod transition_error;
mod version_check;

#[doc(hidden)]
pub mod __private;

pub use conversion_error::ConversionError;
#[cfg(feature = "clap")]
pub use integrations::StatusValueParser;
pub use machine::{StatusEvent, StatusMachine};
pub use parse_error::ParseStatusError;
pub use transition_error::{Refused, TransitionError};

/// Derives [`StatusMachine`] and the rest of a status's API from `statuses.toml`.
///
/// ```ignore
/// #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, statuskit::StatusMachine)]
/// #[status(schema = "statuses.toml")] // from CARGO_MANIFEST_DIR; name defaults to the enum's
/// pub enum MigrationStatus { Pending, InProgress, Completed, Failed, Cancelled, Blocked, RolledBack }
/// ```
///
/// See the `status-macros` crate for every attribute, including the inline mode that needs
/// no schema file.
#[cfg(feature = "derive")]
pub use status_macros::StatusMachine;
