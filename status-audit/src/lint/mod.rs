//! `statuskit lint`'s rules: the code around a schema, held against it. Each finding names
//! its evidence; where the evidence is weak, nothing is said.
//!
//! - `unknown-value` (L001) and `legacy-spelling` (L002): literals used as a status's value
//!   ([`literals`]), the status known from evidence ([`evidence`]);
//! - `drifted-copy` (L003) and `transition-not-allowed` (L004): hand-written definitions
//!   and transition tables ([`definitions`]).

mod definitions;
mod evidence;
mod literals;

use status_schema::model::Schema;
use status_schema::{Code, Severity};

use crate::report::Report;

/// One finding of `statuskit lint`.
#[derive(Clone, Debug)]
pub struct LintFinding {
    /// Relative to the linted directory, with `/` separators.
    pub path: String,
    /// The first line (1-based) of the literal, definition or table.
    pub line: usize,
    /// Its last line, inclusive.
    pub end_line: usize,
    /// A literal's first character, 1-based, in Unicode scalar values; `None` for a
    /// definition or table, which spans whole lines.
    pub column: Option<usize>,
    /// The column just past a literal's last character (on `end_line`).
    pub end_column: Option<usize>,
    /// The rule.
    pub code: Code,
    /// How bad: the rule's severity, or a note (a move the code forbids and the schema
    /// allows breaks nothing).
    pub level: Severity,
    /// The schema's status the literal, definition or table was matched to.
    pub status: String,
    /// What the code names: the place a literal is used in (`order.status`), the
    /// definition's or the table's name.
    pub name: String,
    /// The literal's value, for the literal rules.
    pub value: Option<String>,
    /// One line saying what is wrong.
    pub message: String,
    /// The evidence and what to do.
    pub notes: Vec<String>,
    /// What the value was likely meant to be (`did you mean`), or the values there are.
    pub help: Option<String>,
    /// What `--fix` writes instead of the literal's characters.
    pub fix: Option<Fix>,
}

/// A rewrite of a literal's characters (inside its quotes), everything around it kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// The canonical spelling.
    pub replacement: String,
    /// The bytes of the file it replaces: the literal's, as the walk read them.
    pub bytes: std::ops::Range<usize>,
    /// What those bytes held when read: a file changed since is not rewritten.
    pub original: String,
}

/// Every finding of `report` against `schema`, by path, line and column.
pub fn lint(report: &Report, schema: &Schema) -> Vec<LintFinding> {
    let mut out = Vec::new();
    let latest = latest_checks(&report.findings);
    for finding in &report.findings {
        if finding.kind == crate::finding::Kind::SqlCheck
            && latest.get(&check_key(finding)) != Some(&(finding.path.as_str(), finding.line))
        {
            continue;
        }
        if let Some(lint) = definitions::drifted(finding, schema) {
            out.push(lint);
        }
    }
    let owners = definitions::Owners::of(&report.findings);
    for table in report
        .transition_tables
        .iter()
        .chain(&report.unmatched_tables)
    {
        out.extend(definitions::transitions(table, &owners, schema));
    }
    let evidence = evidence::Evidence::new(schema, &report.findings);
    out.extend(literals::check(&report.uses, &report.fields, &evidence));
    out.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.code).cmp(&(&b.path, b.line, b.column, b.code))
    });
    out
}

/// A `CHECK` on `table.column` in a directory of migrations: the same constraint, replaced
/// by a later migration, has one key.
fn check_key(finding: &crate::finding::Finding) -> (&str, &str) {
    let dir = finding.path.rsplit_once('/').map_or("", |(dir, _)| dir);
    (dir, finding.name.as_str())
}

/// The last `CHECK` on each column in each directory, by file name and line: migrations
/// apply in the order their names sort, and a constraint a later one replaced holds no row
/// any more.
fn latest_checks(
    findings: &[crate::finding::Finding],
) -> std::collections::HashMap<(&str, &str), (&str, usize)> {
    let mut latest = std::collections::HashMap::new();
    for finding in findings {
        if finding.kind != crate::finding::Kind::SqlCheck {
            continue;
        }
        let at = (finding.path.as_str(), finding.line);
        latest
            .entry(check_key(finding))
            .and_modify(|held: &mut (&str, usize)| {
                if at > *held {
                    *held = at;
                }
            })
            .or_insert(at);
    }
    latest
}
