//! PostgreSQL: string literals, identifiers, comments and dollar-quoted bodies.

use super::{comment_safe, lines};

/// A string literal: `'…'` with quotes doubled. Text holding a backslash, a line break or
/// `${` is written as an escape string (`E'…'`: backslashes doubled, `\n`, `\r`, and the
/// brace of `${` as `\x7b`), which reads the same whether or not the server has
/// `standard_conforming_strings` on. So no schema text starts a line of the output outside
/// a `--` comment (where a runner could take it for a directive of its own: dbmate's
/// `-- migrate:down`), and none reads as a Flyway placeholder. NUL, which PostgreSQL cannot
/// store, is refused by the text policy and replaced here.
pub(crate) fn literal(text: &str) -> String {
    let text = text.replace('\0', "\u{FFFD}").replace('\'', "''");
    if text.contains(['\\', '\n', '\r']) || text.contains("${") {
        let escaped = text
            .replace('\\', "\\\\")
            .replace('\n', "\\n")
            .replace('\r', "\\r")
            .replace("${", "$\\x7b");
        format!("E'{escaped}'")
    } else {
        format!("'{text}'")
    }
}

/// An identifier, quoted only where PostgreSQL needs it: not lower-case ASCII, or a
/// reserved word. Quoted identifiers double their quotes and may hold anything but NUL.
pub(crate) fn ident(name: &str) -> String {
    let plain = name
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b == b'_')
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && !RESERVED.contains(&name);
    if plain {
        name.to_owned()
    } else {
        format!(
            "\"{}\"",
            name.replace('\0', "\u{FFFD}").replace('"', "\"\"")
        )
    }
}

/// `-- ` comment lines for `text`, one per line of it, each ending in a newline. PostgreSQL
/// ends a comment at LF or CR; every terminator is split on, so none is left inside.
pub(crate) fn comment(text: &str) -> String {
    lines(text)
        .map(|line| {
            let line = comment_safe(line);
            if line.is_empty() {
                "--\n".to_owned()
            } else {
                format!("-- {line}\n")
            }
        })
        .collect()
}

/// `body` between dollar quotes whose tag does not occur in it: `$$` when that is safe,
/// else `$statuskit$`, `$statuskit1$`, … The body cannot end the quoting early, whatever
/// `$$` a wire value or a quoted column name holds.
pub(crate) fn dollar_quoted(body: &str) -> String {
    // The numbers already used in `$statuskitN$` tags inside the body, found in one pass,
    // so that choosing a free tag stays linear however many the body holds.
    let used: std::collections::HashSet<&str> = body
        .match_indices("$statuskit")
        .filter_map(|(at, prefix)| {
            let rest = &body[at + prefix.len()..];
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            (rest.as_bytes().get(digits) == Some(&b'$')).then(|| &rest[..digits])
        })
        .collect();
    let candidates = core::iter::once("$$".to_owned()).chain(
        (0_usize..)
            .map(|i| if i == 0 { String::new() } else { i.to_string() })
            .filter(|number| !used.contains(number.as_str()))
            .map(|number| format!("$statuskit{number}$")),
    );
    // A body can also end in a prefix of a tag that the closing tag would complete; only
    // the few tags that end could spoil are passed over.
    let tag = candidates
        .take(used.len() + 4)
        .find(|tag| closes_at_end(body, tag))
        .unwrap_or_else(|| "$statuskit_fallback$".to_owned());
    format!("{tag}{body}{tag}")
}

/// Whether the first `tag` in `body` followed by `tag` is the closing one: the body holds
/// no `tag`, and does not end in a prefix of one that the closing tag would complete.
fn closes_at_end(body: &str, tag: &str) -> bool {
    format!("{body}{tag}").find(tag) == Some(body.len())
}

/// PostgreSQL's key words that cannot be a type or column name unquoted: reserved ones,
/// those reserved as function or type names, and those that cannot be function or type
/// names (`values`, `row`, `between`, `integer`, …): `pg_get_keywords()` where `catcode`
/// is not `U`, PostgreSQL 15, with `system_user` from 16.
const RESERVED: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "between",
    "bigint",
    "binary",
    "bit",
    "boolean",
    "both",
    "case",
    "cast",
    "char",
    "character",
    "check",
    "coalesce",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "dec",
    "decimal",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "exists",
    "extract",
    "false",
    "fetch",
    "float",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "greatest",
    "group",
    "grouping",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "inout",
    "int",
    "integer",
    "intersect",
    "interval",
    "into",
    "is",
    "isnull",
    "join",
    "lateral",
    "leading",
    "least",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "national",
    "natural",
    "nchar",
    "none",
    "normalize",
    "not",
    "notnull",
    "null",
    "nullif",
    "numeric",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "out",
    "outer",
    "overlaps",
    "overlay",
    "placing",
    "position",
    "precision",
    "primary",
    "real",
    "references",
    "returning",
    "right",
    "row",
    "select",
    "session_user",
    "setof",
    "similar",
    "smallint",
    "some",
    "substring",
    "symmetric",
    "system_user",
    "table",
    "tablesample",
    "then",
    "time",
    "timestamp",
    "to",
    "trailing",
    "treat",
    "trim",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "values",
    "varchar",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
    "xmlattributes",
    "xmlconcat",
    "xmlelement",
    "xmlexists",
    "xmlforest",
    "xmlnamespaces",
    "xmlparse",
    "xmlpi",
    "xmlroot",
    "xmlserialize",
    "xmltable",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_read_the_same_under_either_string_setting() {
        assert_eq!(literal("it's"), "'it''s'");
        assert_eq!(literal("a\\'b"), "E'a\\\\''b'");
    }

    #[test]
    fn identifiers_are_quoted_when_needed() {
        assert_eq!(ident("orders"), "orders");
        assert_eq!(ident("Orders"), "\"Orders\"");
        assert_eq!(ident("user"), "\"user\"");
        assert_eq!(ident("a\"$$b"), "\"a\"\"$$b\"");
    }

    #[test]
    fn comments_split_on_every_line_end() {
        assert_eq!(
            comment("a\rDROP TABLE t;\nb"),
            "-- a\n-- DROP TABLE t;\n-- b\n"
        );
    }

    #[test]
    fn dollar_quotes_never_close_early() {
        assert_eq!(dollar_quoted(" SELECT 1; "), "$$ SELECT 1; $$");
        assert_eq!(dollar_quoted("'$$'"), "$statuskit$'$$'$statuskit$");
        assert_eq!(dollar_quoted("x$"), "$statuskit$x$$statuskit$");
        assert_eq!(
            dollar_quoted("$$ $statuskit$"),
            "$statuskit1$$$ $statuskit$$statuskit1$"
        );
    }
}
