//! PostgreSQL: an enum type and a transition function per status; for each column bound
//! to a status, a data migration of legacy values and a trigger that refuses illegal
//! updates. A `text` variant uses `CHECK` constraints instead of enum types.
//!
//! The whole file is one transaction and can be run again: types are created if missing,
//! functions replaced, triggers recreated, and the migration rewrites only rows that still
//! hold a legacy value: aliases, other cases, and the values of every status that converts
//! into the bound one (`into` maps, extensions, bases). A value that no rule recognises is
//! rewritten to the status's `fallback` state when it has one, as every other target reads
//! it; otherwise the column's type change (or its `CHECK`) fails, which rolls everything
//! back: nothing is lost or silently changed. With `--since`, a value the old schema gave a
//! state that the new one removes without a word (no alias, no `reserved`) stops the
//! migration instead of falling to the fallback.
//!
//! What the database already holds is met as it is (`existing`): the bound tables are
//! locked against writers before their rows are rewritten, `CHECK` constraints that list
//! values are replaced and others stop the migration, a type of the same name with other
//! labels is refused, and defaults are carried over without being evaluated.

use std::collections::HashMap;
use std::fmt::Write;
use std::str::FromStr;

use super::{GenerateError, generated_line};
use crate::Schema;
use crate::escape::sql::{comment, dollar_quoted, ident, literal};
use crate::model::{StateId, Status};
use crate::naming::sql_name;

mod existing;
mod since;
mod trigger;

/// A `--column` binding with what it was resolved to.
struct Bound<'a> {
    column: &'a Column,
    derived: &'a Derived,
    status: &'a Status,
}

/// How statuses are stored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Storage {
    /// `CREATE TYPE … AS ENUM`; bound columns are converted to the type.
    #[default]
    Enum,
    /// Plain `text` columns with a `CHECK` constraint listing the wire values.
    Text,
}

/// A column that holds a status: `table.column=Status` (the table may be schema-qualified).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// The table, possibly `schema.table`.
    pub table: String,
    /// The column.
    pub column: String,
    /// The status it holds.
    pub status: String,
}

impl FromStr for Column {
    type Err = GenerateError;

    fn from_str(text: &str) -> Result<Self, GenerateError> {
        Self::parse(text).map_err(GenerateError::new)
    }
}

impl Column {
    fn parse(text: &str) -> Result<Self, String> {
        let (place, status) = text
            .split_once('=')
            .ok_or_else(|| format!("`{text}`: expected table.column=Status"))?;
        let (table, column) = place
            .rsplit_once('.')
            .ok_or_else(|| format!("`{place}`: expected table.column"))?;
        let column = Self {
            table: table.trim().to_owned(),
            column: column.trim().to_owned(),
            status: status.trim().to_owned(),
        };
        column.validate()?;
        Ok(column)
    }

    /// Every name part present: a zero-length identifier (`a..b`) is not SQL.
    fn validate(&self) -> Result<(), String> {
        let parts_missing = self.table.split('.').any(str::is_empty)
            || self.column.is_empty()
            || self.status.is_empty();
        // A line break in a quoted name would start a line of SQL with the name's text.
        let hidden = [&self.table, &self.column, &self.status]
            .iter()
            .any(|part| {
                part.chars().any(|c| {
                    c.is_control()
                        || crate::text::is_bidi_control(c)
                        || crate::text::is_line_terminator(c)
                })
            });
        if hidden {
            return Err(format!(
                "`{}.{}={}`: a column binding holds a control character",
                self.table.escape_debug(),
                self.column.escape_debug(),
                self.status.escape_debug()
            ));
        }
        if parts_missing {
            return Err(format!(
                "`{}.{}={}`: expected table.column=Status (the table may be schema.table), with no empty part",
                self.table, self.column, self.status
            ));
        }
        Ok(())
    }
}

