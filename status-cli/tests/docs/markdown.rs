//! The fenced code blocks of a Markdown page, as the docs tests read them.

/// One fenced block: its info string's language and attributes, and its body.
pub struct Block {
    /// The line (1-based) the body starts on.
    pub line: usize,
    /// The info string's first word, up to a comma (`rust` of `rust,ignore`).
    pub language: String,
    /// `file=PATH` in the info string: the block is that file's whole text.
    pub file: Option<String>,
    pub body: String,
}

/// Every fenced block of `text`, in order. Fences may be indented (inside a list item);
/// the body keeps its lines as written.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        match &mut open {
            None => {
                if let Some(info) = trimmed.strip_prefix("```") {
                    let mut words = info.split_whitespace();
                    let language = words
                        .next()
                        .unwrap_or_default()
                        .split(',')
                        .next()
                        .unwrap_or_default()
                        .to_owned();
                    let file = words
                        .find_map(|w| w.strip_prefix("file="))
                        .map(str::to_owned);
                    open = Some(Block {
                        line: index + 2,
                        language,
                        file,
                        body: String::new(),
                    });
                }
            }
            Some(block) => {
                if trimmed.starts_with("```") {
                    out.extend(open.take());
                } else {
                    block.body.push_str(line);
                    block.body.push('\n');
                }
            }
        }
    }
    out
}

/// One command of a `console` block (`$ ` and the command, with `\` continuations) and
/// the output shown under it.
pub struct Command {
    /// The line (1-based) of its `$ `.
    pub line: usize,
    pub text: String,
    pub output: Vec<String>,
}

/// The commands of a `console` block's body starting on `first_line`.
pub fn commands(body: &str, first_line: usize) -> Vec<Command> {
    let mut out: Vec<Command> = Vec::new();
    let mut continued = false;
    for (index, line) in body.lines().enumerate() {
        if continued {
            if let Some(last) = out.last_mut() {
                last.text.push('\n');
                last.text.push_str(line);
                continued = line.ends_with('\\');
            }
        } else if let Some(command) = line.strip_prefix("$ ") {
            continued = command.ends_with('\\');
            out.push(Command {
                line: first_line + index,
                text: command.to_owned(),
                output: Vec::new(),
            });
        } else if let Some(last) = out.last_mut() {
            last.output.push(line.trim_end().to_owned());
        }
    }
    out
}

/// Whether `actual` is what `expected` shows: the same lines (trailing whitespace and
/// trailing blank lines aside), where a line `...` stands for any number of lines.
pub fn matches(expected: &[String], actual: &[String]) -> bool {
    let trim = |lines: &[String]| -> Vec<String> {
        let mut lines: Vec<String> = lines.iter().map(|l| l.trim_end().to_owned()).collect();
        while lines.last().is_some_and(String::is_empty) {
            lines.pop();
        }
        lines
    };
    let expected = trim(expected);
    let actual = trim(actual);
    let segments: Vec<&[String]> = expected.split(|l| l == "...").collect();
    let Some((first, rest)) = segments.split_first() else {
        return actual.is_empty();
    };
    if !actual.starts_with(first) {
        return false;
    }
    let mut at = first.len();
    if rest.is_empty() {
        return at == actual.len();
    }
    let (last, middle) = rest.split_last().unwrap_or((first, &[]));
    for segment in middle {
        match (at..=actual.len().saturating_sub(segment.len()))
            .find(|&i| actual[i..].starts_with(segment))
        {
            Some(found) => at = found + segment.len(),
            None => return false,
        }
    }
    actual.len() >= at + last.len() && actual.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::matches;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_owned).collect()
    }

    #[test]
    fn elisions_stand_for_any_lines_and_nothing_else_differs() {
        let actual = lines("a\nb\nc\nd\n");
        assert!(matches(&lines("a\nb\nc\nd\n\n"), &actual));
        assert!(matches(&lines("a\n...\nd"), &actual));
        assert!(matches(&lines("...\nc\n...\n"), &actual));
        assert!(matches(&lines("a\n...\nb\n...\nd"), &actual));
        assert!(!matches(&lines("a\nb\nc"), &actual));
        assert!(!matches(&lines("a\n...\nc"), &actual));
        assert!(!matches(&lines("b\n...\n"), &actual));
        assert!(!matches(&lines("a\n...\nc\n...\nb"), &actual));
        assert!(!matches(&lines("a\nb\n...\nb\nc\nd"), &actual));
    }
}
