//! `statuskit fmt` on every schema in the repository (the root's, the examples', the test
//! fixtures', the guide's files): the formatted file means what the original meant (the
//! same diagnostics; for a schema that checks, the same model, as the JSON export writes
//! it), formatting it again changes nothing, and the repository's own schemas are
//! formatted already (`fmt --check` passes on them).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// Every `.toml` file that is a statuskit schema (it has `schema_version`), outside build
/// output and installed packages.
fn schemas() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("dir").flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if !matches!(
                    name.as_str(),
                    "target" | "node_modules" | ".git" | ".venv" | "tools"
                ) {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "toml")
                && std::fs::read_to_string(&path).is_ok_and(|t| t.contains("schema_version"))
            {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn statuskit(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_statuskit"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("statuskit runs")
}

/// What a schema means: its diagnostics (codes and messages, not positions), and for one
/// that checks, the model as the JSON export writes it.
fn meaning(text: &str) -> (Vec<String>, Option<String>) {
    let file = status_schema::SourceFile::new("statuses.toml", text);
    let analysis = status_schema::analyze(&file);
    let diagnostics = analysis
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code.id(), d.message))
        .collect();
    let model = analysis.schema.as_ref().and_then(|schema| {
        status_schema::targets::Target::Json
            .generate(
                schema,
                "statuses.toml",
                &status_schema::targets::Options::default(),
            )
            .ok()
    });
    (diagnostics, model)
}

#[test]
fn formatting_never_changes_what_a_schema_means_and_is_idempotent() {
    let schemas = schemas();
    assert!(schemas.len() > 100, "{} schemas", schemas.len());
    let dir = std::env::temp_dir().join(format!("statuskit-fmt-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let mut models = 0;
    for schema in &schemas {
        let text = std::fs::read_to_string(schema).expect("read");
        let copy = dir.join("statuses.toml");
        std::fs::write(&copy, &text).expect("copy");
        let out = statuskit(&["fmt", "statuses.toml"], &dir);
        let formatted = std::fs::read_to_string(&copy).expect("read");
        if !out.status.success() {
            // Only a file that is not TOML is refused, and it is left as it was.
            assert!(
                String::from_utf8_lossy(&out.stderr).contains("not TOML"),
                "{}: {out:?}",
                schema.display()
            );
            assert_eq!(formatted, text);
            continue;
        }
        let (before, after) = (meaning(&text), meaning(&formatted));
        assert_eq!(before, after, "{}", schema.display());
        models += usize::from(after.1.is_some());
        let again = statuskit(&["fmt", "--check", "statuses.toml"], &dir);
        assert!(
            again.status.success(),
            "{}: not idempotent: {again:?}",
            schema.display()
        );
    }
    assert!(models > 10, "{models} schemas that check");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_repository_schemas_are_formatted() {
    for schema in [
        "statuses.toml",
        "examples/rolling-rename/statuses.toml",
        "tests/ui/schemas/statuses.toml",
    ] {
        let out = statuskit(&["fmt", "--check", schema], root());
        assert!(
            out.status.success(),
            "{schema}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn check_prints_a_diff_and_fails_and_fmt_writes_only_the_file() {
    let dir = std::env::temp_dir().join(format!("statuskit-fmt-check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let text = "schema_version=1\n[status.A]\nstates=[\"a\",\"b\"]\n";
    std::fs::write(dir.join("statuses.toml"), text).expect("schema");
    let out = statuskit(&["fmt", "--check"], &dir);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("-states=[\"a\",\"b\"]\n+states = [\"a\", \"b\"]"),
        "{stdout}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("statuses.toml")).expect("read"),
        text
    );
    let out = statuskit(&["fmt"], &dir);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        std::fs::read_to_string(dir.join("statuses.toml")).expect("read"),
        "schema_version = 1\n\n[status.A]\nstates = [\"a\", \"b\"]\n"
    );
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["statuses.toml"], "no temporary file left");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A link is not followed: `fmt` rewrites regular files only.
#[cfg(unix)]
#[test]
fn a_link_is_refused() {
    let dir = std::env::temp_dir().join(format!("statuskit-fmt-link-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let target = dir.join("outside.toml");
    std::fs::write(&target, "schema_version=1\n").expect("target");
    std::os::unix::fs::symlink(&target, dir.join("statuses.toml")).expect("link");
    let out = statuskit(&["fmt"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
    assert_eq!(
        std::fs::read_to_string(&target).expect("read"),
        "schema_version=1\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A hard link's content is another file's too, and a read-only file is its owner's
/// choice: `fmt` replaces neither.
#[cfg(unix)]
#[test]
fn hard_links_and_read_only_files_are_refused() {
    let dir = std::env::temp_dir().join(format!("statuskit-fmt-links-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let text = "schema_version=1\n";
    std::fs::write(dir.join("statuses.toml"), text).expect("schema");
    std::fs::hard_link(dir.join("statuses.toml"), dir.join("other.toml")).expect("link");
    let out = statuskit(&["fmt"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("other hard links"));
    std::fs::remove_file(dir.join("other.toml")).expect("unlink");
    let mut permissions = std::fs::metadata(dir.join("statuses.toml"))
        .expect("meta")
        .permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(dir.join("statuses.toml"), permissions).expect("read-only");
    let out = statuskit(&["fmt"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is read-only"));
    assert_eq!(
        std::fs::read_to_string(dir.join("statuses.toml")).expect("read"),
        text
    );
    let _ = std::fs::remove_dir_all(&dir);
}
