//! Graphviz DOT: one cluster per status, for `dot -Tsvg`.

use std::fmt::Write;

use super::{edge_events, generated_line};
use crate::Schema;
use crate::escape::dot::{comment, id as quoted_id, label};

/// One `digraph` with a cluster per status. Node ids are `Status__state`, so statuses
/// sharing state names stay apart; nodes show labels, terminal states have a double
/// border, and a point marks where the initial state starts.
pub fn generate(schema: &Schema, schema_name: &str) -> String {
    let mut out = comment(&generated_line(schema_name));
    out.push_str("digraph statuses {\n    rankdir=LR;\n    node [shape=box, style=rounded, fontname=\"Helvetica\"];\n    edge [fontname=\"Helvetica\", fontsize=10];\n");
    for status in &schema.statuses {
        // Status names have no `_`, so `Status__state` ids cannot collide; the start point's
        // id holds a space, which no state name does.
        let id = |state: &str| quoted_id(&format!("{}__{state}", status.name));
        let _ = writeln!(
            out,
            "\n    subgraph {} {{\n        label={};",
            quoted_id(&format!("cluster_{}", status.name)),
            label(&status.name)
        );
        if let Some(initial) = status.initial {
            let start = quoted_id(&format!("{} start", status.name));
            let _ = writeln!(out, "        {start} [shape=point, label=\"\"];");
            let _ = writeln!(
                out,
                "        {start} -> {};",
                id(&status.state(initial).name)
            );
        }
        for state in &status.states {
            let border = if state.is_terminal {
                ", peripheries=2"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "        {} [label={}{border}];",
                id(&state.name),
                label(&state.label)
            );
        }
        for ((from, to), events) in edge_events(status) {
            let (from, to) = (id(&status.state(from).name), id(&status.state(to).name));
            if events.is_empty() {
                let _ = writeln!(out, "        {from} -> {to};");
            } else {
                let _ = writeln!(
                    out,
                    "        {from} -> {to} [label={}];",
                    label(&events.join(", "))
                );
            }
        }
        out.push_str("    }\n");
    }
    out.push_str("}\n");
    out
}
