//! `statuskit lint` on trees a pull request could bring: what the attack on issue 28 found,
//! held. A Python file nested past what the parser's scanner can hold is not read (it
//! aborted the process); a file name that is not UTF-8 is named, not misread; DEL and bidi
//! controls never reach JSON or a workflow command raw; `[lint] exclude` reads from the
//! schema's directory under every `[lint]` path, and a path inside another is read once;
//! `--fix` refuses a read-only file and works beside a file whose name is at the limit.

use std::path::PathBuf;
use std::process::Output;

mod lint_support;
use lint_support::lint;

const SCHEMA: &str = "schema_version = 1\n\n[status.OrderStatus]\nstates = [\"pending\", \"paid\", \"shipped\", \"delivered\", \"cancelled\"]\naliases = { success = \"delivered\", canceled = \"cancelled\" }\n";

/// A tree of `files` beside a schema of `extra` appended to [`SCHEMA`].
fn tree(name: &str, extra: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("statuskit-hostile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("statuses.toml"), format!("{SCHEMA}{extra}")).expect("schema");
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(path, text).expect("file");
    }
    dir
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn paths(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["path"].as_str().unwrap_or_default().to_owned())
        .collect()
}

const TYPO: &str =
    "def f(order):\n    if order.status == \"shiped\":\n        order.status = \"success\"\n";

#[test]
fn python_nested_past_the_scanner_is_not_read_and_the_run_goes_on() {
    let mut deep = String::from("def f():\n");
    for level in 1..=520 {
        deep.push_str(&" ".repeat(level));
        deep.push_str("if x:\n");
    }
    deep.push_str(&" ".repeat(521));
    deep.push_str("y = 1\n");
    let dir = tree("deep", "", &[("deep.py", &deep), ("app.py", TYPO)]);
    let out = lint(&dir, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let report = json(&out);
    assert_eq!(paths(&report), ["app.py", "app.py"]);
    let reason = report["not_read"][0]["reason"].as_str().unwrap_or_default();
    assert!(reason.contains("indented 521 levels deep"), "{report:#}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_named_and_not_misread() {
    use std::os::unix::ffi::OsStrExt as _;
    let dir = tree("names", "", &[("a\u{FFFD}.py", "x = 1\n")]);
    let name = std::ffi::OsStr::from_bytes(b"a\xff.py");
    std::fs::write(dir.join(name), TYPO).expect("file");
    let out = lint(&dir, &["--format", "json", "--fix"]);
    let report = json(&out);
    assert_eq!(report["not_read"][0]["path"], "a\u{FFFD}.py", "{report:#}");
    assert!(
        report["not_read"][0]["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("not UTF-8"),
        "{report:#}"
    );
    // The file of the lossy name is not the one that was read, and is left alone.
    assert_eq!(
        std::fs::read_to_string(dir.join("a\u{FFFD}.py")).expect("read"),
        "x = 1\n"
    );
    assert_eq!(
        std::fs::read(dir.join(name)).expect("read"),
        TYPO.as_bytes()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn del_and_bidi_controls_are_escaped_in_json_and_annotations() {
    let dir = tree(
        "controls",
        "",
        &[(
            "web/\u{202e}gnp.py",
            "def f(order):\n    if order.status == \"ship\u{7f}ed\":\n        pass\n",
        )],
    );
    let out = lint(&dir, &["--format", "json"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains('\u{7f}'), "{text}");
    assert!(!text.contains('\u{202e}'), "{text}");
    let report = json(&out);
    assert_eq!(report["findings"][0]["value"], "ship\u{7f}ed");
    for format in ["github", "sarif", "human"] {
        let out = lint(&dir, &["--format", format]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            !text.contains('\u{7f}') && !text.contains('\u{202e}'),
            "{format}: {text}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn lint_excludes_read_from_the_schema_and_nested_paths_are_read_once() {
    let dir = tree(
        "exclude",
        "\n[lint]\npaths = [\".\", \"app\"]\nexclude = [\"app/legacy/**\"]\n",
        &[("app/legacy/old.py", TYPO), ("app/new.py", TYPO)],
    );
    let out = lint(&dir, &["--format", "json"]);
    assert_eq!(paths(&json(&out)), ["app/new.py", "app/new.py"]);
    std::fs::write(
        dir.join("statuses.toml"),
        format!("{SCHEMA}\n[lint]\npaths = [\"app\"]\nexclude = [\"app/legacy/**\"]\n"),
    )
    .expect("schema");
    let out = lint(&dir, &["--format", "json", "--fix"]);
    assert_eq!(paths(&json(&out)), ["app/new.py"], "the typo stays");
    assert_eq!(
        std::fs::read_to_string(dir.join("app/legacy/old.py")).expect("read"),
        TYPO,
        "an excluded file is not rewritten"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fix_refuses_a_read_only_file_and_changes_nothing() {
    let dir = tree("readonly", "", &[("a.py", TYPO), ("b.py", TYPO)]);
    let mut permissions = std::fs::metadata(dir.join("b.py"))
        .expect("meta")
        .permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(dir.join("b.py"), permissions).expect("read-only");
    let out = lint(&dir, &["--fix"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`b.py` is read-only: no file was changed"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(dir.join("a.py")).expect("a"), TYPO);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn fix_works_beside_a_file_whose_name_is_at_the_limit() {
    let name = format!("{}.py", "n".repeat(250));
    let dir = tree("long", "", &[(&name, TYPO)]);
    let out = lint(&dir, &["--fix"]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("`success` → `delivered`"),
        "{out:?}"
    );
    assert!(
        std::fs::read_to_string(dir.join(&name))
            .expect("read")
            .contains("order.status = \"delivered\"")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `\N{NAME}` in a Python string names a character the linter does not decode: the value
/// is unknown, so no finding claims it is (or is not) a state, and `--fix` leaves it.
#[test]
fn python_named_escapes_are_not_taken_for_text() {
    let source = "def f(order):\n    order.status = \"\\N{LATIN SMALL LETTER S}uccess\"\n";
    let dir = tree("named-escape", "", &[("a.py", source)]);
    let out = lint(&dir, &["--format", "json", "--fix"]);
    assert_eq!(paths(&json(&out)), Vec::<String>::new());
    assert_eq!(
        std::fs::read_to_string(dir.join("a.py")).expect("a"),
        source
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A file with other hard links holds another file's content too: `--fix` replaces
/// neither, as `fmt` and `gen` do not.
#[cfg(unix)]
#[test]
fn fix_refuses_a_file_with_other_hard_links() {
    let dir = tree("hardlink", "", &[("a.py", TYPO)]);
    let outside = dir.with_extension("outside.py");
    std::fs::hard_link(dir.join("a.py"), &outside).expect("link");
    let out = lint(&dir, &["--fix"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("has other hard links"));
    assert_eq!(std::fs::read_to_string(&outside).expect("read"), TYPO);
    let _ = std::fs::remove_file(&outside);
    let _ = std::fs::remove_dir_all(&dir);
}
