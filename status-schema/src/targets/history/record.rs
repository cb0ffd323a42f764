//! The model a migration records: what the database holds once it ran, written as a schema
//! statuskit reads back. Only what reaches the database is kept (each status's doc, states,
//! wire values, aliases, case rule and transitions; the storage and the bound columns), so
//! an edit elsewhere (a label, an event's name, a TypeScript output) asks for no migration.
//! Statuses are written flat, each with all its states: the database has no `extends`.

use std::fmt::Write;

use crate::escape::toml::string;
use crate::model::{Migrations, RenameRule, Schema, Status};

/// The whole record: a schema with `[migrations]` (its `dir` and `style` as configured, so
/// that it checks) and [`model`].
pub(crate) fn record(schema: &Schema, migrations: &Migrations) -> String {
    let mut out = String::from("schema_version = 1\n\n[migrations]\n");
    let _ = writeln!(out, "dir = {}", string(migrations.dir()));
    let _ = writeln!(out, "style = {}", string(migrations.style().name()));
    out.push_str(&model(schema, migrations));
    out
}

/// What the database holds, in one canonical text: two schemas whose models are equal ask
/// for the same database. Starts inside `[migrations]` (storage, columns), then one table
/// per status.
pub(crate) fn model(schema: &Schema, migrations: &Migrations) -> String {
    let mut out = String::new();
    let storage = if migrations.text() { "text" } else { "enum" };
    let _ = writeln!(out, "storage = {}", string(storage));
    let columns: Vec<String> = migrations
        .columns()
        .map(|(place, status)| format!("{} = {}", string(place), string(status)))
        .collect();
    let _ = writeln!(out, "columns = {{ {} }}", columns.join(", "));
    for status in schema.statuses() {
        out.push('\n');
        status_table(&mut out, status);
    }
    out
}

fn status_table(out: &mut String, status: &Status) {
    let _ = writeln!(out, "[status.{}]", status.name());
    if let Some(doc) = status.doc() {
        let _ = writeln!(out, "doc = {}", string(doc));
    }
    let names: Vec<String> = status.states().iter().map(|s| string(s.name())).collect();
    let _ = writeln!(out, "states = [{}]", names.join(", "));
    let wire: Vec<String> = status
        .states()
        .iter()
        .filter(|s| s.wire() != RenameRule::default().apply(s.name()))
        .map(|s| format!("{} = {}", string(s.name()), string(s.wire())))
        .collect();
    if !wire.is_empty() {
        let _ = writeln!(out, "wire = {{ {} }}", wire.join(", "));
    }
    let aliases: Vec<String> = status
        .aliases()
        .iter()
        .map(|a| {
            format!(
                "{} = {}",
                string(a.spelling()),
                string(status.state(a.state()).name())
            )
        })
        .collect();
    if !aliases.is_empty() {
        let _ = writeln!(out, "aliases = {{ {} }}", aliases.join(", "));
    }
    if !status.case_insensitive() {
        out.push_str("case_insensitive = false\n");
    }
    // Sources in state order, each with its targets in state order (the model's order).
    let mut moves: Vec<String> = Vec::new();
    let transitions = status.transitions();
    let mut at = 0;
    while at < transitions.len() {
        let from = transitions[at].from();
        let targets: Vec<String> = transitions[at..]
            .iter()
            .take_while(|t| t.from() == from)
            .map(|t| string(status.state(t.to()).name()))
            .collect();
        at += targets.len();
        moves.push(format!(
            "{} = [{}]",
            string(status.state(from).name()),
            targets.join(", ")
        ));
    }
    if !moves.is_empty() {
        let _ = writeln!(out, "transitions = {{ {} }}", moves.join(", "));
    }
}
