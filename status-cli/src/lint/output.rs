//! The four ways `statuskit lint` prints its findings: rustc-style text for people, the
//! versioned JSON document, SARIF 2.1.0, GitHub Actions workflow commands. Everything read
//! from the tree (paths, values, source lines) goes through the terminal-safe writer or a
//! format's own escaping.

use std::fmt::Write as _;

use serde_json::json;
use status_audit::LintFinding;
use status_schema::{Code, Severity, diagnostic::render};

/// A finding with the source line it points into, when it points at a literal and the
/// line still holds it.
pub(super) struct Shown {
    pub(super) finding: LintFinding,
    pub(super) line: Option<String>,
}

pub(super) fn level(finding: &LintFinding) -> &'static str {
    match finding.level {
        Severity::Error => "error",
        Severity::Warning => "warning",
        _ => "note",
    }
}

/// The rules, in code order: SARIF's rule table.
const RULES: [Code; 4] = [
    Code::UnknownValue,
    Code::LegacySpelling,
    Code::DriftedCopy,
    Code::TransitionNotAllowed,
];

/// rustc-style: the finding, where, the line with the literal underlined, its evidence;
/// then one summary line.
pub(super) fn human(shown: &[Shown], not_read: &[(String, String)], fixed: &[String]) -> String {
    let mut out = String::new();
    // What could not be read was not checked: said first, so no one takes silence for a pass.
    for (path, why) in not_read {
        let _ = writeln!(
            out,
            "note: not read: {}: {}",
            render::one_line_safe(path),
            render::one_line_safe(why)
        );
    }
    if !not_read.is_empty() {
        out.push('\n');
    }
    for line in fixed {
        let _ = writeln!(out, "fixed: {}", render::one_line_safe(line));
    }
    if !fixed.is_empty() {
        out.push('\n');
    }
    for Shown { finding, line } in shown {
        let at = match finding.column {
            Some(column) => format!("{}:{}:{column}", finding.path, finding.line),
            None => format!("{}:{}", finding.path, finding.line),
        };
        let _ = writeln!(
            out,
            "{}[{}]: {}",
            level(finding),
            finding.code.id(),
            render::one_line_safe(&finding.message),
        );
        let gutter = " ".repeat(finding.line.to_string().len());
        let _ = writeln!(out, "{gutter}--> {}", render::one_line_safe(&at));
        if let (Some(text), Some(column)) = (line, finding.column) {
            let end = if finding.end_line == finding.line {
                finding.end_column.unwrap_or(column + 1)
            } else {
                text.chars().count() + 1
            };
            let (shown_line, marker) = excerpt(text, column, end);
            let _ = writeln!(out, "{gutter} |");
            let _ = writeln!(out, "{} | {shown_line}", finding.line);
            let _ = writeln!(out, "{gutter} | {marker}");
        }
        for note in &finding.notes {
            let _ = writeln!(out, "{gutter} = note: {}", render::one_line_safe(note));
        }
        if let Some(help) = &finding.help {
            let _ = writeln!(out, "{gutter} = help: {}", render::one_line_safe(help));
        }
        if let Some(fix) = &finding.fix {
            let _ = writeln!(
                out,
                "{gutter} = help: `statuskit lint --fix` writes `{}`",
                render::one_line_safe(&fix.replacement)
            );
        }
        out.push('\n');
    }
    let findings: Vec<&LintFinding> = shown.iter().map(|s| &s.finding).collect();
    out.push_str(&summary(&findings));
    out
}

/// The line, made safe and cut to a window around the literal, with `^` under its
/// characters from 1-based `column` up to `end` (exclusive).
fn excerpt(line: &str, column: usize, end: usize) -> (String, String) {
    const BEFORE: usize = 60;
    const AFTER: usize = 60;
    let chars: Vec<char> = line.chars().collect();
    let start = column.saturating_sub(1).min(chars.len());
    let stop = end.saturating_sub(1).clamp(start, chars.len());
    let from = start.saturating_sub(BEFORE);
    let to = (stop + AFTER).min(chars.len());
    // Tabs as four spaces, and everything else as the terminal-safe writer shows it: the
    // marker is measured on what is printed.
    let show = |part: &[char]| -> String {
        let text: String = part.iter().collect();
        render::one_line_safe(&text.replace('\t', "    "))
    };
    let lead = if from > 0 { "…" } else { "" };
    let tail = if to < chars.len() { "…" } else { "" };
    let prefix = format!("{lead}{}", show(&chars[from..start]));
    let body = show(&chars[start..stop]);
    let shown = format!("{prefix}{body}{}{tail}", show(&chars[stop..to]));
    let marker = format!(
        "{}{}",
        " ".repeat(prefix.chars().count()),
        "^".repeat(body.chars().count().max(1))
    );
    (shown, marker)
}

/// `lint: 3 findings (1 error, 2 warnings, 0 notes)`.
fn summary(findings: &[&LintFinding]) -> String {
    let count = |level: Severity| findings.iter().filter(|f| f.level == level).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let notes = findings.len() - errors - warnings;
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "lint: {} ({}, {}, {})\n",
        match findings.len() {
            0 => "no findings".to_owned(),
            n => plural(n, "finding"),
        },
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(notes, "note"),
    )
}