/// What to generate beyond types and functions.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct SqlOptions {
    /// Enum types or text with `CHECK`.
    pub storage: Storage,
    /// Columns to migrate and guard with a transition trigger.
    pub columns: Vec<Column>,
    /// The schema the database was created (or last migrated) for: the output then takes it
    /// from that version to this one (`statuskit gen sql --since OLD.toml`), adding, renaming
    /// and retiring enum values without losing a row.
    pub since: Option<crate::Schema>,
    /// With `since`, the columns the database had bound (a migration history records them):
    /// a column not among them is set up as new, and one among them that is no longer bound
    /// is released (its trigger dropped, and with text storage its `CHECK`). `None` takes
    /// every column as bound before.
    pub since_columns: Option<Vec<Column>>,
    /// The runner wraps each file in a transaction of its own (sqlx, dbmate, Flyway): the
    /// output then has no `BEGIN`/`COMMIT` of its own.
    pub runner_transaction: bool,
}

impl SqlOptions {
    /// Options storing statuses as `storage`, with `columns` migrated and guarded.
    pub fn new(storage: Storage, columns: Vec<Column>) -> Self {
        Self {
            storage,
            columns,
            ..Self::default()
        }
    }
}

/// A migration in the two parts PostgreSQL needs: enum values a later statement uses must
/// be committed first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SqlParts {
    /// Enum values renamed and added (`--since` only, enum storage): one transaction, to
    /// commit before [`SqlParts::rows`] runs. `None` when nothing is renamed or added.
    pub(crate) values: Option<String>,
    /// Everything else, in one transaction: rows rewritten, types, functions, constraints
    /// and triggers.
    pub(crate) rows: String,
}

/// The DDL and migrations.
///
/// # Errors
///
/// A message when a bound column names a status the schema does not declare, or when two
/// bindings would derive the same trigger function name.
pub fn generate(
    schema: &Schema,
    schema_name: &str,
    options: &SqlOptions,
) -> Result<String, GenerateError> {
    let parts = parts(schema, options)?;
    let mut out = comment(&generated_line(schema_name));
    if options.since.is_some() {
        out.push_str(since::INTRODUCTION);
    } else {
        out.push_str("-- One transaction; safe to run again. Locks each bound table against writes\n-- (SHARE ROW EXCLUSIVE) before rewriting its rows; changing a column's type, trigger or\n-- CHECK then holds ACCESS EXCLUSIVE (readers wait too) until it commits.\n");
    }
    if let Some(values) = &parts.values {
        out.push('\n');
        out.push_str(values);
    }
    out.push('\n');
    out.push_str(&parts.rows);
    Ok(out)
}

/// The DDL and migrations as [`SqlParts`], without a header: what a migration history's
/// files hold. Fails as [`generate`] does.
pub(crate) fn parts(schema: &Schema, options: &SqlOptions) -> Result<SqlParts, GenerateError> {
    let names = ColumnNames::new(schema, &options.columns).map_err(GenerateError::new)?;
    let mut bound = Vec::new();
    for (column, derived) in options.columns.iter().zip(&names.columns) {
        let status = schema.status(&column.status).ok_or_else(|| {
            GenerateError::new(format!(
                "column {}.{}: no status `{}` in the schema",
                column.table, column.column, column.status
            ))
        })?;
        bound.push(Bound {
            column,
            derived,
            status,
        });
    }
    let (begin, commit) = if options.runner_transaction {
        ("", "")
    } else {
        ("BEGIN;\n", "\nCOMMIT;\n")
    };
    let mut values = None;
    let mut rows = String::from(begin);
    existing::quiet(&mut rows);
    existing::locks(&mut rows, &bound);
    for bound in &bound {
        existing::names_are_ours(&mut rows, bound);
    }
    let mut before_of = Vec::new();
    if let Some(old) = &options.since {
        since::ambiguous(old, schema).map_err(GenerateError::new)?;
        before_of = since::known_columns(old, &bound, options.since_columns.as_deref())
            .map_err(GenerateError::new)?;
        let mut added = String::new();
        since::added_values(&mut added, old, schema, options.storage);
        if !added.is_empty() {
            values = Some(format!("{begin}{}{added}{commit}", {
                let mut quiet = String::new();
                existing::quiet(&mut quiet);
                quiet
            }));
        }
        if let Some(previous) = &options.since_columns {
            since::released(&mut rows, previous, &options.columns, options.storage);
        }
        since::renamed_values(&mut rows, old, schema, options.storage);
        since::retired_values(&mut rows, old, schema, &bound, &before_of, options.storage);
    }
    for status in &schema.statuses {
        rows.push('\n');
        status_ddl(&mut rows, status, options.storage);
    }
    for (i, bound) in bound.iter().enumerate() {
        rows.push('\n');
        // Set up as new unless the migration from the old schema already rewrote its rows.
        let migrated = before_of.get(i).is_some_and(Option::is_some);
        column_ddl(&mut rows, schema, bound, options.storage, !migrated);
    }
    rows.push_str(commit);
    Ok(SqlParts { values, rows })
}

