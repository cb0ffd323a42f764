//! Runs a page as a reader would follow it: in a new directory holding a copy of the
//! repository's `statuses.toml`, every `file=PATH` block is written to `PATH` where it
//! appears, and every `console` block's commands run in order (bash, standard error
//! merged into standard output, no terminal), their output compared with what the page
//! shows. `statuskit` is the binary under test; `cargo run -p status-cli --` is read as
//! `statuskit`, which it runs. A page that runs `psql` gets a PostgreSQL server of its
//! own, with the variables psql reads set as `scripts/with-postgres` sets them. `python3`
//! and `tsc` are the project's pinned ones (conformance/, installed by scripts/setup-tools).

use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use super::markdown::{self, Block};
use super::postgres::Postgres;

/// What a page's run found.
pub struct Outcome {
    /// What ran differently from the page, one message per command or file.
    pub failures: Vec<String>,
    /// The page with each differing output replaced by what the command printed (for
    /// `STATUSKIT_DOCS_BLESS=1`, reviewed in the diff as a snapshot is).
    pub blessed: String,
}

pub fn run(shown: &str, text: &str, root_schema: &Path) -> Outcome {
    let blocks = markdown::blocks(text);
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if !blocks.iter().any(|b| b.language == "console") {
        return Outcome {
            failures: Vec::new(),
            blessed: text.to_owned(),
        };
    }
    let dir = std::env::temp_dir().join(format!(
        "statuskit-docs-{}-{}",
        std::process::id(),
        shown.replace(['/', '.'], "_")
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a directory for the page");
    std::fs::copy(root_schema, dir.join("statuses.toml")).expect("the root schema copied");
    // `<!-- docs-test: copy DIR -->` (hidden by Markdown renderers): the page runs in a copy
    // of the repository's DIR, such as a fixture project an `audit` page reads.
    let root = root_schema.parent().expect("the repository");
    for line in text.lines() {
        if let Some(from) = line
            .trim()
            .strip_prefix("<!-- docs-test: copy ")
            .and_then(|rest| rest.strip_suffix(" -->"))
        {
            copy_tree(&root.join(from), &dir).expect("the directive's directory copied");
        }
    }
    let server = needs_postgres(&blocks).then(Postgres::start);
    let mut failures = Vec::new();
    let mut rewrites: Vec<(usize, usize, Vec<String>)> = Vec::new();
    for block in &blocks {
        if let Some(file) = &block.file {
            if let Err(why) = write(&dir, file, &block.body) {
                failures.push(format!("{shown}:{}: {why}", block.line));
            }
        }
        if block.language != "console" {
            continue;
        }
        let mut body = Vec::new();
        for command in markdown::commands(&block.body, block.line) {
            let output = execute(&dir, &command.text, server.as_ref());
            let actual: Vec<String> = output.lines().map(str::to_owned).collect();
            body.extend(command.text.lines().enumerate().map(|(i, l)| {
                if i == 0 {
                    format!("$ {l}")
                } else {
                    l.to_owned()
                }
            }));
            if markdown::matches(&command.output, &actual) {
                body.extend(command.output.iter().cloned());
            } else {
                body.extend(actual.iter().map(|l| l.trim_end().to_owned()));
                failures.push(format!(
                    "{shown}:{}: `{}` printed\n{}\n--- where the page shows\n{}\n---",
                    command.line,
                    command.text,
                    output.trim_end(),
                    command.output.join("\n").trim_end()
                ));
            }
        }
        rewrites.push((block.line - 1, block.body.lines().count(), body));
    }
    if failures.is_empty() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    for (start, count, body) in rewrites.into_iter().rev() {
        lines.splice(start..start + count, body);
    }
    let mut blessed = lines.join("\n");
    blessed.push('\n');
    Outcome { failures, blessed }
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

fn needs_postgres(blocks: &[Block]) -> bool {
    blocks
        .iter()
        .filter(|b| b.language == "console")
        .flat_map(|b| markdown::commands(&b.body, b.line))
        .any(|c| c.text.split_whitespace().next() == Some("psql"))
}

/// Writes a page's file, refusing a path that would leave the page's directory.
fn write(dir: &Path, file: &str, body: &str) -> Result<(), String> {
    let relative = Path::new(file);
    if !relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
    {
        return Err(format!("`file={file}` is not a plain relative path"));
    }
    let path = dir.join(relative);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{file}: {e}"))?;
    }
    std::fs::write(&path, body).map_err(|e| format!("{file}: {e}"))
}

fn statuskit_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_statuskit"))
        .parent()
        .expect("the binary's directory")
        .to_path_buf()
}

/// Runs one command line in bash, and returns what it printed on either stream.
fn execute(dir: &Path, command: &str, server: Option<&Postgres>) -> String {
    let command = command
        .strip_prefix("cargo run -p status-cli -- ")
        .map_or_else(|| command.to_owned(), |rest| format!("statuskit {rest}"));
    // The project's pinned tools (scripts/setup-tools) come first after statuskit: a page's
    // `python3` has Pydantic and SQLAlchemy, its `tsc` and `node` modules are the tested ones.
    let conformance = Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance");
    let path = format!(
        "{}:{}:{}:{}",
        statuskit_dir().display(),
        conformance.join(".venv/bin").display(),
        conformance.join("node_modules/.bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut process = Command::new("timeout");
    process
        .args(["300", "bash", "-c"])
        .arg(format!("exec 2>&1\n{command}"))
        .current_dir(dir)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env("TERM", "dumb")
        .env("PSQLRC", "/dev/null")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "A Reader")
        .env("GIT_AUTHOR_EMAIL", "reader@example.invalid")
        .env("GIT_COMMITTER_NAME", "A Reader")
        .env("GIT_COMMITTER_EMAIL", "reader@example.invalid")
        .env("GIT_AUTHOR_DATE", "2026-12-01T09:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-12-01T09:00:00Z")
        .stdin(Stdio::null());
    for variable in ["DATABASE_URL", "PGHOST", "PGPORT", "PGUSER", "PGDATABASE"] {
        process.env_remove(variable);
    }
    if let Some(server) = server {
        let port = server
            .url
            .rsplit(':')
            .next()
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_default()
            .to_owned();
        process
            .env("DATABASE_URL", &server.url)
            .env("PGHOST", "127.0.0.1")
            .env("PGPORT", port)
            .env("PGUSER", "postgres")
            .env("PGDATABASE", "postgres");
    }
    let output = process.output().expect("bash runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}
