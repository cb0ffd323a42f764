//! Runs one benchmark loop many times, for `perf record`: `cargo run --release -p
//! statuskit-peers --example profile -- parse_statuskit`.

use std::hint::black_box;

use statuskit_peers::ops;

fn main() {
    let which = std::env::args().nth(1).unwrap_or_default();
    let inputs = ops::parse_inputs();
    let mut total = 0;
    for _ in 0..200_000 {
        total += match which.as_str() {
            "parse_strum_ci" => ops::parse_strum_ci(black_box(&inputs)),
            "parse_strum" => ops::parse_strum(black_box(&inputs)),
            _ => ops::parse_statuskit(black_box(&inputs)),
        };
    }
    println!("{total}");
}
