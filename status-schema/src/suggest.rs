//! "Did you mean" hints.

use core::fmt::Write;

/// The candidate closest to `input`, if one is close enough to be a plausible typo, by the
/// rule the runtime's parse errors use too ([`status_suggest::closest`]).
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
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
