//! The schema language itself, described for tools: a JSON Schema of `statuses.toml` that
//! editors (Even Better TOML, Taplo) use to validate and complete the file.

use serde_json::{Map, Value, json};

use crate::model::MigrationStyle;
use crate::naming::RenameRule;
use crate::raw::keys::{
    DEFAULTS, EVENT, GENERATE, Key, LINT, MIGRATIONS, PYTHON, STATUS, Shape, TOP, TYPESCRIPT,
    TYPESCRIPT_DEFAULTS,
};
use crate::target::Target;

/// The JSON Schema (draft-04, which Taplo reads) of a `statuses.toml`, built from the key
/// catalogue the parser reads with, pretty-printed with a trailing newline. It describes
/// the shape of the file (keys, types, names of targets and rename rules); the rules that
/// need the whole schema (unknown states, cycles, …) stay with `statuskit check`.
///
/// A file opts in with a first line `#:schema ./statuses.schema.json` (Taplo's directive),
/// after `statuskit schema > statuses.schema.json`.
pub fn json_schema() -> String {
    let mut document = table(TOP);
    document["required"] = json!(["schema_version"]);
    let mut root = Map::new();
    root.insert(
        "$schema".into(),
        json!("http://json-schema.org/draft-04/schema#"),
    );
    root.insert("title".into(), json!("statuses.toml"));
    root.insert(
        "description".into(),
        json!(format!(
            "A statuskit schema: every status of a system, one file (statuskit {}).",
            env!("CARGO_PKG_VERSION")
        )),
    );
    if let Value::Object(fields) = document {
        root.extend(fields);
    }
    let mut text = serde_json::to_string_pretty(&Value::Object(root)).unwrap_or_default();
    text.push('\n');
    text
}

/// A table that takes exactly `keys`.
fn table(keys: &[Key]) -> Value {
    let properties: Map<String, Value> = keys
        .iter()
        .map(|key| {
            let mut value = shape(key.shape);
            value["description"] = json!(key.doc);
            (key.name.to_owned(), value)
        })
        .collect();
    json!({ "type": "object", "properties": properties, "additionalProperties": false })
}

fn strings() -> Value {
    json!({ "type": "array", "items": { "type": "string" } })
}

fn shape(shape: Shape) -> Value {
    let string_or_strings = json!({ "oneOf": [{ "type": "string" }, strings()] });
    match shape {
        Shape::String => json!({ "type": "string" }),
        Shape::Strings => strings(),
        Shape::StringOrStrings => string_or_strings,
        Shape::Boolean => json!({ "type": "boolean" }),
        Shape::Version => json!({ "type": "integer", "enum": [1] }),
        Shape::RenameRule => json!({
            "type": "string",
            "enum": RenameRule::ALL.iter().map(|(name, _)| *name).collect::<Vec<_>>(),
        }),
        Shape::StringOrTrue => {
            json!({ "oneOf": [{ "type": "string" }, { "type": "boolean", "enum": [true] }] })
        }
        Shape::StringMap => {
            json!({ "type": "object", "additionalProperties": { "type": "string" } })
        }
        Shape::Transitions => {
            json!({ "type": "object", "additionalProperties": string_or_strings })
        }
        Shape::Into => json!({
            "type": "object",
            "additionalProperties": { "type": "object", "additionalProperties": { "type": "string" } },
        }),
        Shape::Events => {
            json!({ "type": "object", "additionalProperties": table_with(EVENT, &["to"]) })
        }
        Shape::Defaults => table(DEFAULTS),
        Shape::Statuses => json!({ "type": "object", "additionalProperties": table(STATUS) }),
        Shape::Outputs => {
            json!({ "type": "array", "items": table_with(GENERATE, &["target", "out"]) })
        }
        Shape::Migrations => table_with(MIGRATIONS, &["dir", "style"]),
        Shape::Lint => table(LINT),
        Shape::MigrationStyle => json!({
            "type": "string",
            "enum": MigrationStyle::ALL.iter().map(|s| s.name()).collect::<Vec<_>>(),
        }),
        Shape::Storage => json!({ "type": "string", "enum": ["enum", "text"] }),
        Shape::OneOf(names) => json!({ "type": "string", "enum": names }),
        Shape::Python => table(PYTHON),
        Shape::Typescript => table(TYPESCRIPT),
        Shape::TypescriptDefaults => table(TYPESCRIPT_DEFAULTS),
        Shape::Zod => {
            json!({ "oneOf": [{ "type": "boolean" }, { "type": "integer", "enum": [3, 4] }] })
        }
        Shape::Target => json!({
            "type": "string",
            "enum": Target::ALL.iter().map(|t| t.name()).collect::<Vec<_>>(),
        }),
    }
}

fn table_with(keys: &[Key], required: &[&str]) -> Value {
    let mut value = table(keys);
    value["required"] = json!(required);
    value
}
