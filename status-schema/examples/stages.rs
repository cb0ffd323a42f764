//! Times each stage of `analyze` on synthetic schemas: `cargo run --release -p status-schema --example stages`.

use std::time::Instant;

use status_schema::synthetic::{Shape, schema};
use status_schema::{Diagnostics, SourceFile, check, raw, resolve};

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![100, 1000, 4000]
    } else {
        sizes
    };
    for statuses in sizes {
        let file = SourceFile::new(
            "s.toml",
            schema(Shape {
                statuses,
                states: 25,
                transitions: 100,
            }),
        );
        let t = Instant::now();
        let (doc, _) = toml::de::DeTable::parse_recoverable(file.text());
        let toml = t.elapsed();
        drop(doc);
        let mut d = Diagnostics::new();
        let t = Instant::now();
        let r = raw::parse(&file, &mut d);
        let parse = t.elapsed();
        let t = Instant::now();
        let m = resolve::resolve(&r, &mut d);
        let resolve = t.elapsed();
        let t = Instant::now();
        check::check(&m, &r, &mut d);
        let check = t.elapsed();
        println!(
            "{statuses:>5} statuses: toml {toml:>10.2?}  parse(incl. toml) {parse:>10.2?}  resolve {resolve:>10.2?}  check {check:>10.2?}"
        );
    }
}
