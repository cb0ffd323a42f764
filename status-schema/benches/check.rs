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

/// One status of `states` states in a line, an alias every tenth state and a fallback; the
/// next version (`next`) retires `s1` into an alias of `s0` and renames `s2`'s value,
/// keeping the old one as an alias: work for every rule of `diff` and `gen sql --since`.
fn one_status_text(states: usize, next: bool) -> String {
    use std::fmt::Write as _;
    let names: Vec<String> = (0..states)
        .map(|i| format!("s{i}"))
        .filter(|n| !(next && n == "s1"))
        .collect();
    let mut text = String::from("schema_version = 1\n[status.Big]\nstates = [");
    for name in &names {
        let _ = write!(text, "\"{name}\", ");
    }
    text.push_str("]\ninitial = \"s0\"\nfallback = \"s0\"\ntransitions = { ");
    for pair in names.windows(2) {
        let _ = write!(text, "{} = [\"{}\"], ", pair[0], pair[1]);
    }
    text.push_str("}\naliases = { ");
    for i in (10..states).step_by(10) {
        let _ = write!(text, "old_{i} = \"s{i}\", ");
    }
    if next {
        text.push_str("s1 = \"s0\", s2 = \"s2\", ");
    }
    text.push_str("}\n");
    if next {
        text.push_str("wire = { s2 = \"second\" }\n");
    }
    text
}

fn one_status(states: usize, next: bool) -> status_schema::Schema {
    analyze(&SourceFile::new("big.toml", one_status_text(states, next)))
        .schema
        .expect("valid")
}

/// `statuskit diff` of two versions of one status of 1,000 to 100,000 states: linear, as
/// `check` is (it was quadratic through list scans, 210 s at 100,000 states).
#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 5)]
fn diff_one_status(bencher: divan::Bencher, states: usize) {
    let (old, new) = (one_status(states, false), one_status(states, true));
    let policy = status_schema::diff::Policy::default();
    bencher.bench(|| status_schema::diff::diff(divan::black_box(&old), &new, &policy));
}

/// `statuskit gen sql --since` for the same pair, one column bound: linear too (was 258 s
/// at 100,000 states).
#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 5)]
fn migration_one_status(bencher: divan::Bencher, states: usize) {
    use status_schema::targets::{Options, Target};
    let (old, new) = (one_status(states, false), one_status(states, true));
    let mut options = Options::default();
    options.sql.columns = vec!["rows.state=Big".parse().expect("column")];
    options.sql.since = Some(old);
    bencher.bench(|| {
        Target::Sql
            .generate(divan::black_box(&new), "big.toml", &options)
            .expect("migration")
    });
}

/// `check` of the same status, for comparison.
#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 5)]
fn analyze_one_status(bencher: divan::Bencher, states: usize) {
    let file = SourceFile::new("big.toml", one_status_text(states, true));
    bencher.bench(|| analyze(divan::black_box(&file)));
}

/// `statuskit migrate new` without the file system: the history's newest record read back
/// and analysed, compared with the schema, and the next step written (both versions of the
/// one status above, with `[migrations]`). Linear in the schema, as `gen sql --since` is.
#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 5)]
fn migration_history_step(bencher: divan::Bencher, states: usize) {
    use status_schema::targets::history::{self, Head};
    const MIGRATIONS: &str =
        "\n[migrations]\ndir = \"db\"\nstyle = \"sqlx\"\ncolumns = { \"rows.state\" = \"Big\" }\n";
    let with_history = |next: bool| {
        let text = format!("{}{MIGRATIONS}", one_status_text(states, next));
        analyze(&SourceFile::new("big.toml", text))
            .schema
            .expect("valid")
    };
    let (old, new) = (with_history(false), with_history(true));
    let empty = Head {
        file: None,
        record: None,
    };
    let first = history::next_step(&old, &empty, None)
        .expect("step")
        .expect("a change");
    let versions = ["1".to_owned(), "2".to_owned()];
    let files = first.files("big.toml", &versions, "init").expect("files");
    let text = files.last().expect("a file").text.clone();
    bencher.bench(|| {
        let read = history::read(divan::black_box(&text)).expect("trailer");
        let head = Head {
            file: Some("1_init.sql".to_owned()),
            record: read.record,
        };
        let before = history::recorded(&head).expect("record").expect("a record");
        let step = history::next_step(&new, &head, Some(&before))
            .expect("step")
            .expect("a change");
        step.files("big.toml", &versions, "next").expect("files")
    });
}
