//! What every subcommand does first: read the schema and analyse it.

use std::path::Path;

use status_schema::{Analysis, SourceFile};

/// Exit code for a schema with errors.
pub(crate) const SCHEMA_ERRORS: u8 = 1;
/// Exit code for usage and I/O errors.
pub(crate) const IO_ERROR: u8 = 2;

/// The schema at `path`, analysed; a one-line error on stderr when it cannot be read.
pub(crate) fn load(path: &Path) -> Option<(SourceFile, Analysis)> {
    match status_schema::read::read_schema_file(path) {
        Ok(bytes) => Some(status_schema::analyze_bytes(
            &path.display().to_string(),
            &bytes,
        )),
        Err(error) => {
            eprintln!("error: cannot read `{}`: {error}", path.display());
            None
        }
    }
}
