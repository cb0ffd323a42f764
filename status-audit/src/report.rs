//! The audit's result, and its two renderings: an inventory for people, JSON for tools.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::finding::{Finding, TransitionTable};
use crate::group::{Group, group};
use crate::precision::Rejected;

/// What an audit found.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Report {
    /// Scored, by path and line; only statuses unless the audit was asked for all.
    pub findings: Vec<Finding>,
    /// How the findings relate; indexes into `findings`.
    pub groups: Vec<Group>,
    /// Transition tables written out in the code.
    pub transition_tables: Vec<TransitionTable>,
    /// What had the shape of a status definition or a transition table and was set aside,
    /// with why, by path and line.
    pub rejected: Vec<Rejected>,
    /// Files that could not be read or parsed, with why.
    pub errors: Vec<(String, String)>,
    /// Transition tables set aside (in `rejected`) only because no enum in the code holds
    /// their states, though their name or a lookup says they decide moves: `statuskit lint`
    /// holds them against the schema, whose statuses may be that enum.
    pub unmatched_tables: Vec<TransitionTable>,
    /// How many source files were read.
    pub files: usize,
    /// How many enum-like definitions were found, statuses or not.
    pub candidates: usize,
    /// The major version of zod the project's `package.json` files depend on, where they
    /// agree on one: the draft says which `--zod` to generate with.
    pub zod_major: Option<u8>,
    /// The string literals the code uses as a place's value (compared with, assigned to,
    /// passed as, stored as), by path and position: what `statuskit lint` checks against
    /// the schema. Not in the JSON report.
    pub uses: Vec<crate::uses::LiteralUse>,
    /// Every field a class, interface or type of the tree declares with a type, by owner
    /// and field: what a place's type is found by when it is declared in another file.
    pub fields: Vec<crate::uses::DeclaredField>,
}

impl Report {
    pub(crate) fn new(
        mut findings: Vec<Finding>,
        mut transition_tables: Vec<TransitionTable>,
        mut errors: Vec<(String, String)>,
        files: usize,
        all: bool,
    ) -> Self {
        let mut rejected = Vec::new();
        crate::precision::definitions(&mut findings, &mut rejected);
        let unmatched_tables =
            crate::precision::tables(&mut transition_tables, &findings, &mut rejected);
        rejected.sort_by(|a, b| (&a.path, a.line, &a.name).cmp(&(&b.path, b.line, &b.name)));
        for finding in &mut findings {
            finding.score = crate::score::score(finding);
        }
        let candidates = findings.len();
        if !all {
            findings.retain(Finding::is_status);
        }
        // The walk is parallel: order by place, so the same tree gives the same report.
        findings.sort_by(|a, b| (&a.path, a.line, &a.name).cmp(&(&b.path, b.line, &b.name)));
        transition_tables.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
        errors.sort();
        let groups = group(&findings);
        Self {
            findings,
            groups,
            transition_tables,
            rejected,
            errors,
            unmatched_tables,
            files,
            candidates,
            zod_major: None,
            uses: Vec::new(),
            fields: Vec::new(),
        }
    }

    /// The versioned JSON document described in the crate's documentation.
    pub fn to_json(&self) -> String {
        let findings: Vec<Value> = self
            .findings
            .iter()
            .map(|f| {
                json!({
                    "path": f.path,
                    "line": f.line,
                    "end_line": f.end_line,
                    "name": f.name,
                    "kind": f.kind.name(),
                    "members": f.members.iter().map(|m| json!({"name": m.name, "value": m.value})).collect::<Vec<_>>(),
                    "score": f.score,
                    "is_status": f.is_status(),
                    "python_base": f.shape.python_base,
                    "python_mixin": f.shape.python_mixin,
                })
            })
            .collect();
        let groups: Vec<Value> = self
            .groups
            .iter()
            .map(|g| json!({"kind": g.kind.name(), "name": g.name, "findings": g.findings, "note": g.note}))
            .collect();
        let tables: Vec<Value> = self
            .transition_tables
            .iter()
            .map(|t| {
                json!({
                    "path": t.path,
                    "line": t.line,
                    "name": t.name,
                    "owner": t.owner,
                    "moves": t.moves.iter().map(|m| json!({"from": m.from, "to": m.to})).collect::<Vec<_>>(),
                })
            })
            .collect();
        let rejected: Vec<Value> = self
            .rejected
            .iter()
            .map(|r| {
                json!({
                    "path": r.path,
                    "line": r.line,
                    "name": r.name,
                    "what": r.what,
                    "reason": r.reason,
                })
            })
            .collect();
        let errors: Vec<Value> = self
            .errors
            .iter()
            .map(|(path, message)| json!({"path": path, "message": message}))
            .collect();
        let document = json!({
            "format": "statuskit-audit",
            "version": 1,
            "files": self.files,
            "findings": findings,
            "groups": groups,
            "transition_tables": tables,
            "rejected": rejected,
            "errors": errors,
        });
        serde_json::to_string_pretty(&document).unwrap_or_default()
    }

