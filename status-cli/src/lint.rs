//! `statuskit lint`: the code around a schema, checked against it.
//!
//! The tree is read as `statuskit audit` reads it (as git sees it, with real parsers, no
//! link followed out), and each hand-written definition and transition table is held
//! against the schema (`status_audit::lint`). Exit 0 when nothing is at error level, 1 when
//! something is, 2 when the schema or the tree cannot be read.
//!
//! `--format json` prints a versioned document: `{ "format": "statuskit-lint", "version": 1,
//! "findings": [{ "path", "line", "column", "end_line", "end_column", "rule", "code",
//! "level", "status", "name", "value", "message", "notes", "fix" }] }`. These rules find
//! definitions and tables, which span whole lines: `column` is 1 and `end_column` `null`;
//! `value` and `fix` are `null`.

use std::io::Write;
use std::process::ExitCode;

use serde_json::json;
use status_audit::{LintFinding, Options};
use status_schema::{Severity, diagnostic::render};

use crate::load::{IO_ERROR, SCHEMA_ERRORS};
use crate::{Format, LintArgs};

pub(crate) fn run(args: &LintArgs) -> ExitCode {
    let Ok((_, schema)) = crate::load::checked(&args.schema) else {
        crate::report_error(format!(
            "`{}` has errors, or cannot be read: lint needs a schema that `statuskit check` passes",
            args.schema.display()
        ));
        return ExitCode::from(IO_ERROR);
    };
    // The tree around the schema, unless named.
    let dir = args.dir.clone().unwrap_or_else(|| {
        args.schema
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| ".".into(), ToOwned::to_owned)
    });
    let mut options = Options::default();
    // Every definition: a copy is a copy whatever its name scores.
    options.all = true;
    options.exclude.clone_from(&args.exclude);
    let report = match status_audit::audit(&dir, &options) {
        Ok(report) => report,
        Err(message) => {
            crate::report_error(message);
            return ExitCode::from(IO_ERROR);
        }
    };
    let findings = status_audit::lint(&report, &schema);
    let errors = findings
        .iter()
        .filter(|f| f.level == Severity::Error)
        .count();
    let text = match args.format {
        Format::Human => human(&findings, errors),
        Format::Json => crate::json::printable(&json(&findings).to_string()) + "\n",
    };
    if std::io::stdout().lock().write_all(text.as_bytes()).is_err() {
        return ExitCode::from(IO_ERROR);
    }
    if errors > 0 {
        ExitCode::from(SCHEMA_ERRORS)
    } else {
        ExitCode::SUCCESS
    }
}

fn level(finding: &LintFinding) -> &'static str {
    match finding.level {
        Severity::Error => "error",
        Severity::Warning => "warning",
        _ => "note",
    }
}

/// rustc-style: the finding, where, its evidence; then one summary line.
fn human(findings: &[LintFinding], errors: usize) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for finding in findings {
        let _ = writeln!(
            out,
            "{}[{}]: {}\n  --> {}:{}",
            level(finding),
            finding.code.id(),
            render::one_line_safe(&finding.message),
            render::one_line_safe(&finding.path),
            finding.line
        );
        for note in &finding.notes {
            let _ = writeln!(out, "  = note: {}", render::one_line_safe(note));
        }
        out.push('\n');
    }
    let warnings = findings
        .iter()
        .filter(|f| f.level == Severity::Warning)
        .count();
    let _ = writeln!(
        out,
        "lint: {} ({errors} {}, {warnings} {}, {} {})",
        match findings.len() {
            0 => "no findings".to_owned(),
            1 => "1 finding".to_owned(),
            n => format!("{n} findings"),
        },
        if errors == 1 { "error" } else { "errors" },
        if warnings == 1 { "warning" } else { "warnings" },
        findings.len() - errors - warnings,
        if findings.len() - errors - warnings == 1 {
            "note"
        } else {
            "notes"
        },
    );
    out
}

fn json(findings: &[LintFinding]) -> serde_json::Value {
    let findings: Vec<serde_json::Value> = findings
        .iter()
        .map(|f| {
            json!({
                "path": f.path,
                "line": f.line,
                "column": 1,
                "end_line": f.end_line,
                "end_column": null,
                "rule": f.code.name(),
                "code": f.code.id(),
                "level": level(f),
                "status": f.status,
                "name": f.name,
                "value": null,
                "message": f.message,
                "notes": f.notes,
                "fix": null,
            })
        })
        .collect();
    json!({ "format": "statuskit-lint", "version": 1, "findings": findings })
}
