//! Where `statuskit gen` may write and what it may read back: the output policy of
//! the guide's page on untrusted trees (docs/guide/src/untrusted.md), held against the disk.
//!
//! `check` refuses the paths that could only go wrong (E062, E064, E065); what the tree
//! holds (symbolic links, FIFOs, someone's own file) is seen only here. Every existing
//! component of an output's path is looked at without following it: a link on the way is
//! resolved and must stay inside the schema's directory and out of version control's, a link
//! or anything but a regular file where the output goes is refused, and so is a file that
//! statuskit did not write. Reads open only what was found to be a regular file, and check
//! that the file opened is that one.
//!
//! The tree is taken to hold still while statuskit runs, as a checkout in CI does: the
//! checks leave no window a static tree can use, but a process racing them on the same
//! machine is not what they guard against.

use std::ffi::OsString;
use std::fs::{File, Metadata};
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};

use status_schema::model::Output;

/// The largest existing output read back (to compare it, or to see whose it is), and so
/// the largest written: a schema within `check`'s limits can generate more (a thousand
/// states all moving to all), and is refused rather than written unreadable.
pub(crate) const MAX_OUTPUT_BYTES: u64 = 64 * 1024 * 1024;

/// The schema's directory and the schema, both as the file system resolves them.
pub(crate) struct Root {
    dir: PathBuf,
    schema: PathBuf,
    /// What `dir` is, in messages: the schema's directory, or where a `-o` path starts.
    what: &'static str,
}

/// An output's place, checked: the directory it goes into, the directories to create below
/// it, and what stands there now.
pub(crate) struct Place {
    /// The path as the user reads it (the schema's directory as given, joined with `out`).
    pub(crate) shown: PathBuf,
    /// The deepest directory that exists, resolved.
    dir: PathBuf,
    /// The directories to create below `dir`, outermost first.
    missing: Vec<OsString>,
    name: OsString,
    /// The bytes of the file statuskit wrote there (it carries the `@generated` header), read
    /// once, as the place was checked; `None` when the output is new.
    current: Option<Vec<u8>>,
}

impl Root {
    /// The root of the schema at `schema_file`: its directory as given (a link as the
    /// schema's own file name is the schema's business, not a way to move its outputs).
    pub(crate) fn of(schema_file: &Path) -> Result<Root, String> {
        let parent = schema_file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let dir = parent
            .canonicalize()
            .map_err(|e| format!("cannot resolve `{}`: {e}", parent.display()))?;
        let schema = schema_file
            .canonicalize()
            .map_err(|e| format!("cannot resolve `{}`: {e}", schema_file.display()))?;
        Ok(Root {
            dir,
            schema,
            what: "the schema's directory",
        })
    }

    /// The root of a path the user named (`gen TARGET -o PATH`): the working directory when
    /// the path is relative or lies below it, else the directory its leading `/` and `..`
    /// components name; and the rest of the path below it. The path is the user's; the tree below its start is a pull
    /// request's as much as the schema is, so its outputs follow the same policy.
    pub(crate) fn of_named(path: &Path, schema_file: &Path) -> Result<(Root, PathBuf), String> {
        // An absolute path into the working directory (`$GITHUB_WORKSPACE/app/x.py` run in
        // the workspace) starts there, as the same path written relative does: the tree
        // below is the pull request's either way.
        if path.is_absolute()
            && let Ok(cwd) = std::env::current_dir()
        {
            let cwd_real = cwd.canonicalize().unwrap_or_else(|_| cwd.clone());
            for base in [&cwd, &cwd_real] {
                if let Ok(rest) = path.strip_prefix(base)
                    && rest.components().all(|c| matches!(c, Component::Normal(_)))
                {
                    return Ok((
                        Root {
                            dir: cwd_real.clone(),
                            schema: schema_file.canonicalize().unwrap_or_default(),
                            what: "the working directory",
                        },
                        rest.to_owned(),
                    ));
                }
            }
        }
        let mut start = PathBuf::new();
        let mut rest = PathBuf::new();
        for component in path.components() {
            match component {
                Component::Prefix(_) | Component::RootDir | Component::ParentDir
                    if rest.as_os_str().is_empty() =>
                {
                    start.push(component);
                }
                Component::CurDir => {}
                Component::Normal(name) => rest.push(name),
                _ => {
                    return Err(format!(
                        "`{}` climbs out (`..`) after naming a directory: write the path without it",
                        path.display()
                    ));
                }
            }
        }
        if start.as_os_str().is_empty() {
            start.push(".");
        }
        let dir = start
            .canonicalize()
            .map_err(|e| format!("cannot resolve `{}`: {e}", start.display()))?;
        Ok((
            Root {
                dir,
                // A schema read from standard input has no file to protect.
                schema: schema_file.canonicalize().unwrap_or_default(),
                what: "the directory the path starts from",
            },
            rest,
        ))
    }

