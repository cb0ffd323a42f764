//! `statuskit gen [FILE]` with no target: every `[[generate]]` output of the schema, written
//! (only files whose bytes change) or, with `--check`, compared and reported.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use status_schema::Schema;
use status_schema::diagnostic::render;
use status_schema::model::Output;
use status_schema::targets::{self, Options, Storage, Target};

use crate::GenArgs;
use crate::confine::{Place, Root, Staged};
use crate::load::{IO_ERROR, SCHEMA_ERRORS, load};

/// Lines of a stale file's diff shown before it is cut short.
const DIFF_LINES: usize = 60;

pub(crate) fn run(args: &GenArgs, schema_file: &Path) -> ExitCode {
    if schema_file == Path::new("-") {
        crate::report_error(
            "`[[generate]]` paths are relative to the schema file: name it, not `-`",
        );
        return ExitCode::from(IO_ERROR);
    }
    if args.output.is_some()
        || !args.statuses.is_empty()
        || !args.columns.is_empty()
        || args.text
        || args.since.is_some()
        || args.rustfmt
        || args.zod
        || args.sqlalchemy
    {
        crate::report_error(
            "with no target, the options come from each `[[generate]]` entry: name a target to use -o, --status, --column, --text, --since, --zod, --sqlalchemy or --rustfmt",
        );
        return ExitCode::from(IO_ERROR);
    }
    let Some((file, analysis)) = load(schema_file) else {
        return ExitCode::from(IO_ERROR);
    };
    let diagnostics = render::to_string(&file, analysis.diagnostics.as_slice());
    if !diagnostics.is_empty() {
        eprint!("{diagnostics}");
    }
    let Some(schema) = analysis.schema else {
        return ExitCode::from(SCHEMA_ERRORS);
    };
    if schema.outputs().is_empty() {
        crate::report_error(format!(
            "`{}` has no `[[generate]]` entries: name a target (`statuskit gen typescript`), or add entries such as\n\n[[generate]]\ntarget = \"typescript\"\nout = \"generated/statuses.ts\"",
            schema_file.display()
        ));
        return ExitCode::from(IO_ERROR);
    }
    // Relative to the schema's directory (the schema beside us: as written).
    let base = schema_file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new(""));
    let schema_name = schema_file.file_name().map_or_else(
        || file.name().to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let root = match Root::of(schema_file) {
        Ok(root) => root,
        Err(message) => {
            crate::report_error(message);
            return ExitCode::from(IO_ERROR);
        }
    };
    // Everything is rendered before anything is looked at on disk, and every place is
    // checked before anything is written.
    let plan = match render_all(&schema, &schema_name) {
        Ok(plan) => plan,
        Err(message) => {
            crate::report_error(message);
            return ExitCode::from(IO_ERROR);
        }
    };
    let mut places = Vec::new();
    let mut refused = Vec::new();
    for (relative, text) in plan.files {
        match root.place(&relative, base.join(&relative)) {
            Ok(place) => places.push((place, text)),
            Err(why) => refused.push(why),
        }
    }
    let orphans: Vec<Place> = plan
        .directories
        .iter()
        .flat_map(|(relative, keep)| {
            root.orphans(relative, &base.join(relative), &schema_name, keep)
        })
        .collect();
    if args.check {
        // What to run to bring them up to date: the schema named unless it is the default.
        let command = if schema_file == Path::new("statuses.toml") {
            "statuskit gen".to_owned()
        } else {
            format!("statuskit gen {}", shown(schema_file))
        };
        check(&places, &refused, &orphans, &command)
    } else if refused.is_empty() {
        write(&places, &orphans)
    } else {
        for why in &refused {
            crate::report_error(why);
        }
        crate::report_error(format!(
            "nothing was written: {} of {} outputs cannot be written where `[[generate]]` puts them",
            refused.len(),
            refused.len() + places.len()
        ));
        ExitCode::from(IO_ERROR)
    }
}

/// What a run generates: each file relative to the schema's directory, and each directory
/// an entry owns with the names it writes there.
#[derive(Default)]
struct Plan {
    files: Vec<(PathBuf, String)>,
    directories: Vec<(PathBuf, Vec<OsString>)>,
}

/// Every `[[generate]]` output rendered, or why one cannot be.
fn render_all(schema: &Schema, schema_name: &str) -> Result<Plan, String> {
    let mut plan = Plan::default();
    for output in schema.outputs() {
        let files = generate(schema, schema_name, output).map_err(|message| {
            format!(
                "[[generate]] {} → {}: {message}",
                output.target(),
                output.out()
            )
        })?;
        if output.writes_directory(schema) {
            let keep = files
                .iter()
                .filter_map(|(path, _)| path.file_name().map(ToOwned::to_owned))
                .collect();
            plan.directories.push((PathBuf::from(output.out()), keep));
        }
        plan.files.extend(files);
    }
    Ok(plan)
}

/// One output's files, relative to the schema's directory: one, or a `Name.mmd` per status
/// for Mermaid into a directory.
fn generate(
    schema: &Schema,
    schema_name: &str,
    output: &Output,
) -> Result<Vec<(PathBuf, String)>, String> {
    let target = Target::from_name(output.target()).ok_or("not a target")?;
    let statuses: Vec<&str> = output.statuses().collect();
    let selected;
    let chosen = if statuses.is_empty() {
        schema
    } else {
        selected = schema.select(&statuses).map_err(|e| e.to_string())?;
        &selected
    };
    let out = output.out();
    if output.writes_directory(schema) {
        return Ok(targets::mermaid_files(chosen, schema_name)
            .into_iter()
            .map(|(name, text)| (Path::new(out).join(name), text))
            .collect());
    }
    let schema = chosen;
    let mut options = Options::default();
    if output.text() {
        options.sql.storage = Storage::Text;
    }
    options.typescript.zod = output.zod();
    options.python.sqlalchemy = output.sqlalchemy();
    for binding in output.columns() {
        options.sql.columns.push(
            binding
                .parse()
                .map_err(|e: targets::GenerateError| e.to_string())?,
        );
    }
    let text = target
        .generate(schema, schema_name, &options)
        .map_err(|e| e.to_string())?;
    Ok(vec![(PathBuf::from(out), text)])
}

