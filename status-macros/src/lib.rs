//! `#[derive(StatusMachine)]`: statuskit's derive, a thin shim over `status-schema`.
//!
//! Use it through the facade, `statuskit = { features = ["derive"] }`, as
//! `statuskit::StatusMachine`. Two modes:
//!
//! **Schema mode** checks a hand-written enum against a status of `statuses.toml` and
//! generates its API from the schema:
//!
//! ```ignore
//! #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, statuskit::StatusMachine)]
//! #[status(schema = "statuses.toml")] // from CARGO_MANIFEST_DIR
//! pub enum MigrationStatus { Pending, InProgress, Completed, Failed, Cancelled, Blocked, RolledBack }
//! ```
//!
//! `name = "OtherName"` checks against a status named otherwise. A missing, extra or
//! misspelt variant, fields, or an explicit discriminant is a compile error on its span; a
//! bad schema is a compile error on the path, naming `statuses.toml:line:col`. Editing the
//! schema rebuilds the crate.
//!
//! **Inline mode** declares a small status on the enum itself, checked by the same rules:
//!
//! ```ignore
//! #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, statuskit::StatusMachine)]
//! #[status(rename_all = "kebab-case", case_insensitive = false, fallback = Unknown)]
//! enum Light {
//!     #[status(initial, to(Green))]
//!     Red,
//!     #[status(to(Amber), alias = "go", label = "Go!")]
//!     Green,
//!     #[status(to(Red), wire = "yellow")]
//!     Amber,
//!     #[status(terminal)]
//!     Unknown,
//! }
//! ```
//!
//! Both emit the inherent API (`ALL`, `as_str`, `can_transition_to`, …), `Display`,
//! `FromStr`, `TryFrom<&str>`, `StatusMachine`, and for a status with events the
//! `<Enum>Event` enum, with the enum's visibility.
//!
//! Every key may be given once (a second `label` is an error, as in serde), and one
//! variant is `initial`. The schema's errors are compile errors on the attribute they come
//! from, with every label, note and help the CLI prints; its warnings are warnings (a
//! deprecation warning on the enum or variant, the one warning stable proc macros have),
//! so `-D warnings` fails on them too.

mod attributes;
mod inline_mode;
mod schema_mode;

use proc_macro2::TokenStream;
use quote::quote;
use syn::ext::IdentExt;

/// Derives a status's API from `statuses.toml` (schema mode) or from attributes on the
/// enum (inline mode). See the crate documentation.
#[proc_macro_derive(StatusMachine, attributes(status))]
pub fn derive_status_machine(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand(&input).into()
}

fn expand(input: &syn::DeriveInput) -> TokenStream {
    let syn::Data::Enum(data) = &input.data else {
        return syn::Error::new_spanned(
            &input.ident,
            "`StatusMachine` derives on enums: a status is a set of states\n\
             help: declare `enum` with one unit variant per state",
        )
        .to_compile_error();
    };
    if !input.generics.params.is_empty() || input.generics.where_clause.is_some() {
        // No fallback impls: they would name the type without its parameters and add
        // errors of their own.
        return syn::Error::new_spanned(
            &input.generics,
            "a status enum cannot be generic\nhelp: remove the generic parameters",
        )
        .to_compile_error();
    }
    let mut errors = Errors::default();
    let attributes = attributes::parse(input, data, &mut errors);
    let output = match &attributes.schema {
        Some(path) => schema_mode::expand(input, data, &attributes, path, &mut errors),
        None => inline_mode::expand(input, data, &attributes, &mut errors),
    };
    let errors = errors.into_compile_errors();
    quote! {
        #errors
        #output
    }
}

/// Errors collected over the whole input, reported together (as `serde_derive`'s `Ctxt`).
#[derive(Default)]
pub(crate) struct Errors(Option<syn::Error>);

impl Errors {
    pub(crate) fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(first) => first.combine(error),
            None => self.0 = Some(error),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    fn into_compile_errors(self) -> TokenStream {
        self.0
            .map(|error| error.to_compile_error())
            .unwrap_or_default()
    }
}

/// `message`, then `help: …` on its own line, as the derive's errors read.
pub(crate) fn error_with_help(span: proc_macro2::Span, message: &str, help: &str) -> syn::Error {
    syn::Error::new(span, format!("{message}\nhelp: {help}"))
}

/// The enum's variants as the backend's checks see them.
pub(crate) fn variant_shapes(data: &syn::DataEnum) -> Vec<status_schema::__unstable::VariantShape> {
    data.variants
        .iter()
        .map(|v| status_schema::__unstable::VariantShape {
            ident: v.ident.unraw().to_string(),
            has_fields: !matches!(v.fields, syn::Fields::Unit),
            has_discriminant: v.discriminant.is_some(),
        })
        .collect()
}

/// Each mismatch as an error on the span it names.
pub(crate) fn report(
    input: &syn::DeriveInput,
    data: &syn::DataEnum,
    mismatches: Vec<status_schema::__unstable::Mismatch>,
    errors: &mut Errors,
) {
    for mismatch in mismatches {
        let span = site_span(input, data, mismatch.site);
        errors.push(error_with_help(span, &mismatch.message, &mismatch.help));
    }
}

/// The span a mismatch points at.
pub(crate) fn site_span(
    input: &syn::DeriveInput,
    data: &syn::DataEnum,
    site: status_schema::__unstable::Site,
) -> proc_macro2::Span {
    use status_schema::__unstable::Site;
    use syn::spanned::Spanned;
    let variant = |index: usize| data.variants.iter().nth(index);
    match site {
        Site::Enum => input.ident.span(),
        Site::Variant(index) => {
            variant(index).map_or_else(|| input.ident.span(), |v| v.ident.span())
        }
        Site::Fields(index) => {
            variant(index).map_or_else(|| input.ident.span(), |v| v.fields.span())
        }
        Site::Discriminant(index) => variant(index)
            .and_then(|v| v.discriminant.as_ref())
            .map_or_else(|| input.ident.span(), |(_, expr)| expr.span()),
    }
}

/// A schema warning as a compiler warning, on `span`. Stable Rust gives proc macros no
/// warning API, so this is the known substitute: a `#[deprecated]` constant whose note is
/// the warning, used where the warning belongs. rustc reports the use (the `deprecated`
/// lint, so `#![deny(warnings)]` and `-D warnings` fail on it as on any warning). The
/// enum's own lint attributes are put on it, so `#[allow(deprecated)]` on the enum accepts
/// its schema's warnings.
pub(crate) fn warning(
    input: &syn::DeriveInput,
    span: proc_macro2::Span,
    message: &str,
) -> TokenStream {
    let note = format!("statuskit schema warning\n{message}");
    let lints = input.attrs.iter().filter(|attribute| {
        ["allow", "expect", "warn", "deny", "forbid"]
            .iter()
            .any(|lint| attribute.path().is_ident(lint))
    });
    quote::quote_spanned! {span=>
        #(#lints)*
        const _: () = {
            #[deprecated(note = #note)]
            #[allow(non_upper_case_globals)]
            const statuskit_schema_warning: () = ();
            statuskit_schema_warning
        };
    }
}
