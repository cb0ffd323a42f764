//! Prisma schemas: `enum` blocks, each member's value its `@map("…")` or its name. Prisma's
//! grammar is line-based where enums are concerned, so a small tokenizer reads it: comments
//! (`//`, `///`) are dropped before anything else, and blocks other than `enum` are skipped.

use crate::finding::{FileFindings, Finding, Kind, Member};

pub(super) fn extract(path: &str, source: &str) -> FileFindings {
    let mut out = FileFindings::default();
    let mut open: Option<(String, usize, Vec<Member>)> = None;
    for (index, raw) in source.lines().enumerate() {
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        match open.take() {
            None => {
                let mut words = line.split_whitespace();
                if let (Some("enum"), Some(name)) = (words.next(), words.next()) {
                    if line.ends_with('{') {
                        let name = name.trim_end_matches('{').to_owned();
                        open = Some((name, index + 1, Vec::new()));
                    }
                }
            }
            Some((name, start, mut members)) => {
                if line.starts_with('}') {
                    if !members.is_empty() {
                        out.findings.push(Finding {
                            path: path.to_owned(),
                            line: start,
                            end_line: index + 1,
                            name,
                            kind: Kind::PrismaEnum,
                            members,
                            score: 0,
                            shape: crate::finding::Shape::default(),
                        });
                    }
                    continue;
                }
                if !line.starts_with("@@") {
                    let member = line
                        .split(|c: char| c.is_whitespace() || c == '@')
                        .next()
                        .unwrap_or("");
                    if !member.is_empty() {
                        let value = mapped(line).unwrap_or_else(|| member.to_owned());
                        members.push(Member {
                            name: member.to_owned(),
                            value,
                        });
                    }
                }
                open = Some((name, start, members));
            }
        }
    }
    out
}

/// The line without its `//` comment (no string in an enum block holds `//` but a `@map`
/// value, which is read before the comment could start).
fn strip_comment(line: &str) -> &str {
    let mut in_string = false;
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => in_string = !in_string,
            b'/' if !in_string && bytes.get(i + 1) == Some(&b'/') => return &line[..i],
            _ => {}
        }
    }
    line
}

/// The string of `@map("…")` (or `@map(name: "…")`) on a member line.
fn mapped(line: &str) -> Option<String> {
    let start = line.find("@map(")? + "@map(".len();
    let rest = line[start..].trim_start();
    let rest = rest.strip_prefix("name:").map_or(rest, str::trim_start);
    let rest = rest.strip_prefix('"')?;
    let mut body = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(super::syntax::unescape(&body)),
            '\\' => {
                body.push('\\');
                body.push(chars.next()?);
            }
            other => body.push(other),
        }
    }
    None
}
