//! `statuskit gen <target>`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use status_schema::Schema;
use status_schema::diagnostic::render;
use status_schema::targets::{self, Options, Storage, Target};

use crate::GenArgs;

use crate::load::{IO_ERROR, SCHEMA_ERRORS, load};

pub(crate) fn run(args: &GenArgs) -> ExitCode {
    let default = PathBuf::from("statuses.toml");
    let named = args
        .target
        .as_deref()
        .map(|name| (name, Target::from_name(name)));
    match named {
        // `statuskit gen typescript [FILE]`.
        Some((_, Some(target))) => {
            if args.check {
                crate::report_error("--check compares the `[[generate]]` outputs: give no target");
                return ExitCode::from(IO_ERROR);
            }
            one(args, target, args.file.as_ref().unwrap_or(&default))
        }
        // `statuskit gen [FILE] [--check]`: every configured output.
        None => crate::outputs::run(args, args.file.as_ref().unwrap_or(&default)),
        Some((name, None)) if args.file.is_none() && looks_like_a_file(name) => {
            crate::outputs::run(args, Path::new(name))
        }
        Some((name, None)) => {
            let targets: Vec<&str> = Target::ALL.iter().map(|t| t.name()).collect();
            crate::report_error(format!(
                "no target `{name}`; the targets are {}",
                targets.join(", ")
            ));
            ExitCode::from(IO_ERROR)
        }
    }
}

