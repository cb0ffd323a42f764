//! Inline mode: a small status declared by attributes on the enum, with no schema file.
//!
//! ```ignore
//! #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, StatusMachine)]
//! enum Light {
//!     #[status(initial, to(Green))]
//!     Red,
//!     #[status(to(Amber), alias = "go")]
//!     Green,
//!     #[status(to(Red))]
//!     Amber,
//! }
//! ```
//!
//! The attributes are built into the same raw schema a `statuses.toml` is read into, and go
//! through the same resolve → check pipeline, so inline statuses obey exactly the same
//! rules. Every piece of it carries a span that stands for the attribute it came from (an
//! opaque origin, a `proc_macro2::Span` in the derive), so every diagnostic lands on the
//! attribute that caused it, in the words the user wrote.

use std::fmt::Write;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::naming::{RenameRule, snake_name};
use crate::raw::{Name, Pair, RawDefaults, RawSchema, RawStatus, RawTransition};
use crate::source::{Span, Spanned};

/// An enum in inline mode, with an origin `O` on every piece a diagnostic may point at.
#[derive(Clone, Debug)]
pub struct InlineEnum<O> {
    /// The enum's identifier: the status's name.
    pub name: String,
    /// Where the name is.
    pub origin: O,
    /// The enum's doc comment.
    pub doc: Option<String>,
    /// `rename_all = "…"`.
    pub rename_all: Option<(String, O)>,
    /// `case_insensitive = …`.
    pub case_insensitive: Option<(bool, O)>,
    /// `fallback = Variant`.
    pub fallback: Option<(String, O)>,
    /// The variants, in declaration order.
    pub variants: Vec<InlineVariant<O>>,
}

/// One variant's attributes.
#[derive(Clone, Debug)]
pub struct InlineVariant<O> {
    /// The variant's identifier; its state is the snake_case of it.
    pub ident: String,
    /// Where the identifier is.
    pub origin: O,
    /// The variant's doc comment.
    pub doc: Option<String>,
    /// `initial`.
    pub initial: Option<O>,
    /// `terminal`.
    pub terminal: Option<O>,
    /// `to(A, B)`: target variant identifiers.
    pub to: Vec<(String, O)>,
    /// `alias = "…"`, repeatable.
    pub aliases: Vec<(String, O)>,
    /// `label = "…"`.
    pub label: Option<(String, O)>,
    /// `wire = "…"`.
    pub wire: Option<(String, O)>,
}

/// A one-status schema built from inline attributes, and the origin of each of its spans.
#[derive(Clone, Debug)]
pub struct InlineSchema<O> {
    raw: RawSchema,
    /// The origin of each span: span `i..i + 1` stands for `origins[i]`.
    origins: Vec<O>,
    /// Problems found while building (an unknown `rename_all`).
    diagnostics: Diagnostics,
}

impl<O> InlineSchema<O> {
    /// The attribute a diagnostic's span stands for.
    pub fn origin(&self, span: Span) -> Option<&O> {
        self.origins.get(span.start)
    }

    /// Resolves and checks the schema as [`crate::analyze`] does a file.
    pub fn analyze(&self) -> crate::Analysis {
        crate::suggest::reset_budget();
        crate::analyze_raw(&self.raw, self.diagnostics.clone())
    }
}

