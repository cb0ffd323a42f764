//! `gen sql --since OLD`: the migration from a database made for the old schema to one for
//! the new, in two parts.
//!
//! 1. Outside a transaction: wire values renamed in place (`ALTER TYPE … RENAME VALUE`, no
//!    table rewrite) and values added (`ADD VALUE IF NOT EXISTS`, in schema order).
//!    PostgreSQL cannot use a value in the transaction that adds it, so these commit first;
//!    each is safe to run again.
//! 2. One transaction: rows rewritten to the new canonical values (aliases, `into` tables,
//!    the fallback), then, for a status that lost or reordered values, every column of its
//!    type checked (a value the new schema does not spell fails the whole migration, naming
//!    table, column and value) and the type rebuilt with the new values; then the types,
//!    functions, constraints and triggers as a fresh `gen sql` writes them.
//!
//! A status the new schema drops is left in the database: its rows are data, and dropping
//! them is a decision for a person.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use super::{
    Bound, Column, Storage, can_transition_name, compared, folded_spellings, ident, literal,
    migrations, quoted_table, type_name,
};
use crate::escape::sql::{comment, dollar_quoted};
use crate::model::{Schema, Status};

/// What a `--since` file says first.
pub(super) const INTRODUCTION: &str = "-- Migrates a database made for the old schema to this one; safe to run again.\n\
     -- Part 1, where there is one, adds enum values on its own (PostgreSQL cannot use a\n\
     -- value in the transaction that adds it); part 2 is one transaction that renames\n\
     -- values, rewrites rows and rebuilds what changed, so a refusal there changes no row.\n";

/// Part 1: added values and aliases (labels of their type), safe to run again; nothing when
/// the storage is text or no type gains a label. It only adds: no row holds a new label and
/// no function names one, so when part 2 refuses (and rolls back), every row and write is
/// as before. Renames are part 2's (`renamed_values`), in its transaction, since a renamed
/// label changes what stored rows read as.
pub(super) fn added_values(out: &mut String, old: &Schema, new: &Schema, storage: Storage) {
    if storage == Storage::Text {
        return;
    }
    let mut changes = String::new();
    // Before anything is added (each statement of part 1 commits on its own):
    // every type is the one `gen sql` made for the old schema, or this one.
    let mut guards = String::new();
    for after in new.statuses() {
        if let Some(before) = counterpart(old, after) {
            made_for_old(&mut guards, before, after);
        }
    }
    for after in new.statuses() {
        let Some(before) = counterpart(old, after) else {
            continue;
        };
        let ty = type_name(after);
        let renames = renamed(before, after);
        // A renamed value keeps its place: until part 2 renames it, it is found under its
        // old label.
        let old_label: HashMap<&str, &str> = renames
            .iter()
            .map(|(from, to)| (to.as_str(), from.as_str()))
            .collect();
        let now =
            |wire: &str| -> String { old_label.get(wire).copied().unwrap_or(wire).to_owned() };
        // The type's labels now: the old values and the old aliases.
        let mut labels: HashSet<String> = super::labels(before)
            .into_iter()
            .map(str::to_owned)
            .collect();
        let mut lines = Vec::new();
        for (i, state) in after.states.iter().enumerate() {
            if labels.contains(&state.wire) || old_label.contains_key(state.wire.as_str()) {
                continue;
            }
            // After the value before it in the new order (there by now), else before the
            // first value that exists.
            let position = match i.checked_sub(1).map(|p| now(&after.states[p].wire)) {
                Some(previous) => format!(" AFTER {}", literal(&previous)),
                None => after
                    .states
                    .iter()
                    .map(|s| now(&s.wire))
                    .find(|label| labels.contains(label))
                    .map(|label| format!(" BEFORE {}", literal(&label)))
                    .unwrap_or_default(),
            };
            lines.push(format!(
                "ALTER TYPE {ty} ADD VALUE IF NOT EXISTS {}{position};",
                literal(&state.wire)
            ));
            labels.insert(state.wire.clone());
        }
        // Aliases sit after their state's value, which a rename gives its new label only in
        // part 2: there they are added, after it.
        let mut aliases = String::new();
        if renames.is_empty()
            && super::labels(after)
                .iter()
                .any(|label| !labels.contains(*label))
        {
            super::existing::aliases_added(&mut aliases, after);
        }
        if !lines.is_empty() || !aliases.is_empty() {
            changes.push('\n');
            changes.push_str(&comment(&format!("{}: new values", after.name)));
            for line in lines {
                let _ = writeln!(changes, "{line}");
            }
            changes.push_str(&aliases);
        }
    }
    if !changes.is_empty() {
        out.push_str(&guards);
        out.push_str(&changes);
    }
}