/// A path on one line of the report, unable to drive the terminal or forge a line.
fn shown(path: &Path) -> String {
    render::one_line_safe(&path.display().to_string())
}

/// Writes every output whose bytes change, all or nothing: each to a temporary file beside
/// it, and only once all are written, each renamed into place. Then removes the orphaned
/// diagrams. One line per file.
fn write(places: &[(Place, String)], orphans: &[Place]) -> ExitCode {
    // A line per output, in the order of `[[generate]]`.
    let mut lines: Vec<String> = Vec::with_capacity(places.len() + orphans.len());
    let mut changed = Vec::new();
    for (place, text) in places {
        if place.current() == Some(text.as_bytes()) {
            lines.push(format!("unchanged {}", shown(&place.shown)));
        } else {
            changed.push((lines.len(), place, text));
            lines.push(format!("wrote {}", shown(&place.shown)));
        }
    }
    let mut created = Vec::new();
    let mut staged = Vec::new();
    for (_, place, text) in &changed {
        match place.stage(text.as_bytes(), &mut created) {
            Ok(file) => staged.push(file),
            Err(error) => {
                staged.into_iter().for_each(Staged::discard);
                for dir in created.iter().rev() {
                    let _ = std::fs::remove_dir(dir);
                }
                crate::report_error(format!(
                    "cannot write `{}`: {error}; nothing was written, every output is as it was",
                    place.shown.display()
                ));
                return ExitCode::from(IO_ERROR);
            }
        }
    }
    let mut replaced = Vec::new();
    let mut staged = staged.into_iter();
    for (_, place, _) in &changed {
        let Some(file) = staged.next() else { break };
        if let Err(error) = file.commit() {
            staged.for_each(Staged::discard);
            let done = if replaced.is_empty() {
                "no output was replaced".to_owned()
            } else {
                format!("replaced before it: {}", replaced.join(", "))
            };
            crate::report_error(format!(
                "cannot put `{}` in place: {error}; {done}; the others are as they were",
                place.shown.display()
            ));
            return ExitCode::from(IO_ERROR);
        }
        replaced.push(shown(&place.shown));
    }
    for orphan in orphans {
        if let Err(error) = orphan.remove() {
            crate::report_error(format!(
                "cannot remove `{}`, whose status is gone: {error}",
                orphan.shown.display()
            ));
            return ExitCode::from(IO_ERROR);
        }
        lines.push(format!("removed {}", shown(&orphan.shown)));
    }
    let mut out = lines.join("\n");
    out.push('\n');
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    ExitCode::SUCCESS
}

/// Writes nothing: each file missing, stale, refused or orphaned is reported; a stale file
/// of statuskit's with a unified diff of what `statuskit gen` would change (cut short past
/// [`DIFF_LINES`]), anything else without a byte of its content.
fn check(
    places: &[(Place, String)],
    refused: &[String],
    orphans: &[Place],
    command: &str,
) -> ExitCode {
    let mut stale = 0;
    let mut out = String::new();
    for why in refused {
        stale += 1;
        let _ = writeln!(out, "refused {}", render::one_line_safe(why));
    }
    for (place, text) in places {
        let old = match place.current() {
            None => {
                stale += 1;
                let _ = writeln!(out, "missing {}", shown(&place.shown));
                continue;
            }
            Some(old) if old == text.as_bytes() => continue,
            Some(old) => old,
        };
        stale += 1;
        let _ = writeln!(out, "stale {}", shown(&place.shown));
        let old = String::from_utf8_lossy(old);
        let name = place.shown.display().to_string();
        let diff = similar::TextDiff::from_lines(old.as_ref(), text.as_str())
            .unified_diff()
            .context_radius(2)
            .header(&name, &format!("{name} (as statuskit gen writes it)"))
            .to_string();
        let lines: Vec<&str> = diff.lines().collect();
        for line in lines.iter().take(DIFF_LINES) {
            out.push_str(&render::one_line_safe(line));
            out.push('\n');
        }
        if lines.len() > DIFF_LINES {
            let _ = writeln!(out, "… {} more lines of diff", lines.len() - DIFF_LINES);
        }
    }
    for orphan in orphans {
        stale += 1;
        let _ = writeln!(
            out,
            "orphaned {}: written for a status the schema no longer has (`statuskit gen` removes it)",
            shown(&orphan.shown)
        );
    }
    let total = places.len() + refused.len() + orphans.len();
    let summary = if stale == 0 {
        format!("all {total} generated files are up to date\n")
    } else if refused.is_empty() {
        format!(
            "{stale} of {total} generated files are missing, stale or orphaned: run `{command}`\n"
        )
    } else {
        format!(
            "{stale} of {total} generated files are missing, stale, orphaned or refused: `{command}` writes none while one is refused; remove or move what stands in the way of each\n"
        )
    };
    out.push_str(&summary);
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    if stale == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(SCHEMA_ERRORS)
    }
}
