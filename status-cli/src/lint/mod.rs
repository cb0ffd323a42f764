//! `statuskit lint`: the code around a schema, checked against it.
//!
//! The tree is read as `statuskit audit` reads it (as git sees it, with real parsers, no
//! link followed out), and each hand-written definition, transition table and literal used
//! as a status's value is held against the schema (`status_audit::lint`). Exit 0 when
//! nothing is at error level, 1 when something is, 2 when the schema or the tree cannot be
//! read (or `--fix` cannot write).
//!
//! A comment `statuskit: ignore[drifted-copy]` (the rule's name or code, several separated by
//! commas) on a finding's line or the line above it silences it.
//!
//! `--format json` prints a versioned document: `{ "format": "statuskit-lint", "version": 1,
//! "findings": [{ "path", "line", "column", "end_line", "end_column", "rule", "code",
//! "level", "status", "name", "value", "message", "notes", "help", "fix" }], "not_read": [{
//! "path", "reason" }], "fixed": [...] }`. A literal's `column` and `end_column` count
//! characters inside its quotes (`end_column` just past the last), `value` is the literal,
//! and `fix` is `{ "replacement" }` for a legacy spelling; a definition or table spans whole
//! lines (`column` 1, `end_column` and `value` `null`). `not_read` names the files the walk
//! could not read, so not checked; `fixed` what `--fix` rewrote. `--format sarif` prints
//! SARIF 2.1.0 (validated by Microsoft's reference validator in the tests) with a fix per
//! legacy spelling, `--format github` one workflow command per finding (`::error
//! file=…,line=…,col=…::…`), which GitHub Actions shows on the pull request.
//!
//! `--fix` rewrites each legacy spelling's characters to the wire value ([`fix`]): every
//! file checked and staged before any is replaced, all or none.

use std::io::Write;
use std::process::ExitCode;

use status_audit::{LintFinding, Options};
use status_schema::Severity;

use crate::LintArgs;

mod fix;
mod output;
mod sources;
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
    let config = schema.lint();
    let roots = match roots(args, config) {
        Ok(roots) => roots,
        Err(why) => {
            crate::report_error(why);
            return ExitCode::from(IO_ERROR);
        }
    };
    let mut shown: Vec<output::Shown> = Vec::new();
    let mut not_read: Vec<(String, String)> = Vec::new();
    // Each root's findings, before their paths are prefixed: what `--fix` rewrites.
    let mut fixable: Vec<(usize, String)> = Vec::new();
    for (root, prefix) in &roots {
        let mut options = Options::default();
        // Every definition: a copy is a copy whatever its name scores.
        options.all = true;
        options.exclude.clone_from(&args.exclude);
        if let Some(config) = config {
            options
                .exclude
                .extend(config.exclude().filter_map(|glob| under(glob, prefix)));
        }
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
        let root_index = roots.iter().position(|(r, _)| r == root).unwrap_or(0);
        let mut sources = sources::Sources::default();
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
            let line = finding
                .column
                .and_then(|_| sources.line(&finding.path, finding.line))
                .filter(|text| still_holds(text, &finding))
                .map(str::to_owned);
            if finding.fix.is_some() {
                fixable.push((root_index, finding.path.clone()));
            }
            finding.path.insert_str(0, prefix);
            shown.push(output::Shown { finding, line });
        }
    }
    let mut fixed = Vec::new();
    if args.fix {
        match rewrite(&mut shown, &fixable, &roots) {
            Ok(lines) => fixed = lines,
            Err(why) => {
                crate::report_error(why);
                return ExitCode::from(IO_ERROR);
            }
        }
    }
    let findings: Vec<LintFinding> = shown.iter().map(|s| s.finding.clone()).collect();
    let errors = findings
        .iter()
        .filter(|f| f.level == Severity::Error)
        .count();
    let text = match args.format {
        LintFormat::Human => output::human(&shown, &not_read, &fixed),
        LintFormat::Json => {
            crate::json::printable(&output::json(&findings, &not_read, &fixed).to_string()) + "\n"
        }
        LintFormat::Sarif => crate::json::printable(&output::sarif(&findings).to_string()) + "\n",
        LintFormat::Github => output::github(&findings),
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

/// `--fix`: rewrites every fixable finding's literal (all files or none), and drops them
/// from what is shown; says what changed.
fn rewrite(
    shown: &mut Vec<output::Shown>,
    fixable: &[(usize, String)],
    roots: &[(std::path::PathBuf, String)],
) -> Result<Vec<String>, String> {
    let mut relative = fixable.iter();
    let rewrites: Vec<fix::Rewrite<'_>> = shown
        .iter()
        .filter_map(|s| {
            let fix = s.finding.fix.as_ref()?;
            let (root, path) = relative.next()?;
            Some(fix::Rewrite {
                root: &roots[*root].0,
                relative: path.clone(),
                shown: s.finding.path.clone(),
                line: s.finding.line,
                column: s.finding.column.unwrap_or(1),
                fix,
            })
        })
        .collect();
    let lines = fix::apply(&rewrites)?;
    // What was rewritten is no longer a finding.
    shown.retain(|s| s.finding.fix.is_none());
    Ok(lines)
}

/// What to read: the directory named, else `[lint] paths` (relative to the schema), else
/// the schema's directory; each with the prefix its findings are named with, from where the
/// command runs.
fn roots(
    args: &LintArgs,
    config: Option<&status_schema::model::LintConfig>,
) -> Result<Vec<(std::path::PathBuf, String)>, String> {
    let schema_dir = args
        .schema
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| std::path::PathBuf::from("."), ToOwned::to_owned);
    // What to read: the directory named, else `[lint] paths` (relative to the schema), else
    // the schema's directory. Findings are named from where the command runs.
    Ok(match (&args.dir, config) {
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
            })?;
            // A path inside another is read with it, once: its files are not reported (or
            // rewritten) twice.
            let mut roots: Vec<(std::path::PathBuf, String)> = Vec::new();
            for (dir, prefix) in &confined {
                let inside_another = confined
                    .iter()
                    .any(|(other, _)| other != dir && dir.starts_with(other));
                if !inside_another && !roots.iter().any(|(seen, _)| seen == dir) {
                    roots.push((dir.clone(), prefix.clone()));
                }
            }
            roots
        }
        (None, _) => vec![(schema_dir, String::new())],
    })
}

/// Whether a literal finding's line still holds its literal where the walk read it (the
/// file unchanged since): only then is the line shown.
fn still_holds(line: &str, finding: &LintFinding) -> bool {
    let (Some(column), Some(value)) = (finding.column, &finding.value) else {
        return false;
    };
    let Some(fix) = &finding.fix else {
        // A literal with escapes or on several lines: its characters are not its value.
        return line.chars().count() >= column;
    };
    line.chars()
        .skip(column - 1)
        .take(fix.original.chars().count())
        .eq(value.chars())
}

/// A `[lint] exclude` glob (relative to the schema's directory) as it reads under the
/// `[lint]` path named with `prefix`: `app/legacy/**` is `legacy/**` under `app`; a glob
/// for any level (`*.gen.ts`, `**/fixtures`, `legacy/`) stays; one anchored under another
/// path excludes nothing here.
fn under(glob: &str, prefix: &str) -> Option<String> {
    let anchored = glob.trim_end_matches('/').contains('/') && !glob.starts_with("**/");
    if !anchored || prefix.is_empty() {
        return Some(glob.to_owned());
    }
    glob.trim_start_matches('/')
        .strip_prefix(prefix)
        .map(str::to_owned)
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
