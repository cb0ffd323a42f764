//! The walk: every source file under a directory as git sees it, read in parallel, each by
//! the extractor of its language; what fails is recorded, never fatal.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use ignore::overrides::OverrideBuilder;
use ignore::{WalkBuilder, WalkState};

use crate::finding::{FileFindings, Finding, Reference, TransitionTable, resolve};
use crate::languages::Language;
use crate::report::Report;

/// Directories that hold installed or built code, skipped even when no `.gitignore` says so.
const SKIPPED_DIRECTORIES: &[&str] = &[
    ".git",
    ".mypy_cache",
    ".next",
    ".nuxt",
    ".tox",
    ".venv",
    "__pycache__",
    "node_modules",
    "site-packages",
    "venv",
];

/// Why a file whose name is not UTF-8 is not read.
const NOT_UTF8_NAME: &str = "skipped: the file name is not UTF-8";

/// Files larger than this are bundles or data, not definitions; skipped.
const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// What to audit, and how.
#[derive(Default)]
#[non_exhaustive]
pub struct Options {
    /// Report every enum-like definition, not only statuses.
    pub all: bool,
    /// Globs (gitignore syntax, relative to the root) of paths to leave out.
    pub exclude: Vec<String>,
    /// Called with the number of files read so far, every 1,000 files.
    pub progress: Option<Box<dyn Fn(usize) + Send + Sync>>,
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("all", &self.all)
            .field("exclude", &self.exclude)
            .finish_non_exhaustive()
    }
}

/// Audits the tree under `root`.
///
/// # Errors
///
/// When `root` is not a directory, or an `exclude` glob does not parse.
pub fn audit(root: &Path, options: &Options) -> Result<Report, String> {
    if !root.is_dir() {
        return Err(format!("`{}` is not a directory", root.display()));
    }
    let mut overrides = OverrideBuilder::new(root);
    for glob in &options.exclude {
        overrides
            .add(&format!("!{glob}"))
            .map_err(|e| format!("--exclude {glob}: {e}"))?;
    }
    let overrides = overrides.build().map_err(|e| format!("--exclude: {e}"))?;
    let walker = WalkBuilder::new(root)
        // A .gitignore says what is not source whether or not the tree is a git checkout.
        .require_git(false)
        .overrides(overrides)
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            !(entry.file_type().is_some_and(|t| t.is_dir())
                && SKIPPED_DIRECTORIES.contains(&name.as_ref()))
        })
        .build_parallel();

    let collected: Mutex<Collected> = Mutex::new(Collected::default());
    // Files read, and files looked at (for progress).
    let read = AtomicUsize::new(0);
    let seen = AtomicUsize::new(0);
    walker.run(|| {
        Box::new(|entry| {
            let Ok(entry) = entry else {
                return WalkState::Continue;
            };
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                return WalkState::Continue;
            }
            let path = entry.path();
            if entry.file_name() == "package.json" {
                let major = zod_major(path);
                if let (Some(major), Ok(mut collected)) = (major, collected.lock()) {
                    collected.zod.push(major);
                }
                return WalkState::Continue;
            }
            let Some(language) = Language::of(path) else {
                return WalkState::Continue;
            };
            let relative = relative(root, path);
            // A name that is not UTF-8 cannot be named back to the file it came from (a
            // report, `lint --fix`): said, not read.
            if path.strip_prefix(root).unwrap_or(path).to_str().is_none() {
                if let Ok(mut collected) = collected.lock() {
                    collected.errors.push((relative, NOT_UTF8_NAME.to_owned()));
                }
                return WalkState::Continue;
            }
            if entry.file_name() == "__init__.py" {
                let package = relative.rsplit_once('/').map_or("", |(dir, _)| dir);
                if let Ok(mut collected) = collected.lock() {
                    collected.packages.insert(package.to_owned());
                }
            }
            let result = read_file(path, language, &relative);
            if matches!(result, Ok(Some(_))) {
                read.fetch_add(1, Ordering::Relaxed);
            }
            let count = seen.fetch_add(1, Ordering::Relaxed) + 1;
            if count % 1000 == 0 {
                if let Some(progress) = &options.progress {
                    progress(count);
                }
            }
            if let Ok(mut collected) = collected.lock() {
                collected.add(relative, result);
            }
            WalkState::Continue
        })
    });
    let mut collected = collected
        .into_inner()
        .map_err(|_| "a reader panicked".to_owned())?;
    let changes = std::mem::take(&mut collected.enum_changes);
    crate::languages::apply_enum_changes(&mut collected.findings, changes);
    let references = std::mem::take(&mut collected.references);
    resolve(&mut collected.findings, references);
    let mut classes = std::mem::take(&mut collected.classes);
    crate::bases::resolve(&mut collected.findings, &mut classes, &collected.packages);
    let mut report = Report::new(
        collected.findings,
        collected.tables,
        collected.errors,
        read.into_inner(),
        options.all,
    );
    let mut uses = std::mem::take(&mut collected.uses);
    uses.sort_by(|a, b| (&a.path, a.bytes.start).cmp(&(&b.path, b.bytes.start)));
    report.uses = uses;
    let mut fields = std::mem::take(&mut collected.fields);
    fields.sort_by(|a, b| {
        (&a.owner, &a.field, &a.type_name).cmp(&(&b.owner, &b.field, &b.type_name))
    });
    report.fields = fields;
    collected.zod.sort_unstable();
    collected.zod.dedup();
    if let [major] = collected.zod[..] {
        report.zod_major = Some(major);
    }
    Ok(report)
}

