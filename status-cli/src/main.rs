//! `statuskit`: check `statuses.toml` and generate code from it.
//!
//! Exit codes: 0 when the schema is valid, 1 when it has errors (or warnings, with
//! `--deny-warnings`), 2 on usage or I/O errors.

mod audit;
mod check;
mod confine;
mod diff;
mod fmt;
mod generate;
mod history;
mod json;
mod lint;
mod load;
mod lsp;
mod migrate;
mod outputs;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use status_schema::targets::Target;

/// One statuses.toml for every status enum in a system.
#[derive(Parser)]
#[command(name = "statuskit", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a schema and print its diagnostics and a summary.
    Check(CheckArgs),
    /// Generate code from a schema.
    Gen(GenArgs),
    /// Compare two versions of a schema: what the change breaks (stored values, generated
    /// code, lifecycle), rule by rule.
    Diff(DiffArgs),
    /// The migration history of `[migrations]`: `statuskit migrate new NAME` writes the next
    /// migration, never changing one that exists.
    #[command(subcommand)]
    Migrate(MigrateCommand),
    /// Find the status enums a codebase already has (Python, TypeScript/JavaScript, Prisma,
    /// SQL, Rust), relate them, and draft a statuses.toml from them.
    Audit(AuditArgs),
    /// Check the code around a schema against it: literals that are no value of a status
    /// or an old spelling of one (`--fix` rewrites those), hand-written copies of a status
    /// that drifted from it, and transition tables that allow moves it does not.
    Lint(LintArgs),
    /// Rewrite schemas in the one layout statuskit gives them (comments and the order of
    /// statuses and keys kept; what the schema means never changed).
    Fmt(FmtArgs),
    /// Serve the Language Server Protocol on standard input and output, for editors:
    /// diagnostics, hover, definitions and references, formatting.
    Lsp,
    /// Print the JSON Schema of statuses.toml, for editors (Even Better TOML, Taplo):
    /// `statuskit schema > statuses.schema.json`, then `#:schema ./statuses.schema.json` as
    /// the schema's first line.
    Schema,
}

/// Arguments of `statuskit gen`.
#[derive(clap::Args)]
// Each is a command-line flag of its own; clap reads them as booleans.
#[allow(clippy::struct_excessive_bools)]
struct GenArgs {
    /// What to generate; without it, every `[[generate]]` entry of the schema.
    #[arg(value_name = "TARGET", long_help = target_help())]
    target: Option<String>,
    /// The schema to generate from (default statuses.toml); `-` reads it from standard
    /// input. Without a target, `statuskit gen FILE` works too.
    file: Option<PathBuf>,
    /// Without a target: write nothing, and fail (exit 1) when a configured output is
    /// missing or stale, showing how it differs.
    #[arg(long)]
    check: bool,
    /// Write here instead of to stdout; for `mermaid` of several statuses, a directory
    /// (`DIR/`) that gets one `Name.mmd` per status.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Generate only these statuses (repeatable; conversions between them are kept).
    #[arg(long = "status", value_name = "NAME")]
    statuses: Vec<String>,
    /// sql: a column holding a status, `table.column=Status` (repeatable): migrated to
    /// canonical values and guarded by a transition trigger.
    #[arg(long = "column", value_name = "TABLE.COLUMN=STATUS")]
    columns: Vec<status_schema::targets::Column>,
    /// sql: store statuses as text with CHECK constraints instead of enum types.
    #[arg(long)]
    text: bool,
    /// sql: write the migration from a database made for this older schema (renamed and
    /// added values, rows rewritten, retired values removed) instead of a fresh setup.
    #[arg(long, value_name = "OLD.toml")]
    since: Option<PathBuf>,
    /// typescript: add a zod schema per status (`TaskStatusSchema`) that reads every spelling
    /// and yields the wire value; the module then imports zod. `--zod=3` writes for zod 3
    /// (`--zod` alone, or `--zod=4`, for zod 4).
    #[arg(
        long,
        value_name = "MAJOR",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "4",
        value_parser = clap::value_parser!(u8).range(3..=4)
    )]
    zod: Option<u8>,
    /// python: add a SQLAlchemy 2 column type per status (`TaskStatusType`) that stores the
    /// wire value and reads every spelling, and `sqlalchemy_types()` for a declarative
    /// base's `type_annotation_map`; the module then imports sqlalchemy.
    #[arg(long)]
    sqlalchemy: bool,
    /// rust: format the output with the toolchain's `rustfmt` (for a file you commit and
    /// check with `cargo fmt --check`); without it, the output is prettyplease's, the same
    /// bytes on every machine, as build.rs mode writes.
    #[arg(long)]
    rustfmt: bool,
}

/// `statuskit gen`'s targets in its help: the backend's one list, each with its summary.
fn target_help() -> String {
    use std::fmt::Write as _;
    let mut help = String::from(
        "What to generate; without it, every `[[generate]]` entry of the schema (see --check).\n\nTargets:",
    );
    for target in Target::ALL {
        let _ = write!(help, "\n  {:<11} {}", target.name(), target.summary());
    }
    help
}

