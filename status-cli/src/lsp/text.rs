//! Positions as the Language Server Protocol counts them: a line, and a column in UTF-16
//! code units (the protocol's default encoding), to and from byte offsets of the text.

use lsp_types::{Position, Range};

/// The lines of one version of a document.
pub(super) struct LineIndex<'a> {
    text: &'a str,
    /// The byte each line starts at.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(at, _)| at + 1));
        Self { text, starts }
    }

    /// The position of byte `at` (clamped to the text, and to a character boundary).
    pub(super) fn position(&self, at: usize) -> Position {
        let mut at = at.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= at) - 1;
        let column: usize = self.text[self.starts[line]..at]
            .chars()
            .map(char::len_utf16)
            .sum();
        Position::new(
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(column).unwrap_or(u32::MAX),
        )
    }

    pub(super) fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end))
    }

    /// The byte `position` names: past a line's end is its end, past the last line the
    /// text's end.
    pub(super) fn offset(&self, position: Position) -> usize {
        let Ok(line) = usize::try_from(position.line) else {
            return self.text.len();
        };
        let Some(&start) = self.starts.get(line) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let mut units = 0;
        for (at, c) in self.text[start..end].char_indices() {
            if units >= position.character as usize {
                return start + at;
            }
            units += c.len_utf16();
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::LineIndex;
    use lsp_types::Position;

    #[test]
    fn columns_count_utf16_units() {
        let text = "a = 1\nb = \"é𝄞x\"\n";
        let index = LineIndex::new(text);
        let x = text.find('x').expect("x");
        // `é` is one unit, `𝄞` two.
        assert_eq!(index.position(x), Position::new(1, 8));
        assert_eq!(index.offset(Position::new(1, 8)), x);
        assert_eq!(index.offset(Position::new(9, 0)), text.len());
        assert_eq!(index.offset(Position::new(0, 99)), 5);
    }
}
