//! `#[status(...)]` on the enum and on its variants.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{DataEnum, DeriveInput, Ident, LitBool, LitStr};

use crate::Errors;

/// Everything the attributes say, with spans for errors.
#[derive(Default)]
pub(crate) struct Attributes {
    /// `schema = "statuses.toml"`: schema mode.
    pub schema: Option<LitStr>,
    /// `name = "Status"`: the status to check against, when not the enum's name.
    pub name: Option<LitStr>,
    /// Inline mode: `rename_all = "…"`.
    pub rename_all: Option<LitStr>,
    /// Inline mode: `case_insensitive = …`.
    pub case_insensitive: Option<LitBool>,
    /// Inline mode: `fallback = Variant`.
    pub fallback: Option<Ident>,
    /// `into(A, path::B)`: conversions from this status the schema must define.
    pub into: Vec<syn::Path>,
    /// `from(A)`: conversions into this status the schema must define.
    pub from: Vec<syn::Path>,
    /// The enum's doc comment.
    pub doc: Option<String>,
    /// One per variant, in declaration order.
    pub variants: Vec<VariantAttributes>,
    /// The first inline-only key on the enum, to report in schema mode.
    pub first_inline_key: Option<Span>,
}

/// A variant's `#[status(...)]` (inline mode).
#[derive(Default)]
pub(crate) struct VariantAttributes {
    pub initial: Option<Span>,
    pub terminal: Option<Span>,
    pub to: Vec<Ident>,
    pub aliases: Vec<LitStr>,
    pub label: Option<LitStr>,
    pub wire: Option<LitStr>,
    pub doc: Option<String>,
    /// The first `#[status(...)]` on the variant, to report in schema mode.
    pub attribute: Option<proc_macro2::TokenStream>,
}

pub(crate) fn parse(input: &DeriveInput, data: &DataEnum, errors: &mut Errors) -> Attributes {
    let mut out = Attributes {
        doc: doc(&input.attrs),
        ..Attributes::default()
    };
    for attribute in input.attrs.iter().filter(|a| a.path().is_ident("status")) {
        let parsed = attribute.parse_nested_meta(|meta| {
            let key = meta
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            match key.as_str() {
                "schema" => out.schema = Some(meta.value()?.parse()?),
                "name" => out.name = Some(meta.value()?.parse()?),
                "into" | "from" => {
                    let mut paths = Vec::new();
                    meta.parse_nested_meta(|other| {
                        paths.push(other.path);
                        Ok(())
                    })?;
                    if key == "into" {
                        out.into.extend(paths);
                    } else {
                        out.from.extend(paths);
                    }
                }
                "rename_all" => {
                    out.first_inline_key.get_or_insert(meta.path.span());
                    out.rename_all = Some(meta.value()?.parse()?);
                }
                "case_insensitive" => {
                    out.first_inline_key.get_or_insert(meta.path.span());
                    out.case_insensitive = Some(meta.value()?.parse()?);
                }
                "fallback" => {
                    out.first_inline_key.get_or_insert(meta.path.span());
                    out.fallback = Some(meta.value()?.parse()?);
                }
                _ => {
                    return Err(meta.error(
                        "unknown `status` key\nhelp: on the enum: `schema`, `name`, `into(..)`, `from(..)`, \
                         and in inline mode `rename_all`, `case_insensitive`, `fallback`",
                    ));
                }
            }
            Ok(())
        });
        if let Err(error) = parsed {
            errors.push(error);
        }
    }
    for variant in &data.variants {
        let mut parsed_variant = VariantAttributes {
            doc: doc(&variant.attrs),
            ..VariantAttributes::default()
        };
        for attribute in variant.attrs.iter().filter(|a| a.path().is_ident("status")) {
            parsed_variant
                .attribute
                .get_or_insert_with(|| quote::ToTokens::to_token_stream(attribute));
            let parsed = attribute.parse_nested_meta(|meta| {
                let key = meta
                    .path
                    .get_ident()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                match key.as_str() {
                    "initial" => parsed_variant.initial = Some(meta.path.span()),
                    "terminal" => parsed_variant.terminal = Some(meta.path.span()),
                    "to" => {
                        meta.parse_nested_meta(|target| {
                            match target.path.get_ident() {
                                Some(ident) => parsed_variant.to.push(ident.clone()),
                                None => return Err(target.error("expected a variant name")),
                            }
                            Ok(())
                        })?;
                    }
                    "alias" => parsed_variant.aliases.push(meta.value()?.parse()?),
                    "label" => parsed_variant.label = Some(meta.value()?.parse()?),
                    "wire" => parsed_variant.wire = Some(meta.value()?.parse()?),
                    _ => {
                        return Err(meta.error(
                            "unknown `status` key\nhelp: on a variant: `initial`, `terminal`, \
                             `to(Variant, …)`, `alias = \"…\"`, `label = \"…\"`, `wire = \"…\"`",
                        ));
                    }
                }
                Ok(())
            });
            if let Err(error) = parsed {
                errors.push(error);
            }
        }
        out.variants.push(parsed_variant);
    }
    out
}

/// The doc comment (`///` lines) as text, each line's leading space removed.
fn doc(attributes: &[syn::Attribute]) -> Option<String> {
    let lines: Vec<String> = attributes
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(syn::MetaNameValue {
                value:
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(text),
                        ..
                    }),
                ..
            }) => Some(text.value()),
            _ => None,
        })
        .map(|line| {
            line.strip_prefix(' ')
                .map_or_else(|| line.clone(), str::to_owned)
        })
        .collect();
    let text = lines.join("\n").trim().to_owned();
    (!text.is_empty()).then_some(text)
}
