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
        .map_err(|message| crate::report_error(&message))
        .ok()
}

/// The schema at `path` (`-` for standard input), analysed, or why it cannot be read.
pub(crate) fn read(path: &Path) -> Result<(SourceFile, Analysis), String> {
    if path.as_os_str() == "-" {
        return stdin().map(|bytes| status_schema::analyze_bytes("<stdin>", &bytes));
    }
    match status_schema::read::read_schema_file(path) {
        Ok(bytes) => Ok(status_schema::analyze_bytes(
            &path.display().to_string(),
            &bytes,
        )),
        Err(error) => Err(format!("cannot read `{}`: {error}", path.display())),
    }
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
