//! `statuskit lint --fix`: each legacy spelling rewritten to its state's wire value, in
//! place, only the literal's characters changed (quotes, escapes elsewhere, line endings
//! and everything else kept byte for byte), all files or none.
//!
//! A file is rewritten only if it is still the regular file the walk read, inside the
//! linted directory once links on the way are followed, and still holds each literal where
//! it was read. Every file is staged (a temporary file beside it, flushed, its permissions
//! copied) before any is renamed over its original; a failure removes what was staged and
//! changes nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use status_audit::Fix;

/// One literal to rewrite: the linted directory, the file's path below it (as found) and
/// the path findings name it by, where it is, and the fix.
pub(super) struct Rewrite<'a> {
    pub(super) root: &'a Path,
    pub(super) relative: String,
    pub(super) shown: String,
    pub(super) line: usize,
    pub(super) column: usize,
    pub(super) fix: &'a Fix,
}

/// Applies every rewrite, or none; says what changed, one line per literal.
pub(super) fn apply(rewrites: &[Rewrite<'_>]) -> Result<Vec<String>, String> {
    commit(plan(rewrites)?)?;
    Ok(rewrites
        .iter()
        .map(|r| {
            format!(
                "{}:{}:{}: `{}` → `{}`",
                r.shown, r.line, r.column, r.fix.original, r.fix.replacement
            )
        })
        .collect())
}

/// Each file's text now and rewritten, every file checked before anything is written.
fn plan(rewrites: &[Rewrite<'_>]) -> Result<Vec<Planned>, String> {
    let mut by_file: BTreeMap<PathBuf, Vec<&Rewrite<'_>>> = BTreeMap::new();
    for rewrite in rewrites {
        by_file
            .entry(rewrite.root.join(&rewrite.relative))
            .or_default()
            .push(rewrite);
    }
    let mut planned = Vec::new();
    for (path, rewrites) in by_file {
        let shown = rewrites[0].shown.clone();
        let (old, new) = rewritten(&path, rewrites[0].root, &rewrites)
            .map_err(|why| format!("--fix: `{shown}` {why}: no file was changed"))?;
        planned.push(Planned {
            path,
            shown,
            old,
            new,
            staged: None,
            backup: None,
        });
    }
    Ok(planned)
}

/// Writes every planned file, or none: each new text and a copy of the old are staged
/// beside their file before any file is replaced, and a replacement that fails puts back
/// the files replaced before it.
fn commit(mut planned: Vec<Planned>) -> Result<(), String> {
    let unchanged = |planned: &mut [Planned], why: String| {
        for plan in planned.iter_mut() {
            plan.discard();
        }
        Err(format!("--fix: {why}: no file was changed"))
    };
    for i in 0..planned.len() {
        let plan = &mut planned[i];
        let staged = stage(&plan.path, &plan.new).and_then(|new| {
            plan.staged = Some(new);
            stage(&plan.path, &plan.old)
        });
        match staged {
            Ok(backup) => plan.backup = Some(backup),
            Err(why) => {
                let shown = plan.shown.clone();
                return unchanged(
                    &mut planned,
                    format!("cannot write beside `{shown}`: {why}"),
                );
            }
        }
    }
    for i in 0..planned.len() {
        let Some(staged) = planned[i].staged.take() else {
            continue;
        };
        if let Err(error) = std::fs::rename(&staged, &planned[i].path) {
            let _ = std::fs::remove_file(&staged);
            // Put back what was replaced already; the rest was never touched.
            for done in &mut planned[..i] {
                if let Some(backup) = done.backup.take() {
                    let _ = std::fs::rename(&backup, &done.path);
                }
            }
            let shown = planned[i].shown.clone();
            return unchanged(&mut planned, format!("cannot replace `{shown}`: {error}"));
        }
    }
    for plan in &mut planned {
        plan.discard();
    }
    Ok(())
}

/// One file to rewrite: its text before and after, and what is staged beside it.
struct Planned {
    path: PathBuf,
    shown: String,
    old: Vec<u8>,
    new: Vec<u8>,
    staged: Option<PathBuf>,
    backup: Option<PathBuf>,
}

impl Planned {
    /// Removes what is staged beside the file and not used.
    fn discard(&mut self) {
        for temp in [self.staged.take(), self.backup.take()]
            .into_iter()
            .flatten()
        {
            let _ = std::fs::remove_file(temp);
        }
    }
}

/// The file's bytes now and rewritten, or why it may not be rewritten.
fn rewritten(
    path: &Path,
    root: &Path,
    rewrites: &[&Rewrite<'_>],
) -> Result<(Vec<u8>, Vec<u8>), String> {
    use std::io::Read as _;
    let meta = std::fs::symlink_metadata(path).map_err(|e| format!("cannot be read: {e}"))?;
    if !meta.is_file() {
        return Err("is no longer a regular file".to_owned());
    }
    if meta.permissions().readonly() {
        return Err("is read-only".to_owned());
    }
    // As `fmt` and `gen`: a file with other hard links is another file's content too.
    #[cfg(unix)]
    if std::os::unix::fs::MetadataExt::nlink(&meta) > 1 {
        return Err("has other hard links".to_owned());
    }
    let (Ok(real_root), Some(Ok(real_dir))) =
        (root.canonicalize(), path.parent().map(Path::canonicalize))
    else {
        return Err("cannot be resolved".to_owned());
    };
    if !real_dir.starts_with(&real_root) {
        return Err("is outside the linted directory once links are followed".to_owned());
    }
    let mut options = std::fs::File::options();
    options.read(true);
    // Not through a link, and not waiting on a FIFO swapped in since the look above.
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    let mut file = options
        .open(path)
        .map_err(|e| format!("cannot be read: {e}"))?;
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Err("is no longer a regular file".to_owned());
    }
    let mut old = Vec::new();
    file.read_to_end(&mut old)
        .map_err(|e| format!("cannot be read: {e}"))?;
    let mut bytes = old.clone();
    let mut ranges: Vec<&Rewrite<'_>> = rewrites.to_vec();
    ranges.sort_by_key(|r| std::cmp::Reverse(r.fix.bytes.start));
    let mut end_of_next = bytes.len();
    for rewrite in ranges {
        let range = rewrite.fix.bytes.clone();
        if range.end > end_of_next
            || bytes.get(range.clone()) != Some(rewrite.fix.original.as_bytes())
        {
            return Err(format!(
                "changed since it was read (line {} no longer holds `{}` there)",
                rewrite.line, rewrite.fix.original
            ));
        }
        end_of_next = range.start;
        bytes.splice(range, rewrite.fix.replacement.bytes());
    }
    Ok((old, bytes))
}

/// Writes `bytes` beside `path`, ready to be renamed over it.
fn stage(path: &Path, bytes: &[u8]) -> Result<PathBuf, String> {
    crate::confine::stage_beside(path, bytes, "fix")
}

#[cfg(test)]
mod tests {
    use super::{Rewrite, apply, commit, plan};
    use status_audit::Fix;

    /// A file changed since the walk read it stops the whole fix: the other file, checked
    /// first, is left as it was too.
    #[test]
    fn all_files_or_none() {
        let dir = std::env::temp_dir().join(format!("statuskit-fix-unit-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("a.py"), "s = 'success'\n").expect("a");
        std::fs::write(dir.join("b.py"), "s = 'canceled'\n").expect("b");
        let fix_a = Fix {
            replacement: "delivered".to_owned(),
            bytes: 5..12,
            original: "success".to_owned(),
        };
        // Read as `cancelled` by the walk; the file holds `canceled` now.
        let fix_b = Fix {
            replacement: "cancelled".to_owned(),
            bytes: 5..14,
            original: "cancelledX".to_owned(),
        };
        let rewrite = |relative: &str, fix| Rewrite {
            root: &dir,
            relative: relative.to_owned(),
            shown: relative.to_owned(),
            line: 1,
            column: 6,
            fix,
        };
        let refused = apply(&[rewrite("a.py", &fix_a), rewrite("b.py", &fix_b)]);
        assert!(
            refused
                .as_ref()
                .is_err_and(|e| e.contains("changed since it was read")),
            "{refused:?}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("a.py")).expect("a"),
            "s = 'success'\n"
        );
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .expect("dir")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains("statuskit"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
        let done = apply(&[rewrite("a.py", &fix_a)]).expect("applies");
        assert_eq!(done, ["a.py:1:6: `success` → `delivered`"]);
        assert_eq!(
            std::fs::read_to_string(dir.join("a.py")).expect("a"),
            "s = 'delivered'\n"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A replacement that fails after others succeeded puts those back: here the second
    /// file became a directory between the check and the write.
    #[test]
    fn a_failed_replacement_puts_back_the_files_before_it() {
        let dir =
            std::env::temp_dir().join(format!("statuskit-fix-rollback-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("a.py"), "s = 'success'\n").expect("a");
        std::fs::write(dir.join("b.py"), "s = 'success'\n").expect("b");
        let fix = Fix {
            replacement: "delivered".to_owned(),
            bytes: 5..12,
            original: "success".to_owned(),
        };
        let rewrite = |relative: &str| Rewrite {
            root: &dir,
            relative: relative.to_owned(),
            shown: relative.to_owned(),
            line: 1,
            column: 6,
            fix: &fix,
        };
        let planned = plan(&[rewrite("a.py"), rewrite("b.py")]).expect("plans");
        std::fs::remove_file(dir.join("b.py")).expect("remove");
        std::fs::create_dir_all(dir.join("b.py/inside")).expect("a directory in its place");
        let refused = commit(planned);
        assert!(
            refused
                .as_ref()
                .is_err_and(|e| e.contains("cannot replace `b.py`")),
            "{refused:?}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("a.py")).expect("a"),
            "s = 'success'\n"
        );
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .expect("dir")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains("statuskit"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
