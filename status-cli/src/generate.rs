//! `statuskit gen <target>`.

use std::io::Write;
use std::path::Path;
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
    if !matches!(args.target, Target::Sql) && (!args.columns.is_empty() || args.text) {
        eprintln!("error: --column and --text apply to `statuskit gen sql` only");
        return ExitCode::from(IO_ERROR);
    }
    if !matches!(args.target, Target::Rust) && args.rustfmt {
        eprintln!("error: --rustfmt applies to `statuskit gen rust` only");
        return ExitCode::from(IO_ERROR);
    }
    let schema = match select(schema, &args.statuses) {
        Ok(schema) => schema,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(IO_ERROR);
        }
    };
    if matches!(args.target, Target::Mermaid) && schema.statuses.len() > 1 {
        return mermaid_files(&schema, &schema_name, args.output.as_deref());
    }
    let output = match args.target {
        Target::Rust => {
            let text = rust::file(&schema, &RustOptions::default(), &schema_name);
            if args.rustfmt {
                match rustfmt(&text) {
                    Ok(text) => text,
                    Err(message) => {
                        eprintln!("error: {message}");
                        return ExitCode::from(IO_ERROR);
                    }
                }
            } else {
                text
            }
        }
        Target::Json => targets::json::generate(&schema, &schema_name),
        Target::Typescript => targets::typescript::generate(&schema, &schema_name),
        Target::Python => targets::python::generate(&schema, &schema_name),
        Target::Prisma => targets::prisma::generate(&schema, &schema_name),
        // One status here: its file is the one diagram.
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

/// `text` as the toolchain's `rustfmt` (edition 2024) formats it.
fn rustfmt(text: &str) -> Result<String, String> {
    use std::process::{Command, Stdio};
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| {
            format!("--rustfmt: cannot run `rustfmt`: {error} (rustup component add rustfmt)")
        })?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or("--rustfmt: no stdin for rustfmt")?;
    let input = text.to_owned();
    // Written from another thread, so that a large file cannot fill both pipes at once.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|error| format!("--rustfmt: {error}"))?;
    let _ = writer.join();
    if !output.status.success() {
        return Err(format!(
            "--rustfmt: rustfmt failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8(output.stdout).map_err(|_| "--rustfmt: rustfmt wrote no UTF-8".to_owned())
}

/// A Mermaid file holds one diagram: several statuses go to a directory, one `Name.mmd`
/// each, and without one the command says how to choose.
fn mermaid_files(schema: &Schema, schema_name: &str, output: Option<&Path>) -> ExitCode {
    let directory = output.filter(|path| {
        path.is_dir()
            || path
                .as_os_str()
                .to_string_lossy()
                .ends_with(std::path::MAIN_SEPARATOR)
    });
    let Some(directory) = directory else {
        eprintln!(
            "error: a Mermaid file holds one diagram, and the schema has {} statuses: choose one with --status NAME, or write one file per status with -o DIRECTORY/",
            schema.statuses.len()
        );
        return ExitCode::from(IO_ERROR);
    };
    if let Err(error) = std::fs::create_dir_all(directory) {
        eprintln!("error: cannot create `{}`: {error}", directory.display());
        return ExitCode::from(IO_ERROR);
    }
    for (name, text) in targets::mermaid::files(schema, schema_name) {
        let path = directory.join(name);
        if let Err(error) = std::fs::write(&path, text) {
            eprintln!("error: cannot write `{}`: {error}", path.display());
            return ExitCode::from(IO_ERROR);
        }
        // A closed stderr (`| head`) must not stop the files being written.
        let _ = writeln!(std::io::stderr(), "wrote {}", path.display());
    }
    ExitCode::SUCCESS
}

/// The schema reduced to the `--status` names (all when none), with the conversions
/// between kept statuses.
fn select(mut schema: Schema, names: &[String]) -> Result<Schema, String> {
    if names.is_empty() {
        return Ok(schema);
    }
    if let Some(unknown) = names.iter().find(|n| schema.status(n).is_none()) {
        // Status names are types, so the likeliest slip is their case: `orderstatus`.
        let hint = schema
            .statuses
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(unknown))
            .map(|s| format!("; did you mean `{}`?", s.name))
            .unwrap_or_default();
        return Err(format!(
            "--status {unknown}: the schema declares no such status{hint}"
        ));
    }
    schema.statuses.retain(|s| names.contains(&s.name));
    schema
        .conversions
        .retain(|c| names.contains(&c.from) && names.contains(&c.to));
    Ok(schema)
}
