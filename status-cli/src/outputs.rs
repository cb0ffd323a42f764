//! `statuskit gen [FILE]` with no target: every `[[generate]]` output of the schema, written
//! (only files whose bytes change) or, with `--check`, compared and reported.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use status_schema::Schema;
use status_schema::diagnostic::render;
use status_schema::model::Output;
use status_schema::targets::{self, Options, Storage, Target};

use crate::GenArgs;
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
    let mut files = Vec::new();
    for output in schema.outputs() {
        match generate(&schema, &schema_name, output) {
            Ok(generated) => files.extend(
                generated
                    .into_iter()
                    .map(|(path, text)| (base.join(path), text)),
            ),
            Err(message) => {
                crate::report_error(format!(
                    "[[generate]] {} → {}: {message}",
                    output.target(),
                    output.out()
                ));
                return ExitCode::from(IO_ERROR);
            }
        }
    }
    if args.check {
        check(&files)
    } else {
        write(&files)
    }
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
    let schema = if statuses.is_empty() {
        schema
    } else {
        selected = schema.select(&statuses).map_err(|e| e.to_string())?;
        &selected
    };
    let out = output.out();
    if target == Target::Mermaid && (out.ends_with('/') || schema.statuses().len() > 1) {
        return Ok(targets::mermaid_files(schema, schema_name)
            .into_iter()
            .map(|(name, text)| (Path::new(out).join(name), text))
            .collect());
    }
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

fn shown(path: &Path) -> String {
    render::terminal_safe(&path.display().to_string())
}

/// Writes each file whose bytes change; one line per file.
fn write(files: &[(PathBuf, String)]) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    for (path, text) in files {
        if std::fs::read(path).is_ok_and(|old| old == text.as_bytes()) {
            let _ = writeln!(stdout, "unchanged {}", shown(path));
            continue;
        }
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(path, text));
        if let Err(error) = written {
            crate::report_error(format!("cannot write `{}`: {error}", path.display()));
            return ExitCode::from(IO_ERROR);
        }
        let _ = writeln!(stdout, "wrote {}", shown(path));
    }
    ExitCode::SUCCESS
}

/// Writes nothing: each file missing or stale is reported, with a unified diff of what
/// `statuskit gen` would change (cut short past [`DIFF_LINES`]).
fn check(files: &[(PathBuf, String)]) -> ExitCode {
    let mut stale = 0;
    let mut out = String::new();
    for (path, text) in files {
        match std::fs::read(path) {
            Err(_) => {
                stale += 1;
                let _ = writeln!(out, "missing {}", shown(path));
            }
            Ok(old) if old == text.as_bytes() => {}
            Ok(old) => {
                stale += 1;
                let old = String::from_utf8_lossy(&old);
                let name = path.display().to_string();
                let diff = similar::TextDiff::from_lines(old.as_ref(), text.as_str())
                    .unified_diff()
                    .context_radius(2)
                    .header(&name, &format!("{name} (as statuskit gen writes it)"))
                    .to_string();
                let _ = writeln!(out, "stale {}", shown(path));
                let lines: Vec<&str> = diff.lines().collect();
                for line in lines.iter().take(DIFF_LINES) {
                    out.push_str(&render::terminal_safe(line));
                    out.push('\n');
                }
                if lines.len() > DIFF_LINES {
                    let _ = writeln!(out, "… {} more lines of diff", lines.len() - DIFF_LINES);
                }
            }
        }
    }
    let summary = if stale == 0 {
        format!("all {} generated files are up to date\n", files.len())
    } else {
        format!(
            "{stale} of {} generated files are missing or stale: run `statuskit gen`\n",
            files.len()
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
