//! Names and spellings in a draft: state names from values, the module a second
//! definition is named by, which definition names its members, and when two values of one
//! definition spell one state.

use crate::finding::Finding;
use crate::group::canonical;
use crate::score::{is_status_word, normalise, squashed};

/// Whether a definition names its members in the code (`OrderStatus.CANCELLED`): a class
/// of Python's, TypeScript's or Rust's, or an object.
pub(super) fn has_member_names(finding: &Finding) -> bool {
    use crate::finding::Kind;
    matches!(
        finding.kind,
        Kind::PythonEnum | Kind::TypescriptEnum | Kind::RustEnum | Kind::TypescriptObject
    )
}

/// The words of a name apart from its last part's status words, singular: `payouts.status`
/// gives `payout`, `PayoutStatus` gives `payout`.
pub(super) fn owner_words(name: &str) -> Vec<String> {
    crate::score::words(name)
        .into_iter()
        .filter(|w| !is_status_word(w) && !matches!(w.as_str(), "enum" | "type" | "choices"))
        .map(|w| w.strip_suffix('s').map_or_else(|| w.clone(), str::to_owned))
        .collect()
}

/// Whether two values of one definition spell one state: the same words up to case and
/// separators (`DONE`, `done`), or one edit apart within a variant cluster (`canceled`,
/// `cancelled`; not `done` and `completed`, which a definition may hold as two states).
pub(super) fn close_spelling(a: &str, b: &str) -> bool {
    let (x, y) = (squashed(a), squashed(b));
    x == y || canonical(a) == canonical(b) && one_edit_apart(&x, &y)
}

/// A value's keys for finding the state it spells: its words without separators, and its
/// variant cluster where it is in one (`canceled` is in `cancelled`'s).
pub(super) fn spelling_keys(value: &str) -> (String, Option<String>) {
    let normal = normalise(value);
    let cluster = crate::group::in_cluster(&normal).then(|| canonical(value));
    (normal.replace('_', ""), cluster)
}

/// Whether one insertion, deletion or substitution turns `a` into `b`.
pub(super) fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        prefix == short.len() || short[prefix + 1..] == long[prefix + 1..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// The word naming a file's module for a second definition of a name: the file's stem
/// (`billing.py` is `billing`), or its directory's name where the stem says only what kind
/// of file it is (`db/schema.sql` is `db`, `orders/models.py` is `orders`).
pub(super) fn module_word(path: &str) -> &str {
    const GENERIC: &[&str] = &[
        "__init__",
        "base",
        "common",
        "constants",
        "consts",
        "db",
        "defs",
        "enums",
        "index",
        "lib",
        "main",
        "mod",
        "model",
        "models",
        "schema",
        "schemas",
        "shared",
        "types",
    ];
    const CONTAINERS: &[&str] = &[
        "src",
        "lib",
        "app",
        "apps",
        "pkg",
        "packages",
        "source",
        "migrations",
        "migrate",
        "sql",
        "schema",
        "versions",
    ];
    let mut parts: Vec<&str> = path.split('/').collect();
    let file = parts.pop().unwrap_or(path);
    let stem = file.split('.').next().unwrap_or(file);
    // A migration's file (`001_init.sql`) says when, not what.
    let dated = stem.starts_with(|c: char| c.is_ascii_digit());
    if !GENERIC.contains(&stem) && !dated {
        return stem;
    }
    parts
        .into_iter()
        .rev()
        .find(|p| !CONTAINERS.contains(p))
        .unwrap_or(stem)
}

/// A state name for a member: its value in snake_case if that is a name, else its member
/// name's, else `state_<n>`.
pub(super) fn state_name(value: &str, member: &str, index: usize) -> String {
    let name = [normalise(value), normalise(member)]
        .into_iter()
        .find(|n| n.chars().next().is_some_and(|c| c.is_ascii_lowercase()) && n.is_ascii())
        .unwrap_or_else(|| format!("state_{}", index + 1));
    // A state becomes a Rust variant and a name in every target: not a keyword.
    if RUST_KEYWORDS.contains(&name.as_str()) {
        format!("{name}_state")
    } else {
        name
    }
}

/// Rust's keywords in lower case, strict and reserved: no state can be named one.
pub(super) const RUST_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];
