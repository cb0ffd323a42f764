//! The resolved model as one JSON document: the interchange for other tools, and the
//! facts the conformance tests check every runtime against.
//!
//! The format is documented on [`Target::Json`](super::Target::Json).

use serde_json::{Map, Value, json};

use crate::Schema;
use crate::model::{ConversionKind, Status};

/// The document, pretty-printed, with a trailing newline.
pub fn generate(schema: &Schema, schema_name: &str) -> String {
    let document = json!({
        "format": "statuskit-model",
        "version": 1,
        "generated_by": format!("statuskit {}", env!("CARGO_PKG_VERSION")),
        "generated_from": schema_name,
        "statuses": schema.statuses.iter().map(status).collect::<Vec<_>>(),
        "conversions": schema.conversions.iter().filter_map(|c| {
            let (from, to) = schema.endpoints(c)?;
            let map: Map<String, Value> = from
                .states
                .iter()
                .map(|s| (s.name.clone(), c.get(s.id).map_or(Value::Null, |t| Value::from(to.state(t).name.clone()))))
                .collect();
            Some(json!({
                "from": c.from,
                "to": c.to,
                "kind": match c.kind {
                    ConversionKind::Explicit => "into",
                    ConversionKind::ToBase => "to_base",
                    ConversionKind::FromBase => "from_base",
                },
                "total": c.is_total(),
                "map": map,
            }))
        }).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

fn status(status: &Status) -> Value {
    let name = |id: crate::model::StateId| status.state(id).name.clone();
    json!({
        "name": status.name,
        "doc": status.doc,
        "deprecated": status.deprecated,
        "extends": status.extends,
        "rename_all": status.rename_all.name(),
        "case_insensitive": status.case_insensitive,
        "initial": status.initial.map(name),
        "terminal": status.terminal_states().map(|s| s.name.clone()).collect::<Vec<_>>(),
        "fallback": status.fallback.map(name),
        "reserved": status.reserved().collect::<Vec<_>>(),
        "states": status.states.iter().map(|s| json!({
            "name": s.name,
            "wire": s.wire,
            "label": s.label,
            "doc": s.doc,
            "initial": s.is_initial,
            "terminal": s.is_terminal,
            "aliases": status.aliases.iter().filter(|a| a.state == s.id).map(|a| a.spelling.clone()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "spellings": status.spellings().map(|s| json!({
            "text": s.text,
            "state": name(s.state),
            "kind": match s.kind {
                crate::model::SpellingKind::Wire => "wire",
                crate::model::SpellingKind::Alias => "alias",
            },
        })).collect::<Vec<_>>(),
        "transitions": status.transitions.iter().map(|t| json!([name(t.from), name(t.to)])).collect::<Vec<_>>(),
        "events": status.events.iter().map(|e| json!({
            "name": e.name,
            "from": e.from.iter().map(|&f| name(f)).collect::<Vec<_>>(),
            "to": name(e.to),
            "doc": e.doc,
        })).collect::<Vec<_>>(),
    })
}
