//! build.rs mode's options, written as Rust source text, read into tokens by their shape:
//! a visibility, a derive macro's path, one outer attribute. Anything else is refused with
//! a message, so a typo fails in the build script and never as broken generated code.
//!
//! Lexing with proc-macro2 and checking the few shapes an option may have keeps syn out of
//! build.rs mode; every group a token stream holds is balanced, so an option that passes
//! cannot reach past the place it is put in.

use std::str::FromStr;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// Deeper nesting than any option needs is refused: the lexer, the printer and the
/// compiler all walk groups recursively, and a build script's stack is small.
const DEEPEST: usize = 32;

/// Derives the generated enum always has.
const ALWAYS_DERIVED: &[&str] = &["Clone", "Copy", "Debug", "PartialEq", "Eq", "Hash"];
/// Derives that would write variant names where statuskit's integrations write wire values.
const WIRE_DERIVES: &[&str] = &["Serialize", "Deserialize", "ValueEnum"];

/// Lexes an option, refusing text nested past [`DEEPEST`] before anything walks it.
fn lex(option: &str, text: &str) -> Result<TokenStream, String> {
    // Counted on the text first: a recursive walk of the lexed tokens would itself be the
    // deep recursion this guards against.
    let mut open = 0usize;
    let mut deepest = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' | '{' => {
                open += 1;
                deepest = deepest.max(open);
            }
            ')' | ']' | '}' => open = open.saturating_sub(1),
            _ => {}
        }
    }
    if deepest > DEEPEST {
        return Err(format!(
            "{option} `{}…` nests brackets {deepest} deep: at most {DEEPEST}",
            text.chars().take(40).collect::<String>()
        ));
    }
    let tokens = TokenStream::from_str(text)
        .map_err(|error| format!("{option} `{text}` does not parse: {error}"))?;
    Ok(tokens)
}

/// `pub`, `pub(crate)`, `pub(self)`, `pub(super)`, `pub(in some::path)`, or nothing.
pub(super) fn visibility(text: &str) -> Result<TokenStream, String> {
    let refused = || {
        format!(
            "visibility `{text}` is not one: give `pub`, `pub(crate)`, `pub(super)`, \
             `pub(in path)` or an empty string"
        )
    };
    let tokens = lex("visibility", text).map_err(|_| refused())?;
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let fits = match trees.as_slice() {
        // Nothing, not a comment that lexes to nothing.
        [] => text.trim().is_empty(),
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
    let tokens = lex("derive", text)?;
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    if !is_path(&trees, false) {
        return Err(refused());
    }
    let last = trees.last().map(ToString::to_string).unwrap_or_default();
    let last = last.strip_prefix("r#").unwrap_or(&last);
    if ALWAYS_DERIVED.contains(&last) {
        Err(format!(
            "derive `{text}`: every generated enum derives `{last}` already"
        ))
    } else if WIRE_DERIVES.contains(&last) {
        Err(format!(
            "derive `{text}` would write variant names, not wire values: enable statuskit's `serde` or `clap` feature instead, which implement it with the wire values"
        ))
    } else {
        Ok(tokens)
    }
}

/// One outer attribute, `#[…]`, that is not `cfg` (which would remove the enum and leave
/// its impls behind).
pub(super) fn outer_attribute(text: &str) -> Result<TokenStream, String> {
    let tokens = lex("attribute", text)?;
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let is_attribute = |trees: &[TokenTree]| match trees {
        [TokenTree::Punct(hash), TokenTree::Group(body)] => {
            let path: Vec<TokenTree> = body
                .stream()
                .into_iter()
                .take_while(|t| !matches!(t, TokenTree::Group(_)) && !is_punct(t, '='))
                .collect();
            hash.as_char() == '#' && body.delimiter() == Delimiter::Bracket && is_path(&path, false)
        }
        _ => false,
    };
    match trees.as_slice() {
        [_, TokenTree::Group(body)] if is_attribute(&trees) => {
            let path = body
                .stream()
                .into_iter()
                .find_map(|t| match t {
                    TokenTree::Ident(word) => Some(word.to_string()),
                    _ => None,
                })
                .unwrap_or_default();
            if names_cfg(body.stream()) {
                Err(format!(
                    "attribute `{text}`: `cfg` would remove the enum and not its impls; put the `include!` under the `cfg` instead"
                ))
            } else if path.trim_start_matches("r#") == "deprecated" {
                Err(format!(
                    "attribute `{text}`: the impls would warn about the deprecated enum; set `deprecated` on the status in the schema, which allows that use"
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

/// Whether `tokens` hold `cfg(…)` anywhere (`cfg_attr(all(), cfg(any()))` too, and
/// `r#cfg`): each would compile the enum away and leave its impls behind.
fn names_cfg(tokens: TokenStream) -> bool {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    trees.iter().enumerate().any(|(i, tree)| match tree {
        TokenTree::Ident(word) => {
            word.to_string().trim_start_matches("r#") == "cfg"
                && matches!(trees.get(i + 1), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis)
        }
        TokenTree::Group(group) => names_cfg(group.stream()),
        _ => false,
    })
}

fn is_punct(tree: &TokenTree, c: char) -> bool {
    matches!(tree, TokenTree::Punct(p) if p.as_char() == c)
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
