//! Excerpts of very wide or very tall source, for rendering.
//!
//! codespan prints every source line a label touches in full, and walks every line a
//! multi-line label spans. A generated schema may hold a 100 kB `states = [...]` line with
//! a warning for each of its 10,000 states: printed whole, that is a gigabyte of output.
//! For such a diagnostic the renderer shows an [`Excerpt`] instead: one cut line per
//! label, a window of context either side, `…` where text was cut, and the real line and
//! column numbers. Rendering then costs the same per diagnostic whatever the line length,
//! and ordinary diagnostics, whose lines are short, render exactly as before.

use core::ops::Range;

use codespan_reporting::files::{Error, Files};

use crate::source::{SourceFile, Span};

/// Lines longer than this (in bytes) are cut around the labels on them.
const LONG_LINE: usize = 240;
/// Labels spanning more lines than this are cut to their first line.
const TALL_LABEL: usize = 40;
/// Bytes of context kept either side of a label on a cut line.
const CONTEXT: usize = 40;
/// The widest label drawn on a cut line, in bytes; a wider one is cut.
const WIDEST_LABEL: usize = 80;
/// What stands for the text cut from either end of a line.
const ELLIPSIS: &str = "…";

/// Whether any of `spans` lies on a line too long, or spans too many lines, to print as is.
pub(super) fn needed(file: &SourceFile, spans: &[Span]) -> bool {
    spans.iter().any(|span| {
        let first = file.line_index(span.start);
        let last = file.line_index(span.end);
        last - first > TALL_LABEL
            || file.line_range(first).len() > LONG_LINE
            || file.line_range(last).len() > LONG_LINE
    })
}

/// The source codespan sees for one diagnostic: a cut line per group of nearby labels.
pub(super) struct Excerpt<'a> {
    name: &'a str,
    text: String,
    lines: Vec<Line>,
}

/// One line of an excerpt.
struct Line {
    /// Its bytes in the excerpt's text, line break included.
    range: Range<usize>,
    /// The real 1-based line number.
    number: usize,
    /// The real 1-based column of the first byte shown.
    column: usize,
    /// Where, in the excerpt's text, the real text starts (after a leading `…`).
    shown: usize,
}

impl<'a> Excerpt<'a> {
    /// The excerpt of `file` around `spans`, and each span's range within it, in order.
    pub(super) fn new(file: &'a SourceFile, spans: &[Span]) -> (Self, Vec<Range<usize>>) {
        let text = file.text();
        let floor = |mut i: usize| {
            i = i.min(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        // Each span cut to one line and a bounded width, with its window of context.
        let cut: Vec<(usize, Range<usize>, Range<usize>)> = spans
            .iter()
            .map(|span| {
                let line = file.line_index(span.start);
                let bounds = file.line_range(line);
                let start = floor(span.start.clamp(bounds.start, bounds.end));
                let end = floor(span.end.min(bounds.end).min(start + WIDEST_LABEL)).max(start);
                let window = floor(start.saturating_sub(CONTEXT).max(bounds.start))
                    ..floor((end + CONTEXT).min(bounds.end));
                (line, start..end, window)
            })
            .collect();

        // Labels close together on one line share a cut line, as they would share the line.
        let mut order: Vec<usize> = (0..cut.len()).collect();
        order.sort_by_key(|&i| (cut[i].0, cut[i].2.start));
        let mut groups: Vec<(usize, Range<usize>)> = Vec::new();
        let mut group_of = vec![0; cut.len()];
        for i in order {
            let (line, _, window) = &cut[i];
            match groups.last_mut() {
                Some((last, merged)) if last == line && window.start <= merged.end => {
                    merged.end = merged.end.max(window.end);
                }
                _ => groups.push((*line, window.clone())),
            }
            group_of[i] = groups.len() - 1;
        }

        let mut excerpt = Excerpt {
            name: file.name(),
            text: String::new(),
            lines: Vec::with_capacity(groups.len()),
        };
        for (line, window) in &groups {
            let bounds = file.line_range(*line);
            let start = excerpt.text.len();
            if window.start > bounds.start {
                excerpt.text.push_str(ELLIPSIS);
            }
            let shown = excerpt.text.len();
            excerpt
                .text
                .push_str(file.slice(Span::from(window.clone())));
            if window.end < bounds.end {
                excerpt.text.push_str(ELLIPSIS);
            }
            excerpt.text.push('\n');
            excerpt.lines.push(Line {
                range: start..excerpt.text.len(),
                number: line + 1,
                column: file.line_col(window.start).column,
                shown,
            });
        }
        let ranges = cut
            .iter()
            .zip(&group_of)
            .map(|((_, label, _), &group)| {
                let shown = excerpt.lines[group].shown;
                let from = groups[group].1.start;
                shown + (label.start - from)..shown + (label.end - from)
            })
            .collect();
        (excerpt, ranges)
    }
}

impl<'f, 'a: 'f> Files<'f> for Excerpt<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'f str;

    fn name(&'f self, (): ()) -> Result<&'a str, Error> {
        Ok(self.name)
    }

    fn source(&'f self, (): ()) -> Result<&'f str, Error> {
        Ok(&self.text)
    }

    fn line_index(&'f self, (): (), byte_index: usize) -> Result<usize, Error> {
        Ok(self
            .lines
            .partition_point(|line| line.range.start <= byte_index)
            .saturating_sub(1))
    }

    fn line_number(&'f self, (): (), line_index: usize) -> Result<usize, Error> {
        Ok(self.line(line_index)?.number)
    }

    fn column_number(
        &'f self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let line = self.line(line_index)?;
        let shown = self
            .text
            .get(line.shown..byte_index.max(line.shown))
            .map_or(0, |prefix| prefix.chars().count());
        Ok(line.column + shown)
    }

    fn line_range(&'f self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        Ok(self.line(line_index)?.range.clone())
    }
}

impl Excerpt<'_> {
    fn line(&self, index: usize) -> Result<&Line, Error> {
        self.lines.get(index).ok_or(Error::LineTooLarge {
            given: index,
            max: self.lines.len().saturating_sub(1),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_a_long_line_around_the_label_and_keeps_real_positions() {
        let states: Vec<String> = (0..1000).map(|i| format!("\"s{i}\"")).collect();
        let text = format!("[status.Big]\nstates = [{}]\n", states.join(", "));
        let file = SourceFile::new("s.toml", text.clone());
        let at = text.find("\"s500\"").unwrap_or(0);
        let span = Span::new(at, at + 6);
        assert!(needed(&file, &[span]));
        let (excerpt, ranges) = Excerpt::new(&file, &[span]);
        assert_eq!(&excerpt.text[ranges[0].clone()], "\"s500\"");
        assert!(excerpt.text.starts_with(ELLIPSIS) && excerpt.text.ends_with("…\n"));
        assert!(excerpt.text.len() < 2 * CONTEXT + 20);
        let location = excerpt
            .location((), ranges[0].start)
            .map(|l| (l.line_number, l.column_number));
        assert_eq!(location.ok(), Some((2, file.line_col(at).column)));
    }

    #[test]
    fn short_lines_need_no_excerpt() {
        let file = SourceFile::new("s.toml", "a = 1\nb = 2\n");
        assert!(!needed(&file, &[Span::new(0, 1), Span::new(6, 11)]));
    }
}
