//! The JSON Schema of `statuses.toml` (`statuskit schema`), checked with the reference
//! Python validator: every schema in the repository that `check` accepts validates, and
//! documents with an unknown key, a wrong type or an unknown target do not.

#[path = "support/tools.rs"]
mod tools;

use std::path::{Path, PathBuf};
use std::process::Command;

use tools::{run, tool, venv_python};

/// Every `.toml` under `dir` (recursively), sorted.
fn tomls(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if path.is_dir() && !["target", "node_modules", ".venv", ".git"].contains(&name.as_str()) {
            tomls(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") && name != "Cargo.toml" {
            out.push(path);
        }
    }
}

#[test]
fn every_accepted_schema_validates_and_mistakes_do_not() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    tomls(&root, &mut files);
    files.sort();
    // The schemas `check` accepts; the corpus of bad schemas is mostly not meant to validate.
    let accepted: Vec<PathBuf> = files
        .into_iter()
        .filter(|path| {
            let bytes = std::fs::read(path).expect("read");
            let (_, analysis) = status_schema::analyze_bytes("s.toml", &bytes);
            analysis.schema.is_some()
                && std::str::from_utf8(&bytes).is_ok_and(|t| t.contains("schema_version"))
        })
        .collect();
    assert!(accepted.len() > 40, "{}", accepted.len());
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("language");
    std::fs::create_dir_all(&work).expect("dir");
    let schema = work.join("statuses.schema.json");
    std::fs::write(&schema, status_schema::language::json_schema()).expect("schema");
    let python = venv_python();
    let script = tool("validate-schema.py");
    run(Command::new(&python)
        .arg(&script)
        .arg(&schema)
        .args(&accepted));
    // Mistakes the JSON Schema can see on its own.
    let mistakes = [
        (
            "unknown-key.toml",
            "schema_version = 1\n[status.Job]\nstates = [\"a\"]\nstatez = [\"b\"]\n",
        ),
        (
            "wrong-type.toml",
            "schema_version = 1\n[status.Job]\nstates = \"a\"\n",
        ),
        (
            "unknown-target.toml",
            "schema_version = 1\n[[generate]]\ntarget = \"typescirpt\"\nout = \"x.ts\"\n",
        ),
        ("no-version.toml", "[status.Job]\nstates = [\"a\"]\n"),
        (
            "bad-rule.toml",
            "schema_version = 1\n[defaults]\nrename_all = \"kebab\"\n",
        ),
    ];
    let mut paths = Vec::new();
    for (name, text) in mistakes {
        let path = work.join(name);
        std::fs::write(&path, text).expect("write");
        paths.push(path);
    }
    run(Command::new(&python)
        .arg(&script)
        .arg(&schema)
        .arg("--expect-invalid")
        .args(&paths));
}
