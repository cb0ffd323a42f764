//! The files findings are in, read once each: for inline suppressions, and the line a
//! finding shows. A file is one the walk read, read again only if it is still a regular
//! file inside the tree; what it holds is printed only through the terminal-safe writer.

use status_audit::LintFinding;

#[derive(Default)]
pub(super) struct Sources {
    lines: std::collections::HashMap<String, Vec<String>>,
}

impl Sources {
    /// The lines of `path` (relative to `dir`), read once.
    fn lines(&mut self, dir: &std::path::Path, path: &str) -> &[String] {
        self.lines.entry(path.to_owned()).or_insert_with(|| {
            let path = dir.join(path);
            let regular = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
            if !regular {
                return Vec::new();
            }
            std::fs::read_to_string(&path)
                .map(|text| text.lines().map(str::to_owned).collect())
                .unwrap_or_default()
        })
    }

    /// The 1-based line `line` of `path`, once read by [`Sources::suppressed`].
    pub(super) fn line(&self, path: &str, line: usize) -> Option<&str> {
        self.lines
            .get(path)?
            .get(line.checked_sub(1)?)
            .map(String::as_str)
    }

    /// Whether a comment on the finding's line or the line above says
    /// `statuskit: ignore[rule]` (the rule's name or code; several separated by commas).
    pub(super) fn suppressed(&mut self, dir: &std::path::Path, finding: &LintFinding) -> bool {
        let lines = self.lines(dir, &finding.path);
        let at = finding.line.saturating_sub(1);
        // On the finding's line, in a comment at its end; on the line above, in a comment
        // that is the whole line.
        let own = lines
            .get(at)
            .is_some_and(|line| ignores(line, finding.code));
        // Above decorators and attributes (`@unique`, `#[derive(…)]`), which belong to it.
        let mut above_at = at.checked_sub(1);
        while let Some(i) = above_at {
            let line = lines.get(i).map_or("", |l| l.trim_start());
            if line.starts_with('@') || line.starts_with("#[") {
                above_at = i.checked_sub(1);
            } else {
                break;
            }
        }
        let above = above_at.and_then(|i| lines.get(i)).is_some_and(|line| {
            COMMENTS.iter().any(|c| line.trim_start().starts_with(c)) && ignores(line, finding.code)
        });
        own || above
    }
}

/// What starts a comment in the languages lint reads.
const COMMENTS: [&str; 4] = ["#", "//", "--", "/*"];

/// Whether a comment in `line` says `statuskit: ignore[…]` naming `code` (by name or id):
/// the marker after a comment's start, and not glued to a longer word.
fn ignores(line: &str, code: status_schema::Code) -> bool {
    const MARKER: &str = "statuskit: ignore[";
    let mut rest = line;
    let mut seen = 0;
    while let Some(at) = rest.find(MARKER) {
        let before = &line[..seen + at];
        let in_comment = COMMENTS.iter().any(|c| before.contains(c));
        let glued = before
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        seen += at + MARKER.len();
        rest = &rest[at + MARKER.len()..];
        if !in_comment || glued {
            continue;
        }
        let Some(end) = rest.find(']') else {
            return false;
        };
        if rest[..end]
            .split(',')
            .map(str::trim)
            .any(|rule| rule == code.name() || rule == code.id())
        {
            return true;
        }
        seen += end;
        rest = &rest[end..];
    }
    false
}
