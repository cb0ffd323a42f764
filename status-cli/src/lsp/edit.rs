//! What the server writes into the schema: completions, renames (offering to keep a
//! renamed state's stored value as an alias), and the quick fixes the diagnostics suggest
//! (a name they mean, a terminal state's transition removed).
//!
//! Completion reads the line being typed: a file being typed is rarely TOML, so the names
//! come from the text with that line left out, and what to offer from the line itself and
//! the table it is in (states in `transitions`, `initial`, `terminal`, events and `into`'s
//! keys; statuses after `extends` and in `into.`; a status table's keys at a line's start).

use std::collections::HashMap;

use lsp_types::{
    AnnotatedTextEdit, ChangeAnnotation, CodeAction, CodeActionKind, CodeActionOrCommand,
    CompletionItem, CompletionItemKind, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, Position, Range, TextDocumentEdit, TextEdit, Uri,
    WorkspaceEdit,
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
    // A dotted key names its table first: `transitions.paid = [...]`, `docs.paid = "..."`.
    let (table_key, dotted) = key.split_once('.').unwrap_or((key, ""));
    let states_here = matches!(
        table_key,
        "initial" | "terminal" | "transitions" | "labels" | "docs" | "wire" | "remove"
    );
    let (kind, names) = match (section, after_equals, table_key) {
        // `into.Other = { mine = "theirs" }`: a key is this status's state, a value Other's.
        (None, true, "into") if !dotted.is_empty() => {
            let inside = before.rsplit(['{', ',']).next().unwrap_or("");
            let of = if inside.contains('=') { dotted } else { status };
            (CompletionItemKind::ENUM_MEMBER, symbols.states_of(of))
        }
        (None, true, "extends") | (None, false, "into") => {
            let others = statuses().into_iter().filter(|s| s != status).collect();
            (CompletionItemKind::CLASS, others)
        }
        (None, false, _) if (!dotted.is_empty() || key.ends_with('.')) && states_here => {
            (CompletionItemKind::ENUM_MEMBER, symbols.states_of(status))
        }
        (None, false, _) if !dotted.is_empty() || key.ends_with('.') => return Vec::new(),
        (None, false, _) => {
            let keys = status_schema::__unstable::status_keys()
                .into_iter()
                .map(str::to_owned)
                .collect();
            (CompletionItemKind::PROPERTY, keys)
        }
        (None, true, _) if states_here || table_key == "aliases" => {
            (CompletionItemKind::ENUM_MEMBER, symbols.states_of(status))
        }
        (Some("transitions" | "events" | "labels" | "docs" | "wire"), _, _) => {
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

/// Every place that names what the name under `position` names, written `new_name`; an
/// error for a name the schema could not hold (not an identifier, or one the status has).
///
/// A state's name is its stored value too (unless it has a `wire`): rows may hold the old
/// one. Where the client can confirm an edit (change annotations), the rename also offers
/// to keep the old value readable as an alias, an edit the user confirms or leaves out.
// lsp-types keys a workspace edit's changes by `Uri`, whose cell caches a parse and never
// changes what it hashes.
#[allow(clippy::mutable_key_type)]
pub(super) fn rename(
    uri: &Uri,
    text: &str,
    position: Position,
    new_name: &str,
    annotations: bool,
) -> Result<Option<WorkspaceEdit>, String> {
    let index = LineIndex::new(text);
    let symbols = Symbols::of(text);
    let Some(symbol) = symbols.at(index.offset(position)) else {
        return Ok(None);
    };
    let identifier = new_name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && new_name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !identifier {
        return Err(format!(
            "`{new_name}` is not a name the schema takes: letters, digits and `_`, not starting with a digit"
        ));
    }
    let taken = symbols.all.iter().any(|s| {
        s.kind == symbol.kind
            && s.definition
            && s.name == new_name
            && (symbol.kind == Kind::Status || s.status == symbol.status)
    });
    if taken {
        return Err(format!("`{new_name}` is taken: the schema has one already"));
    }
    let places = symbols.references(symbol);
    let edits: Vec<TextEdit> = places
        .iter()
        .map(|s| TextEdit::new(index.range(s.span.start, s.span.end), new_name.to_owned()))
        .collect();
    let owner = symbols.owner(&symbol.status, &symbol.name);
    let alias = (annotations && symbol.kind == Kind::State)
        .then(|| keep_as_alias(uri, text, &owner, &symbol.name, new_name))
        .flatten()
        // Offered only as an insertion clear of every renamed name.
        .filter(|(at, _, _)| {
            places
                .iter()
                .all(|p| p.span.end <= at.start || p.span.start >= at.end)
        });
    let Some((at, inserted, old_wire)) = alias else {
        let mut changes = HashMap::new();
        changes.insert(uri.clone(), edits);
        return Ok(Some(WorkspaceEdit::new(changes)));
    };
    let mut all: Vec<OneOf<TextEdit, AnnotatedTextEdit>> =
        edits.into_iter().map(OneOf::Left).collect();
    all.push(OneOf::Right(AnnotatedTextEdit {
        text_edit: TextEdit::new(index.range(at.start, at.end), inserted),
        annotation_id: KEEP_ALIAS.to_owned(),
    }));
    let mut annotations = HashMap::new();
    annotations.insert(
        KEEP_ALIAS.to_owned(),
        ChangeAnnotation {
            label: format!("Keep `{old_wire}` readable as an alias"),
            needs_confirmation: Some(true),
            description: Some(
                "Rows stored before the rename hold the old value: as an alias it still parses."
                    .to_owned(),
            ),
        },
    );
    Ok(Some(WorkspaceEdit {
        changes: None,
        document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                uri: uri.clone(),
                version: None,
            },
            edits: all,
        }])),
        change_annotations: Some(annotations),
    }))
}

