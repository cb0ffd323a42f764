//! Trait impls: `Display`, `FromStr`, `TryFrom<&str>` and `StatusMachine`, each forwarding
//! to the inherent API so that every way of reading or writing a status uses one table.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Names, parser};
use crate::model::Status;

/// The trait impls of a status.
///
/// Associated types are spelt out rather than written `Self::Err`: a state called `Err`,
/// `Error` or `Event` would make `Self::…` ambiguous.
pub(crate) fn impls(status: &Status, names: &Names<'_>) -> TokenStream {
    let ty = names.ty;
    let allow_deprecated = &names.allow_deprecated;
    let from_str = parser::from_str_body(status, names);
    // The PostgreSQL enum type the `sql` target creates: sqlx reads its columns too.
    let sql_name = crate::naming::sql_status_names(&status.name).0;
    let initial = if status.initial.is_some() {
        quote!(::core::option::Option::Some(#ty::INITIAL))
    } else {
        quote!(::core::option::Option::None)
    };
    let (event_ty, apply) = match &names.event {
        Some(event) => (quote!(#event), quote!(#ty::apply(self, event))),
        None => (quote!(::core::convert::Infallible), quote!(match event {})),
    };
    quote! {
        #allow_deprecated
        #[automatically_derived]
        impl ::core::fmt::Display for #ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.pad(self.as_str())
            }
        }

        #allow_deprecated
        #[automatically_derived]
        impl ::core::str::FromStr for #ty {
            type Err = ::statuskit::__private::ParseStatusError;

            // As long as the status has spellings: a table written as code. Inlined so
            // that callers see the `Result` (64 bytes, for the error's inline excerpt) as
            // values rather than through memory.
            #[allow(clippy::too_many_lines)]
            #[inline]
            fn from_str(
                input: &str,
            ) -> ::core::result::Result<Self, ::statuskit::__private::ParseStatusError> {
                #from_str
            }
        }

        #allow_deprecated
        #[automatically_derived]
        impl ::core::convert::TryFrom<&str> for #ty {
            type Error = ::statuskit::__private::ParseStatusError;

            fn try_from(
                input: &str,
            ) -> ::core::result::Result<Self, ::statuskit::__private::ParseStatusError> {
                <Self as ::core::str::FromStr>::from_str(input)
            }
        }

        #allow_deprecated
        #[automatically_derived]
        impl ::statuskit::__private::StatusMachine for #ty {
            type Event = #event_ty;

            const NAME: &'static str = #ty::NAME;
            const ALL: &'static [Self] = &#ty::ALL;
            const INITIAL: ::core::option::Option<Self> = #initial;

            fn index(self) -> usize {
                #ty::index(self)
            }

            fn as_str(self) -> &'static str {
                #ty::as_str(self)
            }

            fn label(self) -> &'static str {
                #ty::label(self)
            }

            fn aliases(self) -> &'static [&'static str] {
                #ty::aliases(self)
            }

            fn is_terminal(self) -> bool {
                #ty::is_terminal(self)
            }

            fn is_initial(self) -> bool {
                #ty::is_initial(self)
            }

            fn can_transition_to(self, to: Self) -> bool {
                #ty::can_transition_to(self, to)
            }

            fn successors(self) -> &'static [Self] {
                #ty::successors(self)
            }

            fn apply(
                self,
                event: #event_ty,
            ) -> ::core::result::Result<Self, ::statuskit::__private::TransitionError<Self>> {
                #apply
            }
        }

        ::statuskit::__impl_serde!(#allow_deprecated #ty);
        ::statuskit::__impl_sqlx!(#allow_deprecated #ty, #sql_name);
        ::statuskit::__impl_clap!(#allow_deprecated #ty);
    }
}
