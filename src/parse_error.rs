//! The error of parsing a status from text.

use core::fmt;

/// How much of the refused input an error keeps. Errors carry their input inline so that
/// parsing never allocates, even when it fails; longer input is cut at a char boundary.
const EXCERPT: usize = 48;

/// Text that is not a value of the status: not a wire value, not an alias, and (for a
/// case-insensitive status) not either of those in another case.
///
/// It names the status and the input, lists the accepted values and, for a near miss,
/// suggests the nearest accepted spelling:
///
/// ```text
/// unknown TaskStatus "in_progres"; expected one of pending, in_progress, completed,
/// failed, cancelled; did you mean "in_progress"?
/// ```
///
/// The error is `Copy` and allocation-free: it keeps the first 48 bytes of the input (see
/// [`is_truncated`](Self::is_truncated)) and borrows the accepted values from the generated
/// code's static tables.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ParseStatusError {
    // One pointer to the status's static table keeps the error (and so every parser's
    // `Result`) at 64 bytes.
    table: &'static ParseTable,
    input: [u8; EXCERPT],
    input_len: u8,
    truncated: bool,
}

impl ParseStatusError {
    /// An error for `input`, which is not a spelling of the status `table` describes.
    #[doc(hidden)]
    #[cold]
    #[inline(never)]
    #[must_use]
    pub fn new(table: &'static ParseTable, input: &str) -> Self {
        let mut cut = input.len().min(EXCERPT);
        while !input.is_char_boundary(cut) {
            cut -= 1;
        }
        let mut buffer = [0; EXCERPT];
        buffer[..cut].copy_from_slice(&input.as_bytes()[..cut]);
        Self {
            table,
            input: buffer,
            // `cut <= EXCERPT`, which fits a u8.
            input_len: u8::try_from(cut).unwrap_or(u8::MAX),
            truncated: cut < input.len(),
        }
    }

    /// The status's name in the schema, such as `"TaskStatus"`.
    pub fn status(&self) -> &'static str {
        self.table.status
    }

    /// The refused input, or its first 48 bytes when [`is_truncated`](Self::is_truncated).
    pub fn input(&self) -> &str {
        let bytes = &self.input[..usize::from(self.input_len)];
        // The excerpt was cut at a char boundary of a `&str`, so it is valid UTF-8.
        core::str::from_utf8(bytes).unwrap_or_default()
    }

    /// Whether the input was longer than what the error keeps.
    pub fn is_truncated(&self) -> bool {
        self.truncated
    }

    /// The status's wire values, in schema order.
    pub fn expected(&self) -> &'static [&'static str] {
        self.table.expected
    }

    /// The nearest accepted spelling (wire value or alias), when the input is a near miss,
    /// by the rule the schema checker's hints follow too: at most one edit per three
    /// characters, ignoring ASCII case.
    pub fn suggestion(&self) -> Option<&'static str> {
        if self.truncated {
            return None;
        }
        status_suggest::closest(
            self.input(),
            self.table
                .expected
                .iter()
                .chain(self.table.aliases)
                .copied(),
        )
    }
}

impl fmt::Display for ParseStatusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} {:?}", self.table.status, self.input())?;
        if self.truncated {
            f.write_str(" (cut)")?;
        }
        f.write_str("; expected one of ")?;
        for (i, value) in self.table.expected.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(value)?;
        }
        if let Some(suggestion) = self.suggestion() {
            write!(f, "; did you mean {suggestion:?}?")?;
        }
        Ok(())
    }
}

impl fmt::Debug for ParseStatusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParseStatusError")
            .field("status", &self.table.status)
            .field("input", &self.input())
            .field("truncated", &self.truncated)
            .field("expected", &self.table.expected)
            .finish_non_exhaustive()
    }
}

impl core::error::Error for ParseStatusError {}

/// What a [`ParseStatusError`] says about its status: written once per status, as a
/// `static`, by the generated parser.
#[derive(Debug, PartialEq, Eq)]
pub struct ParseTable {
    /// The status's name in the schema.
    pub status: &'static str,
    /// The wire values, listed in the message.
    pub expected: &'static [&'static str],
    /// The other accepted spellings, searched for a suggestion too.
    pub aliases: &'static [&'static str],
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::string::ToString;

    use super::{ParseStatusError, ParseTable};

    static TABLE: ParseTable = ParseTable {
        status: "TaskStatus",
        expected: &["pending", "in_progress", "completed"],
        aliases: &["success"],
    };

    #[test]
    fn message_names_status_input_values_and_suggestion() {
        let error = ParseStatusError::new(&TABLE, "in_progres");
        assert_eq!(
            error.to_string(),
            "unknown TaskStatus \"in_progres\"; expected one of pending, in_progress, \
             completed; did you mean \"in_progress\"?"
        );
    }

    #[test]
    fn suggestion_ignores_case_and_searches_aliases() {
        let error = ParseStatusError::new(&TABLE, "SUCESS");
        assert_eq!(error.suggestion(), Some("success"));
    }

    #[test]
    fn no_suggestion_for_a_far_miss() {
        let error = ParseStatusError::new(&TABLE, "banana");
        assert_eq!(error.suggestion(), None);
        assert!(!error.to_string().contains("did you mean"));
    }

    #[test]
    fn long_input_is_cut_at_a_char_boundary() {
        let input = "é".repeat(40); // 80 bytes
        let error = ParseStatusError::new(&TABLE, &input);
        assert!(error.is_truncated());
        assert_eq!(error.input(), "é".repeat(24));
        assert!(error.to_string().contains("(cut)"));
        assert_eq!(error.suggestion(), None);
    }
}