/// Fails, before part 1 changes anything, when the type of `after` exists with a value
/// neither the old schema nor this one has: it was not made for the old schema (by hand, or
/// for another version), and renaming its values would be a guess.
fn made_for_old(out: &mut String, before: &Status, after: &Status) {
    let ty = type_name(after);
    let mut known: Vec<String> = super::labels(before)
        .into_iter()
        .chain(super::labels(after))
        .map(literal)
        .collect();
    known.sort();
    known.dedup();
    let _ = writeln!(
        out,
        "DO {};",
        dollar_quoted(&format!(
            "
DECLARE
    extra text;
BEGIN
    IF to_regtype({ty_lit}) IS NOT NULL THEN
        SELECT enumlabel::text INTO extra FROM pg_enum
            WHERE enumtypid = to_regtype({ty_lit}) AND enumlabel::text <> ALL (ARRAY[{known}]::text[]) LIMIT 1;
        IF extra IS NOT NULL THEN
            RAISE EXCEPTION 'type % has the value %, which neither the old schema nor this one has: it was not made by `gen sql` for the old schema, and nothing was changed', {ty_lit}, quote_literal(extra)
                USING ERRCODE = 'duplicate_object';
        END IF;
    END IF;
END ",
            ty_lit = literal(&ty),
            known = known.join(", ")
        ))
    );
}

/// States kept by name whose wire value changed: `(old, new)`, where the new value was not
/// a value of the old type too (then the rows are rewritten instead).
fn renamed(before: &Status, after: &Status) -> Vec<(String, String)> {
    let old_values: HashSet<&str> = super::labels(before).into_iter().collect();
    before
        .states
        .iter()
        .filter_map(|state| {
            let same = after.state_id(&state.name)?;
            let wire = &after.state(same).wire;
            (*wire != state.wire && !old_values.contains(wire.as_str()))
                .then(|| (state.wire.clone(), wire.clone()))
        })
        .collect()
}

/// The old type's labels once part 2 renamed them, in the old order.
fn renamed_labels<'a>(
    before: &'a Status,
    renames: &'a [(String, String)],
) -> impl Iterator<Item = &'a str> {
    let new_value: HashMap<&str, &str> = renames
        .iter()
        .map(|(from, to)| (from.as_str(), to.as_str()))
        .collect();
    before
        .states
        .iter()
        .map(move |s| new_value.get(s.wire.as_str()).copied().unwrap_or(&s.wire))
}

/// Part 2's start, with enum storage: the values whose wire changed, renamed in place
/// (`ALTER TYPE … RENAME VALUE`, no table rewrite), and then the aliases of those statuses
/// (added in this transaction: PostgreSQL allows it, and nothing here stores one). In part
/// 2's transaction, so that a refusal after it renames nothing.
pub(super) fn renamed_values(out: &mut String, old: &Schema, new: &Schema, storage: Storage) {
    if storage == Storage::Text {
        return;
    }
    for after in new.statuses() {
        let Some(before) = counterpart(old, after) else {
            continue;
        };
        let renames = renamed(before, after);
        if renames.is_empty() {
            continue;
        }
        let ty = type_name(after);
        out.push('\n');
        out.push_str(&comment(&format!(
            "{}: values renamed in place",
            after.name
        )));
        made_for_old(out, before, after);
        for (from, to) in &renames {
            let _ = writeln!(
                out,
                "DO {};",
                dollar_quoted(&format!(
                    " BEGIN\n    IF EXISTS (SELECT FROM pg_enum WHERE enumtypid = {}::regtype AND enumlabel = {})\n        AND NOT EXISTS (SELECT FROM pg_enum WHERE enumtypid = {}::regtype AND enumlabel = {}) THEN\n        ALTER TYPE {ty} RENAME VALUE {} TO {};\n    END IF;\nEND ",
                    literal(&ty),
                    literal(from),
                    literal(&ty),
                    literal(to),
                    literal(from),
                    literal(to)
                ))
            );
        }
        super::existing::aliases_added(out, after);
    }
}

