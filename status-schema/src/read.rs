//! Reading a schema file from disk, guarded: every front end (the derive, build.rs mode,
//! the CLI) reads through [`read_schema_file`], so none of them can be made to read
//! `/dev/zero` until memory runs out, or block forever on a FIFO.

use core::fmt;
use std::io::Read;
use std::path::Path;

/// The largest schema file read: 16 MiB. A schema of 100,000 states is under 3 MiB; the
/// cap bounds what any path can make a compiler or build script hold in memory.
pub const MAX_SCHEMA_BYTES: u64 = 16 * 1024 * 1024;

/// Why a schema file could not be read.
#[derive(Debug)]
#[non_exhaustive]
pub enum ReadError {
    /// The path does not exist, or reading it failed.
    Io(std::io::Error),
    /// The path is not a regular file (a directory, a device, a FIFO, a socket).
    NotAFile {
        /// What it is instead, such as `"a directory"`.
        kind: &'static str,
    },
    /// The file is larger than [`MAX_SCHEMA_BYTES`].
    TooLarge {
        /// Its size in bytes, as far as it was read.
        size: u64,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(error) => write!(f, "{error}"),
            ReadError::NotAFile { kind } => {
                write!(f, "it is {kind}, not a regular file")
            }
            ReadError::TooLarge { size } => write!(
                f,
                "it is {} MiB or more, past the {} MiB limit for a schema",
                size / (1024 * 1024),
                MAX_SCHEMA_BYTES / (1024 * 1024)
            ),
        }
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReadError::Io(error) => Some(error),
            _ => None,
        }
    }
}

/// The bytes of the schema file at `path` (symbolic links followed).
///
/// # Errors
///
/// [`ReadError::NotAFile`] for anything but a regular file, checked before opening it (a
/// FIFO would block the open); [`ReadError::TooLarge`] past [`MAX_SCHEMA_BYTES`], by its
/// size on disk and again while reading (a file may grow); [`ReadError::Io`] otherwise.
pub fn read_schema_file(path: impl AsRef<Path>) -> Result<Vec<u8>, ReadError> {
    read_capped(path.as_ref(), MAX_SCHEMA_BYTES)
}

fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let metadata = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotAFile {
            kind: kind_of(metadata.file_type()),
        });
    }
    if metadata.len() > cap {
        return Err(ReadError::TooLarge {
            size: metadata.len(),
        });
    }
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let mut bytes = Vec::new();
    // One byte past the cap tells a file that grew since `metadata` from one that fits.
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    let read = bytes.len() as u64;
    if read > cap {
        return Err(ReadError::TooLarge { size: read });
    }
    Ok(bytes)
}

/// What a file type is called in a message: `"a FIFO"`, `"a socket"`, `"a device"`, `"a
/// directory"`, `"a symbolic link"`, `"a file"`; for the CLI's refusals to read or write
/// anything but a regular file, as for [`read_schema_file`]'s.
pub fn kind_of(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_file() {
        "a file"
    } else {
        "not a regular file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("statuskit-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir.join(name)
    }

    #[test]
    fn reads_a_regular_file() {
        let path = scratch("ok.toml");
        std::fs::write(&path, "schema_version = 1\n").expect("write");
        assert_eq!(
            read_schema_file(&path).ok().as_deref(),
            Some(&b"schema_version = 1\n"[..])
        );
    }

    #[test]
    fn refuses_a_directory() {
        let error = read_schema_file(std::env::temp_dir()).err();
        assert!(matches!(
            error,
            Some(ReadError::NotAFile {
                kind: "a directory"
            })
        ));
        assert_eq!(
            error.map(|e| e.to_string()).as_deref(),
            Some("it is a directory, not a regular file")
        );
    }

    #[test]
    fn refuses_a_file_past_the_cap() {
        let path = scratch("big.toml");
        std::fs::write(&path, vec![b'#'; 2048]).expect("write");
        assert!(matches!(
            read_capped(&path, 1024),
            Err(ReadError::TooLarge { size: 2048 })
        ));
        assert!(read_capped(&path, 2048).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn refuses_devices_without_reading_them() {
        // `/dev/zero` never ends; the check must come before any read.
        if Path::new("/dev/zero").exists() {
            assert!(matches!(
                read_schema_file("/dev/zero"),
                Err(ReadError::NotAFile { kind: "a device" })
            ));
        }
    }
}
