//! Hover, go-to-definition and find-references on the names of a schema.

use std::fmt::Write as _;

use lsp_types::{Hover, HoverContents, Location, MarkupContent, MarkupKind, Position, Uri};
use status_schema::SourceFile;

use super::symbols::{Kind, Symbol, Symbols};
use super::text::LineIndex;

/// What the name under `position` is: for a status, its doc and states; for a state, its
/// doc, label, wire value, aliases, whether it is initial or terminal, and where it can go
/// and come from (from the checked model, when the file checks).
pub(super) fn hover(uri: &Uri, text: &str, position: Position) -> Option<Hover> {
    let index = LineIndex::new(text);
    let symbols = Symbols::of(text);
    let symbol = symbols.at(index.offset(position))?;
    let analysis = status_schema::analyze(&SourceFile::new(uri.as_str(), text));
    let mut out = String::new();
    match symbol.kind {
        Kind::Status => {
            let _ = writeln!(out, "**status** `{}`", symbol.name);
            if let Some(status) = analysis
                .schema
                .as_ref()
                .and_then(|s| s.status(&symbol.name))
            {
                if let Some(doc) = status.doc() {
                    let _ = writeln!(out, "\n{doc}");
                }
                let states: Vec<String> = status
                    .states()
                    .iter()
                    .map(|s| format!("`{}`", s.name()))
                    .collect();
                let _ = writeln!(out, "\nstates: {}", states.join(", "));
                if let Some(base) = status.extends() {
                    let _ = writeln!(out, "\nextends `{base}`");
                }
            }
        }
        Kind::Event => {
            let _ = writeln!(out, "**event** `{}` of `{}`", symbol.name, symbol.status);
            let status = analysis
                .schema
                .as_ref()
                .and_then(|s| s.status(&symbol.status));
            if let Some(status) = status {
                event(status, &symbol.name, &mut out);
            }
        }
        Kind::State => {
            let _ = writeln!(out, "**state** `{}` of `{}`", symbol.name, symbol.status);
            let status = analysis
                .schema
                .as_ref()
                .and_then(|s| s.status(&symbol.status));
            if let Some(status) = status {
                state(status, &symbol.name, &mut out);
            }
        }
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: out.trim_end().to_owned(),
        }),
        range: Some(index.range(symbol.span.start, symbol.span.end)),
    })
}

/// An event's doc, and where it moves from and to.
fn event(status: &status_schema::model::Status, name: &str, out: &mut String) {
    let Some(event) = status.events().iter().find(|e| e.name() == name) else {
        return;
    };
    if let Some(doc) = event.doc() {
        let _ = writeln!(out, "\n{doc}");
    }
    let from: Vec<String> = event
        .from()
        .iter()
        .map(|s| format!("`{}`", status.state(*s).name()))
        .collect();
    let _ = writeln!(
        out,
        "\nfrom {} to `{}`",
        from.join(", "),
        status.state(event.to()).name()
    );
}

/// A state's doc, wire value, label, aliases, role, and where it moves to and comes from.
fn state(status: &status_schema::model::Status, name: &str, out: &mut String) {
    let Some(state) = status.states().iter().find(|s| s.name() == name) else {
        return;
    };
    if let Some(doc) = state.doc() {
        let _ = writeln!(out, "\n{doc}");
    }
    let _ = writeln!(out, "\nwire value: `{}`", state.wire());
    let _ = writeln!(out, "\nlabel: {}", state.label());
    let aliases: Vec<String> = status
        .aliases()
        .iter()
        .filter(|a| a.state() == state.id())
        .map(|a| format!("`{}`", a.spelling()))
        .collect();
    if !aliases.is_empty() {
        let _ = writeln!(out, "\naliases: {}", aliases.join(", "));
    }
    if state.is_initial() {
        let _ = writeln!(out, "\ninitial");
    }
    if state.is_terminal() {
        let _ = writeln!(out, "\nterminal");
    }
    let to: Vec<String> = status
        .successors(state.id())
        .map(|s| format!("`{}`", status.state(s).name()))
        .collect();
    if !to.is_empty() {
        let _ = writeln!(out, "\nmoves to: {}", to.join(", "));
    }
    let from: Vec<String> = status
        .states()
        .iter()
        .filter(|s| status.can_transition(s.id(), state.id()))
        .map(|s| format!("`{}`", s.name()))
        .collect();
    if !from.is_empty() {
        let _ = writeln!(out, "\ncomes from: {}", from.join(", "));
    }
}

fn location(uri: &Uri, index: &LineIndex<'_>, symbol: &Symbol) -> Location {
    Location::new(uri.clone(), index.range(symbol.span.start, symbol.span.end))
}

/// Where the name under `position` is defined.
pub(super) fn definition(uri: &Uri, text: &str, position: Position) -> Option<Location> {
    let index = LineIndex::new(text);
    let symbols = Symbols::of(text);
    let symbol = symbols.at(index.offset(position))?;
    let found = symbols.references(symbol);
    let definition = found.into_iter().find(|s| s.definition)?;
    Some(location(uri, &index, definition))
}

/// Every place that names what the name under `position` names.
pub(super) fn references(
    uri: &Uri,
    text: &str,
    position: Position,
    include_declaration: bool,
) -> Vec<Location> {
    let index = LineIndex::new(text);
    let symbols = Symbols::of(text);
    let Some(symbol) = symbols.at(index.offset(position)) else {
        return Vec::new();
    };
    symbols
        .references(symbol)
        .into_iter()
        .filter(|s| include_declaration || !s.definition)
        .map(|s| location(uri, &index, s))
        .collect()
}
