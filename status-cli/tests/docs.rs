//! The documentation's examples cannot rot: every TOML block in the README, the guide
//! under `docs/` and the crates' READMEs that is a whole schema (it sets
//! `schema_version`) passes `statuskit check` without an error. A block that shows a
//! mistake on purpose says so in its first line (`# error: E020 …`) and must then draw
//! that error.

use std::path::{Path, PathBuf};

use status_schema::{SourceFile, analyze};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace")
        .to_path_buf()
}

/// The Markdown files users read: the READMEs and every page under `docs/`.
fn pages() -> Vec<PathBuf> {
    let root = workspace();
    let mut out: Vec<PathBuf> = [
        "README.md",
        "status-cli/README.md",
        "status-schema/README.md",
        "status-audit/README.md",
        "CHANGELOG.md",
    ]
    .iter()
    .map(|p| root.join(p))
    .filter(|p| p.is_file())
    .collect();
    let mut stack = vec![root.join("docs")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Each fenced block of `language` in `text`, with the line its body starts on.
fn blocks(text: &str, language: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        match &mut open {
            None => {
                if trimmed.strip_prefix("```") == Some(language) {
                    open = Some((index + 2, String::new()));
                }
            }
            Some((start, body)) => {
                if trimmed.starts_with("```") {
                    out.push((*start, std::mem::take(body)));
                    open = None;
                } else {
                    body.push_str(line);
                    body.push('\n');
                }
            }
        }
    }
    out
}

#[test]
fn every_whole_schema_in_the_docs_checks() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(&page).expect("a page");
        let shown = page
            .strip_prefix(workspace())
            .unwrap_or(&page)
            .display()
            .to_string();
        for (line, body) in blocks(&text, "toml") {
            if !body.lines().any(|l| l.starts_with("schema_version")) {
                continue;
            }
            checked += 1;
            let file = SourceFile::new(format!("{shown}:{line}"), body.as_str());
            let analysis = analyze(&file);
            let expected = body
                .lines()
                .next()
                .and_then(|l| l.strip_prefix("# error: "))
                .map(|rest| {
                    rest.split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_owned()
                });
            let codes: Vec<&str> = analysis
                .diagnostics
                .iter()
                .filter(|d| d.severity() == status_schema::Severity::Error)
                .map(|d| d.code.id())
                .collect();
            let ok = match &expected {
                Some(code) => codes.contains(&code.as_str()),
                None => codes.is_empty(),
            };
            if !ok {
                failures.push(format!(
                    "{shown}:{line}: expected {:?}, got\n{}",
                    expected,
                    status_schema::diagnostic::render::to_string(
                        &file,
                        analysis.diagnostics.as_slice()
                    )
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        checked >= 2,
        "the README shows whole schemas: {checked} found"
    );
}