/// Part 2's first half: rows rewritten, every value checked, and types rebuilt where values
/// were retired or reordered.
pub(super) fn retired_values(
    out: &mut String,
    old: &Schema,
    new: &Schema,
    bound: &[Bound<'_>],
    before_of: &[Option<&Status>],
    storage: Storage,
) {
    for (column, before) in bound.iter().zip(before_of) {
        // A column bound for the first time is set up as new (`column_ddl`).
        let Some(before) = *before else {
            continue;
        };
        let table = quoted_table(column.column);
        let col = ident(&column.column.column);
        out.push('\n');
        out.push_str(&comment(&format!(
            "{}.{}: rows rewritten to {}'s values",
            column.column.table, column.column.column, column.status.name
        )));
        // Rewriting a value is a correction, not a move: the transition trigger would refuse
        // it. It is recreated below, in this same transaction.
        let _ = writeln!(
            out,
            "DROP TRIGGER IF EXISTS {} ON {table};",
            column.derived.function
        );
        // A team's value list would refuse the renamed values below.
        super::existing::value_list_checks(out, column.column, &column.derived.constraint);
        if storage == Storage::Text {
            // The old `CHECK` would refuse the new values; it is added again below.
            let _ = writeln!(
                out,
                "ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {};",
                column.derived.constraint
            );
            // Text has no labels to rename in place: the rows of a state whose value
            // changed are rewritten (enum columns follow `RENAME VALUE`, above).
            for (from, to) in renamed(before, column.status) {
                let _ = writeln!(
                    out,
                    "UPDATE {table} SET {col} = {} WHERE {col}::text COLLATE \"C\" = {};",
                    literal(&to),
                    literal(&from)
                );
            }
        }
        migrations(out, new, column.status, Some(before), &table, &col);
        super::canonical_default(out, new, column.status, column.column);
        if storage == Storage::Text {
            let _ = writeln!(
                out,
                "DO {};",
                dollar_quoted(&unspelled_check(
                    &format!(
                        "SELECT {col}::text FROM {table} WHERE {}",
                        not_spelled(&compared(&col, column.status), column.status)
                    ),
                    &literal(&format!("{}.{}", column.column.table, column.column.column)),
                ))
            );
        }
    }
    if storage == Storage::Text {
        return;
    }
    for after in new.statuses() {
        let Some(before) = counterpart(old, after) else {
            continue;
        };
        let renames = renamed(before, after);
        let new_values: HashSet<&str> = after.states.iter().map(|s| s.wire.as_str()).collect();
        let new_labels: HashSet<&str> = super::labels(after).into_iter().collect();
        let kept: Vec<&str> = renamed_labels(before, &renames)
            .filter(|wire| new_values.contains(wire))
            .collect();
        let kept_set: HashSet<&str> = kept.iter().copied().collect();
        // A label goes: an old value, or an old alias, that the new schema neither writes
        // nor reads.
        let old_wires: HashSet<&str> = before.states.iter().map(|s| s.wire.as_str()).collect();
        let retired = renamed_labels(before, &renames)
            .chain(
                super::labels(before)
                    .into_iter()
                    .filter(|label| !old_wires.contains(label)),
            )
            .any(|label| !new_labels.contains(label));
        let in_order = after
            .states
            .iter()
            .map(|s| s.wire.as_str())
            .filter(|w| kept_set.contains(w))
            .eq(kept.iter().copied());
        // A new wire value that was an alias sits where the alias was added, which may be
        // out of order: the rebuild below checks the catalogue and runs only if it is.
        let old_labels: HashSet<&str> = super::labels(before).into_iter().collect();
        let promoted = after
            .states
            .iter()
            .any(|s| !old_wires.contains(s.wire.as_str()) && old_labels.contains(s.wire.as_str()));
        if retired || !in_order || promoted {
            let triggers: Vec<&Bound<'_>> = bound
                .iter()
                .filter(|b| b.status.name == after.name)
                .collect();
            out.push('\n');
            out.push_str(&comment(&format!(
                "{}: values retired or reordered, so the type is rebuilt",
                after.name
            )));
            rebuild(out, after, &triggers);
        }
    }
}

/// `compared NOT IN (every spelling)`: a row no rule of `status` reads.
fn not_spelled(compared: &str, status: &Status) -> String {
    let values: Vec<String> = status
        .states
        .iter()
        .flat_map(|state| folded_spellings(status, state.id, |_| true))
        .collect();
    format!("{compared} NOT IN ({})", values.join(", "))
}

/// A PL/pgSQL body that fails, naming `place` and the value, when `query` finds a row.
fn unspelled_check(query: &str, place: &str) -> String {
    format!(
        "\nDECLARE\n    bad text;\nBEGIN\n    {query} LIMIT 1 INTO bad;\n    IF bad IS NOT NULL THEN\n        RAISE EXCEPTION 'cannot migrate %: it holds %, which the new schema does not read', {place}, quote_literal(bad)\n            USING ERRCODE = 'check_violation';\n    END IF;\nEND "
    )
}

/// The type of `status` rebuilt with its new values, every column of the type checked and
/// converted; its function dropped (recreated after) and the bound columns' triggers
/// dropped (recreated after), as PostgreSQL requires for a column type change.
fn rebuild(out: &mut String, status: &Status, triggers: &[&Bound<'_>]) {
    let ty = type_name(status);
    let fresh = ident(&crate::naming::sql_name(&format!(
        "{}__statuskit_new",
        crate::naming::snake_name(&status.name)
    )));
    let labels: Vec<String> = super::labels(status).into_iter().map(literal).collect();
    let labels = labels.join(", ");
    let wires: Vec<String> = status.states.iter().map(|s| literal(&s.wire)).collect();
    let wires = wires.join(", ");
    let drops = trigger_drops(triggers);
    let columns = type_columns(&literal(&ty));
    let body = format!(
        "
DECLARE
    r record;
    bad text;
    def text;
    constant text;
    inner_expression text;
    blockers text;
BEGIN
    IF {different} THEN
        -- Every table with a column of the type, bound or not, is locked against writers
        -- before its values are checked: none lands between the check and the rebuild.
        FOR r IN {columns} LOOP
            EXECUTE format('LOCK TABLE %s IN SHARE ROW EXCLUSIVE MODE', r.tbl);
        END LOOP;
        FOR r IN {columns} LOOP
            EXECUTE format('SELECT %I::text FROM %s WHERE %I::text <> ALL (%L::text[]) LIMIT 1', r.col, r.tbl, r.col, ARRAY[{labels}]::text[]) INTO bad;
            IF bad IS NOT NULL THEN
                RAISE EXCEPTION 'cannot migrate %.%: it holds %, which is not one of the new values', r.tbl, r.col, quote_literal(bad)
                    USING ERRCODE = 'check_violation',
                    HINT = 'a column bound with --column is rewritten through the schema''s aliases and into tables first; bind this one too, or rewrite its rows';
            END IF;
            {blockers}
        END LOOP;{drops}
        DROP FUNCTION IF EXISTS {function}({ty}, {ty});
        CREATE TYPE {fresh} AS ENUM ({labels});
        FOR r IN {columns} LOOP
            -- The default carried over, never evaluated: a constant as its value, another
            -- expression as itself (one naming the type being replaced cannot be).
            SELECT pg_get_expr(d.adbin, d.adrelid) INTO def FROM pg_attrdef d WHERE d.adrelid = r.tbl AND d.adnum = r.num;
            constant := NULL;
            IF def IS NOT NULL THEN
                {constant}
                IF constant IS NULL AND {mentions} THEN
                    -- `(expression)::type`, as a setup writes an expression default: the
                    -- expression, cast to the new type. Any other use of the type cannot be.
                    inner_expression := (regexp_match(def, {cast_of_type}))[1];
                    IF inner_expression IS NULL OR position({ty_bare} IN inner_expression) > 0 THEN
                        RAISE EXCEPTION 'cannot carry the default of %.% (%) over: an expression of the type being rebuilt; drop it, migrate, then set it again', r.tbl, r.col, def
                            USING ERRCODE = 'feature_not_supported';
                    END IF;
                    def := inner_expression;
                END IF;
                EXECUTE format('ALTER TABLE %s ALTER COLUMN %I DROP DEFAULT', r.tbl, r.col);
            END IF;
            EXECUTE format({alter_type}, r.tbl, r.col, r.col);
            IF constant IS NOT NULL THEN
                EXECUTE format({set_default}, r.tbl, r.col, constant);
            ELSIF def IS NOT NULL THEN
                EXECUTE format({set_expression}, r.tbl, r.col, def);
            END IF;
        END LOOP;
        DROP TYPE {ty};
        ALTER TYPE {fresh} RENAME TO {bare};
    END IF;
END ",
        blockers = super::existing::blockers("r.tbl", "r.col"),
        different = super::existing::labels_differ(&literal(&ty), &wires, &labels),
        function = can_transition_name(status),
        // `format()` strings, written by the SQL literal writer; `%` in the type's name
        // doubled so that `format()` keeps it.
        alter_type = literal(&format!(
            "ALTER TABLE %s ALTER COLUMN %I TYPE {pct} USING %I::text::{pct}",
            pct = fresh.replace('%', "%%")
        )),
        set_default = literal(&format!(
            "ALTER TABLE %s ALTER COLUMN %I SET DEFAULT %L::{}",
            fresh.replace('%', "%%")
        )),
        set_expression = literal(&format!(
            "ALTER TABLE %s ALTER COLUMN %I SET DEFAULT (%s)::text::{}",
            fresh.replace('%', "%%")
        )),
        constant = super::existing::constant_of("def", "constant"),
        mentions = super::existing::mentions("def", &ty),
        ty_bare = literal(&super::existing::bare(&ty)),
        cast_of_type = literal(&format!(
            "^\\((.*)\\)::{}$",
            super::existing::bare(&ty)
        )),
        bare = ty,
    );
    let _ = writeln!(out, "DO {};", dollar_quoted(&body));
}

/// A query for every column of the type `ty_lit` (a literal) in a table, bound or not:
/// `tbl` (regclass), `col` (name), `num` (attnum).
fn type_columns(ty_lit: &str) -> String {
    format!(
        "SELECT a.attrelid::regclass AS tbl, a.attname AS col, a.attnum AS num FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE a.atttypid = to_regtype({ty_lit}) AND NOT a.attisdropped AND a.attinhcount = 0 AND c.relkind IN ('r', 'p')"
    )
}

/// The aliases of `before` that `after` reads as another state than the one their state's
/// rows become: an alias promoted to a state, or pointed at another state.
fn aliases_moved<'a>(before: &'a Status, after: &Status) -> Vec<&'a str> {
    before
        .aliases
        .iter()
        .filter(|alias| {
            let now = after.spelled(&alias.spelling);
            let rows_become = after.spelled(&before.state(alias.state).wire);
            now.is_some() && now != rows_become
        })
        .map(|alias| alias.spelling.as_str())
        .collect()
}