    /// The inventory: each finding on a line, then each group as a table of its findings
    /// side by side, the transition tables, and what could not be read.
    pub fn to_human(&self) -> String {
        let mut out = String::new();
        let count =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let _ = writeln!(
            out,
            "{} read: {} among {}, {}, {}",
            count(self.files, "file", "files"),
            count(
                self.findings.iter().filter(|f| f.is_status()).count(),
                "status",
                "statuses"
            ),
            count(
                self.candidates,
                "enum-like definition",
                "enum-like definitions"
            ),
            count(self.groups.len(), "group", "groups"),
            count(
                self.transition_tables.len(),
                "transition table",
                "transition tables"
            ),
        );
        if !self.findings.is_empty() {
            out.push_str("\nFindings\n");
        }
        for (i, f) in self.findings.iter().enumerate() {
            let values: Vec<&str> = f.values().collect();
            let _ = writeln!(
                out,
                "  [{i}] {:<28} {:<18} {}:{}  score {}\n       {}",
                safe(&f.name),
                f.kind.name(),
                safe(&f.path),
                f.line,
                f.score,
                safe(&values.join(", "))
            );
        }
        for group in &self.groups {
            let _ = writeln!(
                out,
                "\n{} — {}: {}",
                group.kind.name(),
                safe(&group.name),
                safe(&group.note)
            );
            table(&mut out, group.findings.iter().map(|&i| &self.findings[i]));
        }
        if !self.transition_tables.is_empty() {
            out.push_str("\nTransition tables\n");
        }
        for t in &self.transition_tables {
            let owner = t
                .owner
                .as_ref()
                .map(|o| format!(", of `{}`'s members", safe(o)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {} ({}:{}{owner})",
                safe(&t.name),
                safe(&t.path),
                t.line
            );
            for m in &t.moves {
                let to = if m.to.is_empty() {
                    "(nothing: terminal)".to_owned()
                } else {
                    safe(&m.to.join(", "))
                };
                let _ = writeln!(out, "    {} -> {to}", safe(&m.from));
            }
        }
        if !self.rejected.is_empty() {
            out.push_str("\nSet aside (the shape of one, but not one)\n");
        }
        for r in &self.rejected {
            let _ = writeln!(
                out,
                "  {} {} ({}:{}): {}",
                r.what,
                safe(&r.name),
                safe(&r.path),
                r.line,
                safe(&r.reason)
            );
        }
        if !self.errors.is_empty() {
            out.push_str("\nNot read\n");
        }
        for (path, message) in &self.errors {
            let _ = writeln!(out, "  {}: {}", safe(path), safe(message));
        }
        out
    }
}

/// Findings side by side: a column each, a row per state (spellings of one state, such as
/// `canceled` and `cancelled`, share a row, labelled as the first finding writes it), each
/// cell every spelling its finding has of that state, `·` where it has none.
fn table<'a>(out: &mut String, findings: impl Iterator<Item = &'a Finding>) {
    let all: Vec<&Finding> = findings.collect();
    // A table is for reading: past a screen of columns or rows, the rest is counted and
    // left to `--format json`, so a group of thousands prints in linear time and space.
    let findings: Vec<&Finding> = all.iter().copied().take(MAX_COLUMNS).collect();
    // Each finding's spellings by state, once.
    let cells: Vec<BTreeMap<String, Vec<&str>>> = findings
        .iter()
        .map(|f| {
            let mut by_state: BTreeMap<String, Vec<&str>> = BTreeMap::new();
            for v in f.keys() {
                by_state
                    .entry(crate::group::canonical(v))
                    .or_default()
                    .push(v);
            }
            by_state
        })
        .collect();
    // By what groups compare: values, or member names where the values are numbers.
    let mut rows: Vec<(String, &str)> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for f in &findings {
        for v in f.keys() {
            let key = crate::group::canonical(v);
            if seen.insert(key.clone()) {
                rows.push((key, v));
            }
        }
    }
    let hidden_rows = rows.len().saturating_sub(MAX_ROWS);
    rows.truncate(MAX_ROWS);
    let headers: Vec<String> = findings
        .iter()
        .map(|f| format!("{} ({}:{})", safe(&f.name), safe(&f.path), f.line))
        .collect();
    let width = headers
        .iter()
        .map(|h| h.chars().count())
        .max()
        .unwrap_or(0)
        .min(40);
    let _ = write!(out, "  {:<16}", "");
    for h in &headers {
        let _ = write!(out, " | {:<width$}", truncate(h, width));
    }
    out.push('\n');
    for (key, label) in rows {
        let _ = write!(out, "  {:<16}", truncate(&safe(label), 16));
        for spellings in &cells {
            let cell = spellings
                .get(&key)
                .map_or_else(|| "·".to_owned(), |s| s.join(" / "));
            let _ = write!(out, " | {:<width$}", truncate(&safe(&cell), width));
        }
        out.push('\n');
    }
    if hidden_rows > 0 || all.len() > findings.len() {
        let _ = writeln!(
            out,
            "  … and {hidden_rows} more states, {} more definitions: see `--format json`",
            all.len() - findings.len()
        );
    }
}

/// The most definitions a group's table shows side by side.
const MAX_COLUMNS: usize = 8;
/// The most states a group's table shows.
const MAX_ROWS: usize = 60;

/// Text read from the audited tree (names, values, paths) as it may stand inside a line of
/// the inventory: escape sequences, bidirectional controls and line feeds shown as `\u{…}`,
/// so that no file can drive the terminal or forge a line of the report. JSON stays exact.
fn safe(text: &str) -> String {
    status_schema::diagnostic::render::one_line_safe(text)
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(name: &str, values: &[&str]) -> Finding {
        Finding::test_enum(name, values)
    }

    /// Two spellings of one state in one finding both show, and rows are labelled with a
    /// spelling some file has (`done`, not the cluster's `completed`).
    #[test]
    fn tables_show_every_spelling_found_and_no_other() {
        let findings = [
            finding("TaskStatus", &["pending", "done", "finished"]),
            finding("task_status", &["pending", "success"]),
        ];
        let mut out = String::new();
        table(&mut out, findings.iter());
        assert!(out.contains("done / finished"), "{out}");
        assert!(out.contains("success"), "{out}");
        assert!(!out.contains("completed"), "{out}");
    }
}
