//! `statuskit lint`'s literal rules on a small shop (`tests/fixtures/lint-literals`): typos
//! and legacy spellings of statuses in Python, TypeScript, SQL files and SQL in strings, each
//! known by one kind of evidence (a declared type, a column the schema binds, a name, the
//! other values compared with the same place), and beside them what must stay silent:
//! `app/traps.py` (comments, docstrings, log messages, unrelated fields, a place declared
//! with another enum, weak evidence, another system's values, a conversion, a suppression),
//! a data migration and a test that use old spellings on purpose. Then `--fix`: every legacy spelling
//! rewritten, nothing else, all files or none.

use std::path::{Path, PathBuf};
use std::process::Output;

mod lint_support;
use lint_support::{lint, sarif_problems};

fn fixture() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/lint-literals"
    ))
}

/// A copy of the fixture in a fresh directory.
fn copy(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("statuskit-literals-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut stack = vec![PathBuf::new()];
    while let Some(relative) = stack.pop() {
        std::fs::create_dir_all(dir.join(&relative)).expect("dir");
        for entry in std::fs::read_dir(fixture().join(&relative)).expect("fixture") {
            let entry = entry.expect("entry");
            let path = relative.join(entry.file_name());
            if entry.file_type().expect("type").is_dir() {
                stack.push(path);
            } else {
                std::fs::copy(entry.path(), dir.join(&path)).expect("copy");
            }
        }
    }
    dir
}

fn report(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn typos_and_legacy_spellings_are_found_with_their_evidence() {
    let out = lint(fixture(), &[]);
    assert_eq!(out.status.code(), Some(1), "an unknown value is an error");
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stdout));
}

#[test]
fn traps_stay_silent() {
    let out = lint(fixture(), &["--format", "json"]);
    let report = report(&out);
    let in_traps: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| {
            let path = f["path"].as_str().unwrap_or_default();
            path == "app/traps.py" || path.contains("migrations/") || path.starts_with("tests/")
        })
        .collect();
    assert!(in_traps.is_empty(), "{in_traps:#?}");
}

/// The JSON contract for a literal: where its characters are (inside the quotes, columns in
/// characters, `end_column` exclusive), the value, the status, and the fix for a legacy
/// spelling only.
#[test]
fn json_findings_locate_the_literal_and_carry_the_fix() {
    let out = lint(fixture(), &["--format", "json"]);
    let report = report(&out);
    let findings = report["findings"].as_array().expect("findings");
    let at = |path: &str, line: u64| {
        findings
            .iter()
            .find(|f| f["path"] == path && f["line"] == line)
            .unwrap_or_else(|| panic!("no finding at {path}:{line}: {findings:#?}"))
    };
    let typo = at("app/orders.py", 13);
    assert_eq!(
        (
            &typo["rule"],
            &typo["code"],
            &typo["column"],
            &typo["end_column"],
            &typo["value"],
            &typo["status"],
            &typo["fix"],
        ),
        (
            &"unknown-value".into(),
            &"L001".into(),
            &28.into(),
            &34.into(),
            &"shiped".into(),
            &"OrderStatus".into(),
            &serde_json::Value::Null,
        )
    );
    assert_eq!(typo["help"], "did you mean `shipped`?");
    let legacy = at("db/queries.sql", 9);
    assert_eq!(legacy["rule"], "legacy-spelling");
    assert_eq!(legacy["level"], "warning");
    assert_eq!(
        legacy["fix"],
        serde_json::json!({ "replacement": "delivered" })
    );
    let line = std::fs::read_to_string(fixture().join("db/queries.sql")).expect("sql");
    let line = line.lines().nth(8).expect("line 9");
    let (from, to) = (
        usize::try_from(legacy["column"].as_u64().expect("column")).expect("usize") - 1,
        usize::try_from(legacy["end_column"].as_u64().expect("end")).expect("usize") - 1,
    );
    assert_eq!(&line[from..to], "success");
}

