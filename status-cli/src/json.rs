//! The JSON report of `statuskit check --format json`, for editors and CI.
//!
//! Shape (version 1): `{ "version": 1, "file", "ok", "errors", "warnings",
//! "diagnostics": [{ "code", "name", "severity", "message", "file", "line", "column",
//! "end_line", "end_column", "span": {"start", "end"}, "label", "help", "notes",
//! "related": [{ "message", "line", "column", "span" }] }], "summary": {…} | null }`.
//! Lines and columns are 1-based; columns count characters; spans are byte offsets. A file
//! that cannot be read gives `{ "version": 1, "file", "ok": false, "errors": 0,
//! "warnings": 0, "diagnostics": [], "summary": null, "io_error": "message" }`.

use serde_json::{Value, json};
use status_schema::{Analysis, Diagnostic, SourceFile, Span};

/// A JSON document as it may be printed: what `serde_json` leaves raw in strings and a
/// terminal would act on or show out of order (C1 controls such as CSI, bidirectional
/// controls, line and paragraph separators) written as `\uXXXX` escapes. The document means
/// exactly what it meant: every string decodes to the same text.
pub(crate) fn printable(document: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(document.len());
    for c in document.chars() {
        // ASCII controls are escaped already, but for DEL; the rest of what `one_line_safe`
        // escapes is not.
        let hidden = c == '\u{7f}'
            || !c.is_ascii()
                && status_schema::diagnostic::render::one_line_safe(c.encode_utf8(&mut [0; 4]))
                    .len()
                    != c.len_utf8();
        if hidden {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

pub(crate) fn report(file: &SourceFile, analysis: &Analysis) -> Value {
    let summary = analysis.schema.as_ref().map(|schema| {
        let f = crate::check::figures(schema);
        json!({
            "statuses": f.statuses,
            "states": f.states,
            "transitions": f.transitions,
            "events": f.events,
            "conversions": f.conversions,
            "total_conversions": f.total_conversions,
        })
    });
    json!({
        "version": 1,
        "file": file.name(),
        "ok": analysis.schema.is_some(),
        "errors": analysis.diagnostics.error_count(),
        "warnings": analysis.diagnostics.warning_count(),
        "diagnostics": analysis.diagnostics.iter().map(|d| diagnostic(file, d)).collect::<Vec<_>>(),
        "summary": summary,
    })
}

/// The report for a schema that could not be read (missing, a directory, too large).
pub(crate) fn unreadable(file: &str, message: &str) -> Value {
    json!({
        "version": 1,
        "file": file,
        "ok": false,
        "errors": 0,
        "warnings": 0,
        "diagnostics": [],
        "summary": null,
        "io_error": message,
    })
}

pub(crate) fn diagnostic(file: &SourceFile, d: &Diagnostic) -> Value {
    let start = file.line_col(d.primary.span.start);
    let end = file.line_col(d.primary.span.end);
    json!({
        "code": d.code.id(),
        "name": d.code.name(),
        "severity": d.severity().as_str(),
        "message": d.message,
        "file": file.name(),
        "line": start.line,
        "column": start.column,
        "end_line": end.line,
        "end_column": end.column,
        "span": span(d.primary.span),
        "label": d.primary.message,
        "help": d.help,
        "notes": d.notes,
        "related": d.secondary.iter().map(|l| {
            let at = file.line_col(l.span.start);
            json!({ "message": l.message, "line": at.line, "column": at.column, "span": span(l.span) })
        }).collect::<Vec<_>>(),
    })
}

fn span(span: Span) -> Value {
    json!({ "start": span.start, "end": span.end })
}
