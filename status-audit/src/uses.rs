//! Where the code uses a string literal as the value of something: compared with it,
//! assigned to it, passed as a keyword, matched against it, stored under its key, given as
//! its default, or filtered on, set or inserted in SQL. `statuskit lint` decides from
//! evidence which of these places hold a status, and checks their literals against it.
//!
//! Only literals in these positions are read: a value in a comment, a docstring, a log
//! message or any other string is never a use.

/// One string literal used as the value of a place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiteralUse {
    /// Relative to the audited directory, `/`-separated.
    pub path: String,
    /// Where the literal's characters start (inside its quotes): 1-based line, and 1-based
    /// column counted in Unicode scalar values.
    pub line: usize,
    /// See `line`.
    pub column: usize,
    /// Where they end: the line, and the column just past the last character.
    pub end_line: usize,
    /// See `end_line`.
    pub end_column: usize,
    /// The same characters as a byte range of the file: what `--fix` replaces.
    pub bytes: std::ops::Range<usize>,
    /// The literal's value, escapes decoded.
    pub value: String,
    /// Whether the file's text at `bytes` is `value` itself (no escape sequence, no
    /// concatenation): only such a literal is rewritten by `--fix`.
    pub verbatim: bool,
    /// The place the literal is the value of.
    pub place: Place,
    /// How it is used there.
    pub how: How,
    /// The function or class the use is in (`Order.ship`), empty at a file's top level:
    /// uses of one place in one scope are compared with each other.
    pub scope: String,
    /// Where its statement starts (a byte of the file): a SQL statement, a statement of
    /// code. The uses of one statement are read together (`UPDATE … SET status = 'new' WHERE
    /// status = 'old'` converts).
    pub statement: Option<usize>,
}

/// What a literal is the value of: `order.status`, `self.state`, a keyword `status=`, a
/// SQL column `orders.status`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Place {
    /// As the code writes it (`order.status`, `status`, `o.status` in SQL).
    pub text: String,
    /// What holds the field: the object (`order` of `order.status`, the class of
    /// `self.status`, the model of `Order.objects.filter(status=…)`, the table of a SQL
    /// column); `None` for a bare name.
    pub owner: Option<String>,
    /// The field or variable: `status`.
    pub field: String,
    /// The type the code gives the place, where it says one: a parameter's or variable's
    /// annotation, a class or interface field's, a SQL cast (`'x'::order_status`).
    pub typed: Option<String>,
    /// The type of what holds the field, where the code says it (`order: Order`, the class
    /// of `self`) but the field's own type is declared elsewhere: looked up in every file's
    /// declarations once the tree is read.
    pub owner_type: Option<String>,
}

/// A field declared with a type: `status: OrderStatus` in class or interface `Order`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeclaredField {
    /// The class, interface or type alias.
    pub owner: String,
    /// The field.
    pub field: String,
    /// The one type it is declared with.
    pub type_name: String,
}

/// How a literal is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum How {
    /// `place == "x"`, `place in ("x", "y")`, `["x"].includes(place)`, SQL `WHERE`.
    Compared,
    /// `place = "x"`, SQL `SET place = 'x'`.
    Assigned,
    /// `f(place="x")`, Django's `filter(place__in=[…])`.
    Passed,
    /// `match place: case "x":`, `switch (place) { case "x": }`.
    Matched,
    /// `{"place": "x"}`, `{ place: "x" }`, SQL `INSERT INTO t (place) VALUES ('x')`.
    Stored,
    /// A parameter's, field's or column's default.
    Default,
}

impl How {
    /// How the message says it: "compared with `order.status`".
    pub const fn phrase(self) -> &'static str {
        match self {
            How::Compared => "compared with",
            How::Assigned => "assigned to",
            How::Passed => "passed as",
            How::Matched => "matched against",
            How::Stored => "stored as",
            How::Default => "the default of",
        }
    }
}

/// What an extractor hands back: its uses by position, and its declared fields by owner
/// and field (both in a fixed order, so that a tree reads the same every time).
pub(crate) fn finish(
    mut uses: Vec<LiteralUse>,
    fields: std::collections::HashMap<(String, String), String>,
) -> (Vec<LiteralUse>, Vec<DeclaredField>) {
    uses.sort_by_key(|u| u.bytes.start);
    let mut fields: Vec<DeclaredField> = fields
        .into_iter()
        .map(|((owner, field), type_name)| DeclaredField {
            owner,
            field,
            type_name,
        })
        .collect();
    fields.sort_by(|a, b| (&a.owner, &a.field).cmp(&(&b.owner, &b.field)));
    (uses, fields)
}

