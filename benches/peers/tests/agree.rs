//! The contenders compute the same thing, so the benchmarks compare like with like.

use statuskit_peers::ops;

fn states() -> Vec<Vec<usize>> {
    ops::STATE_COUNTS
        .iter()
        .map(|&n| (0..n).collect())
        .collect()
}

#[test]
fn every_contender_agrees() {
    let states = states();
    let len = ops::as_str_statuskit(&states);
    assert_eq!(ops::as_str_strum(&states), len);
    assert_eq!(ops::as_str_hand(&states), len);
    let mut buf = String::new();
    assert_eq!(ops::display_statuskit(&states, &mut buf), len);
    assert_eq!(ops::display_strum(&states, &mut buf), len);

    let pairs: Vec<Vec<(usize, usize)>> = ops::STATE_COUNTS
        .iter()
        .map(|&n| (0..n).flat_map(|i| (0..n).map(move |j| (i, j))).collect())
        .collect();
    let allowed = ops::can_transition_statuskit(&pairs);
    assert!(allowed > 100);
    assert_eq!(ops::can_transition_hand(&pairs), allowed);
    assert_eq!(ops::can_transition_rust_fsm(&pairs), allowed);

    let moves: Vec<Vec<(usize, usize)>> = ops::EVENT_SHAPES
        .iter()
        .map(|&(n, e)| (0..n).flat_map(|i| (0..e).map(move |k| (i, k))).collect())
        .collect();
    let applied = ops::apply_statuskit(&moves);
    assert!(applied > 10);
    assert_eq!(ops::apply_rust_fsm(&moves), applied);

    let inputs = ops::parse_inputs();
    // Case-insensitive with aliases accepts what strum's ascii_case_insensitive accepts
    // (every root status of these seeds ignores case); the case-sensitive parsers accept
    // the canonical half.
    let insensitive = ops::parse_statuskit(&inputs);
    assert_eq!(ops::parse_strum_ci(&inputs), insensitive);
    let sensitive = ops::parse_strum(&inputs);
    assert_eq!(ops::parse_hand(&inputs), sensitive);
    assert!(sensitive < insensitive);
}
