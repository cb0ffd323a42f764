//! Rules about spellings: every string a parser accepts must lead to exactly one state.

use std::collections::HashMap;

use super::Context;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::{Spelling, SpellingKind, Status};
use crate::source::Span;

/// The key a spelling is compared by: ASCII-folded when parsing ignores case.
fn fold(status: &Status, text: &str) -> String {
    if status.case_insensitive {
        text.to_ascii_lowercase()
    } else {
        text.to_owned()
    }
}

fn case_note(status: &Status) -> Option<&'static str> {
    status
        .case_insensitive
        .then_some("parsing ignores ASCII case (`case_insensitive = true`), so spellings are compared that way")
}

/// An empty string cannot be told apart from a missing value in most storage.
pub(super) fn empty_spellings(_: &Context<'_>, status: &Status, out: &mut Diagnostics) {
    for state in &status.states {
        if state.wire.is_empty() {
            out.push(
                Diagnostic::new(
                    Code::EmptyWire,
                    state.wire_site(),
                    format!("state `{}` has an empty wire value", state.name),
                )
                .label("empty")
                .help("give it a non-empty `wire` value, or drop the entry to use the default"),
            );
        }
    }
    for alias in status.aliases.iter().filter(|a| a.spelling.is_empty()) {
        out.push(
            Diagnostic::new(Code::EmptyWire, alias.span, "an alias cannot be empty")
                .label("empty")
                .help("remove this alias"),
        );
    }
}

/// Two states with one wire value could not be told apart when read back.
pub(super) fn duplicate_wire(_: &Context<'_>, status: &Status, out: &mut Diagnostics) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for state in &status.states {
        let key = fold(status, &state.wire);
        if let Some(&first) = seen.get(&key) {
            let first = &status.states[first];
            let mut diagnostic = Diagnostic::new(
                Code::DuplicateWire,
                state.wire_site(),
                format!(
                    "states `{}` and `{}` have the same wire value `{}`",
                    first.name, state.name, state.wire
                ),
            )
            .label(format!("`{}` is written as `{}`", state.name, state.wire))
            .secondary(
                first.wire_site(),
                format!("`{}` is written as `{}`", first.name, first.wire),
            )
            .help("give one of them a distinct value in `wire`");
            if let Some(note) = case_note(status) {
                diagnostic = diagnostic.note(note);
            }
            out.push(diagnostic);
        } else {
            seen.insert(key, state.id.index());
        }
    }
}

/// An alias is an extra way in to one state: it must not be another state's spelling, and
/// one that its own state already accepts does nothing (except, with a migration history
/// storing enum types, another case: it is a label the database accepts, which the
/// wire value's other cases are not).
pub(super) fn aliases(cx: &Context<'_>, status: &Status, out: &mut Diagnostics) {
    let enum_labels = cx.schema.migrations.as_ref().is_some_and(|m| !m.text());
    let mut seen: HashMap<String, (Spelling<'_>, Span)> = HashMap::new();
    for state in &status.states {
        let spelling = Spelling {
            text: &state.wire,
            state: state.id,
            kind: SpellingKind::Wire,
        };
        seen.entry(fold(status, &state.wire))
            .or_insert((spelling, state.wire_site()));
    }
    for alias in &status.aliases {
        if alias.spelling.is_empty() {
            continue;
        }
        let target = status.state(alias.state);
        let key = fold(status, &alias.spelling);
        let Some(&(earlier, earlier_span)) = seen.get(&key) else {
            let spelling = Spelling {
                text: &alias.spelling,
                state: alias.state,
                kind: SpellingKind::Alias,
            };
            seen.insert(key, (spelling, alias.span));
            continue;
        };
        let other = status.state(earlier.state);
        let what = match earlier.kind {
            SpellingKind::Wire => "the wire value",
            SpellingKind::Alias => "an alias",
        };
        if earlier.state == alias.state && enum_labels && earlier.text != alias.spelling {
            continue;
        }
        // An extension that spells a state as its base's alias (the base reads `canceled`
        // and writes `cancelled`; the extension writes `canceled`): the alias still does
        // its work in the base where it is written, so there is nothing to remove.
        if earlier.state == alias.state
            && earlier.kind == SpellingKind::Wire
            && alias.declared_in != status.name
        {
            continue;
        }
        let mut diagnostic = if earlier.state == alias.state {
            Diagnostic::new(
                Code::RedundantAlias,
                alias.span,
                format!(
                    "alias `{}` is already {what} of `{}`",
                    alias.spelling, target.name
                ),
            )
            .label("accepted anyway")
            .secondary(earlier_span, format!("{what} `{}`", earlier.text))
            .help("remove this alias")
        } else {
            Diagnostic::new(
                Code::AliasCollision,
                alias.span,
                format!(
                    "alias `{}` for `{}` is {what} of `{}`",
                    alias.spelling, target.name, other.name
                ),
            )
            .label(format!(
                "would parse as `{}` or `{}`",
                target.name, other.name
            ))
            .secondary(earlier_span, format!("{what} of `{}`", other.name))
            .help("remove the alias, or point it at the state it really means")
        };
        if let Some(note) = case_note(status).filter(|_| earlier.text != alias.spelling) {
            diagnostic = diagnostic.note(note);
        }
        out.push(diagnostic);
    }
}

/// A retired value spells a state again: rows and clients that still hold it would read as
/// a state it never meant.
pub(super) fn reserved_in_use(_: &Context<'_>, status: &Status, out: &mut Diagnostics) {
    for (value, reserved_at) in &status.reserved {
        let key = fold(status, value);
        let Some(spelling) = status.spellings().find(|s| fold(status, s.text) == key) else {
            continue;
        };
        let state = status.state(spelling.state);
        let (span, what) = match spelling.kind {
            SpellingKind::Wire => (
                state.wire_site(),
                format!("the wire value of `{}`", state.name),
            ),
            _ => (
                status
                    .aliases
                    .iter()
                    .find(|a| a.spelling == spelling.text)
                    .map_or(state.span, |a| a.span),
                format!("an alias of `{}`", state.name),
            ),
        };
        let mut diagnostic = Diagnostic::new(
                Code::ReservedInUse,
                span,
                format!("`{value}` is reserved in `{}`, but is {what}", status.name),
            )
            .label("a retired value, used again")
            .secondary(*reserved_at, "reserved here")
            .help(match spelling.kind {
                SpellingKind::Wire => format!(
                    "choose another wire value for `{}`: a reserved value stays retired, because stored rows and old clients may still hold it with its old meaning",
                    state.name
                ),
                _ => format!(
                    "keep one: an alias keeps `{value}` readable as `{}`, `reserved` retires it for good; remove it from `reserved` or remove the alias",
                    state.name
                ),
            });
        if let Some(note) = case_note(status) {
            diagnostic = diagnostic.note(note);
        }
        out.push(diagnostic);
    }
}
