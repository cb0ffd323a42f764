//! The parser: wire values and aliases to states, under the status's case rule, without
//! allocating.
//!
//! Spellings are bucketed by length at generation time. Within a bucket the parser
//! dispatches on the byte position that best separates the candidates (ASCII case folded
//! when the status ignores case), then compares whole spellings. An input is thus compared
//! with one or two candidates, never with the whole list.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::Names;
use crate::model::{StateId, Status};

/// One accepted spelling and the state it parses to.
struct Candidate<'a> {
    bytes: &'a [u8],
    state: StateId,
}

/// The body of `fn from_str(input: &str) -> Result<Self, ParseStatusError>`.
pub(crate) fn from_str_body(status: &Status, names: &Names<'_>) -> TokenStream {
    let mut buckets: BTreeMap<usize, Vec<Candidate<'_>>> = BTreeMap::new();
    for spelling in status.spellings() {
        buckets
            .entry(spelling.text.len())
            .or_default()
            .push(Candidate {
                bytes: spelling.text.as_bytes(),
                state: spelling.state,
            });
    }
    let arms = buckets.iter().map(|(len, candidates)| {
        let body = dispatch(status.case_insensitive, candidates, names);
        let len = super::number(*len);
        quote!(#len => #body,)
    });
    let name = &status.name;
    let expected = status.states.iter().map(|state| &state.wire);
    let aliases = status.aliases.iter().map(|alias| &alias.spelling);
    let tables = status.fallback.is_none().then(|| {
        quote! {
            const EXPECTED: &[&str] = &[#(#expected),*];
            const ALIASES: &[&str] = &[#(#aliases),*];
        }
    });
    let result = if let Some(fallback) = status.fallback {
        let fallback = names.path(fallback);
        quote!(::core::result::Result::Ok(found.unwrap_or(#fallback)))
    } else {
        quote! {
            match found {
                ::core::option::Option::Some(state) => ::core::result::Result::Ok(state),
                ::core::option::Option::None => ::core::result::Result::Err(
                    ::statuskit::__private::ParseStatusError::new(#name, EXPECTED, ALIASES, input),
                ),
            }
        }
    };
    quote! {
        #tables
        let bytes = input.as_bytes();
        let found = match bytes.len() {
            #(#arms)*
            _ => ::core::option::Option::None,
        };
        #result
    }
}

/// Picks a candidate of one length bucket: directly when there is one, else through a
/// `match` on the most discriminating byte.
fn dispatch(
    case_insensitive: bool,
    candidates: &[Candidate<'_>],
    names: &Names<'_>,
) -> TokenStream {
    if candidates.len() == 1 {
        return compare_chain(case_insensitive, candidates.iter(), names);
    }
    let fold = |byte: u8| if case_insensitive { byte | 0x20 } else { byte };
    let len = candidates[0].bytes.len();
    // The position with the most distinct (folded) bytes; the first one wins ties, which
    // keeps the output deterministic.
    let position = (0..len)
        .max_by_key(|&i| {
            let mut seen: Vec<u8> = candidates.iter().map(|c| fold(c.bytes[i])).collect();
            seen.sort_unstable();
            seen.dedup();
            (seen.len(), std::cmp::Reverse(i))
        })
        .unwrap_or(0);
    let mut arms: BTreeMap<u8, Vec<&Candidate<'_>>> = BTreeMap::new();
    for candidate in candidates {
        arms.entry(fold(candidate.bytes[position]))
            .or_default()
            .push(candidate);
    }
    let arms = arms.iter().map(|(&byte, group)| {
        let byte = byte_literal(byte);
        let chain = compare_chain(case_insensitive, group.iter().copied(), names);
        quote!(#byte => #chain,)
    });
    let position = super::number(position);
    let scrutinee = if case_insensitive {
        quote!(bytes[#position] | 0x20)
    } else {
        quote!(bytes[#position])
    };
    quote! {
        match #scrutinee {
            #(#arms)*
            _ => ::core::option::Option::None,
        }
    }
}

/// `if matches(bytes, b"a") { Some(A) } else if … else { None }`.
fn compare_chain<'c, 'a: 'c>(
    case_insensitive: bool,
    candidates: impl DoubleEndedIterator<Item = &'c Candidate<'a>>,
    names: &Names<'_>,
) -> TokenStream {
    candidates.rev().fold(
        quote!(::core::option::Option::None),
        |otherwise, candidate| {
            let literal = Literal::byte_string(candidate.bytes);
            let state = names.path(candidate.state);
            let test = if case_insensitive {
                quote!(::statuskit::__private::eq_ignore_ascii_case(bytes, #literal))
            } else {
                quote!(bytes == #literal)
            };
            quote! {
                if #test { ::core::option::Option::Some(#state) } else { #otherwise }
            }
        },
    )
}

/// `b'x'` for printable ASCII, a number otherwise.
fn byte_literal(byte: u8) -> Literal {
    if byte.is_ascii_graphic() && byte != b'\'' && byte != b'\\' {
        Literal::byte_character(byte)
    } else {
        Literal::u8_unsuffixed(byte)
    }
}
