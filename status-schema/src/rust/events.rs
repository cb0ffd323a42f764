//! The `<Status>Event` enum: a status's named transitions (seed 002's operations).

use std::fmt::Write;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::{Emit, Names, docs, enums};
use crate::escape::markdown;
use crate::model::{Event, Status};

/// The event enum and its impls, or nothing for a status without events.
pub(crate) fn tokens(status: &Status, target: &Emit, names: &Names<'_>) -> TokenStream {
    let Some(event_ty) = &names.event else {
        return TokenStream::new();
    };
    let ty = names.ty;
    let vis = &target.visibility;
    let deprecated = enums::deprecation(status);
    let runtime_derives = enums::runtime_derives();
    let allow_deprecated = &names.allow_deprecated;
    let attributes = &target.attributes;
    let n = super::number(status.events.len());
    let enum_doc = docs::attributes(&format!(
        "The named events of [`{ty}`]: each moves the status from one of several states to \
         one target.\n\nApply one with [`{ty}::apply`]."
    ));
    let variants: Vec<Ident> = status
        .events
        .iter()
        .map(|event| Ident::new(&event.variant, Span::call_site()))
        .collect();
    let definitions = status.events.iter().zip(&variants).map(|(event, variant)| {
        let doc = docs::attributes(&event_doc(status, event));
        quote! {
            #doc
            #variant
        }
    });
    let event_names = status.events.iter().map(|event| &event.name);
    quote! {
        #enum_doc
        #deprecated
        #[derive(#runtime_derives)]
        #(#attributes)*
        // The docs are the schema's prose, not code for clippy to style.
        #[allow(dead_code, clippy::doc_markdown)]
        #vis enum #event_ty {
            #(#definitions,)*
        }

        #allow_deprecated
        #[allow(dead_code)]
        impl #event_ty {
            /// Every event, in schema order.
            pub const ALL: [Self; #n] = [#(Self::#variants),*];

            /// The event's name in the schema.
            #[must_use]
            #[inline]
            pub const fn as_str(self) -> &'static str {
                const NAMES: [&str; #n] = [#(#event_names),*];
                NAMES[self as usize]
            }
        }

        #allow_deprecated
        #[automatically_derived]
        impl ::core::fmt::Display for #event_ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.pad(self.as_str())
            }
        }

        #allow_deprecated
        #[automatically_derived]
        impl ::statuskit::__private::StatusEvent for #event_ty {
            const ALL: &'static [Self] = &#event_ty::ALL;

            fn as_str(self) -> &'static str {
                #event_ty::as_str(self)
            }
        }
    }
}

/// An event variant's rustdoc: its `doc`, then the move it makes.
fn event_doc(status: &Status, event: &Event) -> String {
    let mut doc = match &event.doc {
        Some(text) => format!("{}\n\n", markdown::prose(text.trim())),
        None => String::new(),
    };
    let sources: Vec<String> = event
        .from
        .iter()
        .map(|&from| markdown::code(&status.state(from).wire))
        .collect();
    let _ = write!(
        doc,
        "`{}`: from {} to {}.",
        event.name,
        sources.join(", "),
        markdown::code(&status.state(event.to).wire)
    );
    doc
}