/// The annotation of the alias a rename offers to keep.
const KEEP_ALIAS: &str = "keep-old-value-as-alias";

/// Where to insert what adds the state's current stored value to `status`'s aliases,
/// pointing at `new_name`, and that value; `None` where the file does not check, the state
/// keeps its value whatever its name (a `wire`), the value is its new name's anyway, or the
/// edit would be more than an insertion.
fn keep_as_alias(
    uri: &Uri,
    text: &str,
    status: &str,
    old_name: &str,
    new_name: &str,
) -> Option<(std::ops::Range<usize>, String, String)> {
    let analysis = status_schema::analyze(&SourceFile::new(uri.as_str(), text));
    let schema = analysis.schema?;
    let model = schema.status(status)?;
    let state = model.states().iter().find(|s| s.name() == old_name)?;
    if state.wire_span().is_some() || state.wire() == new_name {
        return None;
    }
    let old_wire = state.wire().to_owned();
    let mut document: toml_edit::DocumentMut = text.parse().ok()?;
    // Through `TableLike`: an `Item`'s `get_mut` would add the key it looks for.
    let table = document
        .as_table_mut()
        .get_mut("status")?
        .as_table_like_mut()?
        .get_mut(status)?
        .as_table_like_mut()?;
    if let Some(aliases) = table.get_mut("aliases") {
        if let Some(inline) = aliases.as_inline_table_mut() {
            inline.insert(&old_wire, new_name.into());
            // One space inside the braces and after each comma, as `fmt` writes it.
            inline.fmt();
        } else {
            let aliases = aliases.as_table_like_mut()?;
            aliases.insert(&old_wire, toml_edit::value(new_name));
        }
    } else {
        let mut aliases = toml_edit::InlineTable::new();
        aliases.insert(&old_wire, new_name.into());
        table.insert("aliases", toml_edit::value(aliases));
    }
    let (at, inserted) = difference(text, &document.to_string())?;
    at.is_empty().then_some((at, inserted, old_wire))
}

/// The one stretch of `text` that differs in `changed`, and what `changed` has there: what
/// the two share at either end left out.
fn difference(text: &str, changed: &str) -> Option<(std::ops::Range<usize>, String)> {
    let prefix = text
        .bytes()
        .zip(changed.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let prefix = (0..=prefix)
        .rev()
        .find(|&at| text.is_char_boundary(at) && changed.is_char_boundary(at))?;
    let suffix = text[prefix..]
        .bytes()
        .rev()
        .zip(changed[prefix..].bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (mut old_end, mut new_end) = (text.len() - suffix, changed.len() - suffix);
    while !text.is_char_boundary(old_end) || !changed.is_char_boundary(new_end) {
        old_end += 1;
        new_end += 1;
    }
    Some((prefix..old_end, changed[prefix..new_end].to_owned()))
}

/// The quick fix for a terminal state's transition (E030): the move removed from its
/// `transitions` entry (the entry with it, when it was the only one).
fn remove_terminal_move(text: &str, status: &str, message: &str) -> Option<String> {
    // "terminal state `b` has a transition to `a`"
    let mut quoted = message.split('`').skip(1).step_by(2);
    let (from, to) = (quoted.next()?, quoted.next()?);
    let mut document: toml_edit::DocumentMut = text.parse().ok()?;
    let transitions = document
        .as_table_mut()
        .get_mut("status")?
        .as_table_like_mut()?
        .get_mut(status)?
        .as_table_like_mut()?
        .get_mut("transitions")?
        .as_table_like_mut()?;
    let targets = transitions.get_mut(from)?;
    let remove_entry = match targets.as_value_mut()? {
        toml_edit::Value::Array(array) => {
            array.retain(|v| v.as_str() != Some(to));
            array.is_empty()
        }
        toml_edit::Value::String(target) => target.value() == to,
        _ => return None,
    };
    if remove_entry {
        transitions.remove(from);
    }
    if let Some(inline) = document
        .as_table_mut()
        .get_mut("status")
        .and_then(toml_edit::Item::as_table_like_mut)
        .and_then(|s| s.get_mut(status))
        .and_then(toml_edit::Item::as_table_like_mut)
        .and_then(|s| s.get_mut("transitions"))
        .and_then(toml_edit::Item::as_inline_table_mut)
    {
        inline.fmt();
    }
    Some(document.to_string())
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
        if diagnostic.code == status_schema::Code::TerminalExit {
            let fixed = diagnostic
                .status()
                .and_then(|status| remove_terminal_move(text, status, &diagnostic.message));
            // Offered only as an edit of the lines it is about: where toml_edit would write
            // more (line ends, comments of a table written over lines), no fix.
            let fix = fixed
                .and_then(|fixed| difference(text, &fixed))
                .filter(|(at, _)| {
                    let old = &text[at.clone()];
                    !old.contains('\r') && old.matches('\n').count() <= 1
                });
            if let Some((at, inserted)) = fix {
                let mut changes = HashMap::new();
                changes.insert(
                    uri.clone(),
                    vec![TextEdit::new(index.range(at.start, at.end), inserted)],
                );
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: "Remove the terminal state's transition".to_owned(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![shown]),
                    edit: Some(WorkspaceEdit::new(changes)),
                    ..CodeAction::default()
                }));
            }
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
        // Only a fix that leaves TOML (a key suggested where the table has it already
        // would be written twice).
        let fixed = format!("{}{suggestion}{}", &text[..start], &text[end..]);
        if fixed.parse::<toml_edit::DocumentMut>().is_err() {
            continue;
        }
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
