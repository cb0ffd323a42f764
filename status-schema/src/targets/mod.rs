//! Everything generated for the rest of a system: JSON, TypeScript, Python, Prisma,
//! PostgreSQL, and Mermaid/DOT/Markdown pictures and docs.
//!
//! Each target is one module that reads the resolved [`Schema`](crate::Schema) and knows
//! nothing about the others; each returns text that starts with a header naming the schema
//! it came from, and the same schema always gives the same bytes.

pub mod dot;
pub mod json;
pub mod markdown;
pub mod mermaid;
pub mod prisma;
pub mod python;
pub mod sql;
pub mod typescript;

use std::collections::BTreeMap;

pub(crate) use crate::generated_line;
use crate::model::{StateId, Status};

/// For each transition `(from, to)`, the names of the events that make it, in schema
/// order: diagrams label edges with them.
pub(crate) fn edge_events(status: &Status) -> BTreeMap<(StateId, StateId), Vec<&str>> {
    let mut edges: BTreeMap<(StateId, StateId), Vec<&str>> = BTreeMap::new();
    for transition in &status.transitions {
        edges.entry((transition.from, transition.to)).or_default();
    }
    for event in &status.events {
        for &from in &event.from {
            edges.entry((from, event.to)).or_default().push(&event.name);
        }
    }
    edges
}
