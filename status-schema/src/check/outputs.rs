//! Rules about `[[generate]]`: each entry names a target statuskit writes, statuses the
//! schema declares, options its target takes, and a file of its own inside the schema's
//! directory.

use std::collections::HashMap;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::{Output, Schema};
use crate::suggest;
use crate::target::Target;
use crate::text;

/// Every `[[generate]]` entry of `schema`.
pub(super) fn outputs(schema: &Schema, out: &mut Diagnostics) {
    for output in &schema.outputs {
        let target = target(output, out);
        statuses(schema, output, out);
        options(schema, output, target, out);
    }
    paths(schema, out);
}

fn target(output: &Output, out: &mut Diagnostics) -> Option<Target> {
    let (name, span) = &output.target;
    let target = Target::from_name(name);
    if target.is_none() {
        let names = Target::ALL.iter().map(|t| t.name());
        out.push(
            Diagnostic::new(Code::UnknownTarget, *span, format!("no target `{name}`"))
                .label("not a target statuskit writes")
                .maybe_help(suggest::did_you_mean(name, names.clone()))
                .note(format!("the targets are {}", suggest::list(names, 12))),
        );
    }
    target
}

fn unknown_status(schema: &Schema, name: &str, span: crate::source::Span) -> Diagnostic {
    Diagnostic::new(
        Code::UnknownStatus,
        span,
        format!("`[[generate]]` names no status `{name}`"),
    )
    .label("not declared in this schema")
    .maybe_help(suggest::did_you_mean(
        name,
        schema.statuses.iter().map(|s| s.name.as_str()),
    ))
}

fn statuses(schema: &Schema, output: &Output, out: &mut Diagnostics) {
    for (name, span) in &output.statuses {
        if schema.status(name).is_none() {
            out.push(unknown_status(schema, name, *span));
        }
    }
}

/// Each option belongs to one target (`column` and `text` to `sql`, `zod` to
/// `typescript`, `sqlalchemy` to `python`); each binding is `table.column=Status`.
fn options(schema: &Schema, output: &Output, target: Option<Target>, out: &mut Diagnostics) {
    let options = [
        (
            "column",
            output.columns.first().map(|(_, span)| *span),
            Target::Sql,
        ),
        ("text", output.text, Target::Sql),
        ("zod", output.zod.map(|(_, span)| span), Target::Typescript),
        ("sqlalchemy", output.sqlalchemy, Target::Python),
    ];
    for (key, span, owner) in options {
        // An unknown target is reported as such; its options are not judged.
        let Some(span) = span.filter(|_| target.is_some_and(|t| t != owner)) else {
            continue;
        };
        out.push(
            Diagnostic::new(
                Code::MisplacedKey,
                span,
                format!("`{key}` applies to the `{}` target only", owner.name()),
            )
            .label(format!("`{}` does not take it", output.target.0))
            .help(format!(
                "remove it, or move it to an entry with `target = \"{}\"`",
                owner.name()
            )),
        );
    }
    for (binding, span) in &output.columns {
        let parsed = binding.split_once('=').and_then(|(place, status)| {
            let (table, column) = place.rsplit_once('.')?;
            let parts_present = !column.is_empty()
                && !status.is_empty()
                && table.split('.').all(|part| !part.is_empty());
            // A line break in a quoted name would start a line of SQL with schema text.
            let visible = !binding
                .chars()
                .any(|c| c.is_control() || text::is_bidi_control(c) || text::is_line_terminator(c));
            (parts_present && visible).then_some(status)
        });
        match parsed {
            None => out.push(
                Diagnostic::new(
                    Code::InvalidColumn,
                    *span,
                    format!("`{binding}` is not a column binding"),
                )
                .label("expected `table.column=Status`, without control characters")
                .help("name the table (optionally `schema.table`), the column and the status it holds, as `--column` takes them"),
            ),
            Some(status) if schema.status(status).is_none() => {
                out.push(unknown_status(schema, status, *span));
            }
            Some(_) => {}
        }
    }
}

