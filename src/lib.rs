//! statuskit: one `statuses.toml` for every status enum in a system.
//!
//! This is the runtime facade that generated code links against. The schema language, its
//! checks and diagnostics live in [`status_schema`](https://docs.rs/status-schema); the
//! command-line front end is the `statuskit` binary in `status-cli`.
//!
//! The runtime items (the `StatusMachine` trait, `ParseStatusError`, `TransitionError`) and
//! the derive arrive with Rust generation; until then this crate only anchors the workspace.
#![no_std]
