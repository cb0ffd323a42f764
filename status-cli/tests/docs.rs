//! The documentation's examples cannot rot: every TOML block in the README, the guide
//! under `docs/` and the crates' READMEs that is a whole schema (it sets
//! `schema_version`) passes `statuskit check` without an error. A block that shows a
//! mistake on purpose says so in its first line (`# error: E020 …`) and must then draw
//! that error. Every `console` block runs, and prints what the page shows
//! (`docs/session.rs`); a shell block that runs `statuskit` must be one.

mod docs {
    pub mod markdown;
    #[path = "../../../tests/generated/tests/support/postgres.rs"]
    #[allow(dead_code)]
    pub mod postgres;
    pub mod session;
}

use std::path::{Path, PathBuf};

use docs::{markdown, session};

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
        for block in markdown::blocks(&text) {
            let (line, body) = (block.line, block.body);
            // Another tool's TOML (an editor extension's manifest) names its file.
            let other_file = block
                .file
                .as_deref()
                .is_some_and(|file| !file.ends_with("statuses.toml"));
            if block.language != "toml"
                || other_file
                || !body.lines().any(|l| l.starts_with("schema_version"))
            {
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
                    status_schema::diagnostic::to_string(&file, analysis.diagnostics.as_slice())
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

fn shown(page: &Path) -> String {
    page.strip_prefix(workspace())
        .unwrap_or(page)
        .display()
        .to_string()
}

#[test]
fn every_console_block_prints_what_the_page_shows() {
    let root_schema = workspace().join("statuses.toml");
    let mut ran = 0;
    let mut failures = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(&page).expect("a page");
        ran += markdown::blocks(&text)
            .iter()
            .filter(|b| b.language == "console")
            .count();
        let outcome = session::run(&shown(&page), &text, &root_schema);
        if !outcome.failures.is_empty() && std::env::var_os("STATUSKIT_DOCS_BLESS").is_some() {
            std::fs::write(&page, outcome.blessed).expect("the page rewritten");
        }
        failures.extend(outcome.failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(
        ran >= 10,
        "the guide shows commands and their output: {ran} blocks"
    );
}

/// A command shown in a plain shell block, or as a session in a text block, would never be
/// run: each that runs `statuskit` belongs in a `console` block, with its output.
#[test]
fn every_shell_block_that_runs_statuskit_is_run() {
    let mut failures = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(&page).expect("a page");
        for block in markdown::blocks(&text) {
            let shell = matches!(block.language.as_str(), "sh" | "bash" | "shell" | "zsh");
            if !shell && !matches!(block.language.as_str(), "text" | "") {
                continue;
            }
            for (offset, line) in block.body.lines().enumerate() {
                // A shell block's commands, and a text block's shown session (`$ statuskit`);
                // a usage line in a text block (`statuskit gen <target> …`) is no command.
                let command = if shell {
                    line.trim_start_matches("$ ")
                } else {
                    line.strip_prefix("$ ").unwrap_or_default()
                };
                if command.split_whitespace().next() == Some("statuskit") {
                    failures.push(format!(
                        "{}:{}: `{line}` is never run: show it in a `console` block, with its output",
                        shown(&page),
                        block.line + offset
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every key the parser reads (as `statuskit schema` lists them) has a row in the schema
/// page's table for its own table: a key added without a word for users fails here.
#[test]
fn every_key_of_the_schema_language_is_documented() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_statuskit"))
        .arg("schema")
        .output()
        .expect("statuskit schema runs");
    let schema: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("the JSON Schema parses");
    let mut keys = Vec::new();
    collect_keys(&schema, "", &mut keys);
    let page = std::fs::read_to_string(workspace().join("docs/guide/src/schema.md"))
        .expect("the schema page");
    let mut failures = Vec::new();
    for (table, key) in &keys {
        let heading = match table.as_str() {
            "" => "### Top level",
            "defaults" => "### `[defaults]`",
            "status" => "### `[status.Name]`",
            "events" => "### Events",
            "python" => "### `python`",
            "typescript" => "### `typescript`",
            "generate" => "### `[[generate]]`",
            "migrations" => "### `[migrations]`",
            "lint" => "### `[lint]`",
            other => {
                failures.push(format!(
                    "the table `{other}` has no section on the schema page"
                ));
                continue;
            }
        };
        let Some(start) = page.find(&format!("{heading}\n")) else {
            failures.push(format!("the schema page has no `{heading}`"));
            continue;
        };
        let section = &page[start + heading.len()..];
        let section = &section[..section.find("\n#").unwrap_or(section.len())];
        let documented = section.lines().any(|line| {
            line.strip_prefix("| ")
                .and_then(|row| row.split(" | ").next())
                .is_some_and(|cell| cell.contains(&format!("`{key}`")))
        });
        if !documented {
            failures.push(format!("`{key}` has no row under `{heading}`"));
        }
    }
    assert!(keys.len() > 40, "the JSON Schema lists the keys: {keys:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `(table, key)` for every property of every table the JSON Schema describes; a table
/// is named by the key that holds it (`status` for `[status.Name]`, `events` for an event).
fn collect_keys(value: &serde_json::Value, table: &str, out: &mut Vec<(String, String)>) {
    let Some(properties) = value.get("properties").and_then(|p| p.as_object()) else {
        return;
    };
    for (key, sub) in properties {
        out.push((table.to_owned(), key.clone()));
        for inner in [Some(sub), sub.get("additionalProperties"), sub.get("items")]
            .into_iter()
            .flatten()
        {
            collect_keys(inner, key, out);
        }
    }
}

/// Every relative link of a page leads to a file or directory that exists (anchors are
/// mdBook's and GitHub's business; paths are ours).
#[test]
fn every_relative_link_resolves() {
    let mut failures = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(&page).expect("a page");
        let dir = page.parent().expect("a page's directory");
        let mut in_code = false;
        for (index, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("```") {
                in_code = !in_code;
            }
            if in_code {
                continue;
            }
            let mut rest = line;
            while let Some(at) = rest.find("](") {
                rest = &rest[at + 2..];
                let target = rest.split(')').next().unwrap_or_default();
                let path = target.split('#').next().unwrap_or_default();
                if path.is_empty() || path.contains("://") || path.starts_with("mailto:") {
                    continue;
                }
                if !dir.join(path).exists() {
                    failures.push(format!(
                        "{}:{}: `{target}` leads nowhere",
                        shown(&page),
                        index + 1
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
