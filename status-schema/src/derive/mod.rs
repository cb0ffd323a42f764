//! What the derive front end needs besides generation, kept here (not in the proc-macro
//! crate) so it is plain, testable Rust: checking a hand-written enum against its status,
//! and turning inline attributes into a schema ([`inline`]).
//!
//! The proc-macro reads the enum with syn, hands over plain descriptions, and puts each
//! [`Mismatch`] on the span it names.

pub mod inline;

use crate::diagnostic::Diagnostic;
use crate::model::{Conversion, Schema, StateId, Status};
use crate::suggest;

/// One variant of the hand-written enum, as the derive saw it.
#[derive(Clone, Debug)]
pub struct VariantShape {
    /// The variant's identifier.
    pub ident: String,
    /// Whether it has fields (`A(u8)`, `A { x: u8 }`).
    pub has_fields: bool,
    /// Whether it has an explicit discriminant (`A = 3`).
    pub has_discriminant: bool,
}

/// Where a [`Mismatch`] belongs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Site {
    /// The enum's identifier (for what is missing from it).
    Enum,
    /// The variant at this position.
    Variant(usize),
    /// The variant's discriminant expression.
    Discriminant(usize),
    /// The variant's fields.
    Fields(usize),
}

/// A way the hand-written enum differs from its status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// Where to point.
    pub site: Site,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: String,
}

/// Matches the enum's variants with the status's states: the state of each variant in
/// declaration order, or every mismatch at once.
///
/// # Errors
///
/// Every missing variant (in one mismatch on the enum), every variant that is not a state
/// (with the nearest missing one suggested), every variant with fields and every explicit
/// discriminant.
pub fn match_variants(
    status: &Status,
    variants: &[VariantShape],
) -> Result<Vec<StateId>, Vec<Mismatch>> {
    let mut problems = shape_mismatches(variants);
    // The state of each variant, `None` for a variant that is not a state.
    let order: Vec<Option<StateId>> = variants
        .iter()
        .map(|variant| {
            status
                .states
                .iter()
                .find(|s| s.variant == variant.ident)
                .map(|s| s.id)
        })
        .collect();
    let mut seen = vec![false; status.states.len()];
    for id in order.iter().flatten() {
        seen[id.index()] = true;
    }
    let missing: Vec<&str> = status
        .states
        .iter()
        .filter(|s| !seen[s.id.index()])
        .map(|s| s.variant.as_str())
        .collect();
    for (index, variant) in variants.iter().enumerate() {
        if order[index].is_some() {
            continue;
        }
        let candidates = if missing.is_empty() {
            status.states.iter().map(|s| s.variant.as_str()).collect()
        } else {
            missing.clone()
        };
        let help = match suggest::closest(&variant.ident, candidates.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!(
                "the states of `{}` are: {}",
                status.name,
                suggest::list(status.states.iter().map(|s| s.variant.as_str()), 12)
            ),
        };
        problems.push(Mismatch {
            site: Site::Variant(index),
            message: format!(
                "`{}` is not a state of `{}` in the schema",
                variant.ident, status.name
            ),
            help,
        });
    }
    if !missing.is_empty() {
        let noun = if missing.len() == 1 {
            "variant"
        } else {
            "variants"
        };
        problems.push(Mismatch {
            site: Site::Enum,
            message: format!(
                "missing {noun} {} of `{}`",
                suggest::list(missing.iter().copied(), 12),
                status.name
            ),
            help: format!(
                "add {}, or remove the state from the schema",
                suggest::list(missing.iter().copied(), 12)
            ),
        });
    }
    if problems.is_empty() {
        Ok(order.into_iter().flatten().collect())
    } else {
        Err(problems)
    }
}

