//! statuskit's derive, `#[derive(StatusMachine)]`: a thin shim over `status-schema`.
//!
//! The crate is part of the workspace layout from the start so the crate graph is fixed
//! (`statuskit` → `status-macros` → `status-schema`, never `proc_macro` in the backend).
//! The derive itself comes with Rust code generation; until then this crate exports nothing.
