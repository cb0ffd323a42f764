//! Prisma schema language: string literals and `///` doc comments.

use super::{comment_safe, lines};

/// A string literal (`@map`, `@@map`): Prisma reads JSON's escapes.
pub(crate) fn string(text: &str) -> String {
    super::js::string(text)
}

/// `///` doc comment lines at `indent`, one per line of `text`. Prisma ends a comment at
/// LF or CR; every terminator is split on, so no text can begin a line of schema.
pub(crate) fn doc(indent: &str, text: &str) -> String {
    lines(text.trim())
        .map(|line| {
            let line = comment_safe(line);
            if line.is_empty() {
                format!("{indent}///\n")
            } else {
                format!("{indent}/// {line}\n")
            }
        })
        .collect()
}

/// A `// ` comment on one line.
pub(crate) fn comment(text: &str) -> String {
    format!("// {}\n", super::one_line(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_lines_cannot_escape() {
        assert_eq!(doc("  ", "a\rmodel X {}\n"), "  /// a\n  /// model X {}\n");
    }
}
