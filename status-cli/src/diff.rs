//! `statuskit diff`: what a schema change breaks, rule by rule.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use serde_json::json;
use status_schema::diagnostic::{Severity, render};
use status_schema::diff::{self, Category, Policy, Side};
use status_schema::{Analysis, SourceFile};

use crate::load::{IO_ERROR, SCHEMA_ERRORS, read};
use crate::{DiffArgs, Format};

pub(crate) fn run(args: &DiffArgs) -> ExitCode {
    let policy = match policy(args) {
        Ok(policy) => policy,
        Err(message) => {
            crate::report_error(message);
            return ExitCode::from(IO_ERROR);
        }
    };
    let (old, new) = match schemas(args) {
        Ok(pair) => pair,
        Err(message) => {
            crate::report_error(message);
            return ExitCode::from(IO_ERROR);
        }
    };
    // Either schema invalid: its diagnostics, and no comparison (exit 2, as for I/O).
    for (file, analysis) in [&old, &new] {
        if analysis.schema.is_none() {
            let _ = std::io::stderr()
                .write_all(render::to_string(file, analysis.diagnostics.as_slice()).as_bytes());
            crate::report_error(format!("`{}` has errors: fix them to compare", file.name()));
        }
    }
    let (Some(old_schema), Some(new_schema)) = (&old.1.schema, &new.1.schema) else {
        return ExitCode::from(IO_ERROR);
    };
    let changes = diff::diff(old_schema, new_schema, &policy);
    let denied = changes
        .iter()
        .filter(|c| c.diagnostic.severity() == Severity::Error)
        .count();
    let printed = match args.format {
        Format::Human => human(args, &old.0, &new.0, &changes, denied),
        Format::Json => {
            let document = json!({
                "old": old.0.name(),
                "new": new.0.name(),
                "deny": policy.deny.iter().map(|c| c.name()).collect::<Vec<_>>(),
                "allow": policy.allow,
                "changes": changes.iter().map(|c| {
                    let file = if c.side == Side::Old { &old.0 } else { &new.0 };
                    let mut value = crate::json::diagnostic(file, &c.diagnostic);
                    value["category"] = json!(c.category.name());
                    value
                }).collect::<Vec<_>>(),
                "denied": denied,
            });
            let document = crate::json::printable(&document.to_string());
            writeln!(std::io::stdout().lock(), "{document}")
        }
    };
    if printed.is_err() {
        return ExitCode::from(IO_ERROR);
    }
    if denied > 0 {
        ExitCode::from(SCHEMA_ERRORS)
    } else {
        ExitCode::SUCCESS
    }
}

/// `--deny` and `--allow` as a policy; `--deny` given replaces the default.
fn policy(args: &DiffArgs) -> Result<Policy, String> {
    let mut policy = Policy::default();
    if !args.deny.is_empty() {
        policy.deny = Vec::new();
        if args.deny.len() > 1 && args.deny.iter().any(|n| n == "none") {
            return Err("--deny none stands alone: it denies nothing".to_owned());
        }
        for name in args.deny.iter().filter(|n| *n != "none") {
            let category = Category::ALL
                .iter()
                .find(|c| c.name() == name)
                .ok_or_else(|| {
                    format!("--deny {name}: the categories are wire, source, behaviour (or none)")
                })?;
            policy.deny.push(*category);
        }
    }
    for rule in &args.allow {
        let known = status_schema::Code::ALL
            .iter()
            .any(|c| Category::of(*c).is_some() && (c.id() == rule || c.name() == rule));
        if !known {
            let rules: Vec<&str> = status_schema::Code::ALL
                .iter()
                .filter(|c| Category::of(**c).is_some())
                .map(|c| c.id())
                .collect();
            return Err(format!(
                "--allow {rule}: not a diff rule; the rules are {} (docs/guide/src/diagnostics.md)",
                rules.join(", ")
            ));
        }
    }
    policy.allow.clone_from(&args.allow);
    Ok(policy)
}

type Loaded = (SourceFile, Analysis);

