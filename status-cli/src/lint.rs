//! `statuskit lint`: the code around a schema, checked against it.
//!
//! The tree is read as `statuskit audit` reads it (as git sees it, with real parsers, no
//! link followed out), and each hand-written definition and transition table is held
//! against the schema (`status_audit::lint`). Exit 0 when nothing is at error level, 1 when
//! something is, 2 when the schema or the tree cannot be read.
//!
//! A comment `statuskit: ignore[drifted-copy]` (the rule's name or code, several separated by
//! commas) on a finding's line or the line above it silences it.
//!
//! `--format json` prints a versioned document: `{ "format": "statuskit-lint", "version": 1,
//! "findings": [{ "path", "line", "column", "end_line", "end_column", "rule", "code",
//! "level", "status", "name", "value", "message", "notes", "fix" }], "not_read": [{ "path",
//! "reason" }] }` (files the walk could not read, so not checked). These rules find
//! definitions and tables, which span whole lines: `column` is 1 and `end_column` `null`;
//! `value` and `fix` are `null`. `--format sarif` prints SARIF 2.1.0 (validated by
//! Microsoft's reference validator in the tests), `--format github` one workflow command per
//! finding (`::error file=…,line=…::…`), which GitHub Actions shows on the pull request.

use std::io::Write;
use std::process::ExitCode;

use serde_json::json;
use status_audit::{LintFinding, Options};
use status_schema::{Severity, diagnostic::render};

use crate::LintArgs;
use crate::load::{IO_ERROR, SCHEMA_ERRORS};

/// How `statuskit lint` prints its findings.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum LintFormat {
    /// rustc-style text for people.
    Human,
    /// The versioned JSON document.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: an annotation per finding.
    Github,
}

