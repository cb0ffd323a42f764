//! How `analyze` (parse, resolve, check) scales with schema size.
//!
//! `cargo bench -p status-schema --bench check`. Each base status has 25 states and 100
//! declared transitions, so 1,000 statuses hold about 100,000 transitions.

use status_schema::__unstable::synthetic::{Shape, schema};
use status_schema::{SourceFile, analyze};

fn main() {
    divan::main();
}

#[divan::bench(args = [10, 100, 1000], sample_count = 20)]
fn analyze_statuses(bencher: divan::Bencher, statuses: usize) {
    let text = schema(Shape {
        statuses,
        states: 25,
        transitions: 100,
    });
    let file = SourceFile::new("synthetic.toml", text);
    bencher.bench(|| {
        let analysis = analyze(divan::black_box(&file));
        assert!(analysis.schema.is_some());
        analysis
    });
}

#[divan::bench(args = [25, 100, 400], sample_count = 20)]
fn analyze_transitions_per_status(bencher: divan::Bencher, transitions: usize) {
    // 100 statuses; states grow so the requested edges fit.
    let text = schema(Shape {
        statuses: 100,
        states: 30,
        transitions,
    });
    let file = SourceFile::new("synthetic.toml", text);
    bencher.bench(|| analyze(divan::black_box(&file)));
}

/// `statuskit diff` of two versions of a large schema: the second with fewer states per
/// status (every status loses one, so each rule has work), compared under the default
/// policy. Linear in the two schemas' sizes.
#[divan::bench(args = [100, 1000], sample_count = 20)]
fn diff_statuses(bencher: divan::Bencher, statuses: usize) {
    let load = |states: usize| {
        let text = schema(Shape {
            statuses,
            states,
            transitions: 100,
        });
        analyze(&SourceFile::new("synthetic.toml", text))
            .schema
            .expect("valid")
    };
    let (old, new) = (load(26), load(25));
    let policy = status_schema::diff::Policy::default();
    bencher.bench(|| status_schema::diff::diff(divan::black_box(&old), &new, &policy));
}
