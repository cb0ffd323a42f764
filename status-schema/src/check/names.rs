//! Rules about names: what becomes a Rust identifier must be a valid, distinct one.

use std::collections::HashMap;

use super::Context;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::Status;
use crate::naming;
use crate::source::Span;

/// A status name is a Rust type name: generated code must compile warning-free, so it must
/// be UpperCamelCase, and not `Self`.
pub(super) fn status_name(_: &Context<'_>, status: &Status, out: &mut Diagnostics) {
    if naming::is_type_name(&status.name) {
        return;
    }
    let help = naming::type_name_suggestion(&status.name).map_or_else(
        || "use an UpperCamelCase name such as `TaskStatus`".to_owned(),
        |s| format!("rename it `{s}`"),
    );
    out.push(
        Diagnostic::new(
            Code::InvalidStatusName,
            status.span,
            format!("status name `{}` is not a Rust type name", status.name),
        )
        .label("must be UpperCamelCase ASCII letters and digits")
        .help(help),
    );
}

/// State names are snake_case ASCII: they become variants (UpperCamelCase) and default wire
/// values by one fixed rule, which only works from a known shape.
pub(super) fn state_names(_: &Context<'_>, status: &Status, out: &mut Diagnostics) {
    for state in &status.states {
        if !naming::is_snake_case(&state.name) {
            out.push(snake_case_error(
                Code::InvalidStateName,
                "state",
                &state.name,
                state.span,
                "; a different wire spelling goes in `wire`",
            ));
        }
    }
}

/// Event names become variants of the event enum and method names in other languages.
pub(super) fn event_names(_: &Context<'_>, status: &Status, out: &mut Diagnostics) {
    for event in &status.events {
        if !naming::is_snake_case(&event.name) {
            out.push(snake_case_error(
                Code::InvalidEventName,
                "event",
                &event.name,
                event.span,
                "",
            ));
        }
    }
}

fn snake_case_error(code: Code, what: &str, name: &str, span: Span, wire: &str) -> Diagnostic {
    let help = naming::snake_case_suggestion(name).map_or_else(
        || "use lowercase ASCII words joined by `_`, starting with a letter".to_owned(),
        |s| format!("write it `{s}`{wire}"),
    );
    Diagnostic::new(
        code,
        span,
        format!("{what} name `{name}` is not snake_case"),
    )
    .label("must be lowercase ASCII words joined by `_`")
    .help(help)
}

/// Associated constants of a generated status enum, which a variant may not be named:
/// `Self::ALL` would name the variant.
const STATUS_CONSTANTS: &[&str] = &["ALL", "INITIAL", "NAME"];
/// Associated constants of a generated event enum.
const EVENT_CONSTANTS: &[&str] = &["ALL"];

/// No two states may share a variant, and none may be a keyword or one of the enum's
/// constants: the enum would not compile, or `Self::ALL` would name a state.
pub(super) fn state_variants(_: &Context<'_>, status: &Status, out: &mut Diagnostics) {
    let mut seen: HashMap<&str, (&str, Span)> = HashMap::new();
    for state in &status.states {
        if let Some(error) = unusable_variant(
            "state",
            &state.name,
            &state.variant,
            state.span,
            STATUS_CONSTANTS,
        ) {
            out.push(error.help(format!(
                "rename the state (for example `{}_state`) and keep the old spelling with `wire`",
                state.name
            )));
        }
        variant_collision(
            &mut seen,
            &state.variant,
            &state.name,
            state.span,
            "state",
            out,
        );
    }
}

/// A keyword (`self` becomes `Self`) or a constant of the generated enum as a variant. Only
/// for snake_case names: another name has its own error, whose suggestion this one's would
/// contradict.
fn unusable_variant(
    what: &str,
    name: &str,
    variant: &str,
    span: Span,
    constants: &[&str],
) -> Option<Diagnostic> {
    if !naming::is_snake_case(name) {
        None
    } else if naming::is_keyword(variant) {
        Some(
            Diagnostic::new(
                Code::KeywordVariant,
                span,
                format!("{what} `{name}` would become the Rust keyword `{variant}`"),
            )
            .label("not usable as a variant"),
        )
    } else if constants.contains(&variant) {
        Some(
            Diagnostic::new(
                Code::KeywordVariant,
                span,
                format!(
                    "{what} `{name}` would become the variant `{variant}`, a constant the generated enum declares"
                ),
            )
            .label(format!("`Self::{variant}` would name this variant instead")),
        )
    } else {
        None
    }
}

/// No two events may share a variant of the event enum, and none may be a keyword or the
/// event enum's constant.
pub(super) fn event_variants(_: &Context<'_>, status: &Status, out: &mut Diagnostics) {
    let mut seen: HashMap<&str, (&str, Span)> = HashMap::new();
    for event in &status.events {
        if let Some(error) = unusable_variant(
            "event",
            &event.name,
            &event.variant,
            event.span,
            EVENT_CONSTANTS,
        ) {
            out.push(error.help(format!(
                "rename the event (for example `{}_event`)",
                event.name
            )));
        }
        variant_collision(
            &mut seen,
            &event.variant,
            &event.name,
            event.span,
            "event",
            out,
        );
    }
}

fn variant_collision<'a>(
    seen: &mut HashMap<&'a str, (&'a str, Span)>,
    variant: &'a str,
    name: &'a str,
    span: Span,
    what: &str,
    out: &mut Diagnostics,
) {
    if let Some(&(first, first_span)) = seen.get(variant) {
        if first != name {
            out.push(
                Diagnostic::new(
                    Code::VariantCollision,
                    span,
                    format!("{what}s `{first}` and `{name}` both become the variant `{variant}`"),
                )
                .label(format!("becomes `{variant}`"))
                .secondary(first_span, format!("also becomes `{variant}`"))
                .help(format!("rename one of the {what}s")),
            );
        }
    } else {
        seen.insert(variant, (name, span));
    }
}

/// Statuses also appear as snake_case names: PostgreSQL types (`task_status`), Prisma's
/// `@@map`, Python's conversion functions. Two statuses that differ only in how their words
/// are cased (`HTTPStatus`, `HttpStatus`) would become one type there; so would two whose
/// PostgreSQL names, shortened to 63 bytes with a hash, still meet.
pub(super) fn snake_names(cx: &Context<'_>, status: &Status, out: &mut Diagnostics) {
    if !naming::is_type_name(&status.name) {
        return; // E010 already; its snake_case name would only repeat that.
    }
    let snake = naming::snake_name(&status.name);
    let (ty, function) = naming::sql_status_names(&status.name);
    let clash = cx
        .first_with_snake_name(&snake)
        .filter(|first| first.name != status.name)
        .map(|first| {
            (
                first,
                format!("the same snake_case name `{snake}`"),
                snake.clone(),
            )
        })
        .or_else(|| {
            [ty, function].into_iter().find_map(|name| {
                let first = cx.first_with_sql_name(&name)?;
                (first.name != status.name)
                    .then(|| (first, format!("the same PostgreSQL name `{name}`"), name))
            })
        });
    let Some((first, what, name)) = clash else {
        return;
    };
    out.push(
        Diagnostic::new(
            Code::SnakeNameCollision,
            status.span,
            format!("statuses `{}` and `{}` have {what}", first.name, status.name),
        )
        .label(format!("becomes `{name}`"))
        .secondary(first.span, format!("also becomes `{name}`"))
        .help("rename one of them")
        .note("SQL types and functions, Prisma's `@@map` and Python's conversion functions name a status in snake_case; PostgreSQL names over 63 bytes are shortened with a hash of the whole name"),
    );
}
