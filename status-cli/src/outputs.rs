//! `statuskit gen [FILE]` with no target: every `[[generate]]` output of the schema, written
//! (only files whose bytes change) or, with `--check`, compared and reported.

use std::collections::HashMap;
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
use crate::confine::{Place, Root, SetAside, Staged};
use crate::load::{IO_ERROR, SCHEMA_ERRORS, checked};

/// Lines of a stale file's diff shown before it is cut short.
const DIFF_LINES: usize = 60;

/// The largest file (on disk, or as generated) whose diff is shown; a larger stale file is
/// named with its sizes.
const DIFF_BYTES: usize = 1024 * 1024;

/// How long the diff of one stale file may take before it settles for a coarser one.
const DIFF_TIME: std::time::Duration = std::time::Duration::from_millis(500);

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
        || args.zod.is_some()
        || args.sqlalchemy
    {
        crate::report_error(
            "with no target, the options come from each `[[generate]]` entry: name a target to use -o, --status, --column, --text, --since, --zod, --sqlalchemy or --rustfmt",
        );
        return ExitCode::from(IO_ERROR);
    }
    let (file, schema) = match checked(schema_file) {
        Ok(checked) => checked,
        Err(code) => return code,
    };
    if schema.outputs().is_empty() && schema.migrations().is_none() {
        crate::report_error(format!(
            "`{}` has no `[[generate]]` entries: name a target (`statuskit gen typescript`), or add entries such as",
            schema_file.display()
        ));
        let _ = writeln!(
            std::io::stderr(),
            "\n[[generate]]\ntarget = \"typescript\"\nout = \"generated/statuses.ts\""
        );
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
    let (places, refused, orphans) = lay_out(&root, base, &schema_name, plan);
    // The migration history is no output: `gen` never writes it, and reports where it
    // stands (the schema moved past it, a file edited) as `gen --check` fails on it.
    let history = history_problems(&schema, &root, base, schema_file);
    if args.check {
        // What to run to bring them up to date: the schema named unless it is the default.
        let command = if schema_file == Path::new("statuses.toml") {
            "statuskit gen".to_owned()
        } else {
            format!("statuskit gen {}", shown(schema_file))
        };
        check(&places, &refused, &orphans, &history, &command)
    } else if refused.is_empty() {
        for problem in &history {
            let _ = writeln!(
                std::io::stderr(),
                "warning: {}",
                render::one_line_safe(problem)
            );
        }
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

/// Where the migration history of `[migrations]` falls short of the schema, one sentence
/// each (nothing without `[migrations]`).
fn history_problems(schema: &Schema, root: &Root, base: &Path, schema_file: &Path) -> Vec<String> {
    let Some(migrations) = schema.migrations() else {
        return Vec::new();
    };
    // `statuskit migrate new NAME [FILE]`: the schema named unless it is the default.
    let command = if schema_file == Path::new("statuses.toml") {
        "statuskit migrate new NAME".to_owned()
    } else {
        format!("statuskit migrate new NAME {}", shown(schema_file))
    };
    match crate::history::read(root, base, migrations) {
        Ok(history) => history.problems(schema, &command),
        Err(why) => vec![why],
    }
}

/// What a run generates: each file relative to the schema's directory with the entry that
/// writes it, and each directory an entry owns with the names it writes there.
#[derive(Default)]
struct Plan {
    files: Vec<(usize, PathBuf, String)>,
    directories: Vec<(usize, PathBuf, Vec<OsString>)>,
}

/// Every `[[generate]]` output rendered, or why one cannot be.
fn render_all(schema: &Schema, schema_name: &str) -> Result<Plan, String> {
    let mut plan = Plan::default();
    for (entry, output) in schema.outputs().iter().enumerate() {
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
            plan.directories
                .push((entry, PathBuf::from(output.out()), keep));
        }
        plan.files
            .extend(files.into_iter().map(|(path, text)| (entry, path, text)));
    }
    Ok(plan)
}

/// Each planned file's place on disk, or why it is refused; and the orphaned diagrams of
/// each directory output. Links inside the tree can make two entries' paths meet where
/// `check` saw them apart (E061, E066 compare the paths as written): one file reached twice,
/// or a file landing in a directory another entry owns, is refused too.
fn lay_out(
    root: &Root,
    base: &Path,
    schema_name: &str,
    plan: Plan,
) -> (Vec<(Place, String)>, Vec<String>, Vec<Place>) {
    let mut places: Vec<(Place, String)> = Vec::new();
    let mut refused = Vec::new();
    let directories: HashMap<PathBuf, (usize, PathBuf)> = plan
        .directories
        .iter()
        .filter_map(|(entry, relative, _)| {
            let real = root.real_directory(relative)?;
            Some((real, (*entry, base.join(relative))))
        })
        .collect();
    let mut seen: HashMap<PathBuf, PathBuf> = HashMap::new();
    for (entry, relative, text) in plan.files {
        let place = match root.place(&relative, base.join(&relative)) {
            Ok(place) => place,
            Err(why) => {
                refused.push(why);
                continue;
            }
        };
        let real = place.real();
        let elsewhere = real
            .parent()
            .and_then(|dir| directories.get(dir))
            .filter(|(owner, _)| *owner != entry);
        if let Some((_, directory)) = elsewhere {
            refused.push(format!(
                "`{}` lands in `{}`, which another entry owns (through a symbolic link)",
                place.shown.display(),
                directory.display()
            ));
        } else if let Some(first) = seen.get(&real) {
            refused.push(format!(
                "`{}` is `{}` again (through a symbolic link): one file, written by two entries",
                place.shown.display(),
                first.display()
            ));
        } else {
            seen.insert(real, place.shown.clone());
            places.push((place, text));
        }
    }
    let orphans = plan
        .directories
        .iter()
        .flat_map(|(_, relative, keep)| {
            root.orphans(relative, &base.join(relative), schema_name, keep)
        })
        .collect();
    (places, refused, orphans)
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
                abandon(staged, &created);
                crate::report_error(format!(
                    "cannot write `{}`: {error}; nothing was written, every output is as it was",
                    place.shown.display()
                ));
                return ExitCode::from(IO_ERROR);
            }
        }
    }
    // Orphaned diagrams moved aside first: a directory that cannot be changed stops the run
    // while every output is still as it was.
    let mut aside = Vec::new();
    for orphan in orphans {
        match orphan.set_aside() {
            Ok(file) => aside.push(file),
            Err(error) => {
                abandon(staged, &created);
                aside.into_iter().for_each(SetAside::restore);
                crate::report_error(format!(
                    "cannot remove `{}`, whose status is gone: {error}; nothing was written, every output is as it was",
                    orphan.shown.display()
                ));
                return ExitCode::from(IO_ERROR);
            }
        }
        lines.push(format!("removed {}", shown(&orphan.shown)));
    }
    let mut replaced = Vec::new();
    let mut staged = staged.into_iter();
    for (_, place, _) in &changed {
        let Some(file) = staged.next() else { break };
        if let Err(error) = file.commit() {
            staged.for_each(Staged::discard);
            aside.into_iter().for_each(SetAside::restore);
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
    for file in aside {
        // Every output is in place: a diagram left aside is a stray dot-file, not a failure.
        let _ = file.remove();
    }
    let mut out = lines.join("\n");
    out.push('\n');
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    ExitCode::SUCCESS
}

/// Undoes what staging did: the temporary files removed, then the directories made for
/// them (the innermost first; one that holds anything else stays).
fn abandon(staged: Vec<Staged>, created: &[PathBuf]) {
    staged.into_iter().for_each(Staged::discard);
    for dir in created.iter().rev() {
        let _ = std::fs::remove_dir(dir);
    }
}

/// A unified diff from `old` to `new` of the file `name` (already made inert), each line
/// through the terminal-safe writer, cut short past [`DIFF_LINES`]; `new` is labelled
/// `name (label)`.
pub(crate) fn unified_diff(name: &str, old: &str, new: &str, label: &str) -> String {
    // A line diff costs more than linear time at worst: past the deadline, similar
    // settles for a coarser diff instead of taking minutes.
    let diff = similar::TextDiff::configure()
        .timeout(DIFF_TIME)
        .diff_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(name, &format!("{name} ({label})"))
        .to_string();
    let mut out = String::new();
    let lines: Vec<&str> = diff.lines().collect();
    for line in lines.iter().take(DIFF_LINES) {
        out.push_str(&render::one_line_safe(line));
        out.push('\n');
    }
    if lines.len() > DIFF_LINES {
        let _ = writeln!(out, "… {} more lines of diff", lines.len() - DIFF_LINES);
    }
    out
}

/// Writes nothing: each file missing, stale, refused or orphaned is reported; a stale file
/// of statuskit's with a unified diff of what `statuskit gen` would change (cut short past
/// [`DIFF_LINES`]), anything else without a byte of its content.
fn check(
    places: &[(Place, String)],
    refused: &[String],
    orphans: &[Place],
    history: &[String],
    command: &str,
) -> ExitCode {
    let mut stale = 0;
    let mut out = String::new();
    for problem in history {
        let _ = writeln!(out, "migrations: {}", render::one_line_safe(problem));
    }
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
        if old.len().max(text.len()) > DIFF_BYTES {
            let _ = writeln!(
                out,
                "… {} bytes on disk, {} as statuskit gen writes it: too large to show a diff",
                old.len(),
                text.len()
            );
            continue;
        }
        let old = String::from_utf8_lossy(old);
        // The name inside the header inert, before the diff is cut into lines.
        let name = shown(&place.shown);
        out.push_str(&unified_diff(
            &name,
            &old,
            text,
            "as statuskit gen writes it",
        ));
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
    let summary = if total == 0 {
        // A schema with a history and no `[[generate]]` outputs.
        if history.is_empty() {
            "the migration history is up to date\n".to_owned()
        } else {
            String::new()
        }
    } else if stale == 0 && history.is_empty() {
        format!("all {total} generated files are up to date\n")
    } else if stale == 0 {
        // The files are fine; the history is what fails (its lines above say how).
        format!("all {total} generated files are up to date, but the migration history is not\n")
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
    if stale == 0 && history.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(SCHEMA_ERRORS)
    }
}
