//! Source text and byte spans into it.
//!
//! Every later stage points back at the schema through a [`Span`]; a [`SourceFile`] turns a
//! span into the `file:line:col` that people and editors read.

use core::fmt;

/// A byte range into a [`SourceFile`]'s text, half-open like `start..end`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span covering `start..end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// The span as a `Range`, for APIs that want one.
    pub const fn range(self) -> core::ops::Range<usize> {
        self.start..self.end
    }
}

impl From<core::ops::Range<usize>> for Span {
    fn from(range: core::ops::Range<usize>) -> Self {
        Self::new(range.start, range.end)
    }
}

/// A value together with the span of the text it was read from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Pairs `value` with `span`.
    pub const fn new(value: T, span: Span) -> Self {
        Self { value, span }
    }
}

impl Spanned<String> {
    /// The string value, borrowed.
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// A schema file: its display name (usually the path as given) and its text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    name: String,
    text: String,
    line_starts: Vec<usize>,
    /// Per line, whether it is all ASCII: there a column is a byte count, so locating a
    /// diagnostic on a very long line costs nothing more than on a short one.
    ascii_lines: Vec<bool>,
}

/// A 1-based line and column. The column counts Unicode scalar values, not bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl fmt::Display for LineCol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

impl SourceFile {
    /// A source named `name` (shown in diagnostics) holding `text`.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts: Vec<usize> = core::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let ascii_lines = line_starts
            .iter()
            .enumerate()
            .map(|(line, &start)| {
                let end = line_starts.get(line + 1).copied().unwrap_or(text.len());
                text.as_bytes()[start..end].is_ascii()
            })
            .collect();
        Self {
            name: name.into(),
            text,
            line_starts,
            ascii_lines,
        }
    }

    /// The name diagnostics show for this file.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text under `span`, or `""` if the span does not fall on character boundaries
    /// inside the text (spans come from the parser, but nothing here may panic on them).
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// Line and column of a byte offset, clamped to the text.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let line = self.line_index(offset);
        let line_start = self.line_starts[line];
        let column = if self.ascii_lines[line] {
            offset - line_start
        } else {
            self.text
                .get(line_start..offset)
                .map_or(offset - line_start, |prefix| prefix.chars().count())
        };
        LineCol {
            line: line + 1,
            column: column + 1,
        }
    }

    /// The 0-based line holding byte `offset` (clamped to the text).
    pub(crate) fn line_index(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        // `line_starts` begins with 0, so the partition point is at least 1.
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// The byte range of 0-based line `line`, without its line break.
    pub(crate) fn line_range(&self, line: usize) -> core::ops::Range<usize> {
        let start = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        start..end.max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_from_one() {
        let file = SourceFile::new("s.toml", "ab\nçd\n");
        assert_eq!(file.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(file.line_col(3), LineCol { line: 2, column: 1 });
        // 'ç' is two bytes: the byte after it is the second character.
        assert_eq!(file.line_col(5), LineCol { line: 2, column: 2 });
        assert_eq!(file.line_col(999), LineCol { line: 3, column: 1 });
    }

    #[test]
    fn slice_never_panics_on_bad_spans() {
        let file = SourceFile::new("s.toml", "ç");
        assert_eq!(file.slice(Span::new(1, 2)), "");
        assert_eq!(file.slice(Span::new(5, 9)), "");
        assert_eq!(file.slice(Span::new(0, 2)), "ç");
    }
}