/// Each entry writes its own file (or directory), inside the schema's directory, outside
/// version control's, never a schema, and never inside what another entry writes.
fn paths(schema: &Schema, out: &mut Diagnostics) {
    // Each normalised path (lowercase: two outputs that differ in case are one file on
    // macOS and Windows) with the entry that writes it first and whether it is a
    // directory: one lookup per entry and per ancestor of its path.
    let mut written: HashMap<String, (&Output, bool)> = HashMap::new();
    let mut placed: Vec<(&Output, String)> = Vec::new();
    for output in &schema.outputs {
        let Some(normal) = path(schema, output, out) else {
            continue;
        };
        let key = normal.to_ascii_lowercase();
        if let Some((first, _)) = written.get(&key) {
            out.push(
                Diagnostic::new(
                    Code::DuplicateOutput,
                    output.out.1,
                    format!(
                        "`{}` is written by two `[[generate]]` entries",
                        output.out.0
                    ),
                )
                .label("written again here")
                .secondary(first.out.1, "first written here")
                .help("give each entry a file of its own"),
            );
            continue;
        }
        written.insert(key.clone(), (output, output.writes_directory(schema)));
        placed.push((output, key));
    }
    for (output, key) in placed {
        // The nearest ancestor that another entry writes: its directory, or its file.
        let owner = key
            .match_indices('/')
            .map(|(at, _)| &key[..at])
            .rev()
            .find_map(|ancestor| written.get(ancestor));
        let Some((owner, is_directory)) = owner else {
            continue;
        };
        let (label, help) = if *is_directory {
            (
                "this directory's files are written by this entry, one per status",
                "write elsewhere: `statuskit gen` writes a diagram per status there, and removes the diagrams it wrote for statuses that are gone",
            )
        } else {
            (
                "this entry writes a file here, not a directory",
                "give each entry a path of its own",
            )
        };
        out.push(
            Diagnostic::new(
                Code::OutputOverlap,
                output.out.1,
                format!(
                    "`{}` lies inside `{}`, which another entry writes",
                    output.out.0, owner.out.0
                ),
            )
            .label("inside another entry's output")
            .secondary(owner.out.1, label)
            .help(help),
        );
    }
}

/// The entry's path, normalised (no `./`, no repeated or trailing `/`), or `None` when it
/// breaks a rule (reported).
fn path(schema: &Schema, output: &Output, out: &mut Diagnostics) -> Option<String> {
    let (path, span) = &output.out;
    if let Some(invalid) = invalid(schema, output) {
        out.push(invalid);
        return None;
    }
    let normal = inside("out", path, *span, "out = \"generated/statuses.ts\"", out)?;
    if let Some(forbidden) = forbidden(output, &normal) {
        out.push(forbidden);
        return None;
    }
    Some(normal)
}

/// `path` (the value of `key`) normalised, or `None` when it is not a path inside the
/// schema's directory (E062, reported): empty, absolute, or climbing out with `..`.
/// `example` is a good value.
pub(super) fn inside(
    key: &str,
    path: &str,
    span: crate::source::Span,
    example: &str,
    out: &mut Diagnostics,
) -> Option<String> {
    let normal = normalised(path);
    if normal.is_none() {
        out.push(
            Diagnostic::new(
                Code::OutputOutside,
                span,
                format!("`{key} = {path:?}` is not a path inside the schema's directory"),
            )
            .label("absolute, empty, or climbing out with `..`")
            .help(format!(
                "name a path next to the schema or below it: `{example}`"
            )),
        );
    }
    normal
}

/// `path` without `./`, repeated or trailing `/`; `None` when it is empty, absolute, or
/// climbs out with `..`.
pub(super) fn normalised(path: &str) -> Option<String> {
    let escapes = path.starts_with('/')
        || path.get(1..2) == Some(":")
        || path.split('/').any(|part| part == "..");
    let normal: String = path
        .split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .collect::<Vec<_>>()
        .join("/");
    (!escapes && !normal.trim().is_empty()).then_some(normal)
}

/// What makes `out` a path no two machines write alike: a control character, a backslash,
/// or a trailing `/` where the target writes one file (E065).
fn invalid(schema: &Schema, output: &Output) -> Option<Diagnostic> {
    let (path, span) = &output.out;
    if let Some(unportable) = unportable("out", path, *span) {
        return Some(unportable);
    }
    if path.ends_with('/') && !output.writes_directory(schema) {
        return Some(
            Diagnostic::new(
                Code::InvalidOutputPath,
                *span,
                format!(
                    "`out = {path:?}` names a directory, and `{}` writes one file",
                    output.target.0
                ),
            )
            .label("ends with `/`")
            .help(format!(
                "name the file: `out = \"{path}statuses.{}\"`",
                extension(output)
            )),
        );
    }
    None
}