    /// The place of an output at `relative` (an `out` that `check` accepted), or why it is
    /// refused, naming `shown`.
    pub(crate) fn place(&self, relative: &Path, shown: PathBuf) -> Result<Place, String> {
        let shown_text = shown.display().to_string();
        let refuse = |why: &str| Err(format!("`{shown_text}` {why}"));
        let mut names = Vec::new();
        for component in relative.components() {
            match component {
                Component::Normal(name) => names.push(name.to_owned()),
                Component::CurDir => {}
                _ => return refuse("is not a path inside the schema's directory"),
            }
        }
        let Some(name) = names.pop() else {
            return refuse("names no file");
        };
        let (dir, missing) = match self.directory(names) {
            Ok(found) => found,
            Err(why) => return refuse(&why),
        };
        let mut place = Place {
            shown,
            dir,
            missing,
            name,
            current: None,
        };
        if !place.missing.is_empty() {
            return Ok(place);
        }
        let path = place.path();
        let meta = match std::fs::symlink_metadata(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(place),
            Err(e) => return refuse(&format!("cannot be reached: {e}")),
            Ok(meta) => meta,
        };
        if meta.file_type().is_symlink() {
            return refuse(
                "is a symbolic link: statuskit writes only regular files (remove the link)",
            );
        }
        if !meta.is_file() {
            return refuse(&format!(
                "is {}: statuskit writes only regular files",
                kind(&meta)
            ));
        }
        if same_file(&meta, &self.schema) {
            return refuse("is the schema itself");
        }
        match whose(&path, &meta) {
            Ok(Some(bytes)) => place.current = Some(bytes),
            Ok(None) => {
                return refuse(
                    "exists and is not statuskit's output (it has no `@generated by statuskit` header): remove it, or choose another `out`",
                );
            }
            Err(why) => return refuse(&why),
        }
        Ok(place)
    }

    /// Where the directory `relative` is, or would be created, with every link on the way
    /// resolved; `None` when the way is refused (an output there reports why).
    pub(crate) fn real_directory(&self, relative: &Path) -> Option<PathBuf> {
        let (mut dir, missing) = self.directory(names(relative)).ok()?;
        dir.extend(missing);
        Some(dir)
    }

    /// The directory at `relative` that exists, with every link on the way resolved, or why
    /// it is refused: a link leading out of the schema's directory or into version
    /// control's, as for an output's directory (`statuskit lint`'s `[lint] paths`).
    pub(crate) fn existing_directory(&self, relative: &Path) -> Result<PathBuf, String> {
        let (dir, missing) = self.directory(names(relative))?;
        if missing.is_empty() {
            Ok(dir)
        } else {
            Err("does not exist".to_owned())
        }
    }

