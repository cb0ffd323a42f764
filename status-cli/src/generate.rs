//! `statuskit gen <target>`.

use std::io::Write;
use std::process::ExitCode;

use status_schema::diagnostic::render;
use status_schema::rust::{self, RustOptions};

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
    let output = match args.target {
        Target::Rust => rust::file(&schema, &RustOptions::default(), &schema_name),
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
