//! Nothing a user can put in a file makes any stage panic: arbitrary bytes, arbitrary
//! well-formed TOML with every key given values of every type, deep nesting, huge input.
//! Each case also renders its diagnostics, since rendering slices the text by their spans.

use std::fmt::Write;

use proptest::prelude::*;
use status_schema::analyze_bytes;
use status_schema::diagnostic::render;

fn run(bytes: &[u8]) {
    let (file, analysis) = analyze_bytes("fuzz.toml", bytes);
    let text = render::to_string(&file, analysis.diagnostics.as_slice());
    if analysis.schema.is_none() {
        assert!(!text.is_empty(), "a failed analysis always says why");
    }
}

const NAMES: &[&str] = &[
    "a", "b", "pending", "done", "*", "", "A", "self", "x_1", "x1", "é", "A",
];

/// A TOML value of any type, built from names likely to hit real states and statuses.
fn value() -> impl Strategy<Value = String> {
    let name = prop::sample::select(NAMES).prop_map(|n| format!("{n:?}"));
    let leaf = prop_oneof![
        name.clone(),
        any::<i64>().prop_map(|i| i.to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        Just("1.5".to_owned()),
        Just("1979-05-27".to_owned()),
    ];
    leaf.prop_recursive(3, 24, 4, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
            prop::collection::vec((prop::sample::select(NAMES), inner), 0..4).prop_map(|kv| {
                let mut seen = Vec::new();
                let body: Vec<String> = kv
                    .into_iter()
                    .filter(|(k, _)| {
                        if seen.contains(k) {
                            false
                        } else {
                            seen.push(*k);
                            true
                        }
                    })
                    .map(|(k, v)| format!("{k:?} = {v}"))
                    .collect();
                format!("{{ {} }}", body.join(", "))
            }),
        ]
    })
}

/// A schema-shaped document: statuses with random keys holding random values.
fn schema_document() -> impl Strategy<Value = String> {
    // Every real key, plus one that is not.
    let keys: Vec<&str> = status_schema::__unstable::status_keys()
        .into_iter()
        .chain(["bogus"])
        .collect();
    let status = prop::collection::btree_map(prop::sample::select(keys), value(), 0..8);
    let statuses = prop::collection::btree_map(
        prop::sample::select(&["A", "B", "C", "bad_name", "AEvent"][..]),
        status,
        0..4,
    );
    (
        prop_oneof![
            Just("schema_version = 1\n"),
            Just(""),
            Just("schema_version = \"1\"\n")
        ],
        statuses,
    )
        .prop_map(|(header, statuses)| {
            let mut out = header.to_owned();
            for (name, keys) in statuses {
                let _ = writeln!(out, "[status.{name}]");
                for (key, value) in keys {
                    let _ = writeln!(out, "{key} = {value}");
                }
            }
            out
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        run(&bytes);
    }

    #[test]
    fn arbitrary_text(text in "\\PC{0,256}") {
        run(text.as_bytes());
    }

    #[test]
    fn well_formed_but_wrong(doc in schema_document()) {
        run(doc.as_bytes());
    }
}

#[test]
fn deep_nesting() {
    for open in ["[", "{ a = "] {
        let doc = format!("schema_version = 1\nx = {}", open.repeat(100_000));
        run(doc.as_bytes());
    }
    let dotted = format!("schema_version = 1\n{} = 1", vec!["a"; 50_000].join("."));
    run(dotted.as_bytes());
}

#[test]
fn huge_file() {
    let mut doc = String::from("schema_version = 1\n[status.Big]\nstates = [");
    for i in 0..200_000 {
        let _ = write!(doc, "\"s{i}\", ");
    }
    doc.push_str("\"s0\"]\n");
    run(doc.as_bytes());
}

#[test]
fn invalid_utf8_at_every_position() {
    let base = b"schema_version = 1\n[status.A]\nstates = [\"a\"]\n".to_vec();
    for at in 0..=base.len() {
        let mut bytes = base.clone();
        bytes.insert(at, 0xff);
        run(&bytes);
    }
}