pub(super) fn json(
    findings: &[LintFinding],
    not_read: &[(String, String)],
    fixed: &[String],
) -> serde_json::Value {
    let findings: Vec<serde_json::Value> = findings
        .iter()
        .map(|f| {
            json!({
                "path": f.path,
                "line": f.line,
                "column": f.column.unwrap_or(1),
                "end_line": f.end_line,
                "end_column": f.end_column,
                "rule": f.code.name(),
                "code": f.code.id(),
                "level": level(f),
                "status": f.status,
                "name": f.name,
                "value": f.value,
                "message": f.message,
                "notes": f.notes,
                "help": f.help,
                "fix": f.fix.as_ref().map(|fix| json!({ "replacement": fix.replacement })),
            })
        })
        .collect();
    let not_read: Vec<serde_json::Value> = not_read
        .iter()
        .map(|(path, reason)| json!({ "path": path, "reason": reason }))
        .collect();
    json!({
        "format": "statuskit-lint",
        "version": 1,
        "findings": findings,
        "not_read": not_read,
        "fixed": fixed,
    })
}

/// SARIF 2.1.0: one run, the lint rules as the tool's rules, a result per finding, a fix
/// for each legacy spelling. Columns count Unicode scalar values, as the run says.
pub(super) fn sarif(findings: &[LintFinding]) -> serde_json::Value {
    let rules: Vec<serde_json::Value> = RULES
        .iter()
        .map(|code| {
            json!({
                "id": code.id(),
                "name": code.name(),
                "shortDescription": { "text": code.summary() },
                "defaultConfiguration": {
                    "level": if code.severity() == Severity::Error { "error" } else { "warning" }
                },
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = findings.iter().map(sarif_result).collect();
    json!({
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{
            "tool": { "driver": {
                "name": "statuskit",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/status-cli",
                "rules": rules,
            } },
            "originalUriBaseIds": { "SRCROOT": { "description": { "text": "The linted directory." } } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn sarif_result(f: &LintFinding) -> serde_json::Value {
    let mut text = f.message.clone();
    for note in f.notes.iter().chain(&f.help) {
        text.push('\n');
        text.push_str(note);
    }
    // SARIF messages end with a period (or a question's mark).
    if !text.ends_with(['.', '?', '!']) {
        text.push('.');
    }
    let mut region = json!({ "startLine": f.line, "endLine": f.end_line });
    if let (Some(column), Some(end)) = (f.column, f.end_column) {
        region["startColumn"] = json!(column);
        region["endColumn"] = json!(end);
    }
    let location = json!({ "uri": uri(&f.path), "uriBaseId": "SRCROOT" });
    let mut result = json!({
        "ruleId": f.code.id(),
        "ruleIndex": RULES.iter().position(|c| *c == f.code).unwrap_or(0),
        "level": level(f),
        "message": { "text": text },
        "locations": [{
            "physicalLocation": { "artifactLocation": location, "region": region }
        }],
    });
    if let Some(fix) = &f.fix {
        result["fixes"] = json!([{
            "description": { "text": format!("Write the canonical value `{}`.", fix.replacement) },
            "artifactChanges": [{
                "artifactLocation": location,
                "replacements": [{
                    "deletedRegion": region,
                    "insertedContent": { "text": fix.replacement },
                }],
            }],
        }]);
    }
    result
}

/// One GitHub Actions workflow command per finding. Its properties and message are escaped
/// as the runner reads them (`%`, line breaks, and in properties `:` and `,`), so no path or
/// message can end the command early or start another.
pub(super) fn github(findings: &[LintFinding]) -> String {
    // Every control character percent-encoded, as the runner decodes them: a path keeps
    // its real bytes, and no line break or escape reaches the log. So is every character
    // the terminal-safe writer would escape (a bidi override, a line separator): it must
    // not reorder or split the log's line.
    let hidden = |c: char| {
        !c.is_ascii() && render::one_line_safe(c.encode_utf8(&mut [0; 4])).len() != c.len_utf8()
    };
    let data = |text: &str| {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if c == '%' || c.is_control() || hidden(c) {
                let mut bytes = [0; 4];
                for byte in c.encode_utf8(&mut bytes).bytes() {
                    let _ = write!(out, "%{byte:02X}");
                }
            } else {
                out.push(c);
            }
        }
        out
    };
    let property = |text: &str| data(text).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
    for f in findings {
        let command = match f.level {
            Severity::Error => "error",
            Severity::Warning => "warning",
            _ => "notice",
        };
        let mut message = f.message.clone();
        for note in f.notes.iter().chain(&f.help) {
            message.push('\n');
            message.push_str(note);
        }
        let columns = match (f.column, f.end_column) {
            (Some(column), Some(end)) if f.end_line == f.line => {
                format!(",col={column},endColumn={end}")
            }
            (Some(column), _) => format!(",col={column}"),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "::{command} file={},line={},endLine={}{columns},title={}::{}",
            property(&f.path),
            f.line,
            f.end_line,
            property(&format!("{} {}", f.code.id(), f.code.name())),
            data(&render::terminal_safe(&message))
        );
    }
    out
}

/// A relative path as a URI reference (RFC 3986): every byte but the unreserved ones and
/// `/` percent-encoded, so that no file name reads as `..`, a fragment, a query or a scheme.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn the_marker_sits_under_the_literal() {
        let (line, marker) = excerpt("\tif s == \"shiped\":", 11, 17);
        assert_eq!(line, "    if s == \"shiped\":");
        assert_eq!(marker, "             ^^^^^^");
    }

    #[test]
    fn control_characters_are_shown_escaped_and_measured_so() {
        let (line, marker) = excerpt("a\u{1b}[31m = 'x'", 11, 12);
        assert!(!line.contains('\u{1b}'), "{line:?}");
        let at = marker.find('^').expect("a marker");
        assert_eq!(&line[at..=at], "x");
    }

    #[test]
    fn long_lines_are_cut_around_the_literal() {
        let long = format!("{}'x'{}", "a".repeat(500), "b".repeat(500));
        let (line, marker) = excerpt(&long, 502, 503);
        assert!(line.chars().count() < 130, "{}", line.len());
        let at = marker.chars().position(|c| c == '^').expect("a marker");
        assert_eq!(line.chars().nth(at), Some('x'));
    }
}