/// `--fix` rewrites exactly the legacy spellings' characters, prints each, leaves the
/// unknown values (which have no one right answer) as findings, and a second run has
/// nothing to do.
#[test]
fn fix_rewrites_legacy_spellings_and_nothing_else() {
    let dir = copy("fix");
    let before: Vec<(String, String)> = [
        "app/orders.py",
        "app/traps.py",
        "app/migrations/0007_normalize_spellings.py",
        "tests/test_orders.py",
        "web/orders.ts",
        "web/panel.tsx",
        "db/queries.sql",
    ]
    .iter()
    .map(|p| {
        (
            (*p).to_owned(),
            std::fs::read_to_string(dir.join(p)).expect("read"),
        )
    })
    .collect();
    let out = lint(&dir, &["--fix"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let fixed: Vec<&str> = text.lines().filter(|l| l.starts_with("fixed: ")).collect();
    insta::assert_snapshot!("fixed", fixed.join("\n"));
    assert_eq!(out.status.code(), Some(1), "the typos are still errors");
    // Each changed line differs only in its literal; every other line is byte for byte
    // what it was.
    let mut changed = Vec::new();
    for (path, old) in &before {
        let new = std::fs::read_to_string(dir.join(path)).expect("read");
        assert_eq!(old.lines().count(), new.lines().count(), "{path}");
        for (number, (a, b)) in old.lines().zip(new.lines()).enumerate() {
            if a != b {
                changed.push(format!("{path}:{}: {a} => {b}", number + 1));
            }
        }
    }
    insta::assert_snapshot!("changed_lines", changed.join("\n"));
    let again = report(&lint(&dir, &["--format", "json"]));
    let rules: Vec<&str> = again["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(!rules.contains(&"legacy-spelling"), "{rules:?}");
    assert!(rules.contains(&"unknown-value"), "{rules:?}");
    let second = lint(&dir, &["--fix"]);
    assert!(
        !String::from_utf8_lossy(&second.stdout).contains("fixed: "),
        "a second --fix has nothing to do"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A link in the tree is not a file the walk reads, so `--fix` never writes through one.
#[cfg(unix)]
#[test]
fn fix_never_writes_through_a_link() {
    let dir = copy("link");
    let outside =
        std::env::temp_dir().join(format!("statuskit-literals-outside-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&outside);
    std::fs::create_dir_all(&outside).expect("dir");
    let victim = outside.join("victim.sql");
    let text = "UPDATE orders SET status = 'success' WHERE id = 1;\n";
    std::fs::write(&victim, text).expect("victim");
    std::os::unix::fs::symlink(&victim, dir.join("db/linked.sql")).expect("link");
    std::os::unix::fs::symlink(&outside, dir.join("linked-dir")).expect("link");
    let out = lint(&dir, &["--fix"]);
    assert!(out.status.code().is_some(), "{out:?}");
    assert_eq!(std::fs::read_to_string(&victim).expect("victim"), text);
    assert!(
        std::fs::symlink_metadata(dir.join("db/linked.sql"))
            .expect("link")
            .file_type()
            .is_symlink()
    );
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&outside);
}

/// SARIF with columns and fixes is valid by Microsoft's reference validator.
#[test]
fn sarif_with_fixes_is_valid_by_the_reference_validator() {
    let out = lint(fixture(), &["--format", "sarif"]);
    let problems = sarif_problems(&out.stdout, "literals");
    assert!(problems.is_empty(), "{problems:#?}");
    let document = report(&out);
    let with_fixes = document["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter(|r| r.get("fixes").is_some())
        .count();
    assert_eq!(with_fixes, 8, "one per legacy spelling");
}

/// From the re-check of issue 28: two typos on one named place are both reported (a near
/// miss is still the status's value, so the name holds); a conversion silences only its
/// own statement (of SQL, or of code over several lines), not the query beside it; only
/// migration directories are skipped
/// (`api/versions/` is code); and a name says its status exactly (`job.status` is no
/// `JobState`'s).
#[test]
fn typos_together_conversions_alone_and_exact_names() {
    let dir = copy("recheck");
    std::fs::write(
        dir.join("app/badges.py"),
        "def badge(order, job):\n    if order.status == \"shiped\":\n        return 1\n    if order.status == \"canceld\":\n        return 2\n    if job.status == \"completed\":\n        return 3\n",
    )
    .expect("file");
    std::fs::write(
        dir.join("app/convert.py"),
        "def run(order):\n    Order.objects.filter(status=\"canceled\").update(\n        status=\"cancelled\"\n    )\n    if order.status == \"canceled\":\n        pass\n",
    )
    .expect("file");
    std::fs::create_dir_all(dir.join("app/api/versions")).expect("dir");
    std::fs::write(
        dir.join("app/api/versions/v2.py"),
        "def v2(order):\n    return order.status == \"shiped\"\n",
    )
    .expect("file");
    std::fs::write(
        dir.join("db/cleanup.sql"),
        "SELECT id FROM orders WHERE status = 'canceled';\nUPDATE orders SET status = 'cancelled' WHERE status = 'canceled';\n",
    )
    .expect("file");
    let report = report(&lint(&dir, &["--format", "json"]));
    let found: Vec<String> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| {
            let path = f["path"].as_str().unwrap_or_default();
            [
                "app/badges.py",
                "app/api/versions/v2.py",
                "app/convert.py",
                "db/cleanup.sql",
            ]
            .contains(&path)
        })
        .map(|f| {
            format!(
                "{}:{} {} {}",
                f["path"].as_str().unwrap_or_default(),
                f["line"],
                f["code"].as_str().unwrap_or_default(),
                f["value"].as_str().unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            "app/api/versions/v2.py:2 L001 shiped",
            "app/badges.py:2 L001 shiped",
            "app/badges.py:4 L001 canceld",
            "app/convert.py:5 L002 canceled",
            "db/cleanup.sql:1 L002 canceled",
        ]
    );
    let _ = std::fs::remove_dir_all(&dir);
}
