//! Rust, with syn: enums whose variants are all units, anywhere items can be (modules,
//! function bodies), with the values serde and strum give them (`rename`, `rename_all`,
//! `serialize_all`, `serialize`, `to_string`; inside `cfg_attr` too), each by its own case
//! rules: serde's put a `_` before every capital (`HTTPError` is `h_t_t_p_error`), strum's
//! are heck's (`http_error`). Variants serde skips are left out.

use heck::{
    ToKebabCase, ToLowerCamelCase, ToShoutyKebabCase, ToShoutySnakeCase, ToSnakeCase, ToTitleCase,
    ToTrainCase, ToUpperCamelCase,
};
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Fields, Item, LitStr, Stmt};

use crate::finding::{FileFindings, Finding, Kind, Member};

pub(super) fn extract(path: &str, source: &str) -> Result<FileFindings, String> {
    let file = syn::parse_file(source).map_err(|e| {
        let at = e.span().start();
        format!("{}:{}: {e}", at.line, at.column + 1)
    })?;
    let mut out = FileFindings::default();
    items(path, &file.items.iter().collect::<Vec<_>>(), &mut out);
    Ok(out)
}

fn items(path: &str, list: &[&Item], out: &mut FileFindings) {
    for &item in list {
        match item {
            Item::Enum(item) => {
                if item.variants.is_empty()
                    || item
                        .variants
                        .iter()
                        .any(|v| !matches!(v.fields, Fields::Unit))
                {
                    continue;
                }
                let rule = rename_all(&item.attrs);
                let members: Vec<Member> = item
                    .variants
                    .iter()
                    .filter(|variant| !attr_flag(&variant.attrs, "skip"))
                    .map(|variant| {
                        let name = variant.ident.unraw().to_string();
                        let value = rename(&variant.attrs).unwrap_or_else(|| {
                            rule.map_or_else(
                                || name.clone(),
                                |(rule, serde)| apply(rule, serde, &name),
                            )
                        });
                        Member { name, value }
                    })
                    .collect();
                if members.is_empty() {
                    continue;
                }
                let span = item.ident.span();
                let end = item.brace_token.span.close().end();
                out.findings.push(Finding {
                    path: path.to_owned(),
                    line: span.start().line,
                    end_line: end.line.max(span.start().line),
                    name: item.ident.unraw().to_string(),
                    kind: Kind::RustEnum,
                    members,
                    score: 0,
                    shape: crate::finding::Shape::default(),
                });
            }
            Item::Mod(module) => {
                if let Some((_, inner)) = &module.content {
                    items(path, &inner.iter().collect::<Vec<_>>(), out);
                }
            }
            Item::Fn(function) => {
                let inner: Vec<&Item> = function
                    .block
                    .stmts
                    .iter()
                    .filter_map(|stmt| match stmt {
                        Stmt::Item(item) => Some(item),
                        _ => None,
                    })
                    .collect();
                items(path, &inner, out);
            }
            _ => {}
        }
    }
}

/// Calls `each` with the name (`serde`, `strum`) and the nested metas of every serde or
/// strum attribute, also those inside `cfg_attr(…, serde(…))`.
fn each_meta(
    attrs: &[Attribute],
    each: &mut dyn FnMut(&str, &ParseNestedMeta<'_>) -> syn::Result<()>,
) {
    for attr in attrs {
        let _ = attr.parse_nested_meta(|meta| {
            let outer = if attr.path().is_ident("serde") {
                "serde"
            } else if attr.path().is_ident("strum") {
                "strum"
            } else if attr.path().is_ident("cfg_attr") {
                // `cfg_attr(feature = "serde", serde(rename_all = "…"))`: the condition is
                // skipped, the attributes read.
                for tool in ["serde", "strum"] {
                    if meta.path.is_ident(tool) {
                        return meta.parse_nested_meta(|inner| each(tool, &inner));
                    }
                }
                return skip_value(&meta);
            } else {
                return Ok(());
            };
            each(outer, &meta)
        });
    }
}

/// Steps over a meta's `= value` or `(…)`, so the next one can be read.
fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        let _: syn::Expr = meta.value()?.parse()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.parse_nested_meta(|inner| skip_value(&inner))?;
    }
    Ok(())
}

