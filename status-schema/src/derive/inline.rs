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
//! The attributes are written out as a one-status schema and put through the same
//! load → resolve → check pipeline as `statuses.toml`, so inline statuses obey exactly the
//! same rules. Each piece of the generated TOML remembers which attribute it came from (an
//! opaque origin, a `proc_macro2::Span` in the derive), so every diagnostic lands on the
//! attribute that caused it.

use std::fmt::Write;

use heck::ToSnakeCase;

use crate::source::Span;

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

/// A one-status schema written from inline attributes, with the origin of each span.
#[derive(Clone, Debug)]
pub struct InlineSchema<O> {
    /// The TOML text.
    pub text: String,
    /// Spans of the text and the attribute each came from, innermost last.
    pub origins: Vec<(Span, O)>,
}

impl<O: Clone> InlineSchema<O> {
    /// The origin of the innermost piece of text where `span` starts.
    pub fn origin(&self, span: Span) -> Option<&O> {
        self.origins
            .iter()
            .filter(|(piece, _)| piece.start <= span.start && span.start < piece.end)
            .min_by_key(|(piece, _)| piece.end - piece.start)
            .map(|(_, origin)| origin)
    }
}

/// Writes the schema for `input`.
pub fn schema<O: Clone>(input: &InlineEnum<O>) -> InlineSchema<O> {
    let mut out = Writer {
        text: String::new(),
        origins: Vec::new(),
    };
    out.text.push_str("schema_version = 1\n\n");
    let _ = writeln!(out.text, "[status.{}]", input.name);
    if let Some(doc) = &input.doc {
        out.key_string("doc", doc, None);
    }
    out.text.push_str("states = [");
    for (i, variant) in input.variants.iter().enumerate() {
        if i > 0 {
            out.text.push_str(", ");
        }
        out.string(&state_name(&variant.ident), Some(&variant.origin));
    }
    out.text.push_str("]\n");
    for variant in &input.variants {
        if let Some(origin) = &variant.initial {
            out.text.push_str("initial = ");
            out.string(&state_name(&variant.ident), Some(origin));
            out.text.push('\n');
        }
    }
    let terminal: Vec<(&InlineVariant<O>, &O)> = input
        .variants
        .iter()
        .filter_map(|v| v.terminal.as_ref().map(|origin| (v, origin)))
        .collect();
    if !terminal.is_empty() {
        out.text.push_str("terminal = [");
        for (i, (variant, origin)) in terminal.iter().enumerate() {
            if i > 0 {
                out.text.push_str(", ");
            }
            out.string(&state_name(&variant.ident), Some(origin));
        }
        out.text.push_str("]\n");
    }
    if let Some((rule, origin)) = &input.rename_all {
        out.key_string("rename_all", rule, Some(origin));
    }
    if let Some((value, origin)) = &input.case_insensitive {
        let start = out.text.len();
        let _ = writeln!(out.text, "case_insensitive = {value}");
        out.origins
            .push((Span::new(start, out.text.len() - 1), origin.clone()));
    }
    if let Some((variant, origin)) = &input.fallback {
        out.key_string("fallback", &state_name(variant), Some(origin));
    }
    maps(&mut out, input);
    InlineSchema {
        text: out.text,
        origins: out.origins,
    }
}

/// The per-state tables: transitions, aliases, labels, wire values, docs.
fn maps<O: Clone>(out: &mut Writer<O>, input: &InlineEnum<O>) {
    out.table(input, "transitions", |out, variant| {
        if variant.to.is_empty() {
            return false;
        }
        out.string(&state_name(&variant.ident), Some(&variant.origin));
        out.text.push_str(" = [");
        for (i, (target, origin)) in variant.to.iter().enumerate() {
            if i > 0 {
                out.text.push_str(", ");
            }
            out.string(&state_name(target), Some(origin));
        }
        out.text.push(']');
        true
    });
    let aliases: Vec<(&InlineVariant<O>, &(String, O))> = input
        .variants
        .iter()
        .flat_map(|v| v.aliases.iter().map(move |a| (v, a)))
        .collect();
    if !aliases.is_empty() {
        let _ = writeln!(out.text, "\n[status.{}.aliases]", input.name);
        for (variant, (alias, origin)) in aliases {
            out.string(alias, Some(origin));
            out.text.push_str(" = ");
            out.string(&state_name(&variant.ident), Some(origin));
            out.text.push('\n');
        }
    }
    for (key, pick) in [
        (
            "labels",
            (|v: &InlineVariant<O>| v.label.clone())
                as fn(&InlineVariant<O>) -> Option<(String, O)>,
        ),
        ("wire", |v: &InlineVariant<O>| v.wire.clone()),
    ] {
        out.table(input, key, |out, variant| {
            let Some((value, origin)) = pick(variant) else {
                return false;
            };
            out.string(&state_name(&variant.ident), Some(&variant.origin));
            out.text.push_str(" = ");
            out.string(&value, Some(&origin));
            true
        });
    }
    out.table(input, "docs", |out, variant| {
        let Some(doc) = &variant.doc else {
            return false;
        };
        out.string(&state_name(&variant.ident), Some(&variant.origin));
        out.text.push_str(" = ");
        out.string(doc, None);
        true
    });
}

/// The state a variant stands for: `InProgress` → `in_progress`.
pub fn state_name(variant: &str) -> String {
    variant.to_snake_case()
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
            .find(|v| state_name(&v.ident) == state)
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

struct Writer<O> {
    text: String,
    origins: Vec<(Span, O)>,
}

impl<O: Clone> Writer<O> {
    /// A TOML basic string, remembering where it came from.
    fn string(&mut self, value: &str, origin: Option<&O>) {
        let start = self.text.len();
        self.text.push('"');
        for c in value.chars() {
            match c {
                '"' => self.text.push_str("\\\""),
                '\\' => self.text.push_str("\\\\"),
                '\n' => self.text.push_str("\\n"),
                '\t' => self.text.push_str("\\t"),
                c if c.is_control() => {
                    let _ = write!(self.text, "\\u{:04X}", u32::from(c));
                }
                c => self.text.push(c),
            }
        }
        self.text.push('"');
        if let Some(origin) = origin {
            self.origins
                .push((Span::new(start, self.text.len()), origin.clone()));
        }
    }

    fn key_string(&mut self, key: &str, value: &str, origin: Option<&O>) {
        let _ = write!(self.text, "{key} = ");
        self.string(value, origin);
        self.text.push('\n');
    }

    /// `[status.Name.key]` with one line per variant that `line` writes, or nothing.
    fn table(
        &mut self,
        input: &InlineEnum<O>,
        key: &str,
        mut line: impl FnMut(&mut Self, &InlineVariant<O>) -> bool,
    ) {
        let header = format!("\n[status.{}.{key}]\n", input.name);
        let mark = self.text.len();
        let origins = self.origins.len();
        self.text.push_str(&header);
        let mut any = false;
        for variant in &input.variants {
            if line(self, variant) {
                self.text.push('\n');
                any = true;
            }
        }
        if !any {
            self.text.truncate(mark);
            self.origins.truncate(origins);
        }
    }
}
