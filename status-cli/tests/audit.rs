//! `statuskit audit` end to end on a fixture project: the inventory, the JSON contract, and
//! a draft that `statuskit check` accepts and `statuskit gen` generates from.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../status-audit/tests/fixtures")
        .join(name)
}

fn statuskit(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_statuskit"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn inventory_json_and_draft_of_a_project() {
    let project = fixture("python-app");
    let out = statuskit(&project, &["audit"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let inventory = text(&out.stdout);
    assert!(inventory.contains("same-name — TaskStatus"), "{inventory}");
    assert!(inventory.contains("VALID_TRANSITIONS"), "{inventory}");
    assert!(!inventory.contains("Color"), "not a status: {inventory}");

    let out = statuskit(&project, &["audit", "--format", "json", "--all"]);
    let document: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(document["format"], "statuskit-audit");
    assert_eq!(document["version"], 1);
    let findings = document["findings"].as_array().expect("findings");
    let color = findings
        .iter()
        .find(|f| f["name"] == "Color")
        .expect("--all lists non-statuses");
    assert_eq!(color["is_status"], false);
    assert_eq!(color["kind"], "python-enum");
    assert!(color["line"].as_u64().is_some() && color["end_line"].as_u64().is_some());

    // Draft, check, generate: the walkthrough of the README.
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("audit-walkthrough");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).expect("dir");
    let out = statuskit(&project, &["audit", "--draft"]);
    std::fs::write(work.join("statuses.toml"), &out.stdout).expect("draft");
    let out = statuskit(&work, &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = statuskit(&work, &["gen", "typescript"]);
    assert!(text(&out.stdout).contains("export type PipelineTaskStatus"));
}

#[test]
fn excludes_and_bad_directories() {
    let project = fixture("python-app");
    let out = statuskit(&project, &["audit", "--exclude", "app/pipeline.py"]);
    assert!(!text(&out.stdout).contains("PipelineStatus"));
    let out = statuskit(&project, &["audit", "no/such/dir"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not a directory"));
}