    /// The directory `names` lead to from the schema's directory: the deepest one that
    /// exists, resolved, and the names to create below it; or why the way is refused.
    fn directory(&self, names: Vec<OsString>) -> Result<(PathBuf, Vec<OsString>), String> {
        let mut dir = self.dir.clone();
        let mut missing = Vec::new();
        for part in names {
            if !missing.is_empty() {
                missing.push(part);
                continue;
            }
            let next = dir.join(&part);
            match std::fs::symlink_metadata(&next) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => missing.push(part),
                Err(e) => return Err(format!("cannot be reached: {e}")),
                Ok(meta) if meta.file_type().is_symlink() => {
                    let Ok(target) = next.canonicalize() else {
                        return Err("goes through a symbolic link that leads nowhere".to_owned());
                    };
                    if !target.starts_with(&self.dir) {
                        return Err(format!(
                            "goes through a symbolic link that leads out of {}",
                            self.what
                        ));
                    }
                    if !target.is_dir() {
                        return Err(
                            "goes through a symbolic link to something not a directory".to_owned()
                        );
                    }
                    dir = target;
                }
                Ok(meta) if meta.is_dir() => dir = next,
                Ok(meta) => {
                    return Err(format!(
                        "cannot be written: `{}` on its way is {}, not a directory",
                        part.to_string_lossy(),
                        kind(&meta)
                    ));
                }
            }
        }
        // Links inside the directory may still lead into version control's.
        let inside = dir.strip_prefix(&self.dir).unwrap_or(Path::new(""));
        let in_vcs = inside
            .iter()
            .chain(missing.iter().map(OsString::as_os_str))
            .any(|part| Output::is_version_control(&part.to_string_lossy()));
        if in_vcs {
            return Err(
                "lies inside a version-control directory (through a symbolic link)".to_owned(),
            );
        }
        Ok((dir, missing))
    }

    /// The `.mmd` files statuskit wrote from `schema_name` in the directory `relative`
    /// (shown as `shown`) that are not in `keep`: diagrams of statuses the schema no longer
    /// has. Anything else there (someone's file, a link, a diagram of another schema) is left
    /// alone; a directory that cannot be reached holds none.
    pub(crate) fn orphans(
        &self,
        relative: &Path,
        shown: &Path,
        schema_name: &str,
        keep: &[OsString],
    ) -> Vec<Place> {
        // The directory itself, checked like an output's way to it.
        let Ok((dir, missing)) = self.directory(names(relative)) else {
            return Vec::new();
        };
        if !missing.is_empty() {
            return Vec::new();
        }
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name();
            let is_mmd = Path::new(&name).extension().is_some_and(|e| e == "mmd");
            if !is_mmd || keep.contains(&name) {
                continue;
            }
            let path = dir.join(&name);
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if !meta.is_file() || links(&meta) > 1 {
                continue;
            }
            let from_this_schema = read_checked(&path, &meta, MAX_OUTPUT_BYTES)
                .is_ok_and(|bytes| is_ours(&bytes) && is_from(&bytes, schema_name));
            if from_this_schema {
                found.push(Place {
                    shown: shown.join(&name),
                    dir: dir.clone(),
                    missing: Vec::new(),
                    name,
                    current: None,
                });
            }
        }
        found.sort_by(|a, b| a.name.cmp(&b.name));
        found
    }
}

/// An entry of a directory the schema names: its name, and its bytes when it is a regular
/// file statuskit wrote (its header on the first line, no other hard links, within the size
/// limit). Anything else there (someone's file, a link, a FIFO) is named, never opened.
pub(crate) struct Entry {
    pub(crate) name: OsString,
    pub(crate) ours: Option<Vec<u8>>,
}

impl Root {
    /// The entries of the directory `relative` (a `[migrations]` `dir` that `check`
    /// accepted), reached as an output's directory is; none when it does not exist yet.
    pub(crate) fn listing(&self, relative: &Path) -> Result<Vec<Entry>, String> {
        let (dir, missing) = self.directory(names(relative))?;
        if !missing.is_empty() {
            return Ok(Vec::new());
        }
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("cannot be listed: {e}"))?;
        let mut found = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot be listed: {e}"))?;
            let name = entry.file_name();
            let path = dir.join(&name);
            // The header is on the first line: someone's file is never read past it.
            let ours = std::fs::symlink_metadata(&path)
                .ok()
                .filter(|meta| meta.is_file() && links(meta) == 1)
                .filter(|meta| header_is_ours(&path, meta))
                .and_then(|meta| read_checked(&path, &meta, MAX_OUTPUT_BYTES).ok())
                .filter(|bytes| is_ours(bytes));
            found.push(Entry { name, ours });
        }
        found.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(found)
    }

    /// Writes `files` (names and bytes) as new files in the directory `relative`, creating
    /// it if missing: each is written whole to a temporary file, then linked to its name,
    /// which fails if anything is there, so no existing file (or link) is ever replaced or
    /// written through. All or none: a failure removes what this call created.
    pub(crate) fn create_new(
        &self,
        relative: &Path,
        files: &[(String, Vec<u8>)],
    ) -> Result<(), String> {
        let (mut dir, missing) = self.directory(names(relative))?;
        let mut created_dirs = Vec::new();
        for part in missing {
            dir.push(part);
            if let Err(e) = std::fs::create_dir(&dir) {
                remove_dirs(&created_dirs);
                return Err(format!("cannot create `{}`: {e}", dir.display()));
            }
            created_dirs.push(dir.clone());
        }
        let mut linked: Vec<PathBuf> = Vec::new();
        let undo = |linked: &[PathBuf], created_dirs: &[PathBuf]| {
            for path in linked {
                let _ = std::fs::remove_file(path);
            }
            remove_dirs(created_dirs);
        };
        for (name, bytes) in files {
            let target = dir.join(name);
            let staged =
                temporary(&dir, std::ffi::OsStr::new(name)).and_then(|(temp, mut file)| {
                    let written = file.write_all(bytes).and_then(|()| file.sync_all());
                    let linked = written.and_then(|()| std::fs::hard_link(&temp, &target));
                    let _ = std::fs::remove_file(&temp);
                    linked
                });
            if let Err(e) = staged {
                undo(&linked, &created_dirs);
                return Err(if e.kind() == io::ErrorKind::AlreadyExists {
                    format!("`{name}` exists already: statuskit never replaces a migration")
                } else {
                    format!("cannot write `{name}`: {e}")
                });
            }
            linked.push(target);
        }
        Ok(())
    }
}

