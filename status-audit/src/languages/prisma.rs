//! Prisma schemas: `enum` blocks, each member's value its `@map("…")` or its name. Prisma's
//! grammar is line-based where enums are concerned, so a small tokenizer reads it: comments
//! (`//`, `///`) are dropped before anything else, and blocks other than `enum` are skipped.

use crate::finding::{FileFindings, Finding, Kind, Member};

pub(super) fn extract(path: &str, source: &str) -> FileFindings {
    let mut out = FileFindings::default();
    // An editor's byte-order mark is not part of the first line's words.
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    // The enum being read: its name, first line, and members so far; `braced` once its
    // `{` is seen (Prisma allows it on the next line).
    let mut open: Option<(String, usize, Vec<Member>, bool)> = None;
    for (index, raw) in source.lines().enumerate() {
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        let Some((name, start, mut members, braced)) = open.take() else {
            let mut words = line.split_whitespace();
            if let (Some("enum"), Some(word)) = (words.next(), words.next()) {
                let name = word.split('{').next().unwrap_or(word);
                let braced = line.contains('{');
                let rest = line.split_once('{').map_or("", |(_, rest)| rest).trim();
                let mut members = Vec::new();
                // `enum Carrier { DHL UPS }` on one line.
                let body = rest.strip_suffix('}');
                for word in body.unwrap_or(rest).split_whitespace() {
                    member(word, &mut members);
                }
                if body.is_some() {
                    push(&mut out, path, name, index + 1, index + 1, members);
                } else if !name.is_empty() {
                    open = Some((name.to_owned(), index + 1, members, braced));
                }
            }
            continue;
        };
        if !braced {
            // Only the `{` may follow `enum Name`; anything else and it was no enum.
            if let Some(rest) = line.strip_prefix('{') {
                let rest = rest.trim();
                if !rest.is_empty() {
                    line_member(rest, &mut members);
                }
                open = Some((name, start, members, true));
            }
            continue;
        }
        if line.starts_with('}') {
            push(&mut out, path, &name, start, index + 1, members);
            continue;
        }
        line_member(line, &mut members);
        open = Some((name, start, members, true));
    }
    out
}

/// An enum's finding, when it has members.
fn push(
    out: &mut FileFindings,
    path: &str,
    name: &str,
    line: usize,
    end_line: usize,
    members: Vec<Member>,
) {
    if !members.is_empty() {
        out.findings.push(Finding {
            path: path.to_owned(),
            line,
            end_line,
            name: name.to_owned(),
            kind: Kind::PrismaEnum,
            members,
            score: 0,
            shape: crate::finding::Shape::default(),
        });
    }
}

/// A member line: `NAME @map("value")`; block attributes (`@@map`) are not members.
fn line_member(line: &str, members: &mut Vec<Member>) {
    if line.starts_with("@@") {
        return;
    }
    let name = line
        .split(|c: char| c.is_whitespace() || c == '@')
        .next()
        .unwrap_or("");
    if !name.is_empty() {
        let value = mapped(line).unwrap_or_else(|| name.to_owned());
        members.push(Member {
            name: name.to_owned(),
            value,
        });
    }
}

/// A member of a one-line enum: a bare name.
fn member(word: &str, members: &mut Vec<Member>) {
    if word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !word.is_empty() {
        members.push(Member::bare(word));
    }
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
