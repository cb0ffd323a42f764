//! A bound column's trigger: what a writer sends is stored canonical, and an update is a
//! move the status allows.

use std::fmt::Write;

use super::{
    Column, Derived, Storage, can_transition_name, compared, folded_spellings, quoted_table,
    type_name,
};
use crate::escape::sql::{dollar_quoted, ident, literal};
use crate::model::Status;

/// The column's trigger: a write of another spelling the status accepts (an alias, another
/// case) stores the canonical value, and an update is judged on canonical values by the
/// status's transition function.
pub(super) fn trigger(
    out: &mut String,
    status: &Status,
    column: &Column,
    derived: &Derived,
    storage: Storage,
) {
    let table = quoted_table(column);
    let col = ident(&column.column);
    let function = &derived.function;
    let can = can_transition_name(status);
    let canonical = canonicalise(status, storage, &format!("NEW.{col}"));
    let body = format!(
        "\nBEGIN\n{}    IF TG_OP = 'UPDATE' AND NEW.{col} IS DISTINCT FROM OLD.{col} AND NOT {can}(OLD.{col}, NEW.{col}) THEN\n        RAISE EXCEPTION '% cannot move from % to %', {}, OLD.{col}, NEW.{col}\n            USING ERRCODE = 'check_violation', TABLE = {}, COLUMN = {};\n    END IF;\n    RETURN NEW;\nEND ",
        canonical.as_deref().unwrap_or_default(),
        literal(&status.name),
        literal(&column.table),
        literal(&column.column),
    );
    let events = if canonical.is_some() {
        format!("INSERT OR UPDATE OF {col}")
    } else {
        format!("UPDATE OF {col}")
    };
    let _ = writeln!(
        out,
        "CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS {};\n{}DROP TRIGGER IF EXISTS {function} ON {table};\nCREATE TRIGGER {function} BEFORE {events} ON {table}\n    FOR EACH ROW EXECUTE FUNCTION {function}();",
        dollar_quoted(&body),
        {
            let mut pin = String::new();
            super::existing::pin_search_path(&mut pin, &format!("{function}()"));
            pin
        }
    );
}

/// PL/pgSQL statements that replace `value` (`NEW.col`) by the canonical value when it is
/// another spelling the status accepts: with text storage, an alias or another case (where
/// the status ignores case); with enum storage, an alias (a label of the type). `None`
/// when the status has no other spelling the column can hold.
fn canonicalise(status: &Status, storage: Storage, value: &str) -> Option<String> {
    let mut arms = Vec::new();
    let mut others = Vec::new();
    match storage {
        Storage::Text => {
            if !status.case_insensitive && status.aliases.is_empty() {
                return None;
            }
            // A simple `CASE`: the folded value is computed once. One arm per spelling, since
            // PostgreSQL's `WHEN` takes one value.
            for state in &status.states {
                let wire = literal(&state.wire);
                for spelling in folded_spellings(status, state.id, |_| true) {
                    arms.push(format!("WHEN {spelling} THEN {wire}"));
                }
            }
            let wires: Vec<String> = status.states.iter().map(|s| literal(&s.wire)).collect();
            Some(format!(
                "    IF {value} IS NOT NULL AND {value}::text COLLATE \"C\" NOT IN ({}) THEN\n        {value} := CASE {} {} ELSE {value} END;\n    END IF;\n",
                wires.join(", "),
                compared(value, status),
                arms.join(" ")
            ))
        }
        Storage::Enum => {
            let ty = type_name(status);
            let wires: std::collections::HashSet<&str> =
                status.states.iter().map(|s| s.wire.as_str()).collect();
            for state in &status.states {
                let aliases: Vec<String> = status
                    .spellings_of(state.id)
                    .filter(|s| !wires.contains(s))
                    .map(literal)
                    .collect();
                let wire = literal(&state.wire);
                for alias in &aliases {
                    arms.push(format!("WHEN {alias} THEN {wire}::{ty}"));
                }
                others.extend(aliases);
            }
            if others.is_empty() {
                return None;
            }
            Some(format!(
                "    IF {value}::text IN ({}) THEN\n        {value} := CASE {value}::text {} END;\n    END IF;\n",
                others.join(", "),
                arms.join(" ")
            ))
        }
    }
}
