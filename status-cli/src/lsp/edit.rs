//! What the server writes into the schema: completions, renames, and the quick fixes the
//! diagnostics already suggest.
//!
//! Completion reads the line being typed: a file being typed is rarely TOML, so the names
//! come from the text with that line left out, and what to offer from the line itself and
//! the table it is in (states in `transitions`, `initial`, `terminal`, events and `into`'s
//! keys; statuses after `extends` and in `into.`; a status table's keys at a line's start).

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CompletionItem, CompletionItemKind, Position,
    Range, TextEdit, Uri, WorkspaceEdit,
};
use status_schema::SourceFile;

use super::symbols::{Kind, Symbols};
use super::text::LineIndex;

/// The names and keys that fit where `position` is.
pub(super) fn completion(text: &str, position: Position) -> Vec<CompletionItem> {
    let index = LineIndex::new(text);
    let at = index.offset(position);
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |n| at + n);
    let before = &text[line_start..at];
    // The names as the rest of the file has them.
    let rest = format!("{}{}", &text[..line_start], &text[line_end..]);
    let symbols = Symbols::of(&rest);
    let Some(table) = text[..line_start]
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with('['))
        .map(|l| l.trim().trim_matches(['[', ']']).to_owned())
    else {
        return Vec::new();
    };
    let mut path = table.split('.');
    if path.next() != Some("status") {
        return Vec::new();
    }
    let Some(status) = path.next() else {
        return Vec::new();
    };
    let section = path.next();
    let key = before.split('=').next().unwrap_or("").trim();
    let after_equals = before.contains('=');
    let statuses = || names(&symbols, Kind::Status);
    let (kind, names) = match (section, after_equals, key) {
        (None, true, "extends") => (CompletionItemKind::CLASS, statuses()),
        (None, false, _) if key.starts_with("into.") => (CompletionItemKind::CLASS, statuses()),
        (None, false, _) => {
            let keys = status_schema::__unstable::status_keys()
                .into_iter()
                .map(str::to_owned)
                .collect();
            (CompletionItemKind::PROPERTY, keys)
        }
        (None, true, "initial" | "terminal" | "transitions" | "labels" | "docs" | "aliases")
        | (Some("transitions" | "events" | "labels" | "docs" | "wire"), _, _) => {
            (CompletionItemKind::ENUM_MEMBER, symbols.states_of(status))
        }
        _ => return Vec::new(),
    };
    names
        .into_iter()
        .map(|name| CompletionItem {
            label: name,
            kind: Some(kind),
            ..CompletionItem::default()
        })
        .collect()
}

/// The distinct names of `kind`, in the order written.
fn names(symbols: &Symbols, kind: Kind) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for symbol in &symbols.all {
        if symbol.kind == kind && !out.contains(&symbol.name) {
            out.push(symbol.name.clone());
        }
    }
    out
}

/// Every place that names what the name under `position` names, written `new_name`.
// lsp-types keys a workspace edit's changes by `Uri`, whose cell caches a parse and never
// changes what it hashes.
#[allow(clippy::mutable_key_type)]
pub(super) fn rename(
    uri: &Uri,
    text: &str,
    position: Position,
    new_name: &str,
) -> Option<WorkspaceEdit> {
    let index = LineIndex::new(text);
    let symbols = Symbols::of(text);
    let symbol = symbols.at(index.offset(position))?;
    let edits: Vec<TextEdit> = symbols
        .references(symbol)
        .into_iter()
        .map(|s| TextEdit::new(index.range(s.span.start, s.span.end), new_name.to_owned()))
        .collect();
    let mut changes = HashMap::new();
    changes.insert(uri.clone(), edits);
    Some(WorkspaceEdit::new(changes))
}

/// The quick fixes for the diagnostics in `range`: each "did you mean `x`?" as an edit
/// writing `x` over what the diagnostic points at.
#[allow(clippy::mutable_key_type)] // as in `rename`
pub(super) fn code_actions(uri: &Uri, text: &str, range: Range) -> Vec<CodeActionOrCommand> {
    let index = LineIndex::new(text);
    let (from, to) = (index.offset(range.start), index.offset(range.end));
    let analysis = status_schema::analyze(&SourceFile::new(uri.as_str(), text));
    let lsp_diagnostics = super::diagnostics::diagnostics(uri, text);
    let mut out = Vec::new();
    for (diagnostic, shown) in analysis.diagnostics.iter().zip(lsp_diagnostics) {
        let span = diagnostic.primary.span;
        if span.end < from || span.start > to {
            continue;
        }
        let Some(suggestion) = diagnostic
            .help
            .as_deref()
            .and_then(|help| help.split("did you mean `").nth(1))
            .and_then(|rest| rest.split('`').next())
        else {
            continue;
        };
        // The suggestion replaces the name, inside the quotes where there are some.
        let written = &text[span.start..span.end];
        let (start, end) = if written.len() >= 2 && written.starts_with(['"', '\'']) {
            (span.start + 1, span.end - 1)
        } else {
            (span.start, span.end)
        };
        let mut changes = HashMap::new();
        changes.insert(
            uri.clone(),
            vec![TextEdit::new(
                index.range(start, end),
                suggestion.to_owned(),
            )],
        );
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Write `{suggestion}`"),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![shown]),
            edit: Some(WorkspaceEdit::new(changes)),
            is_preferred: Some(true),
            ..CodeAction::default()
        }));
    }
    out
}
