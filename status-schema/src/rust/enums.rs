//! The status enum itself (build.rs mode only: in derive mode the user wrote it).

use proc_macro2::TokenStream;
use quote::quote;

use super::{Emit, Names, docs};
use crate::model::Status;

/// `pub enum Status { … }` with its docs, derives and deprecation.
pub(crate) fn definition(status: &Status, target: &Emit, names: &Names<'_>) -> TokenStream {
    let doc = docs::attributes(&docs::status(status));
    let vis = &target.visibility;
    let ty = names.ty;
    let extra_derives = &target.extra_derives;
    let attributes = &target.attributes;
    let deprecated = deprecation(status);
    let runtime_derives = runtime_derives();
    let variants = status.states.iter().map(|state| {
        let doc = docs::attributes(&docs::state(status, state));
        let variant = &names.variants[state.id.index()];
        quote! {
            #doc
            #variant
        }
    });
    quote! {
        #doc
        #deprecated
        #[derive(#runtime_derives #(, #extra_derives)*)]
        #(#attributes)*
        // The docs are the schema's prose, not code for clippy to style.
        #[allow(dead_code, clippy::doc_markdown)]
        #vis enum #ty {
            #(#variants,)*
        }
    }
}

/// `#[deprecated(note = "…")]` for a deprecated status, on every type generated for it.
pub(crate) fn deprecation(status: &Status) -> TokenStream {
    match status.deprecated.as_deref() {
        None => TokenStream::new(),
        Some("") => quote!(#[deprecated]),
        Some(note) => quote!(#[deprecated(note = #note)]),
    }
}

/// The derives `StatusMachine` and `StatusEvent` require, on every generated enum.
pub(crate) fn runtime_derives() -> TokenStream {
    quote! {
        ::core::clone::Clone,
        ::core::marker::Copy,
        ::core::fmt::Debug,
        ::core::cmp::PartialEq,
        ::core::cmp::Eq,
        ::core::hash::Hash
    }
}
