//! `statuskit gen <target>`.

use std::io::Write;
use std::process::ExitCode;

use status_schema::Schema;
use status_schema::diagnostic::render;
use status_schema::rust::{self, RustOptions};
use status_schema::targets;
use status_schema::targets::sql::{SqlOptions, Storage};

use crate::{GenArgs, Target};

use crate::load::{IO_ERROR, SCHEMA_ERRORS, load};

pub(crate) fn run(args: &GenArgs) -> ExitCode {
    let Some((file, analysis)) = load(&args.file) else {
        return ExitCode::from(IO_ERROR);
    };
    // Warnings go to stderr as `check` prints them; the output goes to stdout or -o.
    let diagnostics = render::to_string(&file, analysis.diagnostics.as_slice());
    if !diagnostics.is_empty() {
        eprint!("{diagnostics}");
    }
    let Some(schema) = analysis.schema else {
        return ExitCode::from(SCHEMA_ERRORS);
    };
    let schema_name = args.file.file_name().map_or_else(
        || file.name().to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let schema = match select(schema, &args.statuses) {
        Ok(schema) => schema,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(IO_ERROR);
        }
    };
    let output = match args.target {
        Target::Rust => rust::file(&schema, &RustOptions::default(), &schema_name),
        Target::Json => targets::json::generate(&schema, &schema_name),
        Target::Typescript => targets::typescript::generate(&schema, &schema_name),
        Target::Python => targets::python::generate(&schema, &schema_name),
        Target::Prisma => targets::prisma::generate(&schema, &schema_name),
        Target::Mermaid => targets::mermaid::generate(&schema, &schema_name),
        Target::Dot => targets::dot::generate(&schema, &schema_name),
        Target::Markdown => targets::markdown::generate(&schema, &schema_name),
        Target::Sql => {
            let options = SqlOptions {
                storage: if args.text {
                    Storage::Text
                } else {
                    Storage::Enum
                },
                columns: args.columns.clone(),
            };
            match targets::sql::generate(&schema, &schema_name, &options) {
                Ok(text) => text,
                Err(message) => {
                    eprintln!("error: {message}");
                    return ExitCode::from(IO_ERROR);
                }
            }
        }
    };
    let written = match &args.output {
        Some(path) => std::fs::write(path, output).map_err(|error| {
            eprintln!("error: cannot write `{}`: {error}", path.display());
        }),
        None => std::io::stdout()
            .lock()
            .write_all(output.as_bytes())
            .map_err(|_| ()),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(()) => ExitCode::from(IO_ERROR),
    }
}

/// The schema reduced to the `--status` names (all when none), with the conversions
/// between kept statuses.
fn select(mut schema: Schema, names: &[String]) -> Result<Schema, String> {
    if names.is_empty() {
        return Ok(schema);
    }
    if let Some(unknown) = names.iter().find(|n| schema.status(n).is_none()) {
        return Err(format!(
            "--status {unknown}: the schema declares no such status"
        ));
    }
    schema.statuses.retain(|s| names.contains(&s.name));
    schema
        .conversions
        .retain(|c| names.contains(&c.from) && names.contains(&c.to));
    Ok(schema)
}