/// Removes directories this run created, innermost first.
fn remove_dirs(created: &[PathBuf]) {
    for dir in created.iter().rev() {
        let _ = std::fs::remove_dir(dir);
    }
}

impl Place {
    /// Where the file is, resolved.
    fn path(&self) -> PathBuf {
        let mut path = self.dir.clone();
        path.extend(&self.missing);
        path.join(&self.name)
    }

    /// The bytes of statuskit's file there now, `None` when the output is new.
    pub(crate) fn current(&self) -> Option<&[u8]> {
        self.current.as_deref()
    }

    /// Writes `bytes` to a new temporary file beside the output (creating the directories
    /// on the way), flushed to disk, ready to be renamed into place.
    pub(crate) fn stage(&self, bytes: &[u8], created: &mut Vec<PathBuf>) -> io::Result<Staged> {
        // What is written must be what `gen` and `gen --check` read back next time; a larger
        // file would be refused as no output of statuskit's from then on.
        if bytes.len() as u64 > MAX_OUTPUT_BYTES {
            return Err(io::Error::other(format!(
                "it would be {} MiB, past the {} MiB statuskit reads back to compare: generate fewer statuses into it (`statuses = [...]`, `--status NAME`)",
                bytes.len() >> 20,
                MAX_OUTPUT_BYTES >> 20
            )));
        }
        let mut dir = self.dir.clone();
        for part in &self.missing {
            dir.push(part);
            match std::fs::create_dir(&dir) {
                Ok(()) => created.push(dir.clone()),
                // Created since it was checked, by an earlier output of this run: it must
                // still be a real directory.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    let meta = std::fs::symlink_metadata(&dir)?;
                    if !meta.is_dir() {
                        return Err(io::Error::other(format!(
                            "`{}` is not a directory",
                            dir.display()
                        )));
                    }
                }
                Err(e) => return Err(e),
            }
        }
        let (temp, mut file) = temporary(&dir, &self.name)?;
        let written = file.write_all(bytes).and_then(|()| file.sync_all());
        if let Err(error) = written {
            let _ = std::fs::remove_file(&temp);
            return Err(error);
        }
        Ok(Staged {
            temp,
            path: dir.join(&self.name),
        })
    }

    /// Where the file is, with every link on the way resolved: two places with one real
    /// path are one file.
    pub(crate) fn real(&self) -> PathBuf {
        self.path()
    }

    /// Moves the file (an orphaned diagram) aside, beside itself, to be removed once every
    /// output is in place, or put back if one cannot be.
    pub(crate) fn set_aside(&self) -> io::Result<SetAside> {
        let dir = self.dir.clone();
        let (temp, file) = temporary(&dir, &self.name)?;
        drop(file);
        match std::fs::rename(self.path(), &temp) {
            Ok(()) => Ok(SetAside {
                temp,
                path: self.path(),
            }),
            Err(error) => {
                let _ = std::fs::remove_file(&temp);
                Err(error)
            }
        }
    }
}

/// An orphaned diagram moved aside, not yet removed.
pub(crate) struct SetAside {
    temp: PathBuf,
    path: PathBuf,
}

impl SetAside {
    /// Puts the file back where it was.
    pub(crate) fn restore(self) {
        let _ = std::fs::rename(&self.temp, &self.path);
    }

