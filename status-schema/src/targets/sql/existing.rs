//! What a database already holds when the migration meets it: locks on the tables whose
//! rows it rewrites, `CHECK` constraints a team wrote on a column, a type of the same name,
//! a column's default. Each is carried over, replaced or refused with a message; none is
//! kept silently, and no expression of the database's is evaluated by the migration.

use std::fmt::Write;

use super::{Bound, Column, literal, quoted_table};
use crate::escape::sql::{comment, dollar_quoted};
use crate::model::Status;

/// Only warnings and errors reach the person applying the migration: PostgreSQL's notices
/// (`trigger … does not exist, skipping`, from each `DROP … IF EXISTS`) are noise there.
pub(super) fn quiet(out: &mut String) {
    out.push_str("SET LOCAL client_min_messages = warning;\n");
}

/// `LOCK TABLE … IN SHARE ROW EXCLUSIVE MODE` on each bound table, once, right after
/// `BEGIN`: writers wait until the migration commits, so no legacy value lands between two
/// of its `UPDATE`s. Readers go on until a statement changes the table's definition (the
/// column's type, its trigger, its `CHECK`): PostgreSQL's ACCESS EXCLUSIVE lock that takes
/// holds them too, until the commit.
pub(super) fn locks(out: &mut String, bound: &[Bound<'_>]) {
    let mut tables: Vec<String> = bound.iter().map(|b| quoted_table(b.column)).collect();
    tables.sort();
    tables.dedup();
    if tables.is_empty() {
        return;
    }
    out.push_str(&comment(
        "Writers wait while rows are rewritten: every bound table is locked (readers wait too once its column, trigger or CHECK changes).",
    ));
    for table in tables {
        let _ = writeln!(out, "LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE;");
    }
}

/// `CHECK` constraints the team wrote on `column`: one that only lists values (`CHECK (status IN ('queued', 'done'))`, `= ANY (ARRAY[…])`) would
/// refuse the canonical values and the type change, so it is dropped, with a warning naming
/// it, and statuskit's type or `CHECK` takes its place; any other makes the migration stop
/// with a message, since what it means is the team's to decide. One named as statuskit
/// names its own (`ours`) is taken for statuskit's only if it lists values: a team's
/// constraint of that name would otherwise be dropped unseen.
pub(super) fn value_list_checks(out: &mut String, column: &Column, ours: &str) {
    let table = quoted_table(column);
    let body = format!(
        "
DECLARE
    r record;
    shape text;
    is_list boolean;
BEGIN
    FOR r IN SELECT con.conname, pg_get_constraintdef(con.oid) AS def, cardinality(con.conkey) AS columns
        FROM pg_constraint con JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = ANY (con.conkey)
        WHERE con.conrelid = {table_lit}::regclass AND con.contype = 'c' AND a.attname = {col_lit}
        ORDER BY con.conname
    LOOP
        -- The constraint's shape: the column as U+0002, each string literal as U+0001, casts
        -- dropped, parentheses and spaces out, `OR col IS NULL` allowed at the end. A value
        -- list has one of the shapes PostgreSQL prints for `col IN (…)`, `col = ANY ('{{…}}')`
        -- and `col = 'a' OR col = 'b'`; anything else is the team's.
        shape := regexp_replace(r.def, ' NOT VALID$', '');
        shape := replace(shape, quote_ident({col_lit}), chr(2));
        shape := regexp_replace(shape, {literals}, chr(1), 'g');
        shape := regexp_replace(shape, {casts}, '', 'g');
        shape := regexp_replace(shape, '[() ]', '', 'g');
        -- statuskit's own compares byte by byte.
        shape := replace(shape, 'COLLATE\"C\"', '');
        shape := regexp_replace(shape, 'OR' || chr(2) || 'ISNULL$', '');
        is_list := r.columns = 1 AND (
            shape ~ ('^CHECK' || chr(2) || '=ANYARRAY\\[' || chr(1) || '(,' || chr(1) || ')*\\]$')
            OR shape ~ ('^CHECK' || chr(2) || '=ANY' || chr(1) || '$')
            OR shape ~ ('^CHECK' || chr(2) || '=' || chr(1) || '(OR' || chr(2) || '=' || chr(1) || ')*$')
        );
        IF r.conname = {ours} AND is_list THEN
            -- statuskit's own, replaced below.
            CONTINUE;
        ELSIF r.conname = {ours} THEN
            RAISE EXCEPTION 'cannot migrate %.%: CHECK constraint % (%) has the name statuskit gives its own, and constrains otherwise than by listing values; rename it, then run this again', {table_lit}, {col_lit}, r.conname, r.def
                USING ERRCODE = 'duplicate_object';
        ELSIF is_list THEN
            EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', {table_lit}, r.conname);
            RAISE WARNING 'dropped CHECK constraint % on %.%, which listed values (%): the schema''s values replace it', r.conname, {table_lit}, {col_lit}, r.def;
        ELSE
            RAISE EXCEPTION 'cannot migrate %.%: CHECK constraint % (%) constrains it otherwise than by listing values; adapt or drop it, then run this again', {table_lit}, {col_lit}, r.conname, r.def
                USING ERRCODE = 'check_violation';
        END IF;
    END LOOP;
END ",
        table_lit = literal(&table),
        col_lit = literal(&column.column),
        ours = literal(&bare(ours)),
        literals = literal("'(?:[^']|'')*'"),
        casts = literal("::(\"[^\"]*\"|[a-z_][a-z0-9_ .]*)(\\[\\])?"),
    );
    let _ = writeln!(out, "DO {};", dollar_quoted(&body));
}

/// A PL/pgSQL statement that sets `target` (a `text` variable) to the value of the
/// constant the default expression in `def` is (`'queued'::text`, `'done'::job`), or NULL
/// for any other expression: read from the expression's text, never evaluated.
pub(super) fn constant_of(def: &str, target: &str) -> String {
    format!(
        "{target} := replace((regexp_match({def}, {pattern}))[1], {twice}, {once});",
        pattern = literal("^'((?:[^']|'')*)'::(\"[^\"]*\"|[a-z_][a-z0-9_ .]*)$"),
        twice = literal("''"),
        once = literal("'"),
    )
}

/// The type of `status` created with its labels ([`super::labels`]), or, when a type of that
/// name exists, checked: its wire values must be the schema's, in order, and its other
/// labels aliases of the schema (one made otherwise, by hand or by `gen sql` of another
/// version, is refused with its labels and what to do, never kept). Aliases it lacks are
/// added beside their state's value.
pub(super) fn create_type(out: &mut String, status: &Status) {
    let ty = super::type_name(status);
    let labels: Vec<String> = super::labels(status).into_iter().map(literal).collect();
    let labels = labels.join(", ");
    let wires: Vec<String> = status.states.iter().map(|s| literal(&s.wire)).collect();
    let wires = wires.join(", ");
    let _ = writeln!(
        out,
        "DO {};",
        dollar_quoted(&format!(
            " BEGIN
    CREATE TYPE {ty} AS ENUM ({labels});
EXCEPTION WHEN duplicate_object THEN
    IF {different} THEN
        RAISE EXCEPTION 'type % exists with other values than the schema''s %', {ty_lit}, ARRAY[{wires}]::text[]
            USING HINT = 'migrate it with `statuskit gen sql --since OLD.toml` from the schema it was made for, or rename it';
    END IF;
END ",
            ty_lit = literal(&ty),
            different = labels_differ(&literal(&ty), &wires, &labels),
        ))
    );
    aliases_added(out, status);
}

/// `ALTER TYPE … ADD VALUE IF NOT EXISTS` for each alias of `status`, right after its
/// state's previous spelling: a no-op where the type has it.
pub(super) fn aliases_added(out: &mut String, status: &Status) {
    let ty = super::type_name(status);
    let wires: std::collections::HashSet<&str> =
        status.states.iter().map(|s| s.wire.as_str()).collect();
    let mut seen = std::collections::HashSet::new();
    for state in &status.states {
        let mut previous = state.wire.as_str();
        seen.insert(previous);
        for alias in status.spellings_of(state.id).skip(1) {
            if wires.contains(alias) || !seen.insert(alias) {
                continue;
            }
            let _ = writeln!(
                out,
                "ALTER TYPE {ty} ADD VALUE IF NOT EXISTS {} AFTER {};",
                literal(alias),
                literal(previous)
            );
            previous = alias;
        }
    }
}

/// A SQL condition: the type `ty_lit` (a literal) has other values than `wires` in order
/// (the schema's, as SQL literals), or a label outside `labels` (the wire values and
/// aliases): aliases may sit anywhere, since no row holds one.
pub(super) fn labels_differ(ty_lit: &str, wires: &str, labels: &str) -> String {
    format!(
        "(SELECT array_agg(enumlabel::text ORDER BY enumsortorder) FILTER (WHERE enumlabel::text = ANY (ARRAY[{wires}]::text[])) FROM pg_enum WHERE enumtypid = {ty_lit}::regtype)
        IS DISTINCT FROM ARRAY[{wires}]::text[]
        OR EXISTS (SELECT FROM pg_enum WHERE enumtypid = {ty_lit}::regtype AND enumlabel::text <> ALL (ARRAY[{labels}]::text[]))"
    )
}

/// A warning, when a column not yet of the status's type holds values that are not labels of
/// it (other cases, values of legacy statuses, unknown values): its rows are rewritten, but
/// a writer still sending one fails once the column is the enum type, which accepts the
/// wire values and aliases exactly as written. Naming them lets the team add the ones still
/// written as aliases (or choose text storage, which reads every case).
pub(super) fn spellings_left_behind(out: &mut String, status: &Status, column: &Column) {
    let table = quoted_table(column);
    let ty = super::type_name(status);
    let labels: Vec<String> = super::labels(status).into_iter().map(literal).collect();
    let body = format!(
        "
DECLARE
    found text;
BEGIN
    IF (SELECT atttypid FROM pg_attribute WHERE attrelid = {table_lit}::regclass AND attname = {col_lit}) IS DISTINCT FROM to_regtype({ty_lit}) THEN
        SELECT string_agg(quote_literal(v), ', ') INTO found FROM (
            SELECT DISTINCT {col}::text COLLATE \"C\" AS v FROM {table} WHERE {col}::text COLLATE \"C\" <> ALL (ARRAY[{labels}]::text[]) ORDER BY 1 LIMIT 20
        ) spellings;
        IF found IS NOT NULL THEN
            RAISE WARNING '%.% holds %, which % accepts only as a wire value or alias written exactly so: its rows are rewritten, and a writer still sending one fails from now on', {table_lit}, {col_lit}, found, {ty_lit}
                USING HINT = 'add the spellings still written as aliases (another case too), or store the status as text, which reads every case';
        END IF;
    END IF;
END ",
        table_lit = literal(&table),
        col_lit = literal(&column.column),
        ty_lit = literal(&ty),
        col = super::ident(&column.column),
        labels = labels.join(", "),
    );
    let _ = writeln!(out, "DO {};", dollar_quoted(&body));
}

/// PL/pgSQL statements (with a `blockers text` variable declared) that stop the migration,
/// naming them, when views or indexes with expressions or predicates use the column `col`
/// (an expression of type `name`) of the table `table` (an expression of type `regclass`):
/// PostgreSQL cannot change the type of a column a view uses, and an index comparing it
/// with text (`WHERE status IN ('paid', …)`) fails with an operator error once it is an
/// enum. Plain indexes are rebuilt by PostgreSQL and stay.
pub(super) fn blockers(table: &str, col: &str) -> String {
    format!(
        "SELECT string_agg(DISTINCT format('%s %s', CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' ELSE 'index' END, c.oid::regclass), ', ') INTO blockers
            FROM pg_depend d
            JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
            LEFT JOIN pg_rewrite rw ON d.classid = 'pg_rewrite'::regclass AND rw.oid = d.objid
            JOIN pg_class c ON c.oid = COALESCE(rw.ev_class, CASE WHEN d.classid = 'pg_class'::regclass THEN d.objid END)
            LEFT JOIN pg_index i ON i.indexrelid = c.oid
            WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = {table} AND a.attname = {col} AND c.oid <> {table}
                AND (rw.oid IS NOT NULL OR i.indpred IS NOT NULL OR i.indexprs IS NOT NULL);
        IF blockers IS NOT NULL THEN
            RAISE EXCEPTION 'cannot change the type of %.%: % use it, and PostgreSQL cannot carry them over to an enum type', {table}, {col}, blockers
                USING ERRCODE = 'dependent_objects_still_exist',
                HINT = 'drop them, run the migration again, then create them again (comparing with the type''s values)';
        END IF;
        -- A partition or child table with a default of its own: the type change carries only
        -- the parent's over (ALTER … SET DEFAULT reaches every child), so it would be lost.
        SELECT string_agg(i.inhrelid::regclass::text, ', ') INTO blockers
            FROM pg_inherits i
            JOIN pg_attribute ca ON ca.attrelid = i.inhrelid AND ca.attname = {col}
            LEFT JOIN pg_attrdef cd ON cd.adrelid = i.inhrelid AND cd.adnum = ca.attnum
            WHERE i.inhparent = {table}
                AND pg_get_expr(cd.adbin, cd.adrelid) IS DISTINCT FROM (
                    SELECT pg_get_expr(pd.adbin, pd.adrelid) FROM pg_attrdef pd JOIN pg_attribute pa ON pa.attrelid = pd.adrelid AND pa.attnum = pd.adnum
                    WHERE pd.adrelid = {table} AND pa.attname = {col});
        IF blockers IS NOT NULL THEN
            RAISE EXCEPTION 'cannot change the type of %.%: % have a default of their own for it, which the change would replace with the table''s', {table}, {col}, blockers
                USING ERRCODE = 'dependent_objects_still_exist',
                HINT = 'drop those defaults, run the migration again, then set them again';
        END IF;"
    )
}

/// Stops the migration, before anything is dropped or replaced, when an object under a name
/// statuskit gives its own is the team's: a trigger of that name on the table calling
/// another function, or a trigger function whose body lacks statuskit's own `RAISE` line for
/// this status (`CREATE OR REPLACE` and `DROP TRIGGER IF EXISTS` would otherwise replace
/// them unseen).
pub(super) fn names_are_ours(out: &mut String, bound: &Bound<'_>) {
    let table = literal(&quoted_table(bound.column));
    let function = &bound.derived.function;
    let signature = literal(&format!("{function}()"));
    let raise = literal(&format!(
        "RAISE EXCEPTION '% cannot move from % to %', {}",
        literal(&bound.status.name)
    ));
    let body = format!(
        " BEGIN
    IF to_regprocedure({signature}) IS NOT NULL
        AND position({raise} IN (SELECT prosrc FROM pg_proc WHERE oid = to_regprocedure({signature}))) = 0 THEN
        RAISE EXCEPTION 'function % exists and is not statuskit''s trigger function for %: rename it, then run this again', {signature}, {place}
            USING ERRCODE = 'duplicate_function';
    END IF;
    IF EXISTS (SELECT FROM pg_trigger WHERE tgrelid = {table}::regclass AND tgname = {bare}
        AND tgfoid IS DISTINCT FROM to_regprocedure({signature})) THEN
        RAISE EXCEPTION 'trigger % on % exists and is not statuskit''s: rename it, then run this again', {bare}, {table}
            USING ERRCODE = 'duplicate_object';
    END IF;
END ",
        bare = literal(&bare(function)),
        place = literal(&format!("{}.{}", bound.column.table, bound.column.column)),
    );
    let _ = writeln!(out, "DO {};", dollar_quoted(&body));
}

/// Stops the migration when the status's transition function exists with a body statuskit
/// did not write (`SELECT (from_state, to_state) IN (VALUES …)` or `SELECT false`), rather
/// than replace the team's function of that name.
pub(super) fn transition_function_is_ours(out: &mut String, function: &str, arg: &str) {
    let signature = literal(&format!("{function}({arg}, {arg})"));
    let body = format!(
        " BEGIN
    IF to_regprocedure({signature}) IS NOT NULL AND NOT EXISTS (
        SELECT FROM pg_proc WHERE oid = to_regprocedure({signature})
            AND ((position('from_state' IN prosrc) > 0 AND position(') IN (VALUES' IN prosrc) > 0) OR btrim(prosrc, E' \\n') = 'SELECT false;')) THEN
        RAISE EXCEPTION 'function % exists and is not statuskit''s transition function: rename it, then run this again', {signature}
            USING ERRCODE = 'duplicate_function';
    END IF;
END "
    );
    let _ = writeln!(out, "DO {};", dollar_quoted(&body));
}

/// The function `signature` (as SQL text: `jobs_state_transition()`) runs with its
/// `search_path` pinned to `pg_catalog`, the schema the migration creates it in, and
/// `pg_temp` last: a writer who can create objects in a schema earlier on its own path
/// cannot swap in a transition function of its own.
pub(super) fn pin_search_path(out: &mut String, signature: &str) {
    let body = format!(
        " BEGIN
    EXECUTE format('ALTER FUNCTION %s SET search_path = pg_catalog, %I, pg_temp', {}::regprocedure, current_schema());
END ",
        literal(signature)
    );
    let _ = writeln!(out, "DO {};", dollar_quoted(&body));
}

/// A SQL condition: whether the default expression in `def` names the type `ty` (so it
/// cannot outlive the type's rebuild as it is).
pub(super) fn mentions(def: &str, ty: &str) -> String {
    format!("position({} IN {def}) > 0", literal(&bare(ty)))
}

/// An identifier as the catalogue stores it: `"Weird""Name"` is `Weird"Name`, `job` is `job`.
pub(super) fn bare(ident: &str) -> String {
    match ident.strip_prefix('"').and_then(|i| i.strip_suffix('"')) {
        Some(quoted) => quoted.replace("\"\"", "\""),
        None => ident.to_owned(),
    }
}