/// The major version of zod a `package.json` depends on (`"zod": "^3.23.8"` is 3), from
/// its dependencies of any kind; `None` for none, or a file that is no JSON (read by the
/// rules of a source file).
fn zod_major(path: &Path) -> Option<u8> {
    let text = read_text(path).ok()?;
    let manifest: serde_json::Value = serde_json::from_str(&text).ok()?;
    ["dependencies", "devDependencies", "peerDependencies"]
        .iter()
        .find_map(|table| manifest.get(table)?.get("zod")?.as_str())
        .and_then(|range| {
            let digits: String = range
                .trim_start_matches(|c: char| !c.is_ascii_digit())
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        })
}

#[derive(Default)]
struct Collected {
    findings: Vec<Finding>,
    tables: Vec<TransitionTable>,
    references: Vec<Reference>,
    enum_changes: Vec<crate::finding::EnumChange>,
    classes: Vec<crate::finding::PythonClass>,
    uses: Vec<crate::uses::LiteralUse>,
    fields: Vec<crate::uses::DeclaredField>,
    errors: Vec<(String, String)>,
    /// The zod major version of each `package.json` that depends on zod.
    zod: Vec<u8>,
    /// The directories holding an `__init__.py`: Python packages.
    packages: std::collections::HashSet<String>,
}

impl Collected {
    fn add(&mut self, path: String, result: Result<Option<FileFindings>, String>) {
        match result {
            Ok(Some(found)) => {
                if let Some(error) = found.syntax_error {
                    self.errors.push((path, error));
                }
                self.findings.extend(found.findings);
                self.tables.extend(found.tables);
                self.references.extend(found.references);
                self.enum_changes.extend(found.enum_changes);
                self.classes.extend(found.classes);
                self.uses.extend(found.uses);
                self.fields.extend(found.fields);
            }
            Ok(None) => {}
            Err(message) => self.errors.push((path, message)),
        }
    }
}

/// `path` relative to `root`, `/`-separated.
fn relative(root: &Path, path: &Path) -> String {
    let relative: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A file's text, when it is UTF-8 and no larger than a source file of definitions is.
fn read_text(path: &Path) -> Result<String, String> {
    use std::io::Read as _;
    let mut options = std::fs::File::options();
    options.read(true);
    // The walk saw a regular file; what is opened must still be one. Not following a link
    // and not waiting on a FIFO or a device swapped in since: the open returns at once, and
    // the check below refuses what it opened.
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    let file = options.open(path).map_err(|e| e.to_string())?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".to_owned());
    }
    let size = meta.len();
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "skipped: {size} bytes, more than the {MAX_FILE_BYTES} a source file of definitions has"
        ));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|_| "not UTF-8".to_owned())
}