    /// Removes it for good.
    pub(crate) fn remove(self) -> io::Result<()> {
        std::fs::remove_file(&self.temp)
    }
}

/// An output written to its temporary file, not yet in place.
pub(crate) struct Staged {
    temp: PathBuf,
    path: PathBuf,
}

impl Staged {
    /// Renames the temporary file over the output: the old file, or a link someone put there
    /// since, is replaced as a whole, never written through.
    pub(crate) fn commit(self) -> io::Result<()> {
        std::fs::rename(&self.temp, &self.path).inspect_err(|_| {
            let _ = std::fs::remove_file(&self.temp);
        })
    }

    /// Removes the temporary file: the output stays as it was.
    pub(crate) fn discard(self) {
        let _ = std::fs::remove_file(&self.temp);
    }
}

/// The names of `relative`'s directories, in order (an `out` that `check` accepted has no
/// `..` and is not absolute; `.` is nothing).
fn names(relative: &Path) -> Vec<OsString> {
    relative
        .components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name.to_owned()),
            _ => None,
        })
        .collect()
}

/// Writes `bytes` to `path`, a path the user named (`gen TARGET -o PATH`), under the policy
/// of `[[generate]]` outputs (see [`Root::of_named`]): no link on the way out of where the
/// path starts or into version control's, nothing but a regular file statuskit wrote
/// replaced (never a link, a FIFO or someone's own file), and the file written whole, to a
/// temporary file beside it renamed over it, so that a failure leaves the old file.
pub(crate) fn write_named(path: &Path, bytes: &[u8], schema_file: &Path) -> Result<(), String> {
    write_all_named(&[(path.to_owned(), bytes)], schema_file)
}

/// Writes several named files (`gen mermaid -o DIR/`) all or none: every place is checked
/// before anything is written, and every file staged before any is renamed into place.
pub(crate) fn write_all_named(
    files: &[(PathBuf, &[u8])],
    schema_file: &Path,
) -> Result<(), String> {
    let mut places = Vec::with_capacity(files.len());
    for (path, _) in files {
        let (root, rest) = Root::of_named(path, schema_file)?;
        places.push(root.place(&rest, path.clone())?);
    }
    let mut created = Vec::new();
    let mut staged = Vec::with_capacity(files.len());
    for (place, (path, bytes)) in places.iter().zip(files) {
        match place.stage(bytes, &mut created) {
            Ok(file) => staged.push(file),
            Err(e) => {
                staged.into_iter().for_each(Staged::discard);
                remove_dirs(&created);
                return Err(format!("cannot write `{}`: {e}", path.display()));
            }
        }
    }
    for (file, (path, _)) in staged.into_iter().zip(files) {
        file.commit()
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    }
    Ok(())
}

/// Writes `bytes` to a new temporary file beside `path` (named after `purpose`, short so
/// that a long file name cannot make it too long), flushed, with `path`'s permission bits
/// but never its set-user-ID, set-group-ID or sticky bit: the new file is the one of whoever
/// runs statuskit. Ready to be renamed over `path` (`lint --fix`, `fmt`).
pub(crate) fn stage_beside(path: &Path, bytes: &[u8], purpose: &str) -> Result<PathBuf, String> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let (temp, mut file) =
        temporary(dir, std::ffi::OsStr::new(purpose)).map_err(|e| e.to_string())?;
    let permissions = std::fs::metadata(path).map(|meta| {
        let mut permissions = meta.permissions();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            permissions.set_mode(permissions.mode() & 0o777);
        }
        permissions
    });
    let written = permissions
        .and_then(|permissions| file.set_permissions(permissions))
        .and_then(|()| file.write_all(bytes))
        .and_then(|()| file.sync_all());
    match written {
        Ok(()) => Ok(temp),
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            Err(e.to_string())
        }
    }
}

