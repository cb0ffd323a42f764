//! `statuskit diff` end to end: two files, a git revision, JSON, the policy flags, and exit
//! codes 0 (nothing denied), 1 (denied changes), 2 (usage, I/O, or an invalid schema).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pairs() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../status-schema/tests/diff")
}

fn statuskit(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_statuskit"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn exit_codes_follow_the_policy() {
    let dir = pairs().join("B002-value-unreadable");
    let out = statuskit(&dir, &["diff", "old.toml", "new.toml"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("error[B002]"), "{}", stderr(&out));
    // The summary goes to standard output, as `check`'s does: a redirected run keeps it.
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(
        summary.ends_with("3 changes, 2 denied (1 wire, 1 source)\n"),
        "{summary}"
    );
    assert!(!stderr(&out).contains("denied ("), "{}", stderr(&out));
    // Nothing denied: the same changes as warnings, exit 0.
    let out = statuskit(&dir, &["diff", "old.toml", "new.toml", "--deny", "none"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("warning[B002]"), "{}", stderr(&out));
    // A rule allowed by name.
    let dir = pairs().join("B105-state-added");
    let out = statuskit(
        &dir,
        &["diff", "old.toml", "new.toml", "--allow", "state-added"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = statuskit(
        &dir,
        &["diff", "old.toml", "new.toml", "--allow", "no-such-rule"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = statuskit(&dir, &["diff", "old.toml", "new.toml", "--deny", "wires"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn json_lists_every_change_with_its_category() {
    let dir = pairs().join("B003-wire-changed");
    let out = statuskit(&dir, &["diff", "old.toml", "new.toml", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let document: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let change = &document["changes"][0];
    assert_eq!(change["code"], "B003");
    assert_eq!(change["category"], "wire");
    assert_eq!(change["severity"], "error");
    assert_eq!(change["file"], "new.toml");
    // The previous release cannot read the new value either (B008).
    assert_eq!(document["changes"][1]["code"], "B008");
    assert_eq!(document["denied"], 2);
}

#[test]
fn bad_input_is_exit_2_with_the_reason() {
    let dir = pairs().join("B003-wire-changed");
    let out = statuskit(&dir, &["diff", "old.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let out = statuskit(&dir, &["diff", "old.toml", "missing.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot read `missing.toml`"),
        "{}",
        stderr(&out)
    );
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("diff-invalid");
    std::fs::create_dir_all(&scratch).expect("dir");
    std::fs::write(
        scratch.join("bad.toml"),
        "schema_version = 1\n[status.Job]\nstates = [\"a\"]\ninitial = \"b\"\n",
    )
    .expect("write");
    std::fs::copy(dir.join("old.toml"), scratch.join("old.toml")).expect("copy");
    let out = statuskit(&scratch, &["diff", "old.toml", "bad.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("error[E020]"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("`bad.toml` has errors"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn against_reads_the_schema_at_a_git_revision() {
    let repo = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("diff-git");
    let _ = std::fs::remove_dir_all(&repo);
    std::fs::create_dir_all(repo.join("schemas")).expect("repo");
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(&repo)
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
    };
    let pair = pairs().join("B004-alias-removed");
    git(&["init", "-q"]);
    std::fs::copy(pair.join("old.toml"), repo.join("schemas/statuses.toml")).expect("copy");
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "v1"]);
    std::fs::copy(pair.join("new.toml"), repo.join("schemas/statuses.toml")).expect("copy");
    let out = statuskit(
        &repo,
        &["diff", "--against", "HEAD", "schemas/statuses.toml"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("error[B004]"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("HEAD:schemas/statuses.toml"),
        "{}",
        stderr(&out)
    );
    // A revision or a file git does not have: exit 2, with git's reason.
    let out = statuskit(
        &repo,
        &["diff", "--against", "no-such-ref", "schemas/statuses.toml"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read `schemas/statuses.toml` at `no-such-ref`"));
    std::fs::write(repo.join("schemas/other.toml"), "schema_version = 1\n").expect("write");
    let out = statuskit(&repo, &["diff", "--against", "HEAD", "schemas/other.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let out = statuskit(
        &repo,
        &["diff", "--against", "--help", "schemas/statuses.toml"],
    );
    assert_eq!(out.status.code(), Some(2));
}