/// The enum type's labels: each state's wire value followed by its aliases, in state
/// order. Rows hold only wire values; an alias is a label so that a writer still using it
/// (the previous release, during a rolling deploy) is accepted, and the trigger stores the
/// wire value instead.
pub(crate) fn labels(status: &Status) -> Vec<&str> {
    let mut labels: Vec<&str> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for state in &status.states {
        for spelling in status.spellings_of(state.id) {
            if seen.insert(spelling) {
                labels.push(spelling);
            }
        }
    }
    labels
}

fn status_ddl(out: &mut String, status: &Status, storage: Storage) {
    let ty = type_name(status);
    out.push_str(&comment(&match &status.doc {
        Some(doc) => format!("{}: {}", status.name, doc.trim()),
        None => status.name.clone(),
    }));
    let arg = match storage {
        Storage::Enum => {
            existing::create_type(out, status);
            if let Some(doc) = &status.doc {
                let _ = writeln!(out, "COMMENT ON TYPE {ty} IS {};", literal(doc.trim()));
            }
            ty.clone()
        }
        Storage::Text => "text".to_owned(),
    };
    let function = can_transition_name(status);
    existing::transition_function_is_ours(out, &function, &arg);
    let cast = |id: StateId| match storage {
        Storage::Enum => format!("{}::{ty}", literal(&status.state(id).wire)),
        Storage::Text => literal(&status.state(id).wire),
    };
    let body = if status.transitions.is_empty() {
        "false".to_owned()
    } else {
        let pairs: Vec<String> = status
            .transitions
            .iter()
            .map(|t| format!("({}, {})", cast(t.from), cast(t.to)))
            .collect();
        // Text compared byte by byte, whatever collation the caller's column has.
        let args = match storage {
            Storage::Enum => "(from_state, to_state)",
            Storage::Text => "(from_state COLLATE \"C\", to_state COLLATE \"C\")",
        };
        format!("{args} IN (VALUES\n        {})", pairs.join(",\n        "))
    };
    let _ = writeln!(
        out,
        "CREATE OR REPLACE FUNCTION {function}(from_state {arg}, to_state {arg})\nRETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS {};",
        dollar_quoted(&format!("\n    SELECT {body};\n"))
    );
    existing::pin_search_path(out, &format!("{function}({arg}, {arg})"));
}

/// The column's table, each part quoted.
fn quoted_table(column: &Column) -> String {
    column
        .table
        .split('.')
        .map(ident)
        .collect::<Vec<_>>()
        .join(".")
}

