//! Mermaid `stateDiagram-v2`: what code hosts render inline in Markdown.

use std::fmt::Write;

use super::{edge_events, generated_line};
use crate::Schema;
use crate::escape::mermaid::{comment, id, is_renamed, label};
use crate::model::Status;

/// The diagram of a schema's one status, after a `%%` header (`Target::Mermaid` refuses a
/// schema of several, as a Mermaid file holds one diagram; [`files`] gives a file per
/// status).
pub fn generate(schema: &Schema, schema_name: &str) -> String {
    // As `files` writes each: the same bytes from `gen mermaid --status X` and `-o DIR/`.
    let mut out = comment(&generated_line(schema_name));
    for status in &schema.statuses {
        out.push_str(&diagram(status));
    }
    out
}

/// One Mermaid file per status, `Name.mmd`, each a header and the status's [`diagram`].
pub fn files(schema: &Schema, schema_name: &str) -> Vec<(String, String)> {
    schema
        .statuses
        .iter()
        .map(|status| {
            let mut text = comment(&generated_line(schema_name));
            text.push_str(&diagram(status));
            (format!("{}.mmd", status.name), text)
        })
        .collect()
}

/// The diagram of one status: `[*]` into the initial state and out of each terminal one,
/// states shown by label where it differs from the name, edges named by their events.
pub fn diagram(status: &Status) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "%% {}\nstateDiagram-v2", status.name);
    for state in &status.states {
        // A state whose id had to change is named explicitly, by label or name.
        if state.label != state.name || is_renamed(&state.name) {
            let _ = writeln!(
                out,
                "    state \"{}\" as {}",
                label(&state.label),
                id(&state.name)
            );
        }
    }
    if let Some(initial) = status.initial {
        let _ = writeln!(out, "    [*] --> {}", id(&status.state(initial).name));
    }
    for ((from, to), events) in edge_events(status) {
        let (from, to) = (id(&status.state(from).name), id(&status.state(to).name));
        if events.is_empty() {
            let _ = writeln!(out, "    {from} --> {to}");
        } else {
            let _ = writeln!(out, "    {from} --> {to}: {}", label(&events.join(", ")));
        }
    }
    for state in status.terminal_states() {
        let _ = writeln!(out, "    {} --> [*]", id(&state.name));
    }
    if !status.has_lifecycle() && status.initial.is_none() {
        // A value set has no edges; list the states so the diagram is not empty.
        for state in &status.states {
            let _ = writeln!(out, "    {}", id(&state.name));
        }
    }
    out
}
