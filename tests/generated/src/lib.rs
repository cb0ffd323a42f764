//! statuskit's generated Rust, compiled under the strictest settings a user might have:
//! any warning, rustc's or clippy's pedantic set, fails the build.
#![deny(warnings)]
#![warn(clippy::pedantic)]

/// Every status of the root `statuses.toml`, in build.rs mode.
pub mod root {
    include!(concat!(env!("OUT_DIR"), "/statuses.rs"));
}

/// The snapshot fixture: one status of each shape.
pub mod representative {
    include!(concat!(env!("OUT_DIR"), "/representative.rs"));
}

/// The hostile fixture: docs, labels, notes and wire values holding quotes, backslashes,
/// comment terminators, Markdown and HTML; it must compile warning-free like any other.
#[allow(deprecated)] // HostileLegacy is deprecated, and converts all the same
pub mod hostile {
    include!(concat!(env!("OUT_DIR"), "/hostile.rs"));
}

/// The last version of `tests/migrations/`, whose columns `gen sql --since` migrates.
#[allow(deprecated)] // LegacyJob is deprecated, and converts all the same
pub mod migrated {
    include!(concat!(env!("OUT_DIR"), "/v4.rs"));
}

/// Statuses large enough for the generator's large-status forms (see `build.rs`).
pub mod large {
    include!(concat!(env!("OUT_DIR"), "/large.rs"));
}

/// Every status of the root `statuses.toml` again, hand-written enums with
/// `#[derive(StatusMachine)]` in schema mode.
pub mod derived {
    include!(concat!(env!("OUT_DIR"), "/derived.rs"));
}

/// What every generated status implements, with every facade feature on.
pub trait Generated:
    statuskit::StatusMachine
    + for<'a> TryFrom<&'a str, Error = statuskit::ParseStatusError>
    + serde::Serialize
    + serde::de::DeserializeOwned
    + clap::ValueEnum
    + sqlx::Type<sqlx::Postgres>
    + for<'q> sqlx::Encode<'q, sqlx::Postgres>
    + for<'r> sqlx::Decode<'r, sqlx::Postgres>
    + sqlx::Type<sqlx::Sqlite>
    + for<'q> sqlx::Encode<'q, sqlx::Sqlite>
    + for<'r> sqlx::Decode<'r, sqlx::Sqlite>
    + Send
    + Sync
    + Unpin
{
}

impl<S> Generated for S where
    S: statuskit::StatusMachine
        + for<'a> TryFrom<&'a str, Error = statuskit::ParseStatusError>
        + serde::Serialize
        + serde::de::DeserializeOwned
        + clap::ValueEnum
        + sqlx::Type<sqlx::Postgres>
        + for<'q> sqlx::Encode<'q, sqlx::Postgres>
        + for<'r> sqlx::Decode<'r, sqlx::Postgres>
        + sqlx::Type<sqlx::Sqlite>
        + for<'q> sqlx::Encode<'q, sqlx::Sqlite>
        + for<'r> sqlx::Decode<'r, sqlx::Sqlite>
        + Send
        + Sync
        + Unpin
{
}

/// Something done to every generated status type.
pub trait Visitor {
    /// Called once per status type.
    fn visit<S: Generated>(&mut self);
}

/// Visits every status of the root schema, in schema order.
#[allow(deprecated)] // PipelineStatus is deprecated, and visited all the same
pub fn visit_root(visitor: &mut impl Visitor) {
    include!(concat!(env!("OUT_DIR"), "/visit_root.rs"));
}

/// Visits every status of the representative fixture.
#[allow(deprecated)] // LegacyJob
pub fn visit_representative(visitor: &mut impl Visitor) {
    include!(concat!(env!("OUT_DIR"), "/visit_representative.rs"));
}

/// Visits every status of the large fixture.
pub fn visit_large(visitor: &mut impl Visitor) {
    include!(concat!(env!("OUT_DIR"), "/visit_large.rs"));
}

/// Visits every derive-mode status, in schema order.
pub fn visit_derived(visitor: &mut impl Visitor) {
    include!(concat!(env!("OUT_DIR"), "/visit_derived.rs"));
}

/// Something done to every conversion between two generated statuses.
pub trait ConversionVisitor {
    /// A total conversion: `From`.
    fn total<A, B>(&mut self)
    where
        A: statuskit::StatusMachine + Into<B>,
        B: statuskit::StatusMachine;

    /// A partial conversion: `TryFrom` with `ConversionError`.
    fn partial<A, B>(&mut self)
    where
        A: statuskit::StatusMachine,
        B: statuskit::StatusMachine + TryFrom<A, Error = statuskit::ConversionError>;
}

/// Visits every conversion of the root schema in build.rs mode.
#[allow(deprecated)] // PipelineStatus
pub fn conversions_root(visitor: &mut impl ConversionVisitor) {
    include!(concat!(env!("OUT_DIR"), "/conversions_root.rs"));
}

/// Visits every conversion of the root schema in derive mode (`into(..)` on each enum).
pub fn conversions_derived(visitor: &mut impl ConversionVisitor) {
    include!(concat!(env!("OUT_DIR"), "/conversions_derived.rs"));
}

/// Visits every status of the hostile fixture.
#[allow(deprecated)] // HostileLegacy is deprecated, and visited all the same
pub fn visit_hostile(visitor: &mut impl Visitor) {
    include!(concat!(env!("OUT_DIR"), "/visit_hostile.rs"));
}

/// Visits every conversion of the hostile fixture.
#[allow(deprecated)]
pub fn conversions_hostile(visitor: &mut impl ConversionVisitor) {
    include!(concat!(env!("OUT_DIR"), "/conversions_hostile.rs"));
}

/// Visits every conversion of the representative fixture.
#[allow(deprecated)] // LegacyJob
pub fn conversions_representative(visitor: &mut impl ConversionVisitor) {
    include!(concat!(env!("OUT_DIR"), "/conversions_representative.rs"));
}
