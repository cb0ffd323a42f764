//! The peer benchmarks' contenders, all generated from the root schema by `build.rs`, and
//! the loops that run them (`ops`). See `benches/peers.rs`.
#![allow(missing_docs, clippy::pedantic, dead_code, non_camel_case_types)]

/// statuskit, build.rs mode.
#[allow(deprecated)]
pub mod generated {
    include!(concat!(env!("OUT_DIR"), "/statuses.rs"));
}

/// strum (case-sensitive and `ascii_case_insensitive`), hand-written code, rust-fsm.
pub mod peers {
    include!(concat!(env!("OUT_DIR"), "/peers.rs"));
}

/// One function per operation and contender, over the same data.
#[allow(deprecated)]
pub mod ops {
    include!(concat!(env!("OUT_DIR"), "/ops.rs"));
}
