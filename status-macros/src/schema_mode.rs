//! Schema mode: `#[status(schema = "statuses.toml")]` checks the enum against a status of
//! the schema, then generates from the schema.

use std::path::PathBuf;
use syn::ext::IdentExt;

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use status_schema::__unstable::{self as backend, Emit};
use status_schema::diagnostic::{Severity, plain, render};
use syn::spanned::Spanned;
use syn::{DataEnum, DeriveInput, LitStr};

use crate::attributes::Attributes;
use crate::{Errors, error_with_help};

pub(crate) fn expand(
    input: &DeriveInput,
    data: &DataEnum,
    attributes: &Attributes,
    path: &LitStr,
    errors: &mut Errors,
) -> TokenStream {
    let ident = &input.ident;
    let vis = input.vis.to_token_stream();
    reject_inline_attributes(attributes, errors);
    let status_name = attributes
        .name
        .as_ref()
        .map_or_else(|| ident.unraw().to_string(), LitStr::value);
    let fallback = || backend::fallback_tokens(ident, &status_name, None);

    let Some(root) = std::env::var_os("CARGO_MANIFEST_DIR") else {
        errors.push(syn::Error::new(
            path.span(),
            "CARGO_MANIFEST_DIR is not set: build with Cargo",
        ));
        return fallback();
    };
    let full = PathBuf::from(root).join(path.value());
    // Guarded: a directory, a device or a FIFO is refused before it is opened, and a file
    // past the size cap before it is held in memory.
    let bytes = match status_schema::read::read_schema_file(&full) {
        Ok(bytes) => bytes,
        Err(error) => {
            let help = match error {
                status_schema::read::ReadError::Io(_) => {
                    "the path is relative to the crate root (the directory of Cargo.toml)"
                }
                _ => "name one TOML schema file (at most 16 MiB), relative to the crate root",
            };
            errors.push(error_with_help(
                path.span(),
                &format!("cannot read `{}`: {error}", path.value()),
                help,
            ));
            return fallback();
        }
    };
    // Makes the schema an input of this crate: editing it rebuilds.
    let full_text = full.display().to_string();
    let rebuild = quote! {
        const _: &[u8] = ::core::include_bytes!(#full_text);
    };

    let loaded = load_cached(&full_text, &path.value(), &bytes);
    let (file, analysis) = &*loaded;
    let Some(schema) = &analysis.schema else {
        errors.push(schema_errors(file, analysis, path, &status_name));
        let fallback = fallback();
        return quote!(#rebuild #fallback);
    };
    let Some(status) = schema.status(&status_name) else {
        let span = attributes
            .name
            .as_ref()
            .map_or_else(|| ident.span(), LitStr::span);
        errors.push(error_with_help(
            span,
            &format!("no status `{status_name}` in `{}`", path.value()),
            &backend::unknown_status_help(schema, &status_name, true),
        ));
        let fallback = fallback();
        return quote!(#rebuild #fallback);
    };

    let shapes = crate::variant_shapes(data);
    let order = match backend::match_variants(status, &shapes) {
        Ok(order) => Some(order),
        Err(mismatches) => {
            crate::report(input, data, mismatches, errors);
            None
        }
    };
    match order {
        Some(order) if errors.is_empty() => {
            let generated =
                backend::status_tokens(status, &Emit::derive(ident.clone(), vis, order));
            let conversions = conversions(schema, status, ident, attributes, path, errors);
            // This status's warnings only: a crate deriving every status of one file would
            // otherwise repeat the file's warnings once per status.
            let own: Vec<_> = analysis
                .diagnostics
                .iter()
                .filter(|d| d.severity() == Severity::Warning && d.concerns(&[status.name()]))
                .cloned()
                .collect();
            let warnings = (!own.is_empty()).then(|| {
                let rendered = plain::to_string(file, &own);
                crate::warning(input, ident.span(), rendered.trim_end())
            });
            quote!(#rebuild #warnings #generated #conversions)
        }
        // The event enum is still emitted, so code naming it does not add errors.
        _ => {
            let events =
                backend::event_enum_tokens(status, &Emit::derive(ident.clone(), vis, Vec::new()));
            let event = (!status.events().is_empty()).then(|| quote::format_ident!("{ident}Event"));
            let fallback = backend::fallback_tokens(ident, &status_name, event.as_ref());
            quote!(#rebuild #events #fallback)
        }
    }
}

/// The error of a derive naming a schema with errors: drawn in full where they concern the
/// derived status (or no status in particular), a line each elsewhere, so a crate deriving
/// several statuses of one file does not repeat every excerpt. Every such derive fails.
fn schema_errors(
    file: &status_schema::SourceFile,
    analysis: &status_schema::Analysis,
    path: &LitStr,
    status_name: &str,
) -> syn::Error {
    let errors_only: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .cloned()
        .collect();
    let own = errors_only
        .iter()
        .any(|d| d.status().is_none_or(|s| s == status_name));
    let message = if own {
        format!(
            "`{}` has errors:\n\n{}",
            path.value(),
            plain::to_string(file, &errors_only).trim_end()
        )
    } else {
        format!(
            "`{}` has errors in other statuses (drawn in full where those are derived, and by `statuskit check`):\n{}",
            path.value(),
            render::one_line_each(file, &errors_only).join("\n")
        )
    };
    syn::Error::new(path.span(), message)
}

/// Inline-mode attributes have no meaning beside a schema file: the schema decides.
fn reject_inline_attributes(attributes: &Attributes, errors: &mut Errors) {
    if let Some(span) = attributes.first_inline_key {
        errors.push(error_with_help(
            span,
            "`rename_all`, `case_insensitive` and `fallback` are inline-mode keys; with `schema`, the schema sets them",
            "set it on the status in the schema",
        ));
    }
    for variant in &attributes.variants {
        if let Some(attribute) = &variant.attribute {
            errors.push(syn::Error::new_spanned(
                attribute,
                "`#[status(...)]` on a variant is inline mode; with `schema`, the schema declares the lifecycle\n\
                 help: move it into the schema, or remove `schema = \"...\"` to declare the status inline",
            ));
        }
    }
}

/// The `From`/`TryFrom` impls that `into(..)` and `from(..)` ask for. A derive cannot know
/// which other status types exist, so it emits only these, naming the other type by the
/// path given; each must be a conversion the schema defines.
fn conversions(
    schema: &status_schema::Schema,
    status: &status_schema::model::Status,
    ident: &syn::Ident,
    attributes: &Attributes,
    path: &LitStr,
    errors: &mut Errors,
) -> TokenStream {
    let own = quote!(#ident);
    let mut out = TokenStream::new();
    let requests = attributes
        .into
        .iter()
        .map(|p| (p, true))
        .chain(attributes.from.iter().map(|p| (p, false)));
    let mut asked: Vec<(String, bool)> = Vec::new();
    for (other, outward) in requests {
        let other_path = &other.path;
        let other_name = other.status_name();
        // A second request for the same conversion would be a second, conflicting impl.
        if asked
            .iter()
            .any(|(name, way)| *name == other_name && *way == outward)
        {
            let (key, direction) = if outward {
                ("into", "into")
            } else {
                ("from", "from")
            };
            errors.push(error_with_help(
                other_path.span(),
                &format!("duplicate conversion {direction} `{other_name}`"),
                &format!("list each status once in `{key}(..)`"),
            ));
            continue;
        }
        asked.push((other_name.clone(), outward));
        match backend::requested_conversion(schema, status, &other_name, outward, &path.value()) {
            Ok((conversion, from, to)) => {
                let other_ty = quote!(#other_path);
                let (from_ty, to_ty) = if outward {
                    (&own, &other_ty)
                } else {
                    (&other_ty, &own)
                };
                out.extend(backend::conversion_tokens(
                    conversion, from, from_ty, to, to_ty,
                ));
            }
            Err(refusal) => errors.push(error_with_help(
                other
                    .status
                    .as_ref()
                    .map_or_else(|| other_path.span(), LitStr::span),
                &refusal.message,
                &refusal.help,
            )),
        }
    }
    out
}

thread_local! {
    /// Analyses of the schema files this compiler process has read, with their bytes.
    static LOADED: std::cell::RefCell<Vec<(String, Vec<u8>, Loaded)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

type Loaded = std::rc::Rc<(status_schema::SourceFile, status_schema::Analysis)>;

/// The schema's analysis, computed once per compiler process: a crate deriving 23 statuses
/// from one file reads and checks it once, not 23 times. Keyed by name and compared by
/// bytes, so an edited file is analysed again. Keyed by the full path; `name` is how
/// diagnostics show it.
fn load_cached(key: &str, name: &str, bytes: &[u8]) -> Loaded {
    LOADED.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((_, _, loaded)) = cache.iter().find(|(k, b, _)| k == key && b == bytes) {
            return loaded.clone();
        }
        let loaded = std::rc::Rc::new(status_schema::analyze_bytes(name, bytes));
        cache.retain(|(k, _, _)| k != key);
        cache.push((key.to_owned(), bytes.to_vec(), loaded.clone()));
        loaded
    })
}