/// One file's findings; `None` for a file that is skipped on purpose (generated, minified,
/// too large).
fn read_file(
    path: &Path,
    language: Language,
    relative: &str,
) -> Result<Option<FileFindings>, String> {
    if relative.ends_with(".min.js") {
        return Ok(None);
    }
    let text = read_text(path)?;
    if generated(&text) {
        return Ok(None);
    }
    if let Some(why) = too_deep(&text) {
        return Err(format!("skipped: {why}, deeper than the parsers are given"));
    }
    if language == Language::Python {
        if let Some(why) = indented_too_deep(&text) {
            return Err(format!("skipped: {why}, deeper than the parser is given"));
        }
    }
    // The parsers and the extractors recurse as deep as the code nests (a union of 2,000
    // members, a chain of 1,500 `+`), which overflows a walker thread's stack: each file is
    // read on a thread of its own with a stack no 2 MiB file can exhaust (reserved, not
    // committed, until used). A panic in a parser is a bug there, not a reason to lose the
    // rest of the tree.
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(READER_STACK_BYTES)
            .spawn_scoped(scope, || language.extract(relative, &text))
            .map_err(|e| format!("cannot start a reader: {e}"))?
            .join()
            .map_err(|_| "the parser panicked".to_owned())?
    })
    .map(Some)
}

/// Why `text` nests deeper than the parsers (syn's above all) and the extractors recurse
/// through, once per level, on the reader's stack; `None` for code. One scan, strings and
/// comments counted too: a bound, not a parse.
///
/// - `(`, `[` and `{` nesting past 1,000;
/// - a run of prefix operators (`&&&…`, `!!!…`, `---…`, `|| || …` closures) past 10,000,
///   whitespace between them counted in the run;
/// - angle brackets opened and not closed (`Option<Option<…`) past 20,000.
fn too_deep(text: &str) -> Option<String> {
    const MAX_BRACKET_DEPTH: usize = 1000;
    const MAX_OPERATOR_RUN: usize = 10_000;
    const MAX_ANGLE_DEPTH: usize = 20_000;
    let (mut brackets, mut deepest_brackets) = (0usize, 0usize);
    let (mut angles, mut deepest_angles) = (0usize, 0usize);
    let (mut run, mut longest_run) = (0usize, 0usize);
    for byte in text.bytes() {
        match byte {
            b'(' | b'[' | b'{' => {
                brackets += 1;
                deepest_brackets = deepest_brackets.max(brackets);
            }
            b')' | b']' | b'}' => brackets = brackets.saturating_sub(1),
            b'<' => {
                angles += 1;
                deepest_angles = deepest_angles.max(angles);
            }
            b'>' => angles = angles.saturating_sub(1),
            _ => {}
        }
        match byte {
            b'&' | b'*' | b'!' | b'-' | b'+' | b'~' | b'|' | b'^' => {
                run += 1;
                longest_run = longest_run.max(run);
            }
            b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => run = 0,
        }
    }
    if deepest_brackets > MAX_BRACKET_DEPTH {
        Some(format!("brackets nest {deepest_brackets} deep"))
    } else if longest_run > MAX_OPERATOR_RUN {
        Some(format!("a chain of {longest_run} operators"))
    } else if deepest_angles > MAX_ANGLE_DEPTH {
        Some(format!("angle brackets nest {deepest_angles} deep"))
    } else {
        None
    }
}

/// Why Python `text` is indented deeper than tree-sitter-python's scanner can hold; `None`
/// for code. The scanner saves its stack of indentation widths, two bytes each, in a buffer
/// of 1,024 bytes, and past about 500 levels a C assertion aborts the whole process: a file
/// of a pull request must not end the run. 300 levels leave room for its other state; real
/// code nests a dozen deep.
fn indented_too_deep(text: &str) -> Option<String> {
    const MAX_INDENT_LEVELS: usize = 300;
    let mut widths: Vec<usize> = vec![0];
    let mut deepest = 0;
    for line in text.lines() {
        let body = line.trim_start_matches([' ', '\t']);
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let width = line.len() - body.len();
        while widths.last().is_some_and(|&top| top > width) {
            widths.pop();
        }
        if widths.last().is_none_or(|&top| top < width) {
            widths.push(width);
        }
        deepest = deepest.max(widths.len() - 1);
    }
    (deepest > MAX_INDENT_LEVELS).then(|| format!("indented {deepest} levels deep"))
}

/// The stack of the thread that reads one file.
const READER_STACK_BYTES: usize = 1 << 30;

/// Whether the file says it is generated (`@generated`, `DO NOT EDIT`) in its first lines:
/// its definitions are copies of a source the audit reads anyway.
fn generated(text: &str) -> bool {
    text.lines().take(5).any(|line| {
        let lower = line.to_ascii_lowercase();
        lower.contains("@generated") || lower.contains("do not edit")
    })
}
