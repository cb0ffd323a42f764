//! `statuskit check` end to end: the real binary, its output and its exit codes.

use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn statuskit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_statuskit"))
        .args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_root_schema_checks_clean_by_default_path() {
    let out = statuskit(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("statuses.toml: ok (0 errors, 0 warnings)"),
        "{stdout}"
    );
    for figure in ["statuses", "states", "transitions", "events", "conversions"] {
        assert!(stdout.contains(figure), "summary names {figure}: {stdout}");
    }
    assert!(text(&out.stderr).is_empty());
}

#[test]
fn schema_errors_exit_1_with_located_diagnostics() {
    let out = statuskit(&[
        "check",
        "status-schema/tests/bad/many-mistakes.toml",
        "--color",
        "never",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("error[E020]: unknown state `canceled` in `transitions.in_progress`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("status-schema/tests/bad/many-mistakes.toml:10:95"),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: did you mean `cancelled`?"),
        "{stderr}"
    );
    assert!(!stderr.contains("\u{1b}["), "no colour when asked for none");
    assert!(text(&out.stdout).contains("failed ("));
}

#[test]
fn colour_can_be_forced() {
    let out = statuskit(&[
        "check",
        "status-schema/tests/bad/E013-keyword-variant.toml",
        "--color",
        "always",
    ]);
    assert!(text(&out.stderr).contains("\u{1b}["));
}

#[test]
fn warnings_pass_unless_denied() {
    let file = "status-schema/tests/bad/W004-no-initial.toml";
    assert_eq!(statuskit(&["check", file]).status.code(), Some(0));
    assert_eq!(
        statuskit(&["check", file, "--deny-warnings"]).status.code(),
        Some(1)
    );
}

#[test]
fn a_missing_file_is_an_io_error_not_a_backtrace() {
    let out = statuskit(&["check", "no/such/statuses.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("error: cannot read `no/such/statuses.toml`"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        statuskit(&["check", "--format", "xml"]).status.code(),
        Some(2)
    );
    assert_eq!(statuskit(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn json_output_for_tools() {
    let out = statuskit(&[
        "check",
        "status-schema/tests/bad/E030-terminal-exit.toml",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    assert_eq!(report["version"], 1);
    assert_eq!(report["ok"], false);
    insta::assert_snapshot!(serde_json::to_string_pretty(&report).unwrap());
}

#[test]
fn json_summary_for_a_valid_schema() {
    let out = statuskit(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["ok"], true);
    assert_eq!(report["diagnostics"].as_array().map(Vec::len), Some(0));
    assert!(report["summary"]["statuses"].as_u64().unwrap() >= 30);
}

/// A tool reading `--format json` gets JSON even when the schema cannot be read at all.
#[test]
fn json_output_for_an_unreadable_schema() {
    for path in ["no/such/statuses.toml", "status-schema"] {
        let out = statuskit(&["check", "--format", "json", path]);
        assert_eq!(out.status.code(), Some(2), "{path}");
        let report: serde_json::Value =
            serde_json::from_str(&text(&out.stdout)).expect("a JSON document on stdout");
        assert_eq!(report["ok"], false);
        assert_eq!(report["file"], path);
        assert!(
            report["io_error"]
                .as_str()
                .is_some_and(|m| m.contains(path)),
            "{report}"
        );
    }
}

/// `-` reads the schema from standard input, as editors and pipelines pass it.
#[test]
fn a_schema_on_standard_input() {
    let out = check_stdin(b"schema_version = 1\n[status.Job]\nstates = [\"queued\", \"done\"]\n");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("<stdin>: ok"),
        "{}",
        text(&out.stdout)
    );
}

/// The summary counts in words that agree with the numbers.
#[test]
fn the_summary_says_one_status_not_one_statuses() {
    let out = check_stdin(b"schema_version = 1\n[status.Job]\nstates = [\"queued\", \"done\"]\ninitial = \"queued\"\nterminal = [\"done\"]\ntransitions = { queued = [\"done\"] }\n");
    assert!(
        text(&out.stdout).contains("1 status, 2 states, 1 transition, 0 events, 0 conversions"),
        "{}",
        text(&out.stdout)
    );
}

/// `statuskit check -` with `schema` on standard input.
fn check_stdin(schema: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_statuskit"))
        .args(["check", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(schema)
        .expect("write");
    child.wait_with_output().expect("exit")
}

/// Several files, as pre-commit passes every staged schema: each is checked and reported,
/// and the exit code is the worst of them.
#[test]
fn several_files_are_each_checked_and_the_worst_exit_wins() {
    let bad = "status-schema/tests/bad/E026-misplaced-key.toml";
    let out = statuskit(&["check", "statuses.toml", bad]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("statuses.toml: ok"), "{stdout}");
    assert!(stdout.contains(&format!("{bad}: failed")), "{stdout}");
    let out = statuskit(&["check", bad, "no/such/statuses.toml", "statuses.toml"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unreadable file outranks errors"
    );
    assert!(
        text(&out.stdout).contains("statuses.toml: ok"),
        "the rest still checked"
    );
    let out = statuskit(&["check", "--format", "json", "statuses.toml", bad]);
    let documents: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON document per line"))
        .collect();
    assert_eq!(documents.len(), 2);
}

/// Standard input can be read once: naming it twice is refused, not read as empty.
#[test]
fn standard_input_named_twice_is_refused() {
    let out = statuskit(&["check", "-", "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("named twice"),
        "{}",
        text(&out.stderr)
    );
}
