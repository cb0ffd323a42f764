//! Rules about free text: the policy of [`crate::text`], applied to every text field where
//! it is written, so each problem is reported once, at its own string.

use super::Context;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::Status;
use crate::raw::{Name, RawSchema, RawStatus};
use crate::source::Span;
use crate::text::{self, Field, MAX_SPELLING_BYTES, Problem};

/// Every text the schema writes, checked against its field's policy where it is written
/// (before resolution normalises line breaks): prose, labels, wire values and aliases.
pub(crate) fn written_text(raw: &RawSchema, out: &mut Diagnostics) {
    for status in &raw.statuses {
        written_by(status, out);
    }
}

fn written_by(raw: &RawStatus, out: &mut Diagnostics) {
    let mut texts: Vec<(String, Field, &Name)> = Vec::new();
    texts.extend(
        raw.doc
            .iter()
            .map(|d| ("`doc`".to_owned(), Field::Prose, d)),
    );
    texts.extend(
        raw.deprecated
            .iter()
            .map(|d| ("`deprecated`".to_owned(), Field::Prose, d)),
    );
    for (key, field, pairs) in [
        ("docs", Field::Prose, &raw.docs),
        ("labels", Field::Label, &raw.labels),
        ("wire", Field::Spelling, &raw.wire),
    ] {
        texts.extend(
            pairs
                .iter()
                .map(|p| (format!("`{key}.{}`", p.key.value), field, &p.value)),
        );
    }
    texts.extend(
        raw.aliases
            .iter()
            .map(|p| ("an alias".to_owned(), Field::Spelling, &p.key)),
    );
    texts.extend(
        raw.reserved
            .iter()
            .flat_map(|list| &list.value)
            .map(|value| ("a reserved value".to_owned(), Field::Spelling, value)),
    );
    texts.extend(raw.events.iter().filter_map(|e| {
        let doc = e.doc.as_ref()?;
        Some((
            format!("the `doc` of event `{}`", e.name.value),
            Field::Prose,
            doc,
        ))
    }));
    for (what, field, name) in texts {
        report(out, &what, field, &name.value, name.span);
    }
}

/// Wire values nobody wrote, derived from state names by `rename_all`, are still
/// spellings; only their length can be wrong (names are plain ASCII).
pub(super) fn derived_wire_length(_: &Context<'_>, status: &Status, out: &mut Diagnostics) {
    for state in status.states.iter().filter(|s| s.wire_span.is_none()) {
        report(
            out,
            &format!("the wire value of `{}`", state.name),
            Field::Spelling,
            &state.wire,
            state.span,
        );
    }
}

fn report(out: &mut Diagnostics, what: &str, field: Field, value: &str, span: Span) {
    for problem in text::problems(field, value) {
        out.push(diagnostic(what, field, value, span, problem));
    }
}

fn diagnostic(what: &str, field: Field, value: &str, span: Span, problem: Problem) -> Diagnostic {
    let kind = match field {
        Field::Prose => "prose",
        Field::Label => "a label",
        Field::Spelling => "a wire value or alias",
    };
    match problem {
        Problem::Control { found, at } => Diagnostic::new(
            Code::ControlCharacter,
            span,
            format!("{what} contains the control character {}", text::describe(found)),
        )
        .label(format!("at character {}", at + 1))
        .help(match field {
            Field::Prose => "remove it; prose may hold tabs and line breaks, and no other control characters",
            Field::Label | Field::Spelling => "remove it",
        })
        .note(format!(
            "{kind} is written into comments, string literals and docs in every generated language; control characters are invisible in review and some (NUL) cannot be stored at all"
        )),
        Problem::Bidi { found, at } => Diagnostic::new(
            Code::BidiControl,
            span,
            format!("{what} contains the bidirectional control {}", text::describe(found)),
        )
        .label(format!("at character {}", at + 1))
        .help("remove it; bidirectional text displays correctly without explicit controls")
        .note("a bidirectional control makes text display in another order than compilers read it (\"Trojan Source\"), so generated code could look unlike what it does"),
        Problem::LineBreak if field == Field::Label => Diagnostic::new(
            Code::InvalidLabel,
            span,
            format!("{what} spans more than one line"),
        )
        .label("a line break")
        .help("a label is a display name shown on one line; put longer text in `docs`"),
        Problem::LineBreak => Diagnostic::new(
            Code::ControlCharacter,
            span,
            format!("{what} contains a line break"),
        )
        .label("stored values are one line")
        .help("remove the line break"),
        Problem::Blank if field == Field::Label => Diagnostic::new(
            Code::InvalidLabel,
            span,
            format!("{what} is blank"),
        )
        .label("nothing to show")
        .help("write the display name, or drop the entry to use the state's name in sentence case"),
        Problem::Blank => Diagnostic::new(
            Code::SpellingWhitespace,
            span,
            format!("{what} is only whitespace: {:?}", text::visible(value)),
        )
        .label("invisible when shown")
        .help("use visible characters"),
        Problem::EdgeWhitespace => Diagnostic::new(
            Code::SpellingWhitespace,
            span,
            format!("{what} has whitespace at its start or end: {:?}", text::visible(value)),
        )
        .label("leading or trailing whitespace")
        .help(format!("write it as {:?}", value.trim()))
        .note("values are compared byte for byte; whitespace at the edges is invisible in review, in logs and in most UIs, so two values would look the same"),
        Problem::TooLong(bytes) if field != Field::Spelling => {
            let limit = text::max_bytes(field);
            Diagnostic::new(
                Code::TextTooLong,
                span,
                format!("{what} is {bytes} bytes long, over the limit of {limit} for {kind}"),
            )
            .label(format!("{bytes} bytes"))
            .help(match field {
                Field::Label => "shorten the display name; put longer text in `docs`",
                _ => "shorten it, and link to longer documentation from it",
            })
            .note("every generated target carries the text whole: diagrams quote labels (Graphviz stops a quoted string at 16 KB), code carries prose as comments and docs")
        }
        Problem::TooLong(bytes) => Diagnostic::new(
            Code::SpellingTooLong,
            span,
            format!("{what} is {bytes} bytes long, over the limit of {MAX_SPELLING_BYTES}"),
        )
        .label(format!("{bytes} bytes"))
        .help(format!("choose a value of at most {MAX_SPELLING_BYTES} bytes (for a state's default value, set a shorter one in `wire`)"))
        .note(format!(
            "PostgreSQL's enum labels hold at most {MAX_SPELLING_BYTES} bytes, and every spelling must be storable wherever the status is"
        )),
    }
}
