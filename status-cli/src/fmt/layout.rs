//! The one layout of a `statuses.toml`, applied to `toml_edit`'s tree: only the whitespace
//! and comments around keys, values and headers (their "decor") change, never a key, a value
//! or its spelling, so the formatted file holds the same data as the original. Comments and
//! the order of statuses and keys stay as written.
//!
//! - `key = value`, one space around `=`, keys not indented;
//! - one blank line before each table header (and the comments directly above it), none at
//!   the top of the file, at most one anywhere, no trailing whitespace, one newline at the end;
//! - an array on one line (`["a", "b"]`) when it has no comment and fits in 100 columns with
//!   its key, else one element a line, indented by four spaces, with a trailing comma;
//! - an inline table as `{ a = 1, b = ["x"] }`; one written over several lines (TOML 1.1) or
//!   holding comments is left as it is.

use toml_edit::{Array, Decor, DocumentMut, InlineTable, Item, RawString, Table, Value};

/// The widest line an array is kept on.
const WIDTH: usize = 100;

/// `document` in the canonical layout.
pub(crate) fn layout(document: &mut DocumentMut) {
    table(document.as_table_mut(), true);
    // Comments after the last item stay (after one blank line, if they had one); blank
    // lines alone go, so the file ends with one newline.
    let trailing = comments_block(&format!("{}\n", raw(document.trailing())), "");
    let trailing = if trailing.trim().is_empty() {
        String::new()
    } else {
        format!("{}\n", trailing.trim_end_matches('\n'))
    };
    document.set_trailing(trailing);
}

/// The text of a raw string (a parsed document's are all text).
fn raw(text: &RawString) -> String {
    text.as_str().unwrap_or_default().to_owned()
}

fn prefix(decor: &Decor) -> String {
    decor.prefix().map(raw).unwrap_or_default()
}

fn suffix(decor: &Decor) -> String {
    decor.suffix().map(raw).unwrap_or_default()
}

fn has_comment(text: &str) -> bool {
    text.contains('#')
}

/// The comments and blank lines before an item, as lines each ending in a newline, each
/// comment indented by `indent`, no trailing whitespace, at most one blank line in a row.
fn comments_block(text: &str, indent: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    let mut lines: Vec<&str> = text.split('\n').collect();
    // The text runs up to the item itself: its last piece is the item's own indentation.
    lines.pop();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            if !blank {
                out.push('\n');
            }
            blank = true;
        } else {
            out.push_str(indent);
            out.push_str(line);
            out.push('\n');
            blank = false;
        }
    }
    out
}

/// A comment after an item on its line, as ` # comment`, or nothing.
fn trailing_comment(text: &str) -> String {
    match text.find('#') {
        Some(at) => format!(" {}", text[at..].trim_end()),
        None => String::new(),
    }
}

fn table(table: &mut Table, root: bool) {
    // A header of its own (not `status` of `[status.X]`, not `into` of `into.X = …`).
    if !root && !table.is_implicit() && !table.is_dotted() {
        let decor = table.decor_mut();
        let before = comments_block(&prefix(decor), "");
        // A blank line between the header (with the comments above it) and what comes
        // before: where the comments have one already, it stays where it is (a comment
        // that ends the table before stays with it).
        let before = if before.contains("\n\n") || before.starts_with('\n') {
            before
        } else {
            format!("\n{before}")
        };
        let after = trailing_comment(&suffix(decor));
        decor.set_prefix(before);
        decor.set_suffix(after);
    }
    for (mut key, item) in table.iter_mut() {
        let key_width = key.get().chars().count();
        match item {
            Item::Value(value) => {
                // A key of a header (`X` of `[status.X]`) is written in the header, as it
                // was; a key of a value starts its line.
                let decor = key.leaf_decor_mut();
                let before = comments_block(&prefix(decor), "");
                decor.set_prefix(before);
                decor.set_suffix(" ");
                key.dotted_decor_mut().clear();
                value_at(value, key_width + 3, 0);
                let decor = value.decor_mut();
                let after = trailing_comment(&suffix(decor));
                decor.set_prefix(" ");
                decor.set_suffix(after);
            }
            Item::Table(inner) => {
                // A key of a header or a dotted key (`[status.X]`, `docs.paid`) is written
                // in several places from one spelling: the plainest one, so that each place
                // writes it the same (`"Ticket"` is `Ticket`, `docs . paid` is `docs.paid`).
                key.fmt();
                self::table(inner, false);
            }
            Item::ArrayOfTables(tables) => {
                key.fmt();
                for inner in tables.iter_mut() {
                    self::table(inner, false);
                }
            }
            Item::None => {}
        }
    }
}

/// Lays out `value`, which starts `column` characters into its line, in an array nested
/// `depth` deep.
fn value_at(value: &mut Value, column: usize, depth: usize) {
    match value {
        Value::Array(array) => self::array(array, column, depth),
        Value::InlineTable(inline) => self::inline(inline),
        _ => {}
    }
}

