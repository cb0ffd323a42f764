#[path = "../../../../status-schema/tests/support/generate.rs"]
pub mod generate;
pub mod postgres;
pub mod tools;
