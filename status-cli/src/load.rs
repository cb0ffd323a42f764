//! What every subcommand does first: read the schema and analyse it.

use std::path::Path;
use std::process::ExitCode;

use status_schema::{Analysis, SourceFile};

/// Exit code for a schema with errors.
pub(crate) const SCHEMA_ERRORS: u8 = 1;
/// Exit code for usage and I/O errors.
pub(crate) const IO_ERROR: u8 = 2;

/// The schema at `path`, analysed; a one-line error on stderr when it cannot be read.
pub(crate) fn load(path: &Path) -> Option<(SourceFile, Analysis)> {
    read(path)
        .map_err(|message| crate::report_error(&message))
        .ok()
}

/// The schema at `path`, analysed, with its diagnostics printed to stderr as `check`
/// prints them; or the exit code when it cannot be read (`IO_ERROR`, the reason printed)
/// or has errors (`SCHEMA_ERRORS`).
pub(crate) fn checked(path: &Path) -> Result<(SourceFile, status_schema::Schema), ExitCode> {
    let (file, analysis) = load(path).ok_or(ExitCode::from(IO_ERROR))?;
    let diagnostics = status_schema::diagnostic::to_string(&file, analysis.diagnostics.as_slice());
    if !diagnostics.is_empty() {
        eprint!("{diagnostics}");
    }
    match analysis.schema {
        Some(schema) => Ok((file, schema)),
        None => Err(ExitCode::from(SCHEMA_ERRORS)),
    }
}

/// The schema at `path` (`-` for standard input), analysed, or why it cannot be read.
pub(crate) fn read(path: &Path) -> Result<(SourceFile, Analysis), String> {
    if path.as_os_str() == "-" {
        return stdin().map(|bytes| status_schema::analyze_bytes("<stdin>", &bytes));
    }
    if let Some(why) = link_leading_out(path) {
        return Err(format!("cannot read `{}`: {why}", path.display()));
    }
    match status_schema::read::read_schema_file(path) {
        Ok(bytes) => Ok(status_schema::analyze_bytes(
            &path.display().to_string(),
            &bytes,
        )),
        Err(error) => Err(format!("cannot read `{}`: {error}", path.display())),
    }
}

/// Why a schema reached through a symbolic link (its own name, or a directory on its path)
/// may not be read through it: its target lies outside the repository the path names (the
/// nearest directory with a `.git` above the first link; without one, the directory holding
/// the link), or inside its version-control directory. Diagnostics quote the schema's lines, so a link that a
/// pull request commits as `statuses.toml` (to `~/.aws/credentials`, `/proc/self/environ`)
/// would print another file into the CI log, wherever statuskit runs from.
fn link_leading_out(path: &Path) -> Option<String> {
    let cwd = std::env::current_dir().ok()?;
    let absolute = cwd.join(path);
    // The outermost link on the way (the file itself, or a directory above it).
    let mut prefixes: Vec<&Path> = absolute.ancestors().collect();
    prefixes.reverse();
    let link = prefixes
        .iter()
        .find(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink()))?;
    // A dangling link: reading it reports that.
    let target = path.canonicalize().ok()?;
    // The repository the path names, above its first link: the nearest directory with a
    // `.git`; without one, the directory holding the link.
    let above = link.parent().unwrap_or(Path::new("/"));
    let Ok(above_real) = above.canonicalize() else {
        return Some(
            "it is reached through a symbolic link, and its directory cannot be resolved"
                .to_owned(),
        );
    };
    let repository = above_real
        .ancestors()
        .find(|dir| std::fs::symlink_metadata(dir.join(".git")).is_ok())
        .unwrap_or(&above_real);
    if !target.starts_with(repository) {
        return Some("it is reached through a symbolic link leading out of its repository: statuskit reads a schema through a link only when the link stays inside (its diagnostics quote the schema's lines)".to_owned());
    }
    // Inside, version control's own files (a remote's credentials in `.git/config`) are no
    // schema either.
    let inside = target.strip_prefix(repository).unwrap_or(&target);
    inside
        .iter()
        .any(|part| status_schema::model::Output::is_version_control(&part.to_string_lossy()))
        .then(|| {
            "it is reached through a symbolic link into a version-control directory: statuskit reads no schema there (its diagnostics quote the schema's lines)".to_owned()
        })
}

/// Standard input, up to the same size limit as a schema file.
fn stdin() -> Result<Vec<u8>, String> {
    use std::io::Read;
    let limit = status_schema::read::MAX_SCHEMA_BYTES;
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| format!("cannot read standard input: {error}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "standard input holds more than {limit} bytes, the limit for a schema"
        ));
    }
    Ok(bytes)
}