/// `#[serde(rename_all = "…")]` or `#[strum(serialize_all = "…")]`, with whose rules
/// (`true` for serde's).
fn rename_all(attrs: &[Attribute]) -> Option<(&'static str, bool)> {
    let mut rule = None;
    each_meta(attrs, &mut |tool, meta| {
        let key = if tool == "serde" {
            "rename_all"
        } else {
            "serialize_all"
        };
        if meta.path.is_ident(key) && meta.input.peek(syn::Token![=]) {
            let value: LitStr = meta.value()?.parse()?;
            rule = RULES
                .iter()
                .map(|(name, _)| *name)
                .find(|name| *name == value.value())
                .map(|name| (name, tool == "serde"));
            Ok(())
        } else {
            skip_value(meta)
        }
    });
    rule
}

/// `#[serde(rename = "…")]`, `#[strum(serialize = "…")]` or `#[strum(to_string = "…")]`.
fn rename(attrs: &[Attribute]) -> Option<String> {
    let mut value = None;
    each_meta(attrs, &mut |_, meta| {
        let named = ["rename", "serialize", "to_string"]
            .iter()
            .any(|k| meta.path.is_ident(k));
        if named && meta.input.peek(syn::Token![=]) {
            let text: LitStr = meta.value()?.parse()?;
            value.get_or_insert(text.value());
            Ok(())
        } else {
            skip_value(meta)
        }
    });
    value
}

/// Whether a serde or strum attribute holds the bare flag `flag` (`#[serde(skip)]`).
fn attr_flag(attrs: &[Attribute], flag: &str) -> bool {
    let mut found = false;
    each_meta(attrs, &mut |_, meta| {
        if meta.path.is_ident(flag) && meta.input.is_empty() {
            found = true;
        }
        skip_value(meta)
    });
    found
}

/// serde's and strum's case rules, by the name they are written with.
type Rule = (&'static str, fn(&str) -> String);

const RULES: &[Rule] = &[
    ("lowercase", |s| s.to_lowercase()),
    ("UPPERCASE", |s| s.to_uppercase()),
    ("PascalCase", |s| s.to_upper_camel_case()),
    ("camelCase", |s| s.to_lower_camel_case()),
    ("snake_case", |s| s.to_snake_case()),
    ("SCREAMING_SNAKE_CASE", |s| s.to_shouty_snake_case()),
    ("kebab-case", |s| s.to_kebab_case()),
    ("SCREAMING-KEBAB-CASE", |s| s.to_shouty_kebab_case()),
    ("Train-Case", |s| s.to_train_case()),
    ("Title Case", |s| s.to_title_case()),
    ("title_case", |s| s.to_title_case()),
];

fn apply(rule: &str, serde: bool, name: &str) -> String {
    if serde {
        return serde_case(rule, name);
    }
    RULES
        .iter()
        .find(|(r, _)| *r == rule)
        .map_or_else(|| name.to_owned(), |(_, f)| f(name))
}

/// serde's own rules (`case.rs` of `serde_derive`), which split before every capital.
fn serde_case(rule: &str, variant: &str) -> String {
    let snake = || {
        let mut out = String::new();
        for (i, c) in variant.char_indices() {
            if i > 0 && c.is_uppercase() {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        }
        out
    };
    match rule {
        "lowercase" => variant.to_ascii_lowercase(),
        "UPPERCASE" => variant.to_ascii_uppercase(),
        "camelCase" => {
            let mut chars = variant.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_lowercase().to_string() + chars.as_str()
            })
        }
        "snake_case" => snake(),
        "SCREAMING_SNAKE_CASE" => snake().to_ascii_uppercase(),
        "kebab-case" => snake().replace('_', "-"),
        "SCREAMING-KEBAB-CASE" => snake().to_ascii_uppercase().replace('_', "-"),
        // PascalCase, and what serde does not know, leave the variant as it is.
        _ => variant.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(source: &str) -> Vec<String> {
        extract("a.rs", source).expect("parses").findings[0]
            .members
            .iter()
            .map(|m| m.value.clone())
            .collect()
    }

    #[test]
    fn serde_and_strum_each_by_their_rules() {
        assert_eq!(
            values("#[serde(rename_all = \"snake_case\")] enum E { HTTPError, InProgress }"),
            ["h_t_t_p_error", "in_progress"]
        );
        assert_eq!(
            values("#[strum(serialize_all = \"snake_case\")] enum E { HTTPError }"),
            ["http_error"]
        );
        assert_eq!(
            values(
                "#[cfg_attr(feature = \"serde\", serde(rename_all = \"kebab-case\"))] enum E { InProgress, r#Type, #[serde(skip)] Hidden }"
            ),
            ["in-progress", "type"]
        );
        assert_eq!(values("fn f() { enum Inner { A, B } }"), ["A", "B"]);
    }
}