pub(crate) fn run(args: &LintArgs) -> ExitCode {
    let Ok((_, schema)) = crate::load::checked(&args.schema) else {
        crate::report_error(format!(
            "`{}` has errors, or cannot be read: lint needs a schema that `statuskit check` passes",
            args.schema.display()
        ));
        return ExitCode::from(IO_ERROR);
    };
    let schema_dir = args
        .schema
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| std::path::PathBuf::from("."), ToOwned::to_owned);
    let config = schema.lint();
    // What to read: the directory named, else `[lint] paths` (relative to the schema), else
    // the schema's directory. Findings are named from where the command runs.
    let roots: Vec<(std::path::PathBuf, String)> = match (&args.dir, config) {
        (Some(dir), _) => vec![(dir.clone(), String::new())],
        (None, Some(config)) if config.paths().next().is_some() => {
            // Inside the schema's directory and out of version control's once links are
            // followed, as outputs are: a pull request brings the schema and the tree (a
            // link to `/` would walk the machine). `check` refused what the text says.
            let confined = crate::confine::Root::of(&args.schema).and_then(|root| {
                config
                    .paths()
                    .map(|path| {
                        root.existing_directory(std::path::Path::new(path))
                            .map(|dir| (dir, prefix(path)))
                            .map_err(|why| format!("[lint] path `{path}` {why}"))
                    })
                    .collect::<Result<Vec<_>, String>>()
            });
            match confined {
                Ok(roots) => roots,
                Err(why) => {
                    crate::report_error(why);
                    return ExitCode::from(IO_ERROR);
                }
            }
        }
        (None, _) => vec![(schema_dir, String::new())],
    };
    let mut options = Options::default();
    // Every definition: a copy is a copy whatever its name scores.
    options.all = true;
    options.exclude.clone_from(&args.exclude);
    if let Some(config) = config {
        options.exclude.extend(config.exclude().map(str::to_owned));
    }
    let mut findings: Vec<LintFinding> = Vec::new();
    let mut not_read: Vec<(String, String)> = Vec::new();
    for (root, prefix) in &roots {
        let report = match status_audit::audit(root, &options) {
            Ok(report) => report,
            Err(message) => {
                crate::report_error(message);
                return ExitCode::from(IO_ERROR);
            }
        };
        not_read.extend(
            report
                .errors
                .iter()
                .map(|(path, why)| (format!("{prefix}{path}"), why.clone())),
        );
        let mut sources = Sources::default();
        for mut finding in status_audit::lint(&report, &schema) {
            if sources.suppressed(root, &finding) {
                continue;
            }
            // `[lint] rules`: a rule turned off, or its level changed (a note stays one).
            match config.and_then(|c| c.level(finding.code.name(), finding.code.id())) {
                Some("off") => continue,
                Some("warn") if finding.level == Severity::Error => {
                    finding.level = Severity::Warning;
                }
                Some("error") if finding.level == Severity::Warning => {
                    finding.level = Severity::Error;
                }
                _ => {}
            }
            finding.path.insert_str(0, prefix);
            findings.push(finding);
        }
    }
    let errors = findings
        .iter()
        .filter(|f| f.level == Severity::Error)
        .count();
    let text = match args.format {
        LintFormat::Human => human(&findings, errors, &not_read),
        LintFormat::Json => crate::json::printable(&json(&findings, &not_read).to_string()) + "\n",
        LintFormat::Sarif => crate::json::printable(&sarif(&findings).to_string()) + "\n",
        LintFormat::Github => github(&findings),
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

/// How findings under a `[lint]` path are named: from the schema's directory.
fn prefix(path: &str) -> String {
    let path = path.trim_end_matches('/');
    if path == "." || path.is_empty() {
        String::new()
    } else {
        format!("{path}/")
    }
}

/// The lines of the files findings are in, read once each, for inline suppressions.
#[derive(Default)]
struct Sources {
    lines: std::collections::HashMap<String, Vec<String>>,
}

impl Sources {
    /// Whether a comment on the finding's line or the line above says
    /// `statuskit: ignore[rule]` (the rule's name or code; several separated by commas).
    /// The file is one the walk read: a regular file inside the tree, read again only if it
    /// still is one, and never printed.
    fn suppressed(&mut self, dir: &std::path::Path, finding: &LintFinding) -> bool {
        let lines = self.lines.entry(finding.path.clone()).or_insert_with(|| {
            let path = dir.join(&finding.path);
            let regular = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
            if !regular {
                return Vec::new();
            }
            std::fs::read_to_string(&path)
                .map(|text| text.lines().map(str::to_owned).collect())
                .unwrap_or_default()
        });
        let at = finding.line.saturating_sub(1);
        // On the finding's line, in a comment at its end; on the line above, in a comment
        // that is the whole line.
        let own = lines
            .get(at)
            .is_some_and(|line| ignores(line, finding.code));
        // Above decorators and attributes (`@unique`, `#[derive(…)]`), which belong to it.
        let mut above_at = at.checked_sub(1);
        while let Some(i) = above_at {
            let line = lines.get(i).map_or("", |l| l.trim_start());
            if line.starts_with('@') || line.starts_with("#[") {
                above_at = i.checked_sub(1);
            } else {
                break;
            }
        }
        let above = above_at.and_then(|i| lines.get(i)).is_some_and(|line| {
            COMMENTS.iter().any(|c| line.trim_start().starts_with(c)) && ignores(line, finding.code)
        });
        own || above
    }
}

/// What starts a comment in the languages lint reads.
const COMMENTS: [&str; 4] = ["#", "//", "--", "/*"];

/// Whether a comment in `line` says `statuskit: ignore[…]` naming `code` (by name or id):
/// the marker after a comment's start, and not glued to a longer word.
fn ignores(line: &str, code: status_schema::Code) -> bool {
    const MARKER: &str = "statuskit: ignore[";
    let mut rest = line;
    let mut seen = 0;
    while let Some(at) = rest.find(MARKER) {
        let before = &line[..seen + at];
        let in_comment = COMMENTS.iter().any(|c| before.contains(c));
        let glued = before
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        seen += at + MARKER.len();
        rest = &rest[at + MARKER.len()..];
        if !in_comment || glued {
            continue;
        }
        let Some(end) = rest.find(']') else {
            return false;
        };
        if rest[..end]
            .split(',')
            .map(str::trim)
            .any(|rule| rule == code.name() || rule == code.id())
        {
            return true;
        }
        seen += end;
        rest = &rest[end..];
    }
    false
}

fn level(finding: &LintFinding) -> &'static str {
    match finding.level {
        Severity::Error => "error",
        Severity::Warning => "warning",
        _ => "note",
    }
}

