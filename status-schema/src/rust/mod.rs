//! Rust generation: the enum of each status and everything around it, as tokens.
//!
//! One generator serves every front end. build.rs mode and `statuskit gen rust` call
//! [`file()`] (the `build` feature) for prettyplease-formatted text; the derive calls
//! [`status_tokens`] with [`Emit::derive`], which leaves the enum itself to the user and
//! emits the impls. The generator reads only the checked model, so
//! it never fails: every name it turns into an identifier has passed the schema's checks.
//!
//! Generated code names runtime items only through `::statuskit::__private` and `::core`,
//! so a crate using it depends on `statuskit` and nothing else.

mod conversions;
mod docs;
mod enums;
mod events;
mod fallback;
#[cfg(feature = "build")]
mod file;
mod methods;
#[cfg(feature = "build")]
mod options;
mod parser;
#[cfg(feature = "build")]
mod print;
mod table;
mod traits;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

#[cfg(feature = "build")]
use crate::model::Schema;
use crate::model::{StateId, Status};

pub use conversions::conversion_tokens;
pub use fallback::fallback_tokens;
#[cfg(feature = "build")]
pub use file::file;
#[cfg(feature = "targets")]
pub use file::formatted_file;
pub use parser::TABLE_ABOVE;
pub use table::SPARSE_ABOVE;

/// How one status is emitted.
#[derive(Clone, Debug)]
pub struct Emit {
    /// The Rust type's name: the status's own name in build.rs mode, the enum's ident in
    /// derive mode (which may check against a differently named status).
    pub type_ident: Ident,
    /// Visibility of the generated enums (`pub`, `pub(crate)`, …).
    pub visibility: TokenStream,
    /// Whether to emit the enum definition (build.rs mode) or only what goes around a
    /// hand-written enum (derive mode).
    pub emit_enum: bool,
    /// Derives put on the generated enum besides the ones the runtime needs.
    pub extra_derives: Vec<TokenStream>,
    /// Attributes put on the generated enum and event enum, verbatim.
    pub attributes: Vec<TokenStream>,
    /// The order of the enum's variants, when it is not the schema's (a hand-written enum
    /// may list them in any order); `None` means schema order.
    pub declared_order: Option<Vec<StateId>>,
}

impl Emit {
    /// build.rs mode: the whole enum, named after the status, `pub`.
    pub fn build(status: &Status) -> Self {
        Self {
            type_ident: Ident::new(&status.name, Span::call_site()),
            visibility: quote!(pub),
            emit_enum: true,
            extra_derives: Vec::new(),
            attributes: Vec::new(),
            declared_order: None,
        }
    }

    /// Derive mode: the impls around the user's enum `type_ident`, whose variants are
    /// declared in `declared_order`.
    pub fn derive(
        type_ident: Ident,
        visibility: TokenStream,
        declared_order: Vec<StateId>,
    ) -> Self {
        let in_schema_order = declared_order
            .iter()
            .enumerate()
            .all(|(i, id)| id.index() == i);
        Self {
            type_ident,
            visibility,
            emit_enum: false,
            extra_derives: Vec::new(),
            attributes: Vec::new(),
            declared_order: (!in_schema_order).then_some(declared_order),
        }
    }
}

/// Options for a whole schema (build.rs mode and `statuskit gen rust`), as tokens.
#[cfg(feature = "build")]
#[derive(Clone, Debug)]
pub struct TokenOptions {
    /// Visibility of every generated type.
    pub visibility: TokenStream,
    /// Derives added to every generated status enum.
    pub extra_derives: Vec<TokenStream>,
    /// Attributes added to every generated status enum.
    pub attributes: Vec<TokenStream>,
}

#[cfg(feature = "build")]
impl Default for TokenOptions {
    fn default() -> Self {
        Self {
            visibility: quote!(pub),
            extra_derives: Vec::new(),
            attributes: Vec::new(),
        }
    }
}

