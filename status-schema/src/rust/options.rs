//! build.rs mode's options, written as Rust source text, read into tokens by their shape:
//! a visibility, a derive macro's path, one outer attribute. Anything else is refused with
//! a message, so a typo fails in the build script and never as broken generated code.
//!
//! Lexing with proc-macro2 and checking the few shapes an option may have keeps syn out of
//! build.rs mode; every group a token stream holds is balanced, so an option that passes
//! cannot reach past the place it is put in.

use std::str::FromStr;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// `pub`, `pub(crate)`, `pub(self)`, `pub(super)`, `pub(in some::path)`, or nothing.
pub(super) fn visibility(text: &str) -> Result<TokenStream, String> {
    let refused = || {
        format!(
            "visibility `{text}` does not parse: give `pub`, `pub(crate)`, `pub(super)`, \
             `pub(in path)` or an empty string"
        )
    };
    let tokens = TokenStream::from_str(text).map_err(|_| refused())?;
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let fits = match trees.as_slice() {
        [] => true,
        [TokenTree::Ident(word)] => word == "pub",
        [TokenTree::Ident(word), TokenTree::Group(scope)] => {
            word == "pub" && scope.delimiter() == Delimiter::Parenthesis && {
                let inner: Vec<TokenTree> = scope.stream().into_iter().collect();
                match inner.as_slice() {
                    [TokenTree::Ident(one)] => one == "crate" || one == "self" || one == "super",
                    [TokenTree::Ident(word), path @ ..] if word == "in" => is_path(path, true),
                    _ => false,
                }
            }
        }
        _ => false,
    };
    if fits { Ok(tokens) } else { Err(refused()) }
}

/// The path of a derive macro: plain segments (`PartialOrd`, `serde::Serialize`,
/// `::serde::Serialize`), no generic arguments, no `self`/`super`/`crate`/`Self`.
pub(super) fn derive_path(text: &str) -> Result<TokenStream, String> {
    let refused = || {
        format!(
            "derive `{text}` is not the path of a derive macro (such as `PartialOrd` or `serde::Serialize`)"
        )
    };
    let tokens = TokenStream::from_str(text)
        .map_err(|error| format!("derive `{text}` does not parse: {error}"))?;
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    if is_path(&trees, false) {
        Ok(tokens)
    } else {
        Err(refused())
    }
}

/// One outer attribute, `#[…]`, that is not `cfg` (which would remove the enum and leave
/// its impls behind).
pub(super) fn outer_attribute(text: &str) -> Result<TokenStream, String> {
    let tokens = TokenStream::from_str(text)
        .map_err(|error| format!("attribute `{text}` does not parse: {error}"))?;
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let is_attribute = |trees: &[TokenTree]| match trees {
        [TokenTree::Punct(hash), TokenTree::Group(body)] => {
            hash.as_char() == '#'
                && body.delimiter() == Delimiter::Bracket
                && matches!(body.stream().into_iter().next(), Some(TokenTree::Ident(_)))
        }
        _ => false,
    };
    match trees.as_slice() {
        [_, TokenTree::Group(body)] if is_attribute(&trees) => {
            let first = body.stream().into_iter().next();
            if matches!(&first, Some(TokenTree::Ident(word)) if word == "cfg") {
                Err(format!(
                    "attribute `{text}`: `cfg` would remove the enum and not its impls; put the `include!` under the `cfg` instead"
                ))
            } else {
                Ok(tokens)
            }
        }
        many if many.len() > 2 && many.len() % 2 == 0 && many.chunks(2).all(is_attribute) => Err(
            format!("attribute `{text}` is not one outer attribute: give each its own string"),
        ),
        _ => Err(format!(
            "attribute `{text}` is not an outer attribute: write it as `#[…]`"
        )),
    }
}

/// Whether `trees` are path segments joined by `::`, perhaps after a leading `::`, each an
/// identifier other than `self`, `super`, `crate` and `Self`, except a first one when
/// `keywords_allowed` (a `pub(in crate::a)` path starts with one).
fn is_path(trees: &[TokenTree], keywords_allowed: bool) -> bool {
    let mut expect_segment = true;
    let mut rest = trees;
    // A leading `::`.
    if let [TokenTree::Punct(a), TokenTree::Punct(b), tail @ ..] = rest {
        if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':' {
            rest = tail;
        }
    }
    let mut segments = 0;
    while !rest.is_empty() {
        if expect_segment {
            let [TokenTree::Ident(segment), tail @ ..] = rest else {
                return false;
            };
            let special =
                ["self", "super", "crate", "Self"].contains(&segment.to_string().as_str());
            if special && !(keywords_allowed && segments == 0) {
                return false;
            }
            segments += 1;
            rest = tail;
        } else {
            let [TokenTree::Punct(a), TokenTree::Punct(b), tail @ ..] = rest else {
                return false;
            };
            if a.as_char() != ':' || a.spacing() != Spacing::Joint || b.as_char() != ':' {
                return false;
            }
            rest = tail;
        }
        expect_segment = !expect_segment;
    }
    segments > 0 && !expect_segment
}
