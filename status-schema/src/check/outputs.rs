//! Rules about `[[generate]]`: each entry names a target statuskit writes, statuses the
//! schema declares, options its target takes, and a file of its own inside the schema's
//! directory.

use std::collections::HashMap;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::{Output, Schema};
use crate::suggest;
use crate::target::Target;

/// Every `[[generate]]` entry of `schema`.
pub(super) fn outputs(schema: &Schema, out: &mut Diagnostics) {
    // Each normalised path with the entry that writes it first: one lookup per entry.
    let mut written: HashMap<String, &Output> = HashMap::new();
    for output in &schema.outputs {
        let target = target(output, out);
        statuses(schema, output, out);
        options(schema, output, target, out);
        path(output, &mut written, out);
    }
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
        ("zod", output.zod, Target::Typescript),
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
            parts_present.then_some(status)
        });
        match parsed {
            None => out.push(
                Diagnostic::new(
                    Code::InvalidColumn,
                    *span,
                    format!("`{binding}` is not a column binding"),
                )
                .label("expected `table.column=Status`")
                .help("name the table (optionally `schema.table`), the column and the status it holds, as `--column` takes them"),
            ),
            Some(status) if schema.status(status).is_none() => {
                out.push(unknown_status(schema, status, *span));
            }
            Some(_) => {}
        }
    }
}

/// Each entry writes its own file, inside the schema's directory.
fn path<'a>(output: &'a Output, written: &mut HashMap<String, &'a Output>, out: &mut Diagnostics) {
    let (path, span) = &output.out;
    let escapes = path.starts_with('/')
        || path.starts_with('\\')
        || path.get(1..2) == Some(":")
        || path.split(['/', '\\']).any(|part| part == "..");
    if escapes || path.trim().is_empty() {
        out.push(
            Diagnostic::new(
                Code::OutputOutside,
                *span,
                format!("`out = {path:?}` is not a path inside the schema's directory"),
            )
            .label("absolute, empty, or climbing out with `..`")
            .help("write generated files next to the schema or below it: `out = \"generated/statuses.ts\"`"),
        );
        return;
    }
    let normal: String = path
        .split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .collect::<Vec<_>>()
        .join("/");
    if let Some(first) = written.get(&normal) {
        out.push(
            Diagnostic::new(
                Code::DuplicateOutput,
                *span,
                format!("`{path}` is written by two `[[generate]]` entries"),
            )
            .label("written again here")
            .secondary(first.out.1, "first written here")
            .help("give each entry a file of its own"),
        );
    } else {
        written.insert(normal, output);
    }
}
