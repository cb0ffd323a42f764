//! "Did you mean" hints.

use core::cell::Cell;
use core::fmt::Write;

/// How many candidates the hints of one analysis may compare, in all: a hint costs up to a
/// thousand comparisons of up to 48 bytes, so a schema of many thousand unknown names
/// (one a pull request could bring to CI) would otherwise spend minutes on hints. Past it,
/// diagnostics come without "did you mean"; a schema a person wrote stays far below.
const BUDGET: usize = 200_000;

std::thread_local! {
    static LEFT: Cell<usize> = const { Cell::new(BUDGET) };
}

/// Gives a new analysis the whole budget.
pub(crate) fn reset_budget() {
    LEFT.with(|left| left.set(BUDGET));
}

/// The candidate closest to `input`, if one is close enough to be a plausible typo, by the
/// rule the runtime's parse errors use too ([`status_suggest::closest`]); `None` once the
/// analysis spent its budget of comparisons.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // One past the most the rule compares: more means no hint at all, at no cost.
    let candidates: Vec<&'a str> = candidates
        .into_iter()
        .take(status_suggest::MAX_CANDIDATES + 1)
        .collect();
    let affordable = LEFT.with(|left| {
        let cost = candidates.len().min(status_suggest::MAX_CANDIDATES);
        let remaining = left.get();
        (remaining >= cost).then(|| left.set(remaining - cost))
    });
    affordable?;
    status_suggest::closest(input, candidates)
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

    /// Past the analysis's budget, no hint: thousands of unknown names cost no more than
    /// the budget's comparisons (found by the attack on issue 27: 8 ms a name, 35 minutes
    /// for a 16 MiB schema of them).
    #[test]
    fn hints_stop_at_the_budget() {
        reset_budget();
        let states: Vec<String> = (0..1000).map(|i| format!("state_{i}")).collect();
        let found = (0..1000)
            .filter(|_| closest("state_1x", states.iter().map(String::as_str)).is_some())
            .count();
        assert_eq!(found, BUDGET / 1000);
        reset_budget();
        assert_eq!(
            closest("state_1x", states.iter().map(String::as_str)),
            Some("state_1")
        );
    }

    #[test]
    fn offers_nothing_among_thousands() {
        let many: Vec<String> = (0..=status_suggest::MAX_CANDIDATES)
            .map(|i| format!("s{i}"))
            .collect();
        assert_eq!(closest("s1x", many.iter().map(String::as_str)), None);
        assert_eq!(
            closest("s1x", many[..10].iter().map(String::as_str)),
            Some("s1")
        );
    }
}