#[cfg(feature = "build")]
impl TokenOptions {
    /// Parses options written as Rust source text, so that a typo fails with a message
    /// rather than in the generated file.
    pub(crate) fn parse(
        visibility: &str,
        derives: &[String],
        attributes: &[String],
    ) -> Result<Self, String> {
        let visibility = options::visibility(visibility)?;
        let extra_derives = derives
            .iter()
            .map(|derive| options::derive_path(derive))
            .collect::<Result<_, _>>()?;
        let attributes = attributes
            .iter()
            .map(|attribute| options::outer_attribute(attribute))
            .collect::<Result<_, String>>()?;
        Ok(Self {
            visibility,
            extra_derives,
            attributes,
        })
    }
}

/// Every status of `schema` as build.rs mode emits it, then every conversion, each built
/// only when asked for: formatting them one at a time keeps the working set to one item,
/// where building them all first held every status's tokens at once (2 GB for 20,000
/// statuses).
#[cfg(feature = "build")]
pub(crate) fn items<'a>(
    schema: &'a Schema,
    options: &'a TokenOptions,
) -> impl Iterator<Item = TokenStream> + 'a {
    let statuses = schema.statuses.iter().map(|status| {
        let mut target = Emit::build(status);
        target.visibility.clone_from(&options.visibility);
        target.extra_derives.clone_from(&options.extra_derives);
        target.attributes.clone_from(&options.attributes);
        status_tokens(status, &target)
    });
    let conversions = schema.conversions.iter().filter_map(move |c| {
        let (from, to) = schema.endpoints(c)?;
        let from_ty = Ident::new(&from.name, Span::call_site());
        let to_ty = Ident::new(&to.name, Span::call_site());
        Some(conversion_tokens(
            c,
            from,
            &quote!(#from_ty),
            to,
            &quote!(#to_ty),
        ))
    });
    statuses.chain(conversions)
}

/// One status: its enum (in build.rs mode), inherent API, event enum, and trait impls.
pub fn status_tokens(status: &Status, target: &Emit) -> TokenStream {
    let names = Names::new(status, target);
    let definition = target
        .emit_enum
        .then(|| enums::definition(status, target, &names));
    let methods = methods::inherent(status, &names);
    let events = events::tokens(status, target, &names);
    let traits = traits::impls(status, &names);
    quote! {
        #definition
        #methods
        #events
        #traits
    }
}

/// `6` rather than quote's `6usize`: generated code should read as if written by hand.
pub(crate) fn number(n: usize) -> proc_macro2::Literal {
    proc_macro2::Literal::usize_unsuffixed(n)
}

/// The event enum alone (derive mode, beside [`fallback_tokens`] after an error), so
/// that uses of it do not add errors of their own.
pub fn event_enum_tokens(status: &Status, target: &Emit) -> TokenStream {
    let names = Names::new(status, target);
    events::tokens(status, target, &names)
}

/// Identifiers every part of the generator agrees on.
pub(crate) struct Names<'a> {
    /// The status type.
    pub ty: &'a Ident,
    /// The event enum, when the status has events.
    pub event: Option<Ident>,
    /// Each state's variant, indexed by [`StateId`].
    pub variants: Vec<Ident>,
    /// Whether the enum's variants are declared in schema order, so that `self as usize`
    /// is the state's index.
    pub in_schema_order: bool,
    /// `#[allow(deprecated)]` when the status is deprecated, so its own impls stay silent.
    pub allow_deprecated: TokenStream,
}

impl<'a> Names<'a> {
    fn new(status: &Status, target: &'a Emit) -> Self {
        let ty = &target.type_ident;
        Names {
            ty,
            event: (!status.events.is_empty()).then(|| quote::format_ident!("{ty}Event")),
            variants: status
                .states
                .iter()
                .map(|state| Ident::new(&state.variant, Span::call_site()))
                .collect(),
            in_schema_order: target.declared_order.is_none(),
            allow_deprecated: if status.deprecated.is_some() {
                quote!(#[allow(deprecated)])
            } else {
                TokenStream::new()
            },
        }
    }

    /// `Self::Variant` for a state.
    pub fn path(&self, id: StateId) -> TokenStream {
        let variant = &self.variants[id.index()];
        quote!(Self::#variant)
    }

    /// `Type::Variant` for a state, where `Self` is not in scope (a `const` item nested in
    /// a method).
    pub fn qualified(&self, id: StateId) -> TokenStream {
        let ty = self.ty;
        let variant = &self.variants[id.index()];
        quote!(#ty::#variant)
    }
}
