//! `statuskit check`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use status_schema::diagnostic::render;
use status_schema::{Analysis, Schema, SourceFile};

use crate::{CheckArgs, Format};

use crate::load::{IO_ERROR, SCHEMA_ERRORS, read};

/// Each schema in turn (pre-commit passes every staged one at once); the exit code is the
/// worst: 2 when one could not be read or printed, else 1 when one failed.
pub(crate) fn run(args: &CheckArgs) -> ExitCode {
    if args.files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
        crate::report_error("`-` (standard input) is named twice: it can be read once");
        return ExitCode::from(IO_ERROR);
    }
    let worst = args
        .files
        .iter()
        .map(|path| check_one(args, path))
        .max()
        .unwrap_or(0);
    ExitCode::from(worst)
}

fn check_one(args: &CheckArgs, path: &Path) -> u8 {
    let (file, analysis) = match read(path) {
        Ok(loaded) => loaded,
        Err(message) => {
            // A tool reading `--format json` gets a JSON document whatever happens.
            if matches!(args.format, Format::Json) {
                let document = crate::json::unreadable(&path.display().to_string(), &message);
                let document = crate::json::printable(&document.to_string());
                let _ = writeln!(std::io::stdout().lock(), "{document}");
            }
            crate::report_error(&message);
            return IO_ERROR;
        }
    };
    let failed = analysis.diagnostics.has_errors()
        || (args.deny_warnings && analysis.diagnostics.warning_count() > 0);

    let printed = match args.format {
        Format::Human => print_human(args, &file, &analysis),
        Format::Json => {
            let document =
                crate::json::printable(&crate::json::report(&file, &analysis).to_string());
            writeln!(std::io::stdout().lock(), "{document}")
        }
    };
    if printed.is_err() {
        // stdout closed (a pipe into `head`): nothing more to say, and not a schema error.
        return IO_ERROR;
    }
    if failed { SCHEMA_ERRORS } else { 0 }
}

fn print_human(args: &CheckArgs, file: &SourceFile, analysis: &Analysis) -> std::io::Result<()> {
    let color = crate::colour(args.color);
    let diagnostics = analysis.diagnostics.as_slice();
    let text = if color {
        render::to_ansi_string(file, diagnostics)
    } else {
        render::to_string(file, diagnostics)
    };
    std::io::stderr().lock().write_all(text.as_bytes())?;

    let counts = render::counts(
        analysis.diagnostics.error_count(),
        analysis.diagnostics.warning_count(),
    );
    let mut out = std::io::stdout().lock();
    // The file's name as given: a name holding escape sequences or line feeds is shown inert.
    let name = render::one_line_safe(file.name());
    match &analysis.schema {
        Some(schema) => writeln!(out, "{name}: ok ({counts})\n{}", summary(schema)),
        None => writeln!(out, "{name}: failed ({counts})"),
    }
}

/// What a schema holds, in figures.
pub(crate) struct Figures {
    pub statuses: usize,
    pub states: usize,
    pub transitions: usize,
    pub events: usize,
    pub conversions: usize,
    pub total_conversions: usize,
}

pub(crate) fn figures(schema: &Schema) -> Figures {
    let sum = |f: fn(&status_schema::model::Status) -> usize| schema.statuses().iter().map(f).sum();
    Figures {
        statuses: schema.statuses().len(),
        states: sum(|s| s.states().len()),
        transitions: sum(|s| s.transitions().len()),
        events: sum(|s| s.events().len()),
        conversions: schema.conversions().len(),
        total_conversions: schema.conversions().iter().filter(|c| c.is_total()).count(),
    }
}

fn summary(schema: &Schema) -> String {
    let f = figures(schema);
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "  {}, {}, {}, {}, {} ({} total, {} partial)",
        count(f.statuses, "status", "statuses"),
        count(f.states, "state", "states"),
        count(f.transitions, "transition", "transitions"),
        count(f.events, "event", "events"),
        count(f.conversions, "conversion", "conversions"),
        f.total_conversions,
        f.conversions - f.total_conversions
    )
}