/// Builds the schema for `input`.
pub fn schema<O: Clone>(input: &InlineEnum<O>) -> InlineSchema<O> {
    let mut b = Builder {
        origins: Vec::new(),
        diagnostics: Diagnostics::new(),
    };
    let name = b.name(&input.name, &input.origin);
    let whole = name.span;
    let state = |b: &mut Builder<O>, ident: &str, origin: &O| b.name(&snake_name(ident), origin);
    let mut status = RawStatus::empty(name);
    status.doc = input.doc.as_ref().map(|doc| b.name(doc, &input.origin));
    let names = input
        .variants
        .iter()
        .map(|v| state(&mut b, &v.ident, &v.origin))
        .collect();
    status.states = Some(Spanned::new(names, whole));
    // Two `initial` variants are refused by the derive's attribute reader; the first wins.
    status.initial = input
        .variants
        .iter()
        .find_map(|v| Some(state(&mut b, &v.ident, v.initial.as_ref()?)));
    let terminal: Vec<Name> = input
        .variants
        .iter()
        .filter_map(|v| Some(state(&mut b, &v.ident, v.terminal.as_ref()?)))
        .collect();
    status.terminal = (!terminal.is_empty()).then(|| Spanned::new(terminal, whole));
    for variant in &input.variants {
        if !variant.to.is_empty() {
            let from = state(&mut b, &variant.ident, &variant.origin);
            let to = variant
                .to
                .iter()
                .map(|(target, origin)| state(&mut b, target, origin))
                .collect();
            status.transitions.push(RawTransition { from, to });
        }
        for (alias, origin) in &variant.aliases {
            let key = b.name(alias, origin);
            let value = state(&mut b, &variant.ident, origin);
            status.aliases.push(Pair { key, value });
        }
        let keyed = [
            (&mut status.labels, variant.label.as_ref()),
            (&mut status.wire, variant.wire.as_ref()),
        ];
        for (pairs, entry) in keyed {
            if let Some((value, origin)) = entry {
                let key = state(&mut b, &variant.ident, &variant.origin);
                let value = b.name(value, origin);
                pairs.push(Pair { key, value });
            }
        }
        if let Some(doc) = &variant.doc {
            let key = state(&mut b, &variant.ident, &variant.origin);
            let value = b.name(doc, &variant.origin);
            status.docs.push(Pair { key, value });
        }
    }
    if let Some((rule, origin)) = &input.rename_all {
        let written = b.name(rule, origin);
        match RenameRule::from_name(rule) {
            Some(rule) => status.rename_all = Some(Spanned::new(rule, written.span)),
            None => b
                .diagnostics
                .push(crate::raw::unknown_rename_rule(&written)),
        }
    }
    if let Some((value, origin)) = &input.case_insensitive {
        let span = b.span(origin);
        status.case_insensitive = Some(Spanned::new(*value, span));
    }
    if let Some((variant, origin)) = &input.fallback {
        status.fallback = Some(state(&mut b, variant, origin));
    }
    written_as_variants(input, &mut b);
    let raw = RawSchema {
        schema_version: Some(Spanned::new(1, whole)),
        defaults: RawDefaults::default(),
        statuses: vec![status],
        generate: Vec::new(),
        migrations: None,
        lint: None,
    };
    InlineSchema {
        raw,
        origins: b.origins,
        diagnostics: b.diagnostics,
    }
}

