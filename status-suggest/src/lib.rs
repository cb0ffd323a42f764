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
/// one edit (insertion, deletion, substitution, or a swap of neighbours) per three bytes of the longer of the two,
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

/// Edit distance over bytes with ASCII case folded, counting a swap of two adjacent bytes
/// as one edit (optimal string alignment: `grene` is one edit from `green`); `input` is at
/// most [`MAX_INPUT_BYTES`] long, so the three rows it keeps fit on the stack.
fn folded_distance(input: &[u8], candidate: &[u8]) -> usize {
    let fold = u8::to_ascii_lowercase;
    let width = input.len() + 1;
    // Rows j - 2, j - 1 and j of the table, over the positions of `input`.
    let mut before = [0usize; MAX_INPUT_BYTES + 1];
    let mut previous = [0usize; MAX_INPUT_BYTES + 1];
    let mut current = [0usize; MAX_INPUT_BYTES + 1];
    for (i, slot) in previous.iter_mut().enumerate().take(width) {
        *slot = i;
    }
    for (j, &c) in candidate.iter().enumerate() {
        current[0] = j + 1;
        for (i, &a) in input.iter().enumerate() {
            let cost = usize::from(fold(&a) != fold(&c));
            let mut best = (previous[i] + cost)
                .min(previous[i + 1] + 1)
                .min(current[i] + 1);
            let swapped = i > 0
                && j > 0
                && fold(&a) == fold(&candidate[j - 1])
                && fold(&input[i - 1]) == fold(&c);
            if swapped {
                best = best.min(before[i - 1] + 1);
            }
            current[i + 1] = best;
        }
        before[..width].copy_from_slice(&previous[..width]);
        previous[..width].copy_from_slice(&current[..width]);
    }
    previous[input.len()]
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

    /// The distance by its definition, recursively, for short strings.
    fn reference(a: &[u8], b: &[u8]) -> usize {
        match (a.len(), b.len()) {
            (0, n) | (n, 0) => n,
            (i, j) => {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (reference(&a[..i - 1], b) + 1)
                    .min(reference(a, &b[..j - 1]) + 1)
                    .min(reference(&a[..i - 1], &b[..j - 1]) + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(reference(&a[..i - 2], &b[..j - 2]) + 1);
                }
                best
            }
        }
    }

    #[test]
    fn distance_matches_its_definition_on_every_short_string() {
        // Every string of up to four letters over a three-letter alphabet, paired.
        let mut words = [[0u8; 4]; 121];
        let mut lengths = [0usize; 121];
        let mut count = 0;
        for len in 0..=4u32 {
            for n in 0..3usize.pow(len) {
                let mut n = n;
                for slot in words[count].iter_mut().take(len as usize) {
                    *slot = b"abc"[n % 3];
                    n /= 3;
                }
                lengths[count] = len as usize;
                count += 1;
            }
        }
        for a in 0..count {
            for b in 0..count {
                let (a, b) = (&words[a][..lengths[a]], &words[b][..lengths[b]]);
                assert_eq!(super::folded_distance(a, b), reference(a, b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn a_swap_of_neighbours_is_one_edit() {
        assert_eq!(closest("grene", ["green"]), Some("green"));
        assert_eq!(closest("RNUNING", ["running"]), Some("running"));
        assert_eq!(closest("ab", ["ba"]), Some("ba"));
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