/// rustc-style: the finding, where, its evidence; then one summary line.
fn human(findings: &[LintFinding], errors: usize, not_read: &[(String, String)]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    // What could not be read was not checked: said first, so no one takes silence for a pass.
    for (path, why) in not_read {
        let _ = writeln!(
            out,
            "note: not read: {}: {}",
            render::one_line_safe(path),
            render::one_line_safe(why)
        );
    }
    if !not_read.is_empty() {
        out.push('\n');
    }
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

fn json(findings: &[LintFinding], not_read: &[(String, String)]) -> serde_json::Value {
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
    let not_read: Vec<serde_json::Value> = not_read
        .iter()
        .map(|(path, reason)| json!({ "path": path, "reason": reason }))
        .collect();
    json!({ "format": "statuskit-lint", "version": 1, "findings": findings, "not_read": not_read })
}

/// SARIF 2.1.0: one run, the lint rules as the tool's rules, a result per finding.
fn sarif(findings: &[LintFinding]) -> serde_json::Value {
    let codes = [
        status_schema::Code::DriftedCopy,
        status_schema::Code::TransitionNotAllowed,
    ];
    let rules: Vec<serde_json::Value> = codes
        .iter()
        .map(|code| {
            json!({
                "id": code.id(),
                "name": code.name(),
                "shortDescription": { "text": code.summary() },
                "defaultConfiguration": {
                    "level": if code.severity() == Severity::Error { "error" } else { "warning" }
                },
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = findings
        .iter()
        .map(|f| {
            let mut text = f.message.clone();
            for note in &f.notes {
                text.push('\n');
                text.push_str(note);
            }
            // SARIF messages end with a period.
            if !text.ends_with('.') {
                text.push('.');
            }
            json!({
                "ruleId": f.code.id(),
                "ruleIndex": codes.iter().position(|c| *c == f.code).unwrap_or(0),
                "level": level(f),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&f.path), "uriBaseId": "SRCROOT" },
                        "region": { "startLine": f.line, "endLine": f.end_line },
                    }
                }],
            })
        })
        .collect();
    json!({
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{
            "tool": { "driver": {
                "name": "statuskit",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/status-cli",
                "rules": rules,
            } },
            "originalUriBaseIds": { "SRCROOT": { "description": { "text": "The linted directory." } } },
            "results": results,
        }],
    })
}

/// One GitHub Actions workflow command per finding. Its properties and message are escaped
/// as the runner reads them (`%`, line breaks, and in properties `:` and `,`), so no path or
/// message can end the command early or start another.
fn github(findings: &[LintFinding]) -> String {
    use std::fmt::Write as _;
    // Every control character percent-encoded, as the runner decodes them: a path keeps
    // its real bytes, and no line break or escape reaches the log.
    let data = |text: &str| {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if c == '%' || c.is_control() {
                let mut bytes = [0; 4];
                for byte in c.encode_utf8(&mut bytes).bytes() {
                    let _ = write!(out, "%{byte:02X}");
                }
            } else {
                out.push(c);
            }
        }
        out
    };
    let property = |text: &str| data(text).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
    for f in findings {
        let command = match f.level {
            Severity::Error => "error",
            Severity::Warning => "warning",
            _ => "notice",
        };
        let mut message = f.message.clone();
        for note in &f.notes {
            message.push('\n');
            message.push_str(note);
        }
        let _ = writeln!(
            out,
            "::{command} file={},line={},endLine={},title={}::{}",
            property(&f.path),
            f.line,
            f.end_line,
            property(&format!("{} {}", f.code.id(), f.code.name())),
            data(&render::terminal_safe(&message))
        );
    }
    out
}

/// A relative path as a URI reference (RFC 3986): every byte but the unreserved ones and
/// `/` percent-encoded, so that no file name reads as `..`, a fragment, a query or a scheme.
fn uri(path: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}