/// The old and the new schema: two files, or one file and its version at a git revision.
fn schemas(args: &DiffArgs) -> Result<(Loaded, Loaded), String> {
    match (&args.against, args.files.as_slice()) {
        (None, [old, new]) => Ok((read(old)?, read(new)?)),
        (None, _) => Err(
            "give the old and the new schema (`statuskit diff OLD NEW`), or `--against REF [FILE]`"
                .to_owned(),
        ),
        (Some(revision), files @ ([] | [_])) => {
            let default = PathBuf::from("statuses.toml");
            let path = files.first().unwrap_or(&default);
            let bytes = at_revision(revision, path)?;
            let name = format!("{revision}:{}", path.display());
            Ok((status_schema::analyze_bytes(&name, &bytes), read(path)?))
        }
        (Some(_), _) => {
            Err("with --against, give one schema file (default statuses.toml)".to_owned())
        }
    }
}

/// The bytes of `path` at git revision `revision` (`git show REF:./FILE`, run beside it).
fn at_revision(revision: &str, path: &Path) -> Result<Vec<u8>, String> {
    if revision.trim().is_empty() {
        // `git show :./FILE` would read the index: an unset `$BASE_REF` must not pass.
        return Err(
            "--against needs a revision (`main`, `HEAD~1`, a tag); it was given an empty one, as an unset variable gives".to_owned(),
        );
    }
    if revision.starts_with('-') {
        return Err(format!("--against {revision}: not a revision"));
    }
    let directory = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file = path
        .file_name()
        .ok_or_else(|| format!("`{}` is not a file", path.display()))?;
    // Git finds its repository from the schema's directory, which a pull request fills: a
    // directory it commits with `HEAD`, `config` and `objects/` would be taken for a (bare)
    // repository whose config runs commands. Only `.git` is a repository here, and nothing
    // is fetched for a revision that is missing.
    let output = Command::new("git")
        .args([
            "-c",
            "safe.bareRepository=explicit",
            "-c",
            "core.fsmonitor=false",
        ])
        .env("GIT_NO_LAZY_FETCH", "1")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .arg("-C")
        .arg(directory)
        .arg("show")
        .arg(format!("{revision}:./{}", file.to_string_lossy()))
        .output()
        .map_err(|error| format!("cannot run git: {error}"))?;
    if !output.status.success() {
        let reason = String::from_utf8_lossy(&output.stderr);
        return Err(format!(
            "cannot read `{}` at `{revision}`: {}",
            path.display(),
            reason.trim()
        ));
    }
    if output.stdout.len() as u64 > status_schema::read::MAX_SCHEMA_BYTES {
        return Err(format!(
            "`{}` at `{revision}` is larger than a schema may be",
            path.display()
        ));
    }
    Ok(output.stdout)
}

fn human(
    args: &DiffArgs,
    old: &SourceFile,
    new: &SourceFile,
    changes: &[diff::Change],
    denied: usize,
) -> std::io::Result<()> {
    let color = crate::colour(args.color);
    // Each file prepared once, then the changes in their order: linear, not a pass over a
    // file per change.
    let side = |wanted: Side| -> Vec<_> {
        changes
            .iter()
            .filter(|c| c.side == wanted)
            .map(|c| c.diagnostic.clone())
            .collect()
    };
    let mut old_text = render::each(old, &side(Side::Old), color).into_iter();
    let mut new_text = render::each(new, &side(Side::New), color).into_iter();
    let mut out = String::new();
    for change in changes {
        let text = if change.side == Side::Old {
            old_text.next()
        } else {
            new_text.next()
        };
        out.push_str(&text.unwrap_or_default());
    }
    let count = |category: Category| {
        changes
            .iter()
            .filter(|c| c.category == category && c.diagnostic.severity() == Severity::Error)
            .count()
    };
    let by_category: Vec<String> = Category::ALL
        .iter()
        .filter(|c| count(**c) > 0)
        .map(|c| format!("{} {}", count(*c), c.name()))
        .collect();
    let summary = match (changes.len(), denied) {
        (0, _) => format!("{} → {}: no changes", old.name(), new.name()),
        (n, 0) => format!(
            "{} → {}: {}, none denied",
            old.name(),
            new.name(),
            plural(n)
        ),
        (n, d) => format!(
            "{} → {}: {}, {d} denied ({})",
            old.name(),
            new.name(),
            plural(n),
            by_category.join(", ")
        ),
    };
    std::io::stderr().lock().write_all(out.as_bytes())?;
    // The summary on standard output, as `check` prints its own: the diagnostics are for
    // people, the line is what a script or a redirected run keeps.
    writeln!(
        std::io::stdout().lock(),
        "{}",
        render::terminal_safe(&summary)
    )
}

fn plural(n: usize) -> String {
    if n == 1 {
        "1 change".to_owned()
    } else {
        format!("{n} changes")
    }
}