/// `statuskit migrate …`.
#[derive(Subcommand)]
enum MigrateCommand {
    /// Write the next migration into `[migrations]` `dir`: from the model the newest
    /// migration recorded (the first: from the database as it is) to the schema now, in the
    /// runner's file names; nothing when nothing the database holds changed.
    New(MigrateNewArgs),
}

/// Arguments of `statuskit migrate new`.
#[derive(clap::Args)]
struct MigrateNewArgs {
    /// What the migration does, in the file name: `rename_done`.
    name: String,
    /// The schema (default statuses.toml).
    #[arg(default_value = "statuses.toml")]
    file: PathBuf,
}

/// Arguments of `statuskit diff`.
#[derive(clap::Args)]
struct DiffArgs {
    /// `OLD NEW`; with --against, the one schema file (default statuses.toml).
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Compare FILE with its version at this git revision (`main`, `HEAD~1`, a tag).
    #[arg(long, value_name = "REF")]
    against: Option<String>,
    /// Categories whose changes fail (exit 1): wire, source, behaviour, or none. Default:
    /// wire,source.
    #[arg(long, value_delimiter = ',', value_name = "CATEGORY")]
    deny: Vec<String>,
    /// A rule that never fails, by code or name (`B105`, `state-added`); repeatable.
    #[arg(long, value_name = "RULE")]
    allow: Vec<String>,
    /// How to print the changes.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

/// Arguments of `statuskit check`.
#[derive(clap::Args)]
struct CheckArgs {
    /// The schemas to check, each in turn; `-` reads one from standard input.
    #[arg(value_name = "FILE", default_value = "statuses.toml")]
    files: Vec<PathBuf>,
    /// How to print diagnostics: with several files, `json` prints one document per line.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

/// Arguments of `statuskit audit`.
#[derive(clap::Args)]
struct AuditArgs {
    /// The directory to audit (as git sees it: .gitignore honoured, `node_modules` and
    /// virtual environments skipped).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// How to print the findings: an inventory, or the versioned JSON document.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Print a draft statuses.toml instead of the findings.
    #[arg(long)]
    draft: bool,
    /// Report every enum-like definition, not only those that look like statuses.
    #[arg(long)]
    all: bool,
    /// Leave out paths matching this glob (gitignore syntax, repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
}

/// Arguments of `statuskit lint`.
#[derive(clap::Args)]
struct LintArgs {
    /// The directory to lint (as `audit` walks it); the schema's directory by default.
    dir: Option<PathBuf>,
    /// The schema the code is held against.
    #[arg(long, default_value = "statuses.toml")]
    schema: PathBuf,
    /// How to print the findings: rustc-style text, the versioned JSON document, SARIF
    /// 2.1.0, or GitHub Actions annotations.
    #[arg(long, value_enum, default_value_t = lint::LintFormat::Human)]
    format: lint::LintFormat,
    /// Leave out paths matching this glob (gitignore syntax, repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Rewrite each legacy spelling to its state's wire value, in place (only the literal's
    /// characters; all files or none), and print what changed.
    #[arg(long)]
    fix: bool,
}

/// Arguments of `statuskit fmt`.
#[derive(clap::Args)]
struct FmtArgs {
    /// The schemas to format.
    #[arg(default_value = "statuses.toml")]
    files: Vec<PathBuf>,
    /// Change nothing: exit 1, with a diff, when a file is not formatted.
    #[arg(long)]
    check: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// rustc-style text for people.
    Human,
    /// One JSON document, for editors and CI.
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    /// Colour when writing to a terminal and `NO_COLOR` is unset.
    Auto,
    Always,
    Never,
}

/// Prints `error: {message}` to stderr on one line, with whatever the user gave inside it
/// (paths, names, arguments) unable to drive the terminal or to start a line of its own (a
/// file name holding `\n::error::` would be a workflow command to GitHub Actions).
pub(crate) fn report_error(message: impl std::fmt::Display) {
    let message = status_schema::diagnostic::render::one_line_safe(&message.to_string());
    // A closed stderr leaves nobody to tell.
    let _ = writeln!(std::io::stderr(), "error: {message}");
}

/// Whether to colour what goes to stderr: `--color`, with `auto` meaning a terminal and no
/// `NO_COLOR`.
pub(crate) fn colour(choice: Color) -> bool {
    use std::io::IsTerminal;
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Gen(args) => generate::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Audit(args) => audit::run(&args),
        Command::Lint(args) => lint::run(&args),
        Command::Lsp => lsp::run(),
        Command::Fmt(args) => fmt::run(&fmt::FmtArgs {
            files: &args.files,
            check: args.check,
        }),
        Command::Migrate(MigrateCommand::New(args)) => migrate::new(&args),
        Command::Schema => {
            let text = status_schema::language::json_schema();
            match std::io::stdout().lock().write_all(text.as_bytes()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(_) => ExitCode::from(load::IO_ERROR),
            }
        }
    }
}