/// What a file's TOML would have refused or a state name cannot carry, checked on the
/// attributes themselves: a variant whose state name does not lead back to it (`IOError`
/// is state `io_error`, whose variant is `IoError`), a `to(…)` or `fallback` that names a
/// state rather than a variant (`green` for `Green`), and an alias given twice (a file's
/// `aliases` table cannot hold a key twice).
fn written_as_variants<O: Clone>(input: &InlineEnum<O>, b: &mut Builder<O>) {
    for variant in &input.variants {
        let state = snake_name(&variant.ident);
        let back = crate::naming::variant_name(&state);
        if back != variant.ident {
            let span = b.span(&variant.origin);
            b.diagnostics.push(
                Diagnostic::new(
                    Code::InvalidStateName,
                    span,
                    format!(
                        // The state unquoted: quoted, it would be reworded as this variant.
                        "variant `{}` does not name a state: its state name would be {state}, whose variant is `{back}`",
                        variant.ident
                    ),
                )
                .label("not UpperCamelCase of its state")
                .help(format!("rename the variant `{back}`")),
            );
        }
    }
    let is_variant = |name: &str| input.variants.iter().any(|v| v.ident == name);
    let targets = input
        .variants
        .iter()
        .flat_map(|v| v.to.iter())
        .chain(input.fallback.iter());
    for (target, origin) in targets {
        let variant = input
            .variants
            .iter()
            .find(|v| snake_name(&v.ident) == snake_name(target));
        if let Some(variant) = variant.filter(|_| !is_variant(target)) {
            let span = b.span(origin);
            b.diagnostics.push(
                Diagnostic::new(Code::UnknownState, span, format!("no variant `{target}`"))
                    .label("not a variant of the enum")
                    .help(format!(
                        "write `{}`: `to(…)` and `fallback` name variants",
                        variant.ident
                    )),
            );
        }
    }
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for variant in &input.variants {
        for (alias, origin) in &variant.aliases {
            if let Some((_, first)) = seen.iter().find(|(spelling, _)| spelling == alias) {
                let span = b.span(origin);
                let message = if *first == variant.ident {
                    format!("alias `{alias}` is given to `{first}` twice")
                } else {
                    format!(
                        "alias `{alias}` is given to both `{first}` and `{}`",
                        variant.ident
                    )
                };
                b.diagnostics.push(
                    Diagnostic::new(Code::AliasCollision, span, message)
                        .label("given again here")
                        .help("give each alias once, to the state it stands for"),
                );
            } else {
                seen.push((alias, &variant.ident));
            }
        }
    }
}

/// Numbers the origins: span `i..i + 1` stands for the `i`th.
struct Builder<O> {
    origins: Vec<O>,
    diagnostics: Diagnostics,
}

impl<O: Clone> Builder<O> {
    fn span(&mut self, origin: &O) -> Span {
        let at = self.origins.len();
        self.origins.push(origin.clone());
        Span::new(at, at + 1)
    }

    fn name(&mut self, value: &str, origin: &O) -> Name {
        Spanned::new(value.to_owned(), self.span(origin))
    }
}

/// `text` (a diagnostic's message, label or help) in the words of the enum the user wrote:
/// the schema's paths become the attribute and variant they stand for (`transitions.red` →
/// `` `to(…)` on `Red` ``), and state names become variant names (`green` → `Green`), as
/// does an unknown state named by a `to(…)` (`grene` → `Grene`). A backticked text right
/// after "wire value", "alias" or "written as" is a spelling, and stays as it is.
pub fn in_variant_words<O>(text: &str, input: &InlineEnum<O>) -> String {
    let variant_of = |state: &str| {
        input
            .variants
            .iter()
            .find(|v| snake_name(&v.ident) == state)
            .map(|v| v.ident.clone())
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let Some(close) = rest[open + 1..].find('`').map(|c| open + 1 + c) else {
            break;
        };
        let (before, segment) = (&rest[..open], &rest[open + 1..close]);
        out.push_str(before);
        let spelling = ["wire value ", "alias ", "written as "]
            .iter()
            .any(|lead| before.ends_with(lead));
        let path = segment.split_once('.').and_then(|(key, state)| {
            let attribute = match key {
                "transitions" => "to(…)",
                "labels" => "label",
                "docs" => "doc",
                "wire" => "wire",
                _ => return None,
            };
            Some(format!("`{attribute}` on `{}`", variant_of(state)?))
        });
        // An unknown state came from a `to(…)` or `fallback`: a variant name too.
        let unknown = before.ends_with("unknown state ") && crate::naming::is_snake_case(segment);
        let variant =
            variant_of(segment).or_else(|| unknown.then(|| crate::naming::variant_name(segment)));
        match (spelling, path, variant) {
            (false, Some(path), _) => out.push_str(&path),
            (false, None, Some(variant)) if segment != input.name => {
                let _ = write!(out, "`{variant}`");
            }
            _ => {
                let _ = write!(out, "`{segment}`");
            }
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}