/// A new file in `dir` named after the output, created only if nothing is there (so never
/// through a link).
fn temporary(dir: &Path, name: &std::ffi::OsStr) -> io::Result<(PathBuf, File)> {
    let mut last = None;
    for attempt in 0..100u32 {
        let mut temp_name = OsString::from(".");
        temp_name.push(name);
        temp_name.push(format!(".statuskit-{}-{attempt}.tmp", std::process::id()));
        let temp = dir.join(temp_name);
        match File::options().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no temporary file name is free")))
}

/// Whether `bytes` are a file statuskit wrote: its header on the first line (every target
/// but JSON), or a JSON document whose `generated_by` names statuskit. Only the top counts,
/// so a file that merely mentions the header (a comment, this source file) is not taken for
/// statuskit's.
pub(crate) fn is_ours(bytes: &[u8]) -> bool {
    first_line(bytes).is_some_and(|line| contains(line, b"@generated by statuskit "))
        || (bytes.trim_ascii_start().starts_with(b"{")
            && serde_json::from_slice::<serde_json::Value>(bytes).is_ok_and(|document| {
                document
                    .get("generated_by")
                    .and_then(serde_json::Value::as_str)
                    .is_some_and(|by| by.starts_with("statuskit "))
            }))
}

/// Whether statuskit's header on the first line of `bytes` names `schema_name` as the schema
/// it came from.
fn is_from(bytes: &[u8], schema_name: &str) -> bool {
    first_line(bytes).is_some_and(|line| {
        contains(line, b"@generated by statuskit ")
            && contains(line, format!(" from {schema_name}. Do not edit").as_bytes())
    })
}

/// The first line of `bytes`, if it ends within a kilobyte (a header is shorter).
fn first_line(bytes: &[u8]) -> Option<&[u8]> {
    let head = &bytes[..bytes.len().min(1024)];
    head.iter()
        .position(|&b| b == b'\n')
        .map(|end| &head[..end])
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The bytes of the regular file at `path` (its `meta` taken without following links) if it
/// is statuskit's output, `None` if it is someone else's, or why it cannot be told.
fn whose(path: &Path, meta: &Metadata) -> Result<Option<Vec<u8>>, String> {
    if links(meta) > 1 {
        return Err(
            "has other hard links: its content is another file's too, so statuskit neither reads nor replaces it"
                .to_owned(),
        );
    }
    if meta.len() > MAX_OUTPUT_BYTES {
        return Ok(None);
    }
    let bytes = read_checked(path, meta, MAX_OUTPUT_BYTES)?;
    Ok(is_ours(&bytes).then_some(bytes))
}

/// The bytes of the regular file at `path`, opened only if it is still the file `meta`
/// describes (a swap between the look and the open is refused), at most `cap` bytes.
fn read_checked(path: &Path, meta: &Metadata, cap: u64) -> Result<Vec<u8>, String> {
    if meta.len() > cap {
        return Err(format!("is larger than {} MiB", cap / (1024 * 1024)));
    }
    let file = File::open(path).map_err(|e| format!("cannot be read: {e}"))?;
    let opened = file
        .metadata()
        .map_err(|e| format!("cannot be read: {e}"))?;
    if !opened.is_file() || !same_identity(meta, &opened) {
        return Err("changed while statuskit looked at it".to_owned());
    }
    let mut bytes = Vec::new();
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot be read: {e}"))?;
    if bytes.len() as u64 > cap {
        return Err(format!("is larger than {} MiB", cap / (1024 * 1024)));
    }
    Ok(bytes)
}

/// Whether the regular file at `path` (its `meta` taken without following links) starts
/// with statuskit's header line, reading only its first kilobyte.
fn header_is_ours(path: &Path, meta: &Metadata) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    let same = file
        .metadata()
        .is_ok_and(|opened| opened.is_file() && same_identity(meta, &opened));
    let mut head = Vec::new();
    same && file.take(1024).read_to_end(&mut head).is_ok() && is_ours(&head)
}

/// What a file type is called in a refusal.
fn kind(meta: &Metadata) -> &'static str {
    status_schema::read::kind_of(meta.file_type())
}

/// Whether `a` and `b` name one existing file (through links, by device and inode).
pub(crate) fn same_path(a: &Path, b: &Path) -> bool {
    std::fs::metadata(a).is_ok_and(|meta| same_file(&meta, b))
}

/// Whether `meta` is the file at `other` (the schema), by device and inode.
fn same_file(meta: &Metadata, other: &Path) -> bool {
    std::fs::metadata(other).is_ok_and(|theirs| same_identity(meta, &theirs))
}

#[cfg(unix)]
fn same_identity(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_identity(a: &Metadata, b: &Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

#[cfg(unix)]
fn links(meta: &Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

#[cfg(not(unix))]
fn links(_: &Metadata) -> u64 {
    1
}
