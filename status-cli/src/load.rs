//! What every subcommand does first: read the schema and analyse it.

use std::path::Path;

use status_schema::{Analysis, SourceFile};

/// Exit code for a schema with errors.
pub(crate) const SCHEMA_ERRORS: u8 = 1;
/// Exit code for usage and I/O errors.
pub(crate) const IO_ERROR: u8 = 2;

/// The schema at `path`, analysed; a one-line error on stderr when it cannot be read.
pub(crate) fn load(path: &Path) -> Option<(SourceFile, Analysis)> {
    read(path)
        .map_err(|message| eprintln!("error: {message}"))
        .ok()
}

/// The schema at `path`, analysed, or why it cannot be read.
pub(crate) fn read(path: &Path) -> Result<(SourceFile, Analysis), String> {
    match status_schema::read::read_schema_file(path) {
        Ok(bytes) => Ok(status_schema::analyze_bytes(
            &path.display().to_string(),
            &bytes,
        )),
        Err(error) => Err(format!("cannot read `{}`: {error}", path.display())),
    }
}
