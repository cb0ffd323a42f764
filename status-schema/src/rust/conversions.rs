//! Conversions between statuses: `From` for a total mapping, `TryFrom` (with
//! `ConversionError`) for a partial one. One arm per target state, so that no two arms
//! share a body.

use std::collections::BTreeMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::{Conversion, StateId, Status};

/// The impl converting `from` (Rust type `from_ty`) into `to` (type `to_ty`) by the model's
/// `conversion` table.
pub fn conversion_tokens(
    conversion: &Conversion,
    from: &Status,
    from_ty: &TokenStream,
    to: &Status,
    to_ty: &TokenStream,
) -> TokenStream {
    let variant =
        |status: &Status, id: StateId| Ident::new(&status.state(id).variant, Span::call_site());
    // Group source states by target, in target order (a map, so that a large status with
    // as many targets as states costs their number, not its square).
    let mut grouped: BTreeMap<StateId, Vec<Ident>> = BTreeMap::new();
    let mut unmapped: Vec<Ident> = Vec::new();
    for state in &from.states {
        match conversion.get(state.id) {
            Some(target) => grouped
                .entry(target)
                .or_default()
                .push(variant(from, state.id)),
            None => unmapped.push(variant(from, state.id)),
        }
    }
    let by_target: Vec<(StateId, Vec<Ident>)> = grouped.into_iter().collect();
    let allow_deprecated = if from.deprecated.is_some() || to.deprecated.is_some() {
        quote!(#[allow(deprecated)])
    } else {
        TokenStream::new()
    };
    let doc = format!(
        "`{}` → `{}`: {} (from the schema's {}).",
        from.name,
        to.name,
        if unmapped.is_empty() {
            "every state has a counterpart"
        } else {
            "some states have no counterpart"
        },
        match conversion.kind {
            crate::model::ConversionKind::Explicit => "`into` mapping",
            crate::model::ConversionKind::ToBase => "`extends`: extension into base",
            crate::model::ConversionKind::FromBase => "`extends`: base into extension",
        }
    );
    let doc = super::docs::attributes(&doc);
    if unmapped.is_empty() {
        let arms = by_target.iter().map(|(target, sources)| {
            let target = variant(to, *target);
            quote!(#(#from_ty::#sources)|* => #to_ty::#target,)
        });
        quote! {
            #doc
            #allow_deprecated
            #[automatically_derived]
            impl ::core::convert::From<#from_ty> for #to_ty {
                fn from(status: #from_ty) -> Self {
                    match status {
                        #(#arms)*
                    }
                }
            }
        }
    } else {
        let arms = by_target.iter().map(|(target, sources)| {
            let target = variant(to, *target);
            quote!(#(#from_ty::#sources)|* => ::core::result::Result::Ok(#to_ty::#target),)
        });
        let from_name = &from.name;
        let to_name = &to.name;
        quote! {
            #doc
            #allow_deprecated
            #[automatically_derived]
            impl ::core::convert::TryFrom<#from_ty> for #to_ty {
                type Error = ::statuskit::__private::ConversionError;

                fn try_from(
                    status: #from_ty,
                ) -> ::core::result::Result<Self, ::statuskit::__private::ConversionError> {
                    match status {
                        #(#arms)*
                        #(#from_ty::#unmapped)|* => ::core::result::Result::Err(
                            ::statuskit::__private::ConversionError::new(#from_name, status.as_str(), #to_name),
                        ),
                    }
                }
            }
        }
    }
}
