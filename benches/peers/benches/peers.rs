//! statuskit against its peers, side by side, on seed 000's 23 statuses and seed 004's
//! eight machines (all statuses with events for `apply`). Every contender is generated
//! from the same schema (see `build.rs`), and every loop reads its input through
//! `black_box`ed vectors built at run time, so nothing is constant-folded.
//!
//! `cargo bench -p statuskit-peers`

use divan::{Bencher, black_box};
use statuskit_peers::ops;

fn main() {
    divan::main();
}

/// Every state index of every status.
fn states() -> Vec<Vec<usize>> {
    ops::STATE_COUNTS
        .iter()
        .map(|&n| (0..n).collect())
        .collect()
}

/// Every ordered pair of states of every status (statuses without transitions are skipped
/// by the loops).
fn pairs() -> Vec<Vec<(usize, usize)>> {
    ops::STATE_COUNTS
        .iter()
        .map(|&n| (0..n).flat_map(|i| (0..n).map(move |j| (i, j))).collect())
        .collect()
}

/// Every (state, event) of every status with events.
fn moves() -> Vec<Vec<(usize, usize)>> {
    ops::EVENT_SHAPES
        .iter()
        .map(|&(n, e)| (0..n).flat_map(|i| (0..e).map(move |k| (i, k))).collect())
        .collect()
}

/// Canonical values, the same in upper case, aliases, unknown values.
mod parse {
    use super::*;

    #[divan::bench]
    fn statuskit_case_insensitive_with_aliases(b: Bencher) {
        let inputs = ops::parse_inputs();
        b.bench_local(|| ops::parse_statuskit(black_box(&inputs)));
    }

    #[divan::bench]
    fn strum_case_sensitive(b: Bencher) {
        let inputs = ops::parse_inputs();
        b.bench_local(|| ops::parse_strum(black_box(&inputs)));
    }

    #[divan::bench]
    fn strum_ascii_case_insensitive(b: Bencher) {
        let inputs = ops::parse_inputs();
        b.bench_local(|| ops::parse_strum_ci(black_box(&inputs)));
    }

    #[divan::bench]
    fn hand_written_match(b: Bencher) {
        let inputs = ops::parse_inputs();
        b.bench_local(|| ops::parse_hand(black_box(&inputs)));
    }
}

/// Only the spellings, in their own case: input that every contender accepts, so no
/// contender pays for an error.
mod parse_known {
    use super::*;

    #[divan::bench]
    fn statuskit(b: Bencher) {
        let inputs = ops::known_inputs();
        b.bench_local(|| ops::parse_statuskit(black_box(&inputs)));
    }

    #[divan::bench]
    fn strum_case_sensitive(b: Bencher) {
        let inputs = ops::known_inputs();
        b.bench_local(|| ops::parse_strum(black_box(&inputs)));
    }

    #[divan::bench]
    fn strum_ascii_case_insensitive(b: Bencher) {
        let inputs = ops::known_inputs();
        b.bench_local(|| ops::parse_strum_ci(black_box(&inputs)));
    }

    #[divan::bench]
    fn hand_written_match(b: Bencher) {
        let inputs = ops::known_inputs();
        b.bench_local(|| ops::parse_hand(black_box(&inputs)));
    }
}

/// Every state to its wire value.
mod to_string {
    use super::*;

    #[divan::bench]
    fn statuskit_as_str(b: Bencher) {
        let states = states();
        b.bench_local(|| ops::as_str_statuskit(black_box(&states)));
    }

    #[divan::bench]
    fn strum_as_ref_str(b: Bencher) {
        let states = states();
        b.bench_local(|| ops::as_str_strum(black_box(&states)));
    }

    #[divan::bench]
    fn hand_written_match(b: Bencher) {
        let states = states();
        b.bench_local(|| ops::as_str_hand(black_box(&states)));
    }

    #[divan::bench]
    fn statuskit_display(b: Bencher) {
        let states = states();
        let mut buf = String::with_capacity(64);
        b.bench_local(|| ops::display_statuskit(black_box(&states), &mut buf));
    }

    #[divan::bench]
    fn strum_display(b: Bencher) {
        let states = states();
        let mut buf = String::with_capacity(64);
        b.bench_local(|| ops::display_strum(black_box(&states), &mut buf));
    }
}

/// Every ordered pair of states: is the move allowed?
mod transition_check {
    use super::*;

    #[divan::bench]
    fn statuskit_can_transition_to(b: Bencher) {
        let pairs = pairs();
        b.bench_local(|| ops::can_transition_statuskit(black_box(&pairs)));
    }

    #[divan::bench]
    fn hand_written_matches(b: Bencher) {
        let pairs = pairs();
        b.bench_local(|| ops::can_transition_hand(black_box(&pairs)));
    }

    #[divan::bench]
    fn rust_fsm_transition(b: Bencher) {
        let pairs = pairs();
        b.bench_local(|| ops::can_transition_rust_fsm(black_box(&pairs)));
    }
}

/// Every event in every state.
mod event_application {
    use super::*;

    #[divan::bench]
    fn statuskit_apply(b: Bencher) {
        let moves = moves();
        b.bench_local(|| ops::apply_statuskit(black_box(&moves)));
    }

    #[divan::bench]
    fn rust_fsm_transition(b: Bencher) {
        let moves = moves();
        b.bench_local(|| ops::apply_rust_fsm(black_box(&moves)));
    }
}
