//! `statuskit migrate new NAME [FILE]`: the next migration of the schema's history, written
//! as new files beside the ones before it; no existing file is ever changed.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use status_schema::diagnostic::render;
use status_schema::model::MigrationStyle;
use status_schema::targets::history;

use crate::MigrateNewArgs;
use crate::confine::Root;
use crate::load::{IO_ERROR, SCHEMA_ERRORS, checked};

pub(crate) fn new(args: &MigrateNewArgs) -> ExitCode {
    if !history::valid_name(&args.name) {
        crate::report_error(format!(
            "`{}` cannot name a migration: use ASCII letters, digits, `_` and `-`, starting with a letter, at most 64 characters (it becomes part of the file name)",
            args.name
        ));
        return ExitCode::from(IO_ERROR);
    }
    let schema_file = &args.file;
    if schema_file == Path::new("-") {
        crate::report_error(
            "the migration history is relative to the schema file: name it, not `-`",
        );
        return ExitCode::from(IO_ERROR);
    }
    let (file, schema) = match checked(schema_file) {
        Ok(checked) => checked,
        Err(code) => return code,
    };
    let Some(migrations) = schema.migrations() else {
        crate::report_error(format!(
            "`{}` has no `[migrations]`: say where the history goes and which runner applies it, such as",
            schema_file.display()
        ));
        let _ = writeln!(
            std::io::stderr(),
            "\n[migrations]\ndir = \"db/migrations\"\nstyle = \"sqlx\"\ncolumns = {{ \"orders.status\" = \"OrderStatus\" }}"
        );
        return ExitCode::from(IO_ERROR);
    };
    let root = match Root::of(schema_file) {
        Ok(root) => root,
        Err(message) => {
            crate::report_error(message);
            return ExitCode::from(IO_ERROR);
        }
    };
    let base = schema_file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new(""));
    let found = match crate::history::read(&root, base, migrations) {
        Ok(found) => found,
        Err(message) => {
            crate::report_error(message);
            return ExitCode::from(IO_ERROR);
        }
    };
    let shown = found.shown.display().to_string();
    let step = match next_step(&schema, &found, &shown) {
        Ok(step) => step,
        Err(code) => return code,
    };
    let versions = history::next_versions(
        migrations.style(),
        &found.versions,
        &history::timestamp(now()),
        step.len(),
    );
    if let Err(why) = version_fits(migrations.style(), &versions, &found) {
        crate::report_error(format!("no migration was written: {why}"));
        return ExitCode::from(SCHEMA_ERRORS);
    }
    let schema_name = schema_file.file_name().map_or_else(
        || file.name().to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let files = match step.files(&schema_name, &versions, &args.name) {
        Ok(files) => files,
        Err(error) => {
            crate::report_error(format!("no migration was written: {error}"));
            return ExitCode::from(SCHEMA_ERRORS);
        }
    };
    if let Err(why) = sorts_last(migrations.style(), &files, &found) {
        crate::report_error(format!("no migration was written: {why}"));
        return ExitCode::from(SCHEMA_ERRORS);
    }
    let bytes: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|f| (f.name.clone(), f.text.clone().into_bytes()))
        .collect();
    if let Err(why) = root.create_new(Path::new(migrations.dir()), &bytes) {
        crate::report_error(format!("no migration was written to `{shown}`: {why}"));
        return ExitCode::from(IO_ERROR);
    }
    let mut stdout = std::io::stdout().lock();
    for file in &files {
        let _ = writeln!(
            stdout,
            "{}",
            render::one_line_safe(&format!("wrote {shown}/{}", file.name))
        );
    }
    ExitCode::SUCCESS
}

/// The step from where the history `found` stands to `schema`, or the exit code after
/// saying why there is none (nothing changed: success).
fn next_step(
    schema: &status_schema::Schema,
    found: &crate::history::History,
    shown: &str,
) -> Result<history::Step, ExitCode> {
    let head = match found.head() {
        Ok(head) => head,
        Err(problems) => {
            for problem in problems {
                crate::report_error(format!("migration history `{shown}`: {problem}"));
            }
            crate::report_error("no migration was written: the history must be whole first");
            return Err(ExitCode::from(SCHEMA_ERRORS));
        }
    };
    let before = history::recorded(&head).map_err(|why| {
        crate::report_error(format!("migration history `{shown}`: {why}"));
        ExitCode::from(SCHEMA_ERRORS)
    })?;
    match history::next_step(schema, &head, before.as_ref()) {
        Ok(Some(step)) => {
            if let Some(before) = &before {
                warn_about_stored_values(before, schema);
            }
            Ok(step)
        }
        Ok(None) => {
            let since = head.file.as_deref().unwrap_or_default();
            let _ = writeln!(
                std::io::stderr(),
                "{}",
                render::one_line_safe(&format!(
                    "nothing to migrate: once `{shown}/{since}` ran, the database is what the schema asks for; no file written"
                ))
            );
            Err(ExitCode::SUCCESS)
        }
        Err(error) => {
            crate::report_error(format!("no migration was written: {error}"));
            Err(ExitCode::from(SCHEMA_ERRORS))
        }
    }
}

/// What the step does to stored values, as `statuskit diff` says it (its `wire` rules):
/// printed before the files are written, since the database will stop at a value the new
/// schema does not read, after the step's first file may have committed. Messages only: the
/// recorded model's lines are not quoted.
fn warn_about_stored_values(before: &status_schema::Schema, schema: &status_schema::Schema) {
    use status_schema::diff::{self, Category, Policy};
    let mut stderr = std::io::stderr().lock();
    for change in diff::diff(before, schema, &Policy::default()) {
        if change.category != Category::Wire {
            continue;
        }
        let diagnostic = &change.diagnostic;
        let _ = writeln!(
            stderr,
            "warning[{}]: {}",
            diagnostic.code,
            render::one_line_safe(&diagnostic.message)
        );
        if let Some(help) = &diagnostic.help {
            let _ = writeln!(stderr, "  = help: {}", render::one_line_safe(help));
        }
    }
}

/// Whether the runner reads every version of the step: sqlx parses an `i64`,
/// golang-migrate a `u64`, and skips a file past it.
fn version_fits(
    style: MigrationStyle,
    versions: &[String],
    found: &crate::history::History,
) -> Result<(), String> {
    let limit = history::max_version(style);
    let past = versions
        .iter()
        .any(|v| v.parse::<u128>().map_or(true, |v| v > limit));
    if past {
        return Err(format!(
            "the next version after those in `{}` is past the largest its runner reads ({limit}), so the runner would skip it",
            found.shown.display()
        ));
    }
    Ok(())
}

/// Whether the step's first file sorts after every migration there, for the runners that
/// apply files in the order of their names (psql with a glob, dbmate): `10_` sorts before
/// `9_`.
fn sorts_last(
    style: MigrationStyle,
    files: &[history::NewFile],
    found: &crate::history::History,
) -> Result<(), String> {
    let by_name = matches!(style, MigrationStyle::Plain | MigrationStyle::Dbmate);
    if let (true, Some(last), Some(first)) = (by_name, &found.last_name, files.first())
        && first.name.as_str() <= last.as_str()
    {
        return Err(format!(
            "`{}` would sort before `{last}`, and {} applies files in the order of their names; give the files in `{}` numbers of one width (`0009_`), then run this again",
            first.name,
            style.name(),
            found.shown.display()
        ));
    }
    Ok(())
}

/// Seconds since the Unix epoch: `SOURCE_DATE_EPOCH` when set (reproducible runs), else
/// the clock.
fn now() -> u64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        })
}