/// `scope.name` (`Order.ship`), or the one of them there is.
pub(crate) fn join(scope: &str, name: &str) -> String {
    match (scope.is_empty(), name.is_empty()) {
        (_, true) => scope.to_owned(),
        (true, false) => name.to_owned(),
        (false, false) => format!("{scope}.{name}"),
    }
}

/// Where a literal's body sits in a file, from its byte range. Columns count characters:
/// on an ASCII line a byte offset is its column, and on another the count goes on from the
/// last position asked on that line, so that a 1 MB line of literals costs one pass, not
/// one per literal.
pub(crate) struct Positions<'a> {
    source: &'a str,
    /// The byte offset each line starts at.
    starts: Vec<usize>,
    /// Whether each line is ASCII.
    ascii: Vec<bool>,
    /// The last position counted on a line that is not ASCII: `(line, byte, column)`.
    cursor: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> Positions<'a> {
    pub(crate) fn new(source: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(at, _)| at + 1));
        let ascii = starts
            .iter()
            .enumerate()
            .map(|(i, &start)| {
                let end = starts.get(i + 1).copied().unwrap_or(source.len());
                source
                    .as_bytes()
                    .get(start..end)
                    .is_some_and(<[u8]>::is_ascii)
            })
            .collect();
        Self {
            source,
            starts,
            ascii,
            cursor: std::cell::Cell::new((0, 0, 0)),
        }
    }

    /// 1-based line and 1-based column in characters of byte `at`.
    pub(crate) fn at(&self, at: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&start| start <= at).max(1);
        let start = self.starts[line - 1];
        if self.ascii.get(line - 1).copied().unwrap_or(false) {
            return (line, at.saturating_sub(start) + 1);
        }
        let (cursor_line, cursor_byte, cursor_column) = self.cursor.get();
        let (from, counted) = if cursor_line == line && cursor_byte <= at {
            (cursor_byte, cursor_column)
        } else {
            (start, 0)
        };
        let column = counted
            + self
                .source
                .get(from..at)
                .map_or(0, |text| text.chars().count());
        self.cursor.set((line, at, column));
        (line, column + 1)
    }

    /// The byte offset of 1-based `line` and 1-based character `column`, if the file has
    /// them.
    pub(crate) fn offset(&self, line: usize, column: usize) -> Option<usize> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self.starts.get(line).copied().unwrap_or(self.source.len());
        let skip = column.checked_sub(1)?;
        if self.ascii.get(line - 1).copied().unwrap_or(false) {
            return (start + skip <= end).then_some(start + skip);
        }
        let (cursor_line, cursor_byte, cursor_column) = self.cursor.get();
        let (from, counted) = if cursor_line == line && cursor_column <= skip {
            (cursor_byte, cursor_column)
        } else {
            (start, 0)
        };
        let rest = self.source.get(from..end)?;
        let at = if skip == counted {
            from
        } else {
            from + rest
                .char_indices()
                .nth(skip - counted)
                .map_or(rest.len(), |(at, _)| at)
        };
        if at == from + rest.len() && rest[..].chars().count() < skip - counted {
            return None;
        }
        self.cursor.set((line, at, skip));
        Some(at)
    }

    /// A use of the literal whose body is the bytes `bytes` of the file.
    pub(crate) fn literal(
        &self,
        path: &str,
        bytes: std::ops::Range<usize>,
        value: String,
        place: Place,
        how: How,
        scope: &str,
    ) -> LiteralUse {
        let (line, column) = self.at(bytes.start);
        let (end_line, end_column) = self.at(bytes.end);
        let verbatim = self.source.get(bytes.clone()) == Some(value.as_str());
        LiteralUse {
            path: path.to_owned(),
            line,
            column,
            end_line,
            end_column,
            bytes,
            value,
            verbatim,
            place,
            how,
            scope: scope.to_owned(),
            statement: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Positions;

    #[test]
    fn positions_count_characters_and_lines() {
        let source = "ab\né\"x\"\n";
        let positions = Positions::new(source);
        assert_eq!(positions.at(0), (1, 1));
        assert_eq!(positions.at(3), (2, 1));
        // `é` is two bytes and one column.
        assert_eq!(positions.at(6), (2, 3));
        assert_eq!(positions.offset(2, 3), Some(6));
        assert_eq!(positions.offset(2, 1), Some(3));
        assert_eq!(positions.at(8), (2, 5));
        assert_eq!(positions.offset(9, 1), None);
        assert_eq!(positions.offset(1, 3), Some(2));
        assert_eq!(positions.offset(1, 9), None);
    }
}
