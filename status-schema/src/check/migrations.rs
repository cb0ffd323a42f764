//! Rules about `[migrations]`: a directory of the history's own inside the schema's
//! directory, a runner statuskit writes for, a storage it knows, and each column bound
//! to a status the schema declares.

use std::collections::HashMap;

use super::outputs::{in_version_control, inside, normalised, unportable};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::{MigrationStyle, Migrations, Schema};
use crate::source::Span;
use crate::suggest;

/// `[migrations]`, when the schema has one.
pub(super) fn migrations(schema: &Schema, out: &mut Diagnostics) {
    let Some(migrations) = &schema.migrations else {
        return;
    };
    if let Some(dir) = dir(migrations, out) {
        overlaps(schema, migrations, &dir, out);
    }
    style(migrations, out);
    storage(migrations, out);
    columns(schema, migrations, out);
}

/// The directory, normalised, or `None` when it breaks a rule (reported): the same rules as
/// an output's path.
fn dir(migrations: &Migrations, out: &mut Diagnostics) -> Option<String> {
    let (path, span) = &migrations.dir;
    if let Some(unportable) = unportable("dir", path, *span) {
        out.push(unportable);
        return None;
    }
    let normal = inside("dir", path, *span, "dir = \"db/migrations\"", out)?;
    if let Some(in_vcs) = in_version_control("dir", path, &normal, *span) {
        out.push(in_vcs);
        return None;
    }
    Some(normal)
}

/// No `[[generate]]` output inside the history's directory (a runner applies each file
/// there once and refuses one rewritten), and the directory inside no output.
fn overlaps(schema: &Schema, migrations: &Migrations, dir: &str, out: &mut Diagnostics) {
    let dir_key = dir.to_ascii_lowercase();
    for output in &schema.outputs {
        let Some(normal) = normalised(&output.out.0) else {
            continue;
        };
        let key = normal.to_ascii_lowercase();
        let output_inside = key == dir_key || key.starts_with(&format!("{dir_key}/"));
        let dir_inside = dir_key.starts_with(&format!("{key}/"));
        if output_inside {
            out.push(
                Diagnostic::new(
                    Code::OutputOverlap,
                    output.out.1,
                    format!(
                        "`{}` lies inside the migration history `{}`",
                        output.out.0, migrations.dir.0
                    ),
                )
                .label("`statuskit gen` would rewrite this file on every change")
                .secondary(migrations.dir.1, "the history's directory")
                .help("write the next migration with `statuskit migrate new NAME`, and write this output elsewhere (or remove the entry)")
                .note("a migration runner applies each file once, and refuses (or never runs) one that changed since"),
            );
        } else if dir_inside {
            out.push(
                Diagnostic::new(
                    Code::OutputOverlap,
                    migrations.dir.1,
                    format!(
                        "the migration history `{}` lies inside `{}`, which a `[[generate]]` entry writes",
                        migrations.dir.0, output.out.0
                    ),
                )
                .label("inside another entry's output")
                .secondary(output.out.1, "written here")
                .help("give the history a directory of its own"),
            );
        }
    }
}

fn style(migrations: &Migrations, out: &mut Diagnostics) {
    let (name, span) = &migrations.style;
    if MigrationStyle::from_name(name).is_some() {
        return;
    }
    let names = MigrationStyle::ALL.iter().map(|s| s.name());
    out.push(
        Diagnostic::new(
            Code::UnknownMigrationStyle,
            *span,
            format!("no migration style `{name}`"),
        )
        .label("not a runner statuskit writes files for")
        .maybe_help(suggest::did_you_mean(name, names.clone()))
        .note(format!(
            "the styles are {}; `plain` writes numbered files to apply in order with psql",
            suggest::list(names, 8)
        )),
    );
}

fn storage(migrations: &Migrations, out: &mut Diagnostics) {
    let Some((name, span)) = &migrations.storage else {
        return;
    };
    if name == "enum" || name == "text" {
        return;
    }
    out.push(
        Diagnostic::new(
            Code::UnknownStorage,
            *span,
            format!("no storage `{name}`"),
        )
        .label("expected `enum` or `text`")
        .maybe_help(suggest::did_you_mean(name, ["enum", "text"]))
        .note("`enum` stores each status as a PostgreSQL enum type; `text` as text with a CHECK constraint"),
    );
}

