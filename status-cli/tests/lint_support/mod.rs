//! What the `statuskit lint` test files share: running it, and Microsoft's SARIF validator.

// Each test file uses what it needs of these.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// `statuskit lint ARGS` run in `dir`.
pub fn lint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_statuskit"))
        .arg("lint")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("statuskit runs")
}

/// What Microsoft's reference validator (`@microsoft/sarif-multitool`, pinned in
/// conformance/ and installed by scripts/setup-tools) says about `sarif` at error and
/// warning level: nothing, for a valid document (its style notes are not counted).
pub fn sarif_problems(sarif: &[u8], name: &str) -> Vec<serde_json::Value> {
    let dir = std::env::temp_dir().join(format!("statuskit-sarif-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let (input, report) = (dir.join("lint.sarif"), dir.join("validation.sarif"));
    std::fs::write(&input, sarif).expect("sarif");
    let validator = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../conformance/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
    ));
    let run = Command::new(validator)
        .args(["validate", "--level", "Error;Warning;Note", "-o"])
        .arg(&report)
        .arg(&input)
        .output()
        .expect("the validator runs (scripts/setup-tools installs it)");
    assert!(run.status.success(), "{run:?}");
    let validation: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).expect("report")).expect("JSON");
    let _ = std::fs::remove_dir_all(&dir);
    validation["runs"][0]["results"]
        .as_array()
        .map(|results| {
            results
                .iter()
                .filter(|x| x["level"] != "note")
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}
