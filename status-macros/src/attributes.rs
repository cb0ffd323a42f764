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
    /// `into(A, path::B, C = "Status")`: conversions from this status the schema must
    /// define, into the Rust type at each path (of the status named like its last segment,
    /// or as given).
    pub into: Vec<OtherStatus>,
    /// `from(A)`: conversions into this status the schema must define.
    pub from: Vec<OtherStatus>,
    /// The enum's doc comment.
    pub doc: Option<String>,
    /// One per variant, in declaration order.
    pub variants: Vec<VariantAttributes>,
    /// The first inline-only key on the enum, to report in schema mode.
    pub first_inline_key: Option<Span>,
}

/// The other side of a requested conversion: a Rust type, and the schema's status for it.
pub(crate) struct OtherStatus {
    /// The Rust type, as written.
    pub path: syn::Path,
    /// `= "Status"`: the status it derives, when not named like the path's last segment.
    pub status: Option<LitStr>,
}

impl OtherStatus {
    /// The schema's name for the other status.
    pub(crate) fn status_name(&self) -> String {
        self.status.as_ref().map_or_else(
            || {
                self.path
                    .segments
                    .last()
                    .map(|s| s.ident.to_string())
                    .unwrap_or_default()
            },
            LitStr::value,
        )
    }
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
                "schema" => once(&mut out.schema, &meta, &key)?,
                "name" => once(&mut out.name, &meta, &key)?,
                "into" | "from" => {
                    let mut paths = Vec::new();
                    meta.parse_nested_meta(|other| {
                        // `Type = "Status"`: the Rust type derives a status named otherwise.
                        let status = if other.input.peek(syn::Token![=]) {
                            Some(other.value()?.parse()?)
                        } else {
                            None
                        };
                        paths.push(OtherStatus {
                            path: other.path,
                            status,
                        });
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
                    once(&mut out.rename_all, &meta, &key)?;
                }
                "case_insensitive" => {
                    out.first_inline_key.get_or_insert(meta.path.span());
                    once(&mut out.case_insensitive, &meta, &key)?;
                }
                "fallback" => {
                    out.first_inline_key.get_or_insert(meta.path.span());
                    once(&mut out.fallback, &meta, &key)?;
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
    out.variants = data
        .variants
        .iter()
        .map(|variant| variant_attributes(variant, errors))
        .collect();
    one_initial(data, &out, errors);
    out
}

/// A variant's `#[status(...)]` attributes.
fn variant_attributes(variant: &syn::Variant, errors: &mut Errors) -> VariantAttributes {
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
                "initial" | "terminal" => {
                    let flag = if key == "initial" {
                        &mut parsed_variant.initial
                    } else {
                        &mut parsed_variant.terminal
                    };
                    if flag.is_some() {
                        return Err(duplicate(&meta, &key));
                    }
                    *flag = Some(meta.path.span());
                }
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
                "label" => once(&mut parsed_variant.label, &meta, &key)?,
                "wire" => once(&mut parsed_variant.wire, &meta, &key)?,
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
    parsed_variant
}

/// `key = value` for a key that may be given once, as serde's attributes.
fn once<T: syn::parse::Parse>(
    slot: &mut Option<T>,
    meta: &syn::meta::ParseNestedMeta<'_>,
    key: &str,
) -> syn::Result<()> {
    if slot.is_some() {
        return Err(duplicate(meta, key));
    }
    *slot = Some(meta.value()?.parse()?);
    Ok(())
}

fn duplicate(meta: &syn::meta::ParseNestedMeta<'_>, key: &str) -> syn::Error {
    meta.error(format!(
        "duplicate `{key}`\nhelp: give `{key}` once; remove this one or the other"
    ))
}

/// A status starts in one state: a second `initial` variant is an error on its attribute.
fn one_initial(data: &DataEnum, attributes: &Attributes, errors: &mut Errors) {
    let mut initial = data
        .variants
        .iter()
        .zip(&attributes.variants)
        .filter_map(|(variant, attrs)| Some((&variant.ident, attrs.initial?)));
    let Some((first, _)) = initial.next() else {
        return;
    };
    for (other, span) in initial {
        errors.push(crate::error_with_help(
            span,
            &format!("`initial` on both `{first}` and `{other}`: a status starts in one state"),
            "keep `initial` on one variant",
        ));
    }
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