/// A bound column: with `fresh`, its rows rewritten to canonical values and its default
/// with them (a `--since` migration did both already for a column bound before); then its
/// type or `CHECK`, and its trigger.
fn column_ddl(out: &mut String, schema: &Schema, bound: &Bound<'_>, storage: Storage, fresh: bool) {
    let (status, column, derived) = (bound.status, bound.column, bound.derived);
    let table = quoted_table(column);
    let col = ident(&column.column);
    out.push_str(&comment(&format!(
        "{}.{} holds {}",
        column.table, column.column, status.name
    )));

    if fresh {
        // The trigger of an earlier run would judge the rewrites below as moves.
        let _ = writeln!(
            out,
            "DROP TRIGGER IF EXISTS {} ON {table};",
            derived.function
        );
        existing::value_list_checks(out, column, &derived.constraint);
        if storage == Storage::Enum {
            existing::spellings_left_behind(out, status, column);
        }
        migrations(out, schema, status, None, &table, &col);
        canonical_default(out, schema, status, column);
    }

    match storage {
        Storage::Enum => {
            let ty = type_name(status);
            // A default (`DEFAULT 'queued'`) cannot be cast to the enum with the column:
            // it is read as text, dropped, and set again on the new type.
            let alter = format!("ALTER TABLE {table} ALTER COLUMN {col}");
            let _ = writeln!(
                out,
                "DO {};",
                dollar_quoted(&format!(
                    "\nDECLARE\n    def text;\n    constant text;\n    blockers text;\nBEGIN\n    IF (SELECT atttypid FROM pg_attribute WHERE attrelid = {table_lit}::regclass AND attname = {col_lit}) <> {ty_lit}::regtype THEN\n        {blockers}\n        SELECT pg_get_expr(d.adbin, d.adrelid) INTO def FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum\n            WHERE d.adrelid = {table_lit}::regclass AND a.attname = {col_lit};\n        IF def IS NOT NULL THEN\n            {alter} DROP DEFAULT;\n        END IF;\n        {alter} TYPE {ty} USING {col}::text::{ty};\n        -- The default carried over, never evaluated: a constant as the value, any other\n        -- expression as itself, cast.\n        IF def IS NOT NULL THEN\n            {constant}\n            IF constant IS NOT NULL THEN\n                EXECUTE {set_default} || quote_literal(constant) || {cast};\n            ELSE\n                EXECUTE {set_default} || '(' || def || ')::text' || {cast};\n            END IF;\n        END IF;\n    END IF;\nEND ",
                    table_lit = literal(&table),
                    col_lit = literal(&column.column),
                    ty_lit = literal(&ty),
                    set_default = literal(&format!("{alter} SET DEFAULT ")),
                    cast = literal(&format!("::{ty}")),
                    constant = existing::constant_of("def", "constant"),
                    blockers = existing::blockers(
                        &format!("{}::regclass", literal(&table)),
                        &literal(&column.column)
                    ),
                ))
            );
        }
        Storage::Text => {
            let constraint = &derived.constraint;
            let values: Vec<String> = status.states.iter().map(|s| literal(&s.wire)).collect();
            let _ = writeln!(
                out,
                "ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {constraint};\nALTER TABLE {table} ADD CONSTRAINT {constraint} CHECK ({col}::text COLLATE \"C\" IN ({}));",
                values.join(", ")
            );
        }
    }
    trigger::trigger(out, status, column, derived, storage);
}

/// Fails, naming the value and how many rows hold it, when a row holds a spelling of
/// `before` (the old status) whose meaning the new schema does not say: one it neither reads
/// (directly, or through a legacy status converting into it) nor retires (`reserved`), or
/// one it reads as another state only through that state's value and the case rule.
fn removed_values(
    out: &mut String,
    schema: &Schema,
    status: &Status,
    before: &Status,
    table: &str,
    col: &str,
) {
    let unsaid = |text: &str, meant: StateId| match status.spelling_of(text) {
        Some((_, matched)) => before.spelled(matched).is_some_and(|old| old != meant),
        None => {
            !status.is_reserved(text)
                && !schema.converts_into(&status.name, text, before.case_insensitive)
        }
    };
    let mut values: Vec<String> = before
        .spellings()
        .filter(|s| unsaid(s.text, s.state))
        .map(|s| {
            if before.case_insensitive {
                s.text.to_ascii_lowercase()
            } else {
                s.text.to_owned()
            }
        })
        .collect();
    if values.is_empty() {
        return;
    }
    values.sort();
    values.dedup();
    let values: Vec<String> = values.iter().map(|v| literal(v)).collect();
    let wires: Vec<String> = status.states.iter().map(|s| literal(&s.wire)).collect();
    let old = compared(col, before);
    rows_holding(
        out,
        table,
        col,
        &old,
        &format!(
            "{old} IN ({}) AND {col}::text COLLATE \"C\" NOT IN ({})",
            values.join(", "),
            wires.join(", ")
        ),
        "a value of a state the new schema removes without saying what its rows become",
        "say it in the schema: an alias of the state they become, an `into` table, or `reserved` to retire the value (rows then read as the fallback); or move those rows to another state first, then run this again",
    );
}

