//! `statuskit check`'s diagnostics as the editor shows them: each with its code (linked to
//! its entry in the guide), its severity, its labels as related information, and its help
//! and notes in the message.

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Uri,
};
use status_schema::{Severity, SourceFile};

use super::text::LineIndex;

/// Where the guide documents each code: its Diagnostics page, at the code's heading.
const DOCS: &str = concat!(
    env!("CARGO_PKG_REPOSITORY"),
    "/blob/main/docs/guide/src/diagnostics.md"
);

/// Every diagnostic of `text`, analysed as `check` analyses a file.
pub(super) fn diagnostics(uri: &Uri, text: &str) -> Vec<Diagnostic> {
    let file = SourceFile::new(uri.as_str(), text);
    let analysis = status_schema::analyze(&file);
    let index = LineIndex::new(text);
    analysis
        .diagnostics
        .iter()
        .map(|d| {
            let mut message = d.message.clone();
            if !d.primary.message.is_empty() {
                message.push_str(": ");
                message.push_str(&d.primary.message);
            }
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            for note in &d.notes {
                message.push_str("\nnote: ");
                message.push_str(note);
            }
            let related: Vec<DiagnosticRelatedInformation> = d
                .secondary
                .iter()
                .map(|label| DiagnosticRelatedInformation {
                    location: Location::new(
                        uri.clone(),
                        index.range(label.span.start, label.span.end),
                    ),
                    message: label.message.clone(),
                })
                .collect();
            let anchor = format!("{}-{}", d.code.id().to_ascii_lowercase(), d.code.name());
            Diagnostic {
                range: index.range(d.primary.span.start, d.primary.span.end),
                severity: Some(match d.severity() {
                    Severity::Error => DiagnosticSeverity::ERROR,
                    Severity::Warning => DiagnosticSeverity::WARNING,
                    _ => DiagnosticSeverity::INFORMATION,
                }),
                code: Some(NumberOrString::String(d.code.id().to_owned())),
                code_description: format!("{DOCS}#{anchor}")
                    .parse()
                    .ok()
                    .map(|href| CodeDescription { href }),
                source: Some("statuskit".to_owned()),
                message,
                related_information: (!related.is_empty()).then_some(related),
                tags: None,
                data: None,
            }
        })
        .collect()
}