/// A first argument that is not a target but names a schema: `-`, a `.toml` file, or a
/// path that exists.
fn looks_like_a_file(name: &str) -> bool {
    name == "-"
        || Path::new(name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
        || Path::new(name).exists()
}

/// One target, to stdout or `-o`.
fn one(args: &GenArgs, target: Target, schema_file: &Path) -> ExitCode {
    if let Err(message) = flags_fit(args, target) {
        crate::report_error(message);
        return ExitCode::from(IO_ERROR);
    }
    if let Err(message) = not_a_schema(args, schema_file) {
        crate::report_error(message);
        return ExitCode::from(IO_ERROR);
    }
    let Some((file, analysis)) = load(schema_file) else {
        return ExitCode::from(IO_ERROR);
    };
    // Diagnostics go to stderr as `check` prints them, warnings about other statuses than
    // the `--status` ones left out (every error stops generation, so every error is shown);
    // the output goes to stdout or -o.
    let shown: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| {
            d.severity() == status_schema::Severity::Error
                || args.statuses.is_empty()
                || d.concerns(&args.statuses)
        })
        .cloned()
        .collect();
    let diagnostics = render::to_string(&file, &shown);
    if !diagnostics.is_empty() {
        eprint!("{diagnostics}");
    }
    let Some(schema) = analysis.schema else {
        return ExitCode::from(SCHEMA_ERRORS);
    };
    // Headers name the schema's file; standard input is `<stdin>`, as diagnostics call it.
    let schema_name = match schema_file.file_name() {
        Some(name) if schema_file != Path::new("-") => name.to_string_lossy().into_owned(),
        _ => file.name().to_owned(),
    };
    let schema = if args.statuses.is_empty() {
        schema
    } else {
        match schema.select(&args.statuses) {
            Ok(schema) => schema,
            Err(unknown) => {
                crate::report_error(format!("--status {}: {unknown}", unknown.name()));
                return ExitCode::from(IO_ERROR);
            }
        }
    };
    // `-o -` is standard output, as `-` is standard input.
    let destination = args
        .output
        .as_deref()
        .filter(|path| *path != Path::new("-"));
    let to_directory = destination.is_some_and(is_directory);
    if matches!(target, Target::Mermaid) && (schema.statuses().len() > 1 || to_directory) {
        let chosen = if args.statuses.is_empty() {
            "the schema has"
        } else {
            "--status chose"
        };
        return mermaid_files(&schema, &schema_name, destination, chosen, schema_file);
    }
    let Some(options) = options(args, &schema) else {
        return ExitCode::from(IO_ERROR);
    };
    let output = match target.generate(&schema, &schema_name, &options) {
        Ok(text) => text,
        Err(message) => {
            crate::report_error(&message);
            return ExitCode::from(IO_ERROR);
        }
    };
    let output = if args.rustfmt {
        match rustfmt(&output) {
            Ok(text) => text,
            Err(message) => {
                crate::report_error(&message);
                return ExitCode::from(IO_ERROR);
            }
        }
    } else {
        output
    };
    let written = match destination {
        // One file: a directory (`-o out/`) has no name to give it.
        Some(path) if to_directory => {
            crate::report_error(format!(
                "`-o {}` is a directory; `gen {target}` writes one file: name it, as `-o {}`",
                path.display(),
                path.join(format!("statuses.{}", target.extension()))
                    .display()
            ));
            Err(())
        }
        Some(path) => crate::confine::write_named(path, output.as_bytes(), schema_file)
            .map_err(crate::report_error),
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
fn mermaid_files(
    schema: &Schema,
    schema_name: &str,
    output: Option<&Path>,
    chosen: &str,
    schema_file: &Path,
) -> ExitCode {
    let directory = output.filter(|path| is_directory(path));
    let Some(directory) = directory else {
        crate::report_error(format!(
            "a Mermaid file holds one diagram, and {chosen} {} statuses: choose one with --status NAME, or write one file per status with -o DIRECTORY/",
            schema.statuses().len()
        ));
        return ExitCode::from(IO_ERROR);
    };
    // The directory and each file go through the output policy (`write_named`), which
    // creates what is missing without following a link out.
    let files: Vec<(PathBuf, String)> = targets::mermaid_files(schema, schema_name)
        .into_iter()
        .map(|(name, text)| (directory.join(name), text))
        .collect();
    let bytes: Vec<(PathBuf, &[u8])> = files
        .iter()
        .map(|(path, text)| (path.clone(), text.as_bytes()))
        .collect();
    if let Err(error) = crate::confine::write_all_named(&bytes, schema_file) {
        crate::report_error(error);
        return ExitCode::from(IO_ERROR);
    }
    for (path, _) in &files {
        // A closed stderr (`| head`) must not stop the command.
        let shown = status_schema::diagnostic::render::terminal_safe(&path.display().to_string());
        let _ = writeln!(std::io::stderr(), "wrote {shown}");
    }
    ExitCode::SUCCESS
}

/// A flag of one target given to another is a usage error, found before the schema is read.
fn flags_fit(args: &GenArgs, target: Target) -> Result<(), &'static str> {
    let sql = !args.columns.is_empty() || args.text || args.since.is_some();
    if sql && target != Target::Sql {
        return Err("--column, --text and --since apply to `statuskit gen sql` only");
    }
    if args.zod.is_some() && target != Target::Typescript {
        return Err("--zod applies to `statuskit gen typescript` only");
    }
    if args.sqlalchemy && target != Target::Python {
        return Err("--sqlalchemy applies to `statuskit gen python` only");
    }
    if args.rustfmt && target != Target::Rust {
        return Err("--rustfmt applies to `statuskit gen rust` only");
    }
    Ok(())
}

/// `-o` may name any file but a schema the command reads: the schema, or `--since`'s.
fn not_a_schema(args: &GenArgs, schema_file: &Path) -> Result<(), String> {
    let Some(path) = args.output.as_deref().filter(|p| *p != Path::new("-")) else {
        return Ok(());
    };
    let mut schemas = std::iter::once(schema_file).chain(args.since.as_deref());
    match schemas.find(|schema| crate::confine::same_path(path, schema)) {
        Some(schema) => Err(format!(
            "`-o {}` is the schema `{}`: a schema is never overwritten; name the file to generate",
            path.display(),
            schema.display()
        )),
        None => Ok(()),
    }
}

/// Whether `-o` names a directory: one that exists, or a path written with a trailing
/// separator (`diagrams/`), created if missing.
fn is_directory(path: &Path) -> bool {
    path.is_dir()
        || path
            .as_os_str()
            .to_string_lossy()
            .ends_with(std::path::MAIN_SEPARATOR)
}

/// The targets' options from the flags; `None` (the reason printed) when `--since` names a
/// schema that cannot be read or has errors. With `--since`, what the change does to stored
/// values is printed as warnings.
fn options(args: &GenArgs, schema: &Schema) -> Option<Options> {
    let mut options = Options::default();
    if args.text {
        options.sql.storage = Storage::Text;
    }
    options.sql.columns.clone_from(&args.columns);
    options.typescript.zod = args.zod;
    options.python.sqlalchemy = args.sqlalchemy;
    if let Some(path) = &args.since {
        let (old_file, old) = load(path)?;
        let Some(old_schema) = old.schema else {
            let _ = std::io::stderr()
                .write_all(render::to_string(&old_file, old.diagnostics.as_slice()).as_bytes());
            crate::report_error(format!("--since `{}` has errors", path.display()));
            return None;
        };
        warn_of_stored_changes(&old_schema, schema);
        options.sql.since = Some(old_schema);
    }
    Some(options)
}

/// With `--since`, the changes `statuskit diff` finds in stored values, as warnings: the
/// migration is written, and stops on rows they concern (a removed state's value the new
/// schema says nothing about) or changes what the previous release may write.
fn warn_of_stored_changes(old: &Schema, new: &Schema) {
    use status_schema::diff::{Category, Policy};
    let changes = status_schema::diff::diff(old, new, &Policy::default());
    // A status left out (`--status`, or dropped: its rows stay as they are) is no concern
    // of this migration.
    let concerns = |c: &&status_schema::diff::Change| {
        c.category == Category::Wire && c.diagnostic.code != status_schema::Code::StatusRemoved
    };
    for change in changes.iter().filter(concerns) {
        let _ = writeln!(
            std::io::stderr(),
            "warning[{}]: {} (see `statuskit diff`)",
            change.diagnostic.code.id(),
            render::one_line_safe(&change.diagnostic.message)
        );
    }
}