/// Fails, naming `table.col`, the values (`value`, an expression over the column; the first
/// ten) and how many rows hold each, when rows match `condition`: what no rule can rewrite is said before
/// PostgreSQL's own error, and the transaction rolls back.
fn rows_holding(
    out: &mut String,
    table: &str,
    col: &str,
    value: &str,
    condition: &str,
    why: &str,
    hint: &str,
) {
    let body = format!(
        "
DECLARE
    bad text;
BEGIN
    -- Every value at once (the first ten, with their rows), not one per run.
    SELECT string_agg(format('%s rows hold %s', n, quote_literal(v)), ', ' ORDER BY v) INTO bad
        FROM (SELECT {value} AS v, count(*) AS n FROM {table} WHERE {condition}
            GROUP BY 1 ORDER BY 1 LIMIT 10) found;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'cannot migrate %: %, %', {place}, bad, {why}
            USING ERRCODE = 'check_violation', HINT = {hint};
    END IF;
END ",
        place = literal(&format!("{table}.{col}")),
        why = literal(why),
        hint = literal(hint),
    );
    let _ = writeln!(out, "DO {};", dollar_quoted(&body));
}

/// The `UPDATE`s that rewrite legacy values to canonical ones; each touches only rows
/// still holding a legacy value.
///
/// With `before`, the status the database was made for (`--since`): rows still holding a
/// value of a state it had, that this schema neither reads nor retires (`reserved`), stop
/// the migration, named with their count, before the fallback could claim them: a removed
/// state's rows change meaning only when the schema says what they become.
fn migrations(
    out: &mut String,
    schema: &Schema,
    status: &Status,
    before: Option<&Status>,
    table: &str,
    col: &str,
) {
    // First, before any row is rewritten by the new rules: rows whose old meaning the new
    // schema does not carry.
    if let Some(before) = before {
        removed_values(out, schema, status, before, table, col);
    }
    // Legacy values: the status's aliases and other cases of its spellings, then values of
    // statuses that convert `into` it.
    let own_compared = compared(col, status);
    for state in &status.states {
        let spellings = folded_spellings(status, state.id, |_| true);
        // Only rows that are not canonical already: the statement is a no-op the second time.
        let needed =
            status.case_insensitive || spellings.iter().any(|s| *s != literal(&state.wire));
        if needed {
            let _ = writeln!(
                out,
                "UPDATE {table} SET {col} = {} WHERE {col}::text COLLATE \"C\" <> {} AND {own_compared} IN ({});",
                literal(&state.wire),
                literal(&state.wire),
                spellings.join(", ")
            );
        }
    }
    // Every status that converts into this one: `into` maps, extensions (their added states
    // through their `into` entries) and bases. Where two sources spell one legacy value
    // differently, the first conversion in schema order wins: the rows it rewrites are
    // canonical by the time the second runs.
    // Rows holding one of this status's values are this status's, whatever another status
    // would read them as (under its case rule, a legacy `B` folds to this status's `b`).
    let canonical: Vec<String> = status.states.iter().map(|s| literal(&s.wire)).collect();
    let canonical = canonical.join(", ");
    for rule in legacy_rules(schema, status) {
        let _ = write!(
            out,
            "UPDATE {table} SET {col} = {} WHERE {} IN ({}) AND {col}::text COLLATE \"C\" NOT IN ({canonical}); {}",
            rule.target,
            compared(col, rule.source),
            rule.spellings.join(", "),
            comment(&format!("{} `{}`", rule.source.name, rule.state))
        );
    }
    // Whatever is left is no spelling of any rule: with a `fallback`, every other target
    // reads it as that state, and so does the migration; without one, the type change or
    // `CHECK` that follows would refuse it: it is named first, with its rows, and the
    // transaction rolls back.
    let wires = canonical;
    if let Some(fallback) = status.fallback {
        let _ = writeln!(
            out,
            "UPDATE {table} SET {col} = {} WHERE {col}::text COLLATE \"C\" NOT IN ({wires}); {}",
            literal(&status.state(fallback).wire),
            comment("unknown values read as the fallback state").trim_end()
        );
        return;
    }
    rows_holding(
        out,
        table,
        col,
        &format!("{col}::text COLLATE \"C\""),
        &format!("{col}::text COLLATE \"C\" NOT IN ({wires})"),
        "which the schema does not read",
        "add it as an alias of the state it means, map it with an `into` table of a legacy status, or give the status a `fallback`; or update those rows to a value the schema reads first, then run this again",
    );
}

