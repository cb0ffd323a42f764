//! statuskit's one "did you mean" rule: which known name a mistyped one most likely meant.
//!
//! The schema checker offers it for misspelt states and statuses, the runtime for a string
//! that parses to no state; both call [`closest`], so they agree on what counts as close.
//!
//! ```
//! assert_eq!(status_suggest::closest("queud", ["queued", "running"]), Some("queued"));
//! assert_eq!(status_suggest::closest("RUNING", ["queued", "running"]), Some("running"));
//! // Too far: `failed` is not offered for `paused`.
//! assert_eq!(status_suggest::closest("paused", ["failed"]), None);
//! ```
#![no_std]

/// Input longer than this (in bytes) gets no hint: the distance costs the product of the
/// two lengths, and a slip of the hand in a long string is not what happened. It also sizes
/// the one row of the distance table, kept on the stack.
pub const MAX_INPUT_BYTES: usize = 64;

/// Past this many candidates no hint is offered: a schema with thousands of states and as
/// many mistakes would otherwise cost a scan of every state per mistake (quadratic), and
/// among thousands of near-identical names a guess is as likely noise as help.
pub const MAX_CANDIDATES: usize = 1_000;

/// The candidate closest to `input`, if one is close enough to be a plausible typo: at most
/// one edit (insertion, deletion, substitution) per three bytes of the longer of the two,
/// at least one, ASCII case ignored. Of equally close candidates, the first wins.
pub fn closest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let input = input.as_bytes();
    if input.len() > MAX_INPUT_BYTES {
        return None;
    }
    let mut best: Option<(usize, &'a str)> = None;
    for (seen, candidate) in candidates.into_iter().enumerate() {
        if seen == MAX_CANDIDATES {
            return None;
        }
        let allowed = allowed_edits(input.len(), candidate.len());
        // Lengths further apart than the allowed distance cannot be close enough; this also
        // keeps every measured candidate short.
        if input.len().abs_diff(candidate.len()) > allowed {
            continue;
        }
        let distance = folded_distance(input, candidate.as_bytes());
        if distance <= allowed && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// One edit per three bytes of the longer name, at least one: close enough to be a slip of
/// the hand, far enough that `failed` is not offered for `paused`.
const fn allowed_edits(a: usize, b: usize) -> usize {
    let longer = if a > b { a } else { b };
    if longer / 3 > 1 { longer / 3 } else { 1 }
}

/// Levenshtein distance over bytes with ASCII case folded; `input` is at most
/// [`MAX_INPUT_BYTES`] long (one row on the stack, no allocation).
fn folded_distance(input: &[u8], candidate: &[u8]) -> usize {
    let mut row = [0usize; MAX_INPUT_BYTES + 1];
    for (i, slot) in row.iter_mut().enumerate().take(input.len() + 1) {
        *slot = i;
    }
    for (j, &c) in candidate.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = j + 1;
        for (i, &a) in input.iter().enumerate() {
            let substitution = diagonal + usize::from(!a.eq_ignore_ascii_case(&c));
            diagonal = row[i + 1];
            row[i + 1] = substitution.min(row[i] + 1).min(diagonal + 1);
        }
    }
    row[input.len()]
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn one_edit_per_three_bytes_of_the_longer_name() {
        assert_eq!(closest("queud", ["queued"]), Some("queued"));
        assert_eq!(closest("qd", ["queued"]), None);
        assert_eq!(closest("a", ["b"]), Some("b"));
        assert_eq!(closest("ab", ["cd"]), None);
    }

    #[test]
    fn ignores_ascii_case_and_prefers_the_first_of_equals() {
        assert_eq!(closest("DONE", ["dome", "done"]), Some("done"));
        assert_eq!(closest("dane", ["done", "dine"]), Some("done"));
    }

    #[test]
    fn gives_up_on_long_input_and_many_candidates() {
        let long = "a".repeat(super::MAX_INPUT_BYTES + 1);
        assert_eq!(closest(&long, [long.as_str()]), None);
        let many = core::iter::repeat_n("done", super::MAX_CANDIDATES + 1);
        assert_eq!(closest("done", many), None);
    }

    #[test]
    fn multibyte_input_is_measured_in_bytes_without_panicking() {
        assert_eq!(closest("quéued", ["queued"]), Some("queued"));
        assert_eq!(closest("ü", ["u"]), None);
    }
}