/// Whether anything inside `value` is a comment or a line break: such a value keeps the
/// lines it was written on.
fn spans_lines(value: &Value) -> bool {
    let decor = value.decor();
    let around = format!("{}{}", prefix(decor), suffix(decor));
    if around.contains('\n') || has_comment(&around) {
        return true;
    }
    match value {
        Value::Array(array) => {
            raw(array.trailing()).contains(['\n', '#']) || array.iter().any(spans_lines)
        }
        Value::InlineTable(inline) => {
            raw(inline.trailing()).contains(['\n', '#'])
                || inline.iter().any(|(_, v)| spans_lines(v))
                || inline.to_string().contains('\n')
        }
        _ => false,
    }
}

fn array(array: &mut Array, column: usize, depth: usize) {
    let commented = has_comment(&raw(array.trailing()))
        || array.iter().any(|v| {
            let decor = v.decor();
            has_comment(&prefix(decor)) || has_comment(&suffix(decor)) || spans_comment(v)
        });
    if !commented {
        let mut flat = array.clone();
        one_line(&mut flat);
        if column + flat.to_string().trim().chars().count() <= WIDTH || flat.is_empty() {
            *array = flat;
            return;
        }
    }
    let indent = "    ".repeat(depth + 1);
    let closing = "    ".repeat(depth);
    // A comment written before an element's comma (or before `]`) moves after it: the
    // comma must not land inside the comment.
    let mut carried = (String::new(), String::new());
    for value in array.iter_mut() {
        let decor = value.decor();
        let before = lines_after(&prefix(decor), &indent, &carried);
        carried = comments_of(&suffix(decor), &indent);
        value_at(value, indent.chars().count(), depth + 1);
        let decor = value.decor_mut();
        decor.set_prefix(format!("{before}{indent}"));
        decor.set_suffix("");
    }
    let trailing = lines_after(&raw(array.trailing()), &indent, &carried);
    array.set_trailing_comma(true);
    array.set_trailing(format!("{trailing}{closing}"));
}

/// The comments in what follows an element before its comma: the one on its line, and
/// those on lines of their own, indented by `indent`.
fn comments_of(text: &str, indent: &str) -> (String, String) {
    let (line, rest) = text.split_once('\n').unwrap_or((text, ""));
    let lines = if text.contains('\n') {
        comments_block(rest, indent)
    } else {
        String::new()
    };
    (
        trailing_comment(line),
        lines.trim_start_matches('\n').to_owned(),
    )
}

/// What stands between two elements of an array written one a line (after `[` or a comma,
/// up to the next element or `]`): the rest of the line, where a comment belongs to the
/// element before (with one `carried` from before its comma), then the comments on lines
/// of their own, indented by `indent`.
fn lines_after(text: &str, indent: &str, carried: &(String, String)) -> String {
    let (line, rest) = text.split_once('\n').unwrap_or((text, ""));
    let rest = if text.contains('\n') {
        comments_block(rest, indent)
    } else {
        String::new()
    };
    let own = trailing_comment(line);
    let (head, moved) = match (carried.0.is_empty(), own.is_empty()) {
        (false, false) => (carried.0.clone(), format!("{indent}{}\n", own.trim_start())),
        (false, true) => (carried.0.clone(), String::new()),
        _ => (own, String::new()),
    };
    format!("{head}\n{}{moved}{rest}", carried.1)
}

/// Whether a comment sits anywhere inside `value`.
fn spans_comment(value: &Value) -> bool {
    match value {
        Value::Array(array) => {
            has_comment(&raw(array.trailing()))
                || array.iter().any(|v| {
                    has_comment(&prefix(v.decor()))
                        || has_comment(&suffix(v.decor()))
                        || spans_comment(v)
                })
        }
        Value::InlineTable(_) => spans_lines(value),
        _ => false,
    }
}

/// `array` on one line: `["a", "b"]`, nested arrays and inline tables too.
fn one_line(array: &mut Array) {
    for (i, value) in array.iter_mut().enumerate() {
        match value {
            Value::Array(inner) => one_line(inner),
            Value::InlineTable(inline) => self::inline(inline),
            _ => {}
        }
        let decor = value.decor_mut();
        decor.set_prefix(if i == 0 { "" } else { " " });
        decor.set_suffix("");
    }
    array.set_trailing_comma(false);
    array.set_trailing("");
}

/// `{ a = 1, b = ["x"] }`, unless written over lines or with comments (left as written).
fn inline(inline: &mut InlineTable) {
    let as_value = Value::InlineTable(inline.clone());
    if spans_lines(&as_value) {
        return;
    }
    for (mut key, value) in inline.iter_mut() {
        if let Value::Array(array) = value {
            one_line(array);
        }
        if let Value::InlineTable(nested) = value {
            self::inline(nested);
        }
        key.leaf_decor_mut().set_prefix(" ");
        key.leaf_decor_mut().set_suffix(" ");
        value.decor_mut().set_prefix(" ");
        value.decor_mut().set_suffix("");
    }
    inline.set_trailing_comma(false);
    inline.set_trailing(if inline.is_empty() { "" } else { " " });
}
