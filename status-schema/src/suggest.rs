//! "Did you mean" hints.

use core::fmt::Write;

/// Past this many candidates no hint is offered: a schema with thousands of states and as
/// many mistakes would otherwise cost a scan of every state per mistake (quadratic), and
/// among thousands of near-identical names a guess is as likely noise as help.
const MAX_CANDIDATES: usize = 1_000;

/// Names longer than this get no hint: the edit distance costs the product of the two
/// lengths, and a slip of the hand in a 2,000-character name is not what happened.
const MAX_NAME_CHARS: usize = 64;

/// The candidate closest to `input`, if one is close enough to be a plausible typo.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().take(MAX_CANDIDATES + 1).collect();
    if candidates.len() > MAX_CANDIDATES || input.chars().count() > MAX_NAME_CHARS {
        return None;
    }
    let folded = input.to_ascii_lowercase();
    candidates
        .into_iter()
        // Lengths further apart than the allowed distance cannot be close enough; this also
        // keeps every candidate measured short.
        .filter(|candidate| {
            candidate.len().abs_diff(input.len()) <= input.len().max(candidate.len()) / 3 + 1
        })
        .map(|candidate| {
            let distance = strsim::damerau_levenshtein(&folded, &candidate.to_ascii_lowercase());
            (distance, candidate)
        })
        .filter(|&(distance, candidate)| {
            // A third of the longer name, at least one edit: close enough to be a slip of the
            // hand, far enough that `failed` is not offered for `paused`.
            let allowed = (input.len().max(candidate.len()) / 3).max(1);
            distance <= allowed
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

/// `` did you mean `x`? `` for the closest candidate, if any.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(input, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// `` `a`, `b`, `c` `` for hints that list what is allowed, cut short past `max`.
pub fn list<'a>(items: impl IntoIterator<Item = &'a str>, max: usize) -> String {
    let items: Vec<&str> = items.into_iter().collect();
    let mut out = items
        .iter()
        .take(max)
        .map(|item| format!("`{item}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > max {
        let _ = write!(out, " and {} more", items.len() - max);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_not_strangers() {
        let states = ["pending", "in_progress", "failed", "paused"];
        assert_eq!(closest("in_progres", states), Some("in_progress"));
        assert_eq!(closest("Pending", states), Some("pending"));
        assert_eq!(closest("completed", states), None);
    }

    #[test]
    fn offers_nothing_among_thousands() {
        let many: Vec<String> = (0..=MAX_CANDIDATES).map(|i| format!("s{i}")).collect();
        assert_eq!(closest("s1x", many.iter().map(String::as_str)), None);
        assert_eq!(
            closest("s1x", many[..10].iter().map(String::as_str)),
            Some("s1")
        );
    }
}