/// The column's default, read as the rows are: a legacy spelling becomes the canonical
/// value, and a value no rule reads stops the transaction, naming the column. Without this,
/// a `DEFAULT 'new'` survives the rows' migration and every insert relying on it fails
/// against the new type or `CHECK`.
pub(crate) fn canonical_default(
    out: &mut String,
    schema: &Schema,
    status: &Status,
    column: &Column,
) {
    let table_lit = literal(&quoted_table(column));
    let col_lit = literal(&column.column);
    let alter = literal(&format!(
        "ALTER TABLE {} ALTER COLUMN {} SET DEFAULT ",
        quoted_table(column),
        ident(&column.column)
    ));
    let _ = writeln!(
        out,
        "DO {};",
        dollar_quoted(&format!(
            "\nDECLARE\n    def text;\n    constant text;\n    canonical text;\nBEGIN\n    SELECT pg_get_expr(d.adbin, d.adrelid) INTO def FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum\n        WHERE d.adrelid = {table_lit}::regclass AND a.attname = {col_lit};\n    -- Only a constant default is read (from its text, never evaluated); an expression is\n    -- the team's, and stays as it is.\n    {constant}\n    IF constant IS NULL THEN\n        RETURN;\n    END IF;\n    canonical := {};\n    IF canonical IS NULL THEN\n        RAISE EXCEPTION 'cannot migrate the default of %.%: it is %, which the schema does not read', {table_lit}, {col_lit}, quote_literal(constant)\n            USING ERRCODE = 'check_violation';\n    END IF;\n    IF canonical <> constant THEN\n        EXECUTE {alter} || quote_literal(canonical);\n    END IF;\nEND ",
            read_as(schema, status, "constant"),
            constant = existing::constant_of("def", "constant")
        ))
    );
}

/// A SQL `CASE` giving the canonical value `status` reads the text `value` as (its
/// spellings under its case rule, then values of statuses converting into it, then the
/// fallback), or NULL: the same rules as the rows' migration.
fn read_as(schema: &Schema, status: &Status, value: &str) -> String {
    let mut arms = Vec::new();
    let own = compared(value, status);
    for state in &status.states {
        let spellings = folded_spellings(status, state.id, |_| true);
        arms.push(format!(
            "WHEN {own} IN ({}) THEN {}",
            spellings.join(", "),
            literal(&state.wire)
        ));
    }
    for rule in legacy_rules(schema, status) {
        arms.push(format!(
            "WHEN {} IN ({}) THEN {}",
            compared(value, rule.source),
            rule.spellings.join(", "),
            rule.target
        ));
    }
    let otherwise = status
        .fallback
        .map_or_else(|| "NULL".to_owned(), |f| literal(&status.state(f).wire));
    format!("CASE {} ELSE {otherwise} END", arms.join(" "))
}

/// Values of statuses that convert into `status` and that it does not spell itself: what
/// each becomes. Every status that converts into it counts (`into` maps, extensions through
/// their `into` entries, bases).
struct LegacyRule<'a> {
    source: &'a Status,
    state: &'a str,
    /// The source's spellings of `state`, folded by its case rule, as SQL literals.
    spellings: Vec<String>,
    /// The canonical value they become, as a SQL literal.
    target: String,
}