/// Variants a status cannot have, in either mode: with fields, or with an explicit
/// discriminant (the generated tables number the states themselves).
pub fn shape_mismatches(variants: &[VariantShape]) -> Vec<Mismatch> {
    let mut problems = Vec::new();
    for (index, variant) in variants.iter().enumerate() {
        if variant.has_fields {
            problems.push(Mismatch {
                site: Site::Fields(index),
                message: format!("variant `{}` has fields, but a status is a plain set of states", variant.ident),
                help: "remove the fields: keep per-state data in the schema (`labels`, `docs`) or next to the status".to_owned(),
            });
        }
        if variant.has_discriminant {
            problems.push(Mismatch {
                site: Site::Discriminant(index),
                message: format!("variant `{}` has an explicit discriminant", variant.ident),
                help: "remove it: the generated tables index states by schema position, and the wire value comes from the schema".to_owned(),
            });
        }
    }
    problems
}

/// The help for a status name the schema does not declare: the nearest name, or the list.
/// `pick_with_name` adds the hint to set `name = "..."` (for the enum's own status).
pub fn unknown_status_help(schema: &Schema, name: &str, pick_with_name: bool) -> String {
    let names = schema.statuses.iter().map(|s| s.name.as_str());
    let hint = if pick_with_name {
        " (or set `name = \"...\"` in `#[status(...)]`)"
    } else {
        ""
    };
    match suggest::closest(name, names.clone()) {
        Some(near) => format!("did you mean `{near}`?{hint}"),
        None if pick_with_name => format!(
            "the schema declares {}; set `name = \"...\"` to pick one",
            suggest::list(names, 12)
        ),
        None => format!("the schema declares {}", suggest::list(names, 12)),
    }
}

/// Why a derive cannot do what an attribute asks: the error and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: String,
}

/// A conversion asked for by `into(Other)` (`outward`) or `from(Other)` on the enum of
/// status `own`, in the schema at `schema_path`: the conversion with its source and target,
/// or why the schema has none.
///
/// # Errors
///
/// A [`Refusal`] when the schema declares no status `other`, or no conversion between the
/// two; its help names the nearest status, or the conversions that do exist.
pub fn requested_conversion<'a>(
    schema: &'a Schema,
    own: &'a Status,
    other: &str,
    outward: bool,
    schema_path: &str,
) -> Result<(&'a Conversion, &'a Status, &'a Status), Refusal> {
    let Some(other) = schema.status(other) else {
        return Err(Refusal {
            message: format!("no status `{other}` in `{schema_path}`"),
            help: format!(
                "{}; for a type that derives a status of another name, write `Type = \"Status\"`",
                unknown_status_help(schema, other, false)
            ),
        });
    };
    if other.name == own.name {
        return Err(Refusal {
            message: format!("`{}` cannot convert into itself", own.name),
            help: "remove it: a status is already itself".to_owned(),
        });
    }
    let (from, to) = if outward { (own, other) } else { (other, own) };
    if let Some(conversion) = schema.conversion(&from.name, &to.name) {
        return Ok((conversion, from, to));
    }
    let defined: Vec<String> = if outward {
        schema
            .conversions_from(&from.name)
            .map(|c| format!("`{}`", c.to))
            .collect()
    } else {
        schema
            .conversions_into(&to.name)
            .map(|c| format!("`{}`", c.from))
            .collect()
    };
    let help = if defined.is_empty() {
        format!(
            "add `into.{} = {{ ... }}` to `{}` in the schema",
            to.name, from.name
        )
    } else if outward {
        format!(
            "`{}` converts into {}; or add `into.{}` to it in the schema",
            from.name,
            defined.join(", "),
            to.name
        )
    } else {
        format!(
            "{} convert into `{}`; or add `into.{}` to `{}` in the schema",
            defined.join(", "),
            to.name,
            to.name,
            from.name
        )
    };
    Err(Refusal {
        message: format!(
            "the schema defines no conversion from `{}` into `{}`",
            from.name, to.name
        ),
        help,
    })
}

/// A schema diagnostic as the text of a derive's compiler error, which points at one span
/// and shows no schema source: message, labels and notes as `note:` lines, then the help,
/// each piece rewritten by `words` (inline mode speaks of the attributes the user wrote).
pub fn compiler_message(diagnostic: &Diagnostic, words: &dyn Fn(&str) -> String) -> String {
    crate::diagnostic::render::detached(diagnostic, words)
}
