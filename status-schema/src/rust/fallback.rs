//! What the derive emits beside a compile error, so that one mistake in the enum or the
//! schema is reported once, not again at every use of `as_str` or `StatusMachine` (as
//! thiserror's `fallback.rs`). The bodies are never run: the crate does not compile.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// The status's API with the right signatures and unreachable bodies. `event` is the event
/// enum's name when the status is known to have events (emitted separately).
pub fn fallback_tokens(ty: &Ident, name: &str, event: Option<&Ident>) -> TokenStream {
    let (event_ty, apply) = match event {
        Some(event) => (
            quote!(#event),
            quote! {
                /// Applies a named event (unavailable: the derive reported an error).
                ///
                /// # Errors
                ///
                /// Never returns.
                pub fn apply(
                    self,
                    event: #event,
                ) -> ::core::result::Result<Self, ::statuskit::__private::TransitionError<Self>> {
                    let _ = (self, event);
                    ::core::unreachable!()
                }
            },
        ),
        None => (quote!(::core::convert::Infallible), TokenStream::new()),
    };
    quote! {
        #[allow(dead_code, unreachable_code, deprecated)]
        impl #ty {
            /// The status's name in the schema.
            pub const NAME: &'static str = #name;
            /// Every state (unavailable: the derive reported an error).
            pub const ALL: [Self; 0] = [];
            /// The initial state (unavailable: the derive reported an error).
            pub const INITIAL: ::core::option::Option<Self> = ::core::option::Option::None;
            /// Unavailable: the derive reported an error.
            pub const fn index(self) -> usize { let _ = self; ::core::unreachable!() }
            /// Unavailable: the derive reported an error.
            pub const fn as_str(self) -> &'static str { let _ = self; ::core::unreachable!() }
            /// Unavailable: the derive reported an error.
            pub const fn label(self) -> &'static str { let _ = self; ::core::unreachable!() }
            /// Unavailable: the derive reported an error.
            pub const fn aliases(self) -> &'static [&'static str] { let _ = self; ::core::unreachable!() }
            /// Unavailable: the derive reported an error.
            pub const fn is_terminal(self) -> bool { let _ = self; ::core::unreachable!() }
            /// Unavailable: the derive reported an error.
            pub const fn is_initial(self) -> bool { let _ = self; ::core::unreachable!() }
            /// Unavailable: the derive reported an error.
            pub const fn can_transition_to(self, to: Self) -> bool {
                let _ = (self, to);
                ::core::unreachable!()
            }
            /// Unavailable: the derive reported an error.
            pub const fn successors(self) -> &'static [Self] { let _ = self; ::core::unreachable!() }
            /// Unavailable: the derive reported an error.
            ///
            /// # Errors
            ///
            /// Never returns.
            pub fn transition_to(
                self,
                to: Self,
            ) -> ::core::result::Result<Self, ::statuskit::__private::TransitionError<Self>> {
                let _ = (self, to);
                ::core::unreachable!()
            }
            #apply
        }

        #[allow(unreachable_code, deprecated)]
        impl ::core::fmt::Display for #ty {
            fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::unreachable!()
            }
        }

        #[allow(unreachable_code, deprecated)]
        impl ::core::str::FromStr for #ty {
            type Err = ::statuskit::__private::ParseStatusError;
            fn from_str(_: &str) -> ::core::result::Result<Self, ::statuskit::__private::ParseStatusError> {
                ::core::unreachable!()
            }
        }

        #[allow(unreachable_code, deprecated)]
        impl ::core::convert::TryFrom<&str> for #ty {
            type Error = ::statuskit::__private::ParseStatusError;
            fn try_from(_: &str) -> ::core::result::Result<Self, ::statuskit::__private::ParseStatusError> {
                ::core::unreachable!()
            }
        }

        #[allow(unreachable_code, deprecated)]
        impl ::statuskit::__private::StatusMachine for #ty {
            type Event = #event_ty;
            const NAME: &'static str = #name;
            const ALL: &'static [Self] = &[];
            const INITIAL: ::core::option::Option<Self> = ::core::option::Option::None;
            fn index(self) -> usize { ::core::unreachable!() }
            fn as_str(self) -> &'static str { ::core::unreachable!() }
            fn label(self) -> &'static str { ::core::unreachable!() }
            fn aliases(self) -> &'static [&'static str] { ::core::unreachable!() }
            fn is_terminal(self) -> bool { ::core::unreachable!() }
            fn is_initial(self) -> bool { ::core::unreachable!() }
            fn can_transition_to(self, _: Self) -> bool { ::core::unreachable!() }
            fn successors(self) -> &'static [Self] { ::core::unreachable!() }
            fn apply(
                self,
                _: #event_ty,
            ) -> ::core::result::Result<Self, ::statuskit::__private::TransitionError<Self>> {
                ::core::unreachable!()
            }
        }
    }
}
