//! Rust, with syn: enums whose variants are all units, with the values serde and strum
//! give them (`rename`, `rename_all`, `serialize_all`, `serialize`, `to_string`).

use heck::{
    ToKebabCase, ToLowerCamelCase, ToShoutyKebabCase, ToShoutySnakeCase, ToSnakeCase, ToTitleCase,
    ToTrainCase, ToUpperCamelCase,
};
use syn::{Attribute, Fields, Item, LitStr};

use crate::finding::{FileFindings, Finding, Kind, Member};

pub(super) fn extract(path: &str, source: &str) -> Result<FileFindings, String> {
    let file = syn::parse_file(source).map_err(|e| {
        let at = e.span().start();
        format!("{}:{}: {e}", at.line, at.column + 1)
    })?;
    let mut out = FileFindings::default();
    items(path, &file.items, &mut out);
    Ok(out)
}

fn items(path: &str, list: &[Item], out: &mut FileFindings) {
    for item in list {
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
                let members = item
                    .variants
                    .iter()
                    .map(|variant| {
                        let name = variant.ident.to_string();
                        let value = rename(&variant.attrs).unwrap_or_else(|| {
                            rule.map_or_else(|| name.clone(), |r| apply(r, &name))
                        });
                        Member { name, value }
                    })
                    .collect();
                let span = item.ident.span();
                let end = item.brace_token.span.close().end();
                out.findings.push(Finding {
                    path: path.to_owned(),
                    line: span.start().line,
                    end_line: end.line.max(span.start().line),
                    name: item.ident.to_string(),
                    kind: Kind::RustEnum,
                    members,
                    score: 0,
                });
            }
            Item::Mod(module) => {
                if let Some((_, inner)) = &module.content {
                    items(path, inner, out);
                }
            }
            _ => {}
        }
    }
}

/// `#[serde(rename_all = "…")]` or `#[strum(serialize_all = "…")]`.
fn rename_all(attrs: &[Attribute]) -> Option<&'static str> {
    let mut rule = None;
    for attr in attrs {
        let key = if attr.path().is_ident("serde") {
            "rename_all"
        } else if attr.path().is_ident("strum") {
            "serialize_all"
        } else {
            continue;
        };
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident(key) {
                let value: LitStr = meta.value()?.parse()?;
                rule = RULES
                    .iter()
                    .map(|(name, _)| *name)
                    .find(|name| *name == value.value());
            } else if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
    }
    rule
}

/// `#[serde(rename = "…")]`, `#[strum(serialize = "…")]` or `#[strum(to_string = "…")]`.
fn rename(attrs: &[Attribute]) -> Option<String> {
    let mut value = None;
    for attr in attrs {
        if !attr.path().is_ident("serde") && !attr.path().is_ident("strum") {
            continue;
        }
        let _ = attr.parse_nested_meta(|meta| {
            if ["rename", "serialize", "to_string"]
                .iter()
                .any(|k| meta.path.is_ident(k))
            {
                let text: LitStr = meta.value()?.parse()?;
                value.get_or_insert(text.value());
            } else if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
    }
    value
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

fn apply(rule: &str, name: &str) -> String {
    RULES
        .iter()
        .find(|(r, _)| *r == rule)
        .map_or_else(|| name.to_owned(), |(_, f)| f(name))
}
