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

/// Above this many spellings the parser binary-searches one sorted table instead: the
/// dispatch tree's branches grow with the number of spellings sharing a length and byte,
/// and its generated source with the sum of their lengths times the nesting, which for
/// tens of thousands of spellings costs more to generate and compile than it saves.
pub const TABLE_ABOVE: usize = 256;

/// The body of `fn from_str(input: &str) -> Result<Self, ParseStatusError>`.
pub(crate) fn from_str_body(status: &Status, names: &Names<'_>) -> TokenStream {
    let found = if status.spellings().count() > TABLE_ABOVE {
        sorted_lookup(status, names)
    } else {
        dispatch_by_length(status, names)
    };
    let name = &status.name;
    let expected = status.states.iter().map(|state| &state.wire);
    let aliases = status.aliases.iter().map(|alias| &alias.spelling);
    let tables = status.fallback.is_none().then(|| {
        quote! {
            static TABLE: ::statuskit::__private::ParseTable = ::statuskit::__private::ParseTable {
                status: #name,
                expected: &[#(#expected),*],
                aliases: &[#(#aliases),*],
            };
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
                    ::statuskit::__private::ParseStatusError::new(&TABLE, input),
                ),
            }
        }
    };
    quote! {
        #tables
        #found
        #result
    }
}

/// `let found = …;` by one static table of every spelling (folded to lower case when case
/// is ignored), sorted by its bytes, searched by halves at run time.
fn sorted_lookup(status: &Status, names: &Names<'_>) -> TokenStream {
    let fold = status.case_insensitive;
    let mut entries: Vec<(String, StateId)> = status
        .spellings()
        .map(|s| {
            let text = if fold {
                s.text.to_ascii_lowercase()
            } else {
                s.text.to_owned()
            };
            (text, s.state)
        })
        .collect();
    // Checked schemas have no two equal spellings (under the case rule); should one slip
    // through, the first stays and the search still finds one.
    entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    entries.dedup_by(|a, b| a.0 == b.0);
    let ty = names.ty;
    let n = super::number(entries.len());
    let rows = entries.iter().map(|(text, state)| {
        let state = names.qualified(*state);
        quote!((#text, #state))
    });
    quote! {
        static SPELLINGS: [(&str, #ty); #n] = [#(#rows),*];
        let found = ::statuskit::__private::lookup(&SPELLINGS, input, #fold);
    }
}

/// `let found = …;` by length, then (for more than a few candidates) by the most
/// discriminating byte, then comparing words.
fn dispatch_by_length(status: &Status, names: &Names<'_>) -> TokenStream {
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
        let words = offsets(*len).into_iter().enumerate().map(|(i, at)| {
            let word = word_ident(i);
            let at = super::number(at);
            quote!(let #word = ::statuskit::__private::word(bytes, #at);)
        });
        let body = dispatch(status.case_insensitive, candidates, names);
        let len = super::number(*len);
        quote!(#len => { #(#words)* #body })
    });
    quote! {
        let bytes = input.as_bytes();
        let found = match bytes.len() {
            #(#arms)*
            _ => ::core::option::Option::None,
        };
    }
}

/// Buckets with more candidates than this dispatch on a byte before comparing words.
const DISPATCH_ABOVE: usize = 4;

/// Picks a candidate of one length bucket: directly when there is one, else through a
/// `match` on the most discriminating byte.
fn dispatch(
    case_insensitive: bool,
    candidates: &[Candidate<'_>],
    names: &Names<'_>,
) -> TokenStream {
    // A few candidates are cheaper to compare one after another (two ALU operations
    // each) than to dispatch on a byte first.
    if candidates.len() <= DISPATCH_ABOVE {
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

/// `if w0 | m == c { Some(A) } else if … else { None }`, one branch per state: spellings
/// of the same state share a branch (`||`), so no two branches have the same body.
fn compare_chain<'c, 'a: 'c>(
    case_insensitive: bool,
    candidates: impl Iterator<Item = &'c Candidate<'a>>,
    names: &Names<'_>,
) -> TokenStream {
    let mut branches: Vec<(StateId, Vec<TokenStream>)> = Vec::new();
    for candidate in candidates {
        let test = candidate_test(candidate, case_insensitive);
        match branches
            .iter_mut()
            .find(|(state, _)| *state == candidate.state)
        {
            Some((_, tests)) => tests.push(test),
            None => branches.push((candidate.state, vec![test])),
        }
    }
    branches.into_iter().rev().fold(
        quote!({ ::core::option::Option::None }),
        |otherwise, (state, tests)| {
            let state = names.path(state);
            let condition = if tests.len() == 1 {
                quote!(#(#tests)*)
            } else {
                quote!(#((#tests))||*)
            };
            quote! {
                if #condition { ::core::option::Option::Some(#state) } else #otherwise
            }
        },
    )
}

/// `w0 | mask == constant && w1 …`: the input equals this spelling.
fn candidate_test(candidate: &Candidate<'_>, case_insensitive: bool) -> TokenStream {
    let tests = offsets(candidate.bytes.len())
        .into_iter()
        .enumerate()
        .map(|(i, at)| {
            let word = word_ident(i);
            let (constant, mask) = word_constant(candidate.bytes, at, case_insensitive);
            let constant = super::table::hex(constant);
            if mask == 0 {
                quote!(#word == #constant)
            } else {
                let mask = super::table::hex(mask);
                quote!(#word | #mask == #constant)
            }
        });
    quote!(#(#tests)&&*)
}

/// `b'x'` for printable ASCII, a number otherwise.
fn byte_literal(byte: u8) -> Literal {
    if byte.is_ascii_graphic() && byte != b'\'' && byte != b'\\' {
        Literal::byte_character(byte)
    } else {
        Literal::u8_unsuffixed(byte)
    }
}

/// Where the words of a `len`-byte input start: every 8 bytes, the last one ending at the
/// input's end (overlapping the one before) so no word reads past it; one zero-padded
/// word for inputs shorter than 8.
fn offsets(len: usize) -> Vec<usize> {
    if len <= 8 {
        return vec![0];
    }
    let mut offsets: Vec<usize> = (0..len - 8).step_by(8).collect();
    offsets.push(len - 8);
    offsets
}

fn word_ident(i: usize) -> proc_macro2::Ident {
    quote::format_ident!("w{i}")
}

/// The word of `bytes` at `at` as `word` reads it, folded to lower case, and the mask
/// with `0x20` at its letters (none when case matters).
fn word_constant(bytes: &[u8], at: usize, case_insensitive: bool) -> (u64, u64) {
    let mut constant = [0u8; 8];
    let mut mask = [0u8; 8];
    for (i, &byte) in bytes.iter().skip(at).take(8).enumerate() {
        if case_insensitive && byte.is_ascii_alphabetic() {
            constant[i] = byte.to_ascii_lowercase();
            mask[i] = 0x20;
        } else {
            constant[i] = byte;
        }
    }
    (u64::from_le_bytes(constant), u64::from_le_bytes(mask))
}