/// What makes `path` (the value of `key`) a path no two machines write alike (E065): a
/// control or invisible character, a colon, a backslash.
pub(super) fn unportable(key: &str, path: &str, span: crate::source::Span) -> Option<Diagnostic> {
    if let Some((at, c)) = path.chars().enumerate().find(|&(_, c)| {
        c.is_control() || text::is_bidi_control(c) || text::is_line_terminator(c) || is_invisible(c)
    }) {
        return Some(
            Diagnostic::new(
                Code::InvalidOutputPath,
                span,
                format!(
                    "`{key}` contains the {} {}",
                    if c.is_control() {
                        "control character"
                    } else {
                        "invisible character"
                    },
                    text::describe(c)
                ),
            )
            .label(format!("at character {}", at + 1))
            .help("remove it: a path is names and `/`")
            .note("no file system stores NUL in a name; other controls and invisible characters make the path print unlike the file it names (macOS ignores some: `.g\\u{200c}it` is `.git` there)"),
        );
    }
    if path.contains(':') {
        return Some(
            Diagnostic::new(
                Code::InvalidOutputPath,
                span,
                format!("`{key} = {path:?}` holds a colon"),
            )
            .label("a drive or a stream on Windows (`.git::$INDEX_ALLOCATION` is `.git`)")
            .help("name the file without `:`"),
        );
    }
    if path.contains('\\') {
        return Some(
            Diagnostic::new(
                Code::InvalidOutputPath,
                span,
                format!("`{key} = {path:?}` holds a backslash"),
            )
            .label("a separator on Windows, a character of the name elsewhere")
            .help(format!(
                "separate directories with `/`: `{}`",
                path.replace('\\', "/")
            ))
            .note("the same schema must write the same tree on every machine"),
        );
    }
    None
}

/// Where no output may go, whatever the tree holds (E064): inside version control's own
/// directory, or over a TOML file.
fn forbidden(output: &Output, normal: &str) -> Option<Diagnostic> {
    let (path, span) = &output.out;
    if let Some(in_vcs) = in_version_control("out", path, normal, *span) {
        return Some(in_vcs);
    }
    let name = normal.rsplit('/').next().unwrap_or_default();
    let is_toml = std::path::Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    is_toml.then(|| {
        Diagnostic::new(
            Code::OutputForbidden,
            *span,
            format!("`out = {path:?}` names a TOML file"),
        )
        .label("statuskit writes no TOML")
        .help(format!(
            "name the file for what `{}` writes, such as `statuses.{}`",
            output.target.0,
            extension(output)
        ))
        .note("a TOML file may be a schema, this one included, or a manifest (Cargo.toml, pyproject.toml)")
    })
}

/// `path` (the value of `key`, normalised as `normal`) inside version control's own
/// directory (E064).
pub(super) fn in_version_control(
    key: &str,
    path: &str,
    normal: &str,
    span: crate::source::Span,
) -> Option<Diagnostic> {
    let vcs = normal
        .split('/')
        .find(|part| Output::is_version_control(part))?;
    Some(
        Diagnostic::new(
            Code::OutputForbidden,
            span,
            format!("`{key} = {path:?}` is inside `{vcs}`"),
        )
        .label("version control's own directory")
        .help("write generated files into the working tree: `out = \"generated/statuses.ts\"`")
        .note("files there (hooks, config) run or steer the tools, and no commit can bring or review them"),
    )
}

/// The file extension of the entry's target, for hints.
fn extension(output: &Output) -> &'static str {
    Target::from_name(&output.target.0).map_or("txt", Target::extension)
}

/// Characters that show as nothing, which some file systems also drop from names (HFS+
/// ignores the joiners and U+FEFF, as git's `core.protectHFS` knows): a path holding one
/// reads as another path.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}'
    )
}

#[cfg(test)]
mod tests {
    use crate::model::Output;

    #[test]
    fn version_control_directories_under_every_spelling() {
        for name in [
            ".git", ".GIT", ".git.", ".git ", ".hg", ".Svn", "GIT~1", "hg~1",
        ] {
            assert!(Output::is_version_control(name), "{name}");
        }
        for name in ["git", ".github", ".gitignore", "docs", "GIT~2", ".git~1"] {
            assert!(!Output::is_version_control(name), "{name}");
        }
    }
}
