//! A Markdown reference page for a schema: per status, its states, spellings, moves,
//! events and conversions as tables, and its Mermaid diagram.

use std::fmt::Write;

use super::{generated_line, mermaid};
use crate::Schema;
use crate::escape::markdown::{cell, code, code_cell, html_comment, inline, prose};
use crate::model::{ConversionKind, Status};

/// The whole page.
pub fn generate(schema: &Schema, schema_name: &str) -> String {
    let mut out = format!(
        "<!-- {} -->\n\n# Statuses of {}\n\n",
        html_comment(&generated_line(schema_name)),
        code(schema_name)
    );
    out.push_str("| status | states | kind |\n| --- | --- | --- |\n");
    for status in &schema.statuses {
        let kind = match (&status.extends, status.has_lifecycle()) {
            (Some(base), _) => format!("extends `{base}`"),
            (None, true) => "base family".to_owned(),
            (None, false) => "value set".to_owned(),
        };
        let deprecated = if status.deprecated.is_some() {
            " (deprecated)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "| [`{name}`](#{anchor}){deprecated} | {} | {kind} |",
            status.states.len(),
            name = status.name,
            anchor = status.name.to_lowercase()
        );
    }
    for status in &schema.statuses {
        out.push('\n');
        section(&mut out, schema, status);
    }
    out
}

fn section(out: &mut String, schema: &Schema, status: &Status) {
    let _ = writeln!(out, "## {}\n", status.name);
    if let Some(doc) = &status.doc {
        let _ = writeln!(out, "{}\n", prose(doc.trim()));
    }
    if let Some(note) = &status.deprecated {
        let note = note.trim();
        // A note that ends a sentence itself gets no second full stop.
        let stop = if note.ends_with(['.', '!', '?']) {
            ""
        } else {
            "."
        };
        let note = if note.is_empty() {
            String::new()
        } else {
            format!(": {}", inline(note))
        };
        let _ = writeln!(out, "**Deprecated**{note}{stop}\n");
    }
    if let Some(base) = &status.extends {
        // A link only to a section this page has: a selection may leave the base out.
        if schema.status(base).is_some() {
            let _ = writeln!(out, "Extends [`{base}`](#{}).\n", base.to_lowercase());
        } else {
            let _ = writeln!(out, "Extends `{base}`.\n");
        }
    }
    let case = if status.case_insensitive {
        "ignores"
    } else {
        "respects"
    };
    let fallback = status.fallback.map_or_else(
        || "unknown values are an error".to_owned(),
        |f| format!("unknown values read as {}", code(&status.state(f).wire)),
    );
    let _ = writeln!(out, "Parsing {case} ASCII case; {fallback}.\n");
    out.push_str("| state | wire value | label | role | also read from | moves to |\n| --- | --- | --- | --- | --- | --- |\n");
    for state in &status.states {
        let role = state.role();
        let aliases: Vec<String> = status
            .aliases
            .iter()
            .filter(|a| a.state == state.id)
            .map(|a| code_cell(&a.spelling))
            .collect();
        let moves: Vec<String> = status
            .successors(state.id)
            .map(|to| format!("`{}`", status.state(to).name))
            .collect();
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {role} | {} | {} |",
            state.name,
            code_cell(&state.wire),
            cell(&state.label),
            aliases.join(", "),
            if moves.is_empty() {
                "—".to_owned()
            } else {
                moves.join(", ")
            }
        );
    }
    state_docs(out, status);
    events_table(out, status);
    conversions_table(out, schema, status);
    let _ = writeln!(out, "\n```mermaid\n{}```", mermaid::diagram(status));
}

/// What each state means, for the states whose schema entry has `docs`.
fn state_docs(out: &mut String, status: &Status) {
    for state in &status.states {
        if let Some(doc) = &state.doc {
            let _ = writeln!(out, "\n`{}`: {}", state.name, prose(doc.trim()));
        }
    }
}

/// The events: sources, target, doc.
fn events_table(out: &mut String, status: &Status) {
    if !status.events.is_empty() {
        out.push_str("\n| event | from | to | |\n| --- | --- | --- | --- |\n");
        for event in &status.events {
            let from: Vec<String> = event
                .from
                .iter()
                .map(|&f| format!("`{}`", status.state(f).name))
                .collect();
            let _ = writeln!(
                out,
                "| `{}` | {} | `{}` | {} |",
                event.name,
                from.join(", "),
                status.state(event.to).name,
                cell(event.doc.as_deref().unwrap_or(""))
            );
        }
    }
}

/// The conversions out of the status, with what maps where.
fn conversions_table(out: &mut String, schema: &Schema, status: &Status) {
    let conversions: Vec<_> = schema.conversions_from(&status.name).collect();
    if !conversions.is_empty() {
        out.push_str("\n| converts into | | mapping |\n| --- | --- | --- |\n");
        for conversion in conversions {
            let Some((_, target)) = schema.endpoints(conversion) else {
                continue;
            };
            let how = match conversion.kind {
                ConversionKind::Explicit => "`into`",
                ConversionKind::ToBase => "to its base",
                ConversionKind::FromBase => "from its base",
            };
            let totality = if conversion.is_total() {
                "total"
            } else {
                "partial"
            };
            let pairs: Vec<String> = status
                .states
                .iter()
                .filter_map(|s| match conversion.get(s.id) {
                    Some(t) if target.state(t).name == s.name => None,
                    Some(t) => Some(format!("`{}` → `{}`", s.name, target.state(t).name)),
                    None => Some(format!("`{}` → none", s.name)),
                })
                .collect();
            let mapping = if pairs.is_empty() {
                "same names".to_owned()
            } else {
                format!("same names, and {}", pairs.join(", "))
            };
            let _ = writeln!(
                out,
                "| [`{}`](#{}) | {how}, {totality} | {mapping} |",
                target.name,
                target.name.to_lowercase()
            );
        }
    }
}