fn legacy_rules<'a>(schema: &'a Schema, status: &'a Status) -> Vec<LegacyRule<'a>> {
    let mut rules = Vec::new();
    for conversion in schema.conversions_into(&status.name) {
        let Some((source, _)) = schema.endpoints(conversion) else {
            continue;
        };
        for state in &source.states {
            let Some(target) = conversion.get(state.id) else {
                continue;
            };
            let spellings =
                folded_spellings(source, state.id, |text| status.spelled(text).is_none());
            if !spellings.is_empty() {
                rules.push(LegacyRule {
                    source,
                    state: &state.name,
                    spellings,
                    target: literal(&status.state(target).wire),
                });
            }
        }
    }
    rules
}

/// `col` as `status`'s case rule compares it: lower-cased ASCII-only (`translate`, not the
/// locale-dependent `lower`) when the status ignores case; always byte by byte (`COLLATE
/// "C"`), whatever the column's collation (a case-insensitive ICU collation, `citext`) would
/// make equal.
fn compared(col: &str, status: &Status) -> String {
    if status.case_insensitive {
        format!(
            "translate({col}::text, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') COLLATE \"C\""
        )
    } else {
        format!("{col}::text COLLATE \"C\"")
    }
}

/// The spellings of `state` that `keep` accepts, folded as [`compared`] folds the column,
/// deduplicated and sorted, as SQL literals.
fn folded_spellings(status: &Status, state: StateId, keep: impl Fn(&str) -> bool) -> Vec<String> {
    let mut spellings: Vec<String> = status
        .spellings_of(state)
        .filter(|text| keep(text))
        .map(|text| {
            if status.case_insensitive {
                text.to_ascii_lowercase()
            } else {
                text.to_owned()
            }
        })
        .collect();
    spellings.sort();
    spellings.dedup();
    spellings.iter().map(|s| literal(s)).collect()
}

/// The names derived from `--column` bindings, checked to be distinct from each other and
/// from the statuses' functions: PostgreSQL would otherwise replace one function with
/// another, and a table would be checked by another status's rules.
struct ColumnNames {
    /// Per column, the names derived from it, in `--column` order.
    columns: Vec<Derived>,
}

/// A bound column's trigger function and `CHECK` constraint, within PostgreSQL's 63 bytes.
struct Derived {
    function: String,
    constraint: String,
}

impl ColumnNames {
    fn new(schema: &Schema, columns: &[Column]) -> Result<Self, String> {
        for column in columns {
            column.validate()?;
        }
        let mut functions: HashMap<String, String> = schema
            .statuses
            .iter()
            .map(|s| {
                (
                    can_transition_name(s),
                    format!("the transition function of {}", s.name),
                )
            })
            .collect();
        let derived = Self::derive(columns);
        for (column, derived) in columns.iter().zip(&derived) {
            let owner = format!(
                "the trigger function of column {}.{}",
                column.table, column.column
            );
            if let Some(other) = functions.insert(derived.function.clone(), owner.clone()) {
                return Err(format!(
                    "{owner} would be named {}, which is already {other}; bind each column once, and rename one of the tables if two differ only in `.` and `_`",
                    derived.function
                ));
            }
        }
        Ok(Self { columns: derived })
    }

    /// The names derived from each column, unchecked.
    fn derive<C: std::borrow::Borrow<Column>>(columns: &[C]) -> Vec<Derived> {
        columns
            .iter()
            .map(|column| {
                let column = column.borrow();
                let base = format!("{}_{}", column.table.replace('.', "_"), column.column);
                Derived {
                    function: ident(&sql_name(&format!("{base}_transition"))),
                    constraint: ident(&sql_name(&format!("{base}_valid"))),
                }
            })
            .collect()
    }
}

/// The status's type name: `TaskStatus` → `task_status`, kept within PostgreSQL's 63 bytes.
pub(crate) fn type_name(status: &Status) -> String {
    ident(&crate::naming::sql_status_names(&status.name).0)
}

/// The status's transition function: `task_status_can_transition`.
fn can_transition_name(status: &Status) -> String {
    ident(&crate::naming::sql_status_names(&status.name).1)
}