/// Each `"table.column" = "Status"`: a column (of a table, possibly `schema.table`) bound to
/// a declared status, with a trigger function name of its own (TOML keys are unique, so no
/// column is bound twice).
fn columns(schema: &Schema, migrations: &Migrations, out: &mut Diagnostics) {
    // The trigger function each binding derives (`orders_status_transition`), as `gen sql`
    // names it: `a.b_c` and `a_b.c` would share one.
    let mut functions: HashMap<String, (&str, Span)> = HashMap::new();
    let mut by_name: HashMap<(&str, &str), (&str, Span, bool)> = HashMap::new();
    for ((place, place_span), (status, status_span)) in &migrations.columns {
        if let Some(problem) = column_problem(place) {
            out.push(
                Diagnostic::new(
                    Code::InvalidColumn,
                    *place_span,
                    format!("`{place}` is not a column"),
                )
                .label(problem)
                .help("name the table (optionally `schema.table`) and the column: `\"orders.status\" = \"OrderStatus\"`"),
            );
            continue;
        }
        if schema.status(status).is_none() {
            out.push(
                Diagnostic::new(
                    Code::UnknownStatus,
                    *status_span,
                    format!("`[migrations]` names no status `{status}`"),
                )
                .label("not declared in this schema")
                .maybe_help(suggest::did_you_mean(
                    status,
                    schema.statuses.iter().map(|s| s.name.as_str()),
                )),
            );
        }
        let (table, column) = place.rsplit_once('.').unwrap_or_default();
        // `jobs.state` and `public.jobs.state` may be one column, bound twice.
        let unqualified = (table.rsplit('.').next().unwrap_or(table), column);
        let qualified = table.contains('.');
        if let Some((other, first)) = by_name
            .get(&unqualified)
            .filter(|(_, _, q)| *q != qualified)
            .map(|(o, s, _)| (*o, *s))
        {
            out.push(
                Diagnostic::new(
                    Code::ColumnNameCollision,
                    *place_span,
                    format!("`{place}` and `{other}` may be one column"),
                )
                .label("bound here")
                .secondary(first, "and here")
                .help("write each column once, with its schema or without, as the database's search_path finds it"),
            );
        }
        by_name
            .entry(unqualified)
            .or_insert((place, *place_span, qualified));
        let function =
            crate::naming::sql_name(&format!("{}_{column}_transition", table.replace('.', "_")));
        if let Some((other, first)) = functions.insert(function.clone(), (place, *place_span)) {
            out.push(
                Diagnostic::new(
                    Code::ColumnNameCollision,
                    *place_span,
                    format!("`{place}` and `{other}` would share the trigger function `{function}`"),
                )
                .label(format!("guarded by `{function}`"))
                .secondary(first, format!("also guarded by `{function}`: `.` becomes `_` in the name"))
                .help("rename one of the tables: PostgreSQL would replace one trigger function with the other"),
            );
        }
    }
}

/// Why `place` is not `table.column` (each part present, no control or bidirectional
/// character), or `None`.
fn column_problem(place: &str) -> Option<&'static str> {
    let Some((table, column)) = place.rsplit_once('.') else {
        return Some("expected `table.column`");
    };
    if column.is_empty() || table.split('.').any(str::is_empty) {
        return Some("a part is empty");
    }
    let hidden = place.chars().any(|c| {
        c.is_control() || crate::text::is_bidi_control(c) || crate::text::is_line_terminator(c)
    });
    if hidden {
        return Some("holds a control or bidirectional character");
    }
    // PostgreSQL cuts a longer name short, so two bindings could name one column unseen.
    let too_long = table.split('.').chain([column]).any(|part| part.len() > 63);
    too_long.then_some("a name is longer than PostgreSQL's 63 bytes")
}