/// `DROP TRIGGER` for each bound column's trigger, as lines of the rebuild's body.
fn trigger_drops(triggers: &[&Bound<'_>]) -> String {
    let mut drops = String::new();
    for bound in triggers {
        let _ = write!(
            drops,
            "\n        DROP TRIGGER IF EXISTS {} ON {};",
            bound.derived.function,
            quoted_table(bound.column)
        );
    }
    drops
}

/// The old status whose type `after` takes over: the same name, or another name with the
/// same PostgreSQL type (`HttpStatus` → `HTTPStatus` are both `http_status`).
fn counterpart<'a>(old: &'a Schema, after: &Status) -> Option<&'a Status> {
    old.status(after.name()).or_else(|| {
        let ty = type_name(after);
        old.statuses().iter().find(|s| type_name(s) == ty)
    })
}

/// Per bound column, the old status its rows were written for: its counterpart in the old
/// schema (by name or by type). With `since_columns` (a migration history's record), a
/// column not among them is new (`None`: set up fresh); without, every column counts as
/// bound before. A column bound before must keep a status the old schema had: what its rows
/// meant is known only from it.
pub(super) fn known_columns<'a>(
    old: &'a Schema,
    bound: &[Bound<'_>],
    since_columns: Option<&[Column]>,
) -> Result<Vec<Option<&'a Status>>, String> {
    let mut before_of = Vec::with_capacity(bound.len());
    for column in bound {
        let bound_before = since_columns.is_none_or(|previous| {
            previous
                .iter()
                .any(|p| p.table == column.column.table && p.column == column.column.column)
        });
        if !bound_before {
            before_of.push(None);
            continue;
        }
        let Some(before) = counterpart(old, column.status) else {
            return Err(format!(
                "column {}.{}: the old schema has no status `{}` (nor its type {}), so what its rows meant is unknown; keep the status's name (a renamed status is a new type), or set the column up first with `statuskit gen sql` without --since",
                column.column.table,
                column.column.column,
                column.status.name,
                type_name(column.status)
            ));
        };
        before_of.push(Some(before));
    }
    Ok(before_of)
}

