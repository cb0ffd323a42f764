//! Inline mode: the status is declared by `#[status(...)]` attributes on the enum and its
//! variants, built into a one-status schema and checked by the same rules as a file.

use proc_macro2::TokenStream;
use quote::ToTokens;
use status_schema::__unstable::{
    self as backend, Emit,
    inline::{self, InlineEnum, InlineVariant},
};
use status_schema::diagnostic::Severity;
use syn::ext::IdentExt;
use syn::{DataEnum, DeriveInput};

use crate::attributes::Attributes;
use crate::{Errors, error_with_help};

pub(crate) fn expand(
    input: &DeriveInput,
    data: &DataEnum,
    attributes: &Attributes,
    errors: &mut Errors,
) -> TokenStream {
    let ident = &input.ident;
    if let Some(name) = &attributes.name {
        errors.push(error_with_help(
            name.span(),
            "`name` picks a status of a schema file, but there is no `schema = \"...\"`",
            "add `schema = \"statuses.toml\"`, or remove `name` to declare the status inline",
        ));
    }
    if let Some(other) = attributes.into.iter().chain(&attributes.from).next() {
        errors.push(error_with_help(
            syn::spanned::Spanned::span(&other.path),
            "conversions come from a schema file, but there is no `schema = \"...\"`",
            "declare both statuses and their `into` mapping in a schema",
        ));
    }
    crate::report(
        input,
        data,
        backend::shape_mismatches(&crate::variant_shapes(data)),
        errors,
    );
    let description = describe(input, data, attributes);
    let built = inline::schema(&description);
    let analysis = built.analyze();
    let mut warnings = TokenStream::new();
    for diagnostic in &analysis.diagnostics {
        let span = built
            .origin(diagnostic.primary.span)
            .copied()
            .unwrap_or_else(|| ident.span());
        // In the words of the enum the user wrote (`to(…)` on `Red`), not the schema's.
        let words = |text: &str| inline::in_variant_words(text, &description);
        let message = backend::compiler_message(diagnostic, &words);
        match diagnostic.severity() {
            Severity::Error => errors.push(syn::Error::new(span, message)),
            _ => warnings.extend(crate::warning(input, span, &message)),
        }
    }
    let name = ident.unraw().to_string();
    let status = analysis
        .schema
        .as_ref()
        .and_then(|schema| schema.status(&name));
    match status {
        Some(status) if errors.is_empty() => {
            let order = status
                .states()
                .iter()
                .map(status_schema::model::State::id)
                .collect();
            let generated = backend::status_tokens(
                status,
                &Emit::derive(ident.clone(), input.vis.to_token_stream(), order),
            );
            quote::quote!(#warnings #generated)
        }
        _ => backend::fallback_tokens(ident, &name, None),
    }
}

/// The enum and its attributes, as the inline-schema writer takes them.
fn describe(
    input: &DeriveInput,
    data: &DataEnum,
    attributes: &Attributes,
) -> InlineEnum<proc_macro2::Span> {
    let ident = &input.ident;
    InlineEnum {
        name: ident.unraw().to_string(),
        origin: ident.span(),
        doc: attributes.doc.clone(),
        rename_all: attributes
            .rename_all
            .as_ref()
            .map(|lit| (lit.value(), lit.span())),
        case_insensitive: attributes
            .case_insensitive
            .as_ref()
            .map(|lit| (lit.value, lit.span)),
        fallback: attributes
            .fallback
            .as_ref()
            .map(|v| (v.unraw().to_string(), v.span())),
        variants: data
            .variants
            .iter()
            .zip(&attributes.variants)
            .map(|(variant, attrs)| InlineVariant {
                ident: variant.ident.unraw().to_string(),
                origin: variant.ident.span(),
                doc: attrs.doc.clone(),
                initial: attrs.initial,
                terminal: attrs.terminal,
                to: attrs
                    .to
                    .iter()
                    .map(|t| (t.unraw().to_string(), t.span()))
                    .collect(),
                aliases: attrs
                    .aliases
                    .iter()
                    .map(|a| (a.value(), a.span()))
                    .collect(),
                label: attrs.label.as_ref().map(|l| (l.value(), l.span())),
                wire: attrs.wire.as_ref().map(|w| (w.value(), w.span())),
            })
            .collect(),
    }
}
