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
    let mut by_file: BTreeMap<PathBuf, Vec<&Rewrite<'_>>> = BTreeMap::new();
    for rewrite in rewrites {
        by_file
            .entry(rewrite.root.join(&rewrite.relative))
            .or_default()
            .push(rewrite);
    }
    let mut planned = Vec::new();
    for (path, rewrites) in &by_file {
        let shown = &rewrites[0].shown;
        let bytes = rewritten(path, rewrites[0].root, rewrites)
            .map_err(|why| format!("--fix: `{shown}` {why}: no file was changed"))?;
        planned.push((path, shown, bytes));
    }
    let mut staged = Vec::new();
    for (path, shown, bytes) in &planned {
        match stage(path, bytes) {
            Ok(temp) => staged.push((temp, *path)),
            Err(why) => {
                for (temp, _) in staged {
                    let _ = std::fs::remove_file(temp);
                }
                return Err(format!(
                    "--fix: cannot write `{shown}`: {why}: no file was changed"
                ));
            }
        }
    }
    for (temp, path) in staged {
        std::fs::rename(&temp, path).map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            format!("--fix: cannot replace `{}`: {e}", path.display())
        })?;
    }
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

/// The file's new bytes, or why it may not be rewritten.
fn rewritten(path: &Path, root: &Path, rewrites: &[&Rewrite<'_>]) -> Result<Vec<u8>, String> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| format!("cannot be read: {e}"))?;
    if !meta.is_file() {
        return Err("is no longer a regular file".to_owned());
    }
    let (Ok(real_root), Some(Ok(real_dir))) =
        (root.canonicalize(), path.parent().map(Path::canonicalize))
    else {
        return Err("cannot be resolved".to_owned());
    };
    if !real_dir.starts_with(&real_root) {
        return Err("is outside the linted directory once links are followed".to_owned());
    }
    let mut bytes = std::fs::read(path).map_err(|e| format!("cannot be read: {e}"))?;
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
    Ok(bytes)
}

/// Writes `bytes` to a new temporary file beside `path`, with its permissions, flushed.
fn stage(path: &Path, bytes: &[u8]) -> Result<PathBuf, String> {
    use std::io::Write as _;
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return Err("names no file".to_owned());
    };
    let (temp, mut file) = crate::confine::temporary(dir, name).map_err(|e| e.to_string())?;
    let permissions = std::fs::metadata(path).map(|m| m.permissions());
    let written = file
        .write_all(bytes)
        .and_then(|()| match permissions {
            Ok(permissions) => file.set_permissions(permissions),
            Err(e) => Err(e),
        })
        .and_then(|()| file.sync_all());
    match written {
        Ok(()) => Ok(temp),
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            Err(e.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Rewrite, apply};
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
}