/// Columns the database had bound that the schema no longer binds: their triggers (and,
/// with text storage, statuskit's `CHECK`) dropped; their values stay as they are.
pub(super) fn released(out: &mut String, previous: &[Column], now: &[Column], storage: Storage) {
    let gone: Vec<&Column> = previous
        .iter()
        .filter(|p| {
            !now.iter()
                .any(|c| c.table == p.table && c.column == p.column)
        })
        .collect();
    if gone.is_empty() {
        return;
    }
    let names = super::ColumnNames::derive(&gone);
    for (column, derived) in gone.iter().zip(&names) {
        let table = quoted_table(column);
        out.push('\n');
        out.push_str(&comment(&format!(
            "{}.{}: no longer bound to a status; its values stay",
            column.table, column.column
        )));
        let _ = writeln!(
            out,
            "DROP TRIGGER IF EXISTS {function} ON {table};\nDROP FUNCTION IF EXISTS {function}();",
            function = derived.function
        );
        if storage == Storage::Text {
            let _ = writeln!(
                out,
                "ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {};",
                derived.constraint
            );
        }
    }
}

/// Changes a migration cannot make without guessing what stored rows mean: a value that
/// spelled one state now spelling another state that still exists (two wire values
/// swapped, or a renamed state's old value given to a new state). Rows holding it would
/// silently change meaning, so the migration is refused; doing it in two releases (first
/// a value nobody uses, then the reuse) makes each step unambiguous.
pub(super) fn ambiguous(old: &Schema, new: &Schema) -> Result<(), String> {
    for after in new.statuses() {
        let Some(before) = counterpart(old, after) else {
            continue;
        };
        // An alias made a state of its own, or pointed at another state: the value may be
        // stored where no trigger rewrote it (a column of the type the schema does not bind,
        // a domain or an array over it, a default), and would change meaning there.
        if let Some(alias) = aliases_moved(before, after).first() {
            return Err(format!(
                "{}: the alias `{alias}` would now read as another state than the rows it stood for become; the value may be stored where no trigger rewrote it (columns of the type the schema does not bind, domains, arrays, defaults), so no migration is written. Remove the alias first (a release of its own, whose migration drops the value after checking no row holds it), then give the value its new meaning in a later version",
                after.name
            ));
        }
        // Where either version ignores case, values equal but for case are one value to
        // it: `on`/`off` swapped for `OFF`/`ON` reads each old row as the other state.
        let fold = before.case_insensitive || after.case_insensitive;
        let key = |wire: &str| {
            if fold {
                wire.to_ascii_lowercase()
            } else {
                wire.to_owned()
            }
        };
        let mut by_value: HashMap<String, &crate::model::State> = HashMap::new();
        for state in &after.states {
            by_value.entry(key(&state.wire)).or_insert(state);
        }
        for state in &before.states {
            if let Some(now) = by_value.get(&key(&state.wire)) {
                // Another state took the value: while this one still exists, or after it was
                // removed from a state that had a value of its own (its rows would merge).
                let took_over = before
                    .state_id(&now.name)
                    .is_some_and(|old| key(&before.state(old).wire) != key(&state.wire));
                let moved =
                    now.name != state.name && (after.state_id(&state.name).is_some() || took_over);
                if moved {
                    return Err(format!(
                        "{}: the stored value `{}` meant the state `{}` and would now mean the state `{}` (whose value is `{}`), which had a value of its own; stored rows of the two cannot be told apart, so no migration is written. Give the state `{}` a value nobody used before, or retire `{}` first (an alias, in a release of its own), then reuse `{}` in a later version",
                        after.name,
                        state.wire,
                        state.name,
                        now.name,
                        now.wire,
                        now.name,
                        state.name,
                        state.wire
                    ));
                }
            }
            // A kept state's value that an alias now gives to another state: the rows would
            // be renamed with the state and read as the other one.
            if let (Some(same), Some(read)) =
                (after.state_id(&state.name), after.spelled(&state.wire))
                && same != read
                && after.state(same).wire != state.wire
            {
                return Err(format!(
                    "{}: the stored value `{}` of the state `{}` now reads as the state `{}`, while `{}` is kept (written `{}`): stored rows cannot be both, so no migration is written. Keep `{}` reading as `{}` until its rows are migrated, then point it elsewhere in a later version",
                    after.name,
                    state.wire,
                    state.name,
                    after.state(read).name,
                    state.name,
                    after.state(same).wire,
                    state.wire,
                    state.name
                ));
            }
        }
    }
    Ok(())
}
