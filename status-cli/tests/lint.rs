//! `statuskit lint` on a small app (`tests/fixtures/lint`): a Python enum that spells two
//! states the old way, a TypeScript union that lost a state and gained one, a transition
//! table allowing a move the schema forbids, and one forbidding a move the schema allows;
//! beside them, what must stay silent: an exact copy (the TypeScript `OrderStatus`), a set
//! naming a role (`TERMINAL_STATES`), and enums of other things (`Color`, `Priority`).

use std::path::Path;
use std::process::{Command, Output};

fn lint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_statuskit"))
        .arg("lint")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("statuskit runs")
}

fn fixture() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lint"))
}

#[test]
fn findings_name_their_evidence_and_errors_fail() {
    let out = lint(fixture(), &[]);
    assert_eq!(out.status.code(), Some(1), "an error-level finding fails");
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stdout));
}

#[test]
fn the_json_report_is_versioned_and_names_each_finding() {
    let out = lint(fixture(), &["--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["format"], "statuskit-lint");
    assert_eq!(report["version"], 1);
    let found: Vec<(String, String, u64, String)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap_or_default().to_owned(),
                f["path"].as_str().unwrap_or_default().to_owned(),
                f["line"].as_u64().unwrap_or_default(),
                f["level"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("L004", "app/flow.py", 3, "note"),
        ("L003", "app/orders.py", 4, "warning"),
        ("L004", "app/orders.py", 14, "error"),
        ("L003", "web/orders.ts", 2, "warning"),
    ];
    assert_eq!(
        found,
        expected.map(|(c, p, l, v)| (c.to_owned(), p.to_owned(), l, v.to_owned()))
    );
    // Nothing about the exact copy, the role, or the enums of other things.
    let names: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    for silent in ["TERMINAL_STATES", "Color", "Priority", "PAYMENT_OUTCOMES"] {
        assert!(!names.contains(&silent), "{silent}: {names:?}");
    }
    assert_eq!(names.iter().filter(|n| **n == "OrderStatus").count(), 1);
}

#[test]
fn a_schema_with_errors_cannot_be_linted_against() {
    let dir = std::env::temp_dir().join(format!("statuskit-lint-broken-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("statuses.toml"),
        "schema_version = 1\n[status.A]\nstates = []\n",
    )
    .expect("schema");
    let out = lint(&dir, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("has errors, or cannot be read"));
    let _ = std::fs::remove_dir_all(&dir);
}
