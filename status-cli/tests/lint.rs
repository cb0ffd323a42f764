//! `statuskit lint` on a small app (`tests/fixtures/lint`): a Python enum that spells two
//! states the old way, a TypeScript union that lost a state and gained one, a transition
//! table allowing a move the schema forbids, and one forbidding a move the schema allows;
//! beside them, what must stay silent: an exact copy (the TypeScript `OrderStatus`), a set
//! naming a role (`TERMINAL_STATES`), and enums of other things (`Color`, `Priority`).

use std::path::Path;

mod lint_support;
use lint_support::{lint, sarif_problems};

fn fixture() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lint"))
}

#[test]
fn findings_name_their_evidence_and_errors_fail() {
    let out = lint(fixture(), &[]);
    assert_eq!(out.status.code(), Some(1), "an error-level finding fails");
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stdout));
}

#[test]
fn the_json_report_is_versioned_and_names_each_finding() {
    let out = lint(fixture(), &["--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["format"], "statuskit-lint");
    assert_eq!(report["version"], 1);
    let found: Vec<(String, String, u64, String)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap_or_default().to_owned(),
                f["path"].as_str().unwrap_or_default().to_owned(),
                f["line"].as_u64().unwrap_or_default(),
                f["level"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let expected = [
        ("L004", "app/flow.py", 3, "note"),
        ("L003", "app/orders.py", 4, "warning"),
        ("L004", "app/orders.py", 14, "error"),
        ("L003", "web/orders.ts", 2, "warning"),
    ];
    assert_eq!(
        found,
        expected.map(|(c, p, l, v)| (c.to_owned(), p.to_owned(), l, v.to_owned()))
    );
    // Nothing about the exact copy, the role, or the enums of other things.
    let names: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    for silent in ["TERMINAL_STATES", "Color", "Priority", "PAYMENT_OUTCOMES"] {
        assert!(!names.contains(&silent), "{silent}: {names:?}");
    }
    assert_eq!(names.iter().filter(|n| **n == "OrderStatus").count(), 1);
}

#[test]
fn a_schema_with_errors_cannot_be_linted_against() {
    let dir = std::env::temp_dir().join(format!("statuskit-lint-broken-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("statuses.toml"),
        "schema_version = 1\n[status.A]\nstates = []\n",
    )
    .expect("schema");
    let out = lint(&dir, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("has errors, or cannot be read"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The SARIF document is valid by Microsoft's reference validator (`@microsoft/sarif-multitool`,
/// pinned in conformance/ and installed by scripts/setup-tools): it reports no error and no
/// warning about it, only its style notes.
#[test]
fn sarif_is_valid_by_the_reference_validator() {
    let out = lint(fixture(), &["--format", "sarif"]);
    let problems = sarif_problems(&out.stdout, "definitions");
    assert!(problems.is_empty(), "{problems:#?}");
    let document: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(document["version"], "2.1.0");
    assert_eq!(
        document["runs"][0]["results"].as_array().map(Vec::len),
        Some(4)
    );
}

/// GitHub's workflow commands: one per finding, at its level, with the path and message
/// escaped so that a file named `a,b:c.ts` cannot add a property or end the command.
#[test]
fn github_annotations_are_escaped() {
    let dir = std::env::temp_dir().join(format!("statuskit-github-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("web")).expect("dir");
    std::fs::copy(fixture().join("statuses.toml"), dir.join("statuses.toml")).expect("schema");
    std::fs::write(
        dir.join("web/a,b:c.ts"),
        "export type OrderStatus = \"pending\" | \"paid\" | \"shipped\" | \"completed\" | \"lost\";\n",
    )
    .expect("source");
    let out = lint(&dir, &["--format", "github"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.starts_with(
            "::warning file=web/a%2Cb%3Ac.ts,line=1,endLine=1,title=L003 drifted-copy::"
        ),
        "{text}"
    );
    assert!(text.contains("%0Aevidence: "), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `statuskit: ignore[rule]` in a comment on the finding's line or the line above silences
/// that rule there, by name or code; another rule's name silences nothing.
#[test]
fn inline_suppressions_silence_their_rule_only() {
    let dir = std::env::temp_dir().join(format!("statuskit-ignore-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("app")).expect("dir");
    std::fs::copy(fixture().join("statuses.toml"), dir.join("statuses.toml")).expect("schema");
    let source = std::fs::read_to_string(fixture().join("app/orders.py")).expect("source");
    let source = source
        .replace(
            "class OrderStatus(str, Enum):",
            "# statuskit: ignore[drifted-copy] -- kept until the API moves\nclass OrderStatus(str, Enum):",
        )
        .replace(
            "NEXT_STATUS = {",
            "NEXT_STATUS = {  # statuskit: ignore[unknown-value, L004]",
        );
    std::fs::write(dir.join("app/orders.py"), &source).expect("source");
    let out = lint(&dir, &["--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        report["findings"].as_array().map(Vec::len),
        Some(0),
        "{report:#}"
    );
    assert_eq!(out.status.code(), Some(0));
    // Another rule's name silences nothing.
    std::fs::write(
        dir.join("app/orders.py"),
        source.replace("ignore[drifted-copy]", "ignore[transition-not-allowed]"),
    )
    .expect("source");
    let out = lint(&dir, &["--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        report["findings"].as_array().map(Vec::len),
        Some(1),
        "{report:#}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A table of plain strings in a codebase with no enum of those states (the schema is the
/// only one): `audit` sets it aside, and `lint` holds it against the schema.
#[test]
fn a_table_of_strings_is_held_against_the_schema_alone() {
    let dir = std::env::temp_dir().join(format!("statuskit-strings-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("statuses.toml"),
        "schema_version = 1\n[status.OrderStatus]\nstates = [\"pending\", \"paid\", \"shipped\", \"cancelled\"]\ninitial = \"pending\"\nterminal = [\"shipped\", \"cancelled\"]\ntransitions = { pending = [\"paid\", \"cancelled\"], paid = [\"shipped\", \"cancelled\"] }\n",
    )
    .expect("schema");
    std::fs::write(
        dir.join("flow.py"),
        "NEXT_STATUS = {\n    \"pending\": [\"paid\", \"shipped\"],\n    \"paid\": [\"shipped\"],\n}\n",
    )
    .expect("source");
    let out = lint(&dir, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let messages: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert_eq!(
        messages,
        ["`NEXT_STATUS` allows `pending` → `shipped`, which `OrderStatus` does not"]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `[lint]` in the schema: `paths` chooses what is read (findings named from the schema's
/// directory), `exclude` leaves paths out, and `rules` turns a rule off or changes its
/// level, by name or code.
#[test]
fn the_lint_table_chooses_paths_and_levels() {
    let dir = std::env::temp_dir().join(format!("statuskit-lint-config-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for sub in ["app", "web"] {
        std::fs::create_dir_all(dir.join(sub)).expect("dir");
        for entry in std::fs::read_dir(fixture().join(sub)).expect("fixture") {
            let entry = entry.expect("entry");
            std::fs::copy(entry.path(), dir.join(sub).join(entry.file_name())).expect("copy");
        }
    }
    let schema = std::fs::read_to_string(fixture().join("statuses.toml")).expect("schema");
    let findings = |lint: &str| {
        std::fs::write(
            dir.join("statuses.toml"),
            format!("{schema}\n[lint]\n{lint}\n"),
        )
        .expect("schema");
        let out = lint_in(&dir);
        let report: serde_json::Value = serde_json::from_slice(&out.0).expect("JSON");
        let found: Vec<String> = report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| {
                format!(
                    "{} {} {}",
                    f["code"].as_str().unwrap_or_default(),
                    f["path"].as_str().unwrap_or_default(),
                    f["level"].as_str().unwrap_or_default()
                )
            })
            .collect();
        (found, out.1)
    };
    let (found, code) = findings("paths = [\"app\"]");
    assert_eq!(
        found,
        [
            "L004 app/flow.py note",
            "L003 app/orders.py warning",
            "L004 app/orders.py error"
        ]
    );
    assert_eq!(code, Some(1));
    let (found, code) = findings(
        "paths = [\"app\", \"web\"]\nexclude = [\"flow.py\"]\nrules = { drifted-copy = \"off\", L004 = \"warn\" }",
    );
    assert_eq!(found, ["L004 app/orders.py warning"]);
    assert_eq!(code, Some(0), "nothing at error level");
    let _ = std::fs::remove_dir_all(&dir);
}

fn lint_in(dir: &Path) -> (Vec<u8>, Option<i32>) {
    let out = lint(dir, &["--format", "json"]);
    (out.stdout, out.status.code())
}

/// A tree of `files` (path, text) beside the fixture's schema with `extra` appended.
fn tree(name: &str, extra: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("statuskit-lint-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let schema = std::fs::read_to_string(fixture().join("statuses.toml")).expect("schema");
    std::fs::write(dir.join("statuses.toml"), format!("{schema}{extra}")).expect("schema");
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(path, text).expect("file");
    }
    dir
}

fn messages(dir: &Path) -> Vec<String> {
    let out = lint(dir, &["--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["message"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// What the trial of issue 28 found, held: a part of a status under a name of its own is a
/// role, not a copy (under the status's own name it is one); a definition of another name
/// needs nearly all its values to be the status's; a table's move to the same state is a
/// move; a suppression in a string, or glued to a word, silences nothing, and one above a
/// decorator reaches the class.
#[test]
fn precision_cases_from_the_trial() {
    let dir = tree(
        "precision",
        "",
        &[
            (
                "web/roles.ts",
                "export type ActiveOrderStatus = \"pending\" | \"paid\" | \"shipped\";\nexport function cancel(status: \"pending\" | \"paid\"): void {}\n",
            ),
            (
                "app/jobs.py",
                "from enum import Enum\n\n\nclass JobStatus(str, Enum):\n    PENDING = \"pending\"\n    PAID = \"paid\"\n    RUNNING = \"running\"\n    FAILED = \"failed\"\n    DONE = \"done\"\n",
            ),
            (
                "app/lost.py",
                "from enum import Enum\n\n\nclass OrderStatus(str, Enum):\n    PENDING = \"pending\"\n    PAID = \"paid\"\n    SHIPPED = \"shipped\"\n    COMPLETED = \"completed\"\n",
            ),
            (
                "app/flow.py",
                "NEXT = {\n    \"pending\": [\"pending\", \"paid\"],\n    \"paid\": [\"shipped\"],\n}\n\n\ndef can(a, b):\n    return b in NEXT.get(a, [])\n",
            ),
        ],
    );
    assert_eq!(
        messages(&dir),
        [
            "`NEXT` allows `pending` → `pending`, which `OrderStatus` does not",
            "`OrderStatus` (python-enum) is a copy of `OrderStatus` that lacks `cancelled`",
        ]
    );
    // Suppressions: in a string, glued to a word, or at the end of the line above, nothing;
    // above a decorator, the class.
    let enum_text = "from enum import Enum, unique\n\n\nX = \"statuskit: ignore[drifted-copy]\"  # xstatuskit: ignore[drifted-copy]\nclass OrderStatus(str, Enum):\n    PENDING = \"pending\"\n    PAID = \"paid\"\n    SHIPPED = \"shipped\"\n    COMPLETED = \"completed\"\n";
    std::fs::write(dir.join("app/lost.py"), enum_text).expect("file");
    std::fs::remove_file(dir.join("app/flow.py")).expect("rm");
    assert_eq!(messages(&dir).len(), 1, "not silenced");
    let decorated = enum_text.replace(
        "X = \"statuskit: ignore[drifted-copy]\"  # xstatuskit: ignore[drifted-copy]\n",
        "# statuskit: ignore[drifted-copy]\n@unique\n",
    );
    std::fs::write(dir.join("app/lost.py"), decorated).expect("file");
    assert!(messages(&dir).is_empty(), "silenced above the decorator");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `[lint] paths` that leads out of the schema's directory through a link is refused before
/// anything is read (a link to `/` would walk the machine); `.` is the schema's directory.
#[test]
fn lint_paths_stay_inside_the_schema_directory() {
    let dir = tree("paths", "\n[lint]\npaths = [\"link\"]\n", &[]);
    std::os::unix::fs::symlink("/", dir.join("link")).expect("link");
    let out = lint(&dir, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("leads out of the schema's directory"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let schema = std::fs::read_to_string(dir.join("statuses.toml")).expect("schema");
    std::fs::write(
        dir.join("statuses.toml"),
        schema.replace("[\"link\"]", "[\".\"]"),
    )
    .expect("schema");
    std::fs::remove_file(dir.join("link")).expect("rm");
    assert_eq!(lint(&dir, &[]).status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

/// SARIF locations are URI references: a file name that holds `%`, `#`, `?` or a space is
/// percent-encoded, so no viewer reads `%2e%2e%2f` as `../` or `#x` as a fragment. (The
/// reference validator does not check this; the test does.)
#[test]
fn sarif_uris_are_percent_encoded() {
    let union = "export type OrderStatus = \"pending\" | \"paid\" | \"shipped\" | \"completed\" | \"lost\";\n";
    let dir = tree("uri", "", &[("web/%2e%2e a#b?c.ts", union)]);
    let out = lint(&dir, &["--format", "sarif"]);
    let document: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let uri = &document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(uri, "web/%252e%252e%20a%23b%3Fc.ts");
    let _ = std::fs::remove_dir_all(&dir);
}

/// From the trial too: a file the walk cannot read is named (`not_read`), not passed over in
/// silence; an `as const` array of a status's values that drifted is a copy like any
/// other; a control character in a path reaches GitHub percent-encoded.
#[test]
fn unread_files_arrays_and_control_characters() {
    let dir = tree(
        "unread",
        "",
        &[(
            "web/list.ts",
            "export const ORDER_STATUSES = [\"pending\", \"paid\", \"shipped\", \"completed\", \"lost\"] as const;\n",
        )],
    );
    std::fs::write(dir.join("web/latin1.py"), b"STATUS = \"caf\xe9\"\n").expect("file");
    let out = lint(&dir, &["--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["not_read"][0]["path"], "web/latin1.py", "{report:#}");
    let names: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    assert_eq!(names, ["ORDER_STATUSES"]);
    let human = String::from_utf8_lossy(&lint(&dir, &[]).stdout).into_owned();
    assert!(
        human.starts_with("note: not read: web/latin1.py: "),
        "{human}"
    );
    std::fs::rename(dir.join("web/list.ts"), dir.join("web/a\tb.ts")).expect("rename");
    let github = String::from_utf8_lossy(&lint(&dir, &["--format", "github"]).stdout).into_owned();
    assert!(
        github.starts_with("::warning file=web/a%09b.ts,"),
        "{github}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A table of strings that names a value its status does not have: the moves from or to it
/// are moves no row makes (L001, with the nearest state); an alias in it is a lookup that
/// misses the stored value (L002).
#[test]
fn a_table_naming_an_unknown_value_is_an_unknown_value() {
    let dir = tree(
        "table-values",
        "",
        &[(
            "flow.py",
            "NEXT_STATUS = {\n    \"pending\": [\"paid\", \"cancelled\"],\n    \"paid\": [\"shiped\", \"canceled\"],\n    \"shipped\": [\"completed\"],\n}\n",
        )],
    );
    let out = lint(&dir, &["--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let found: Vec<(String, String, String)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap_or_default().to_owned(),
                f["message"].as_str().unwrap_or_default().to_owned(),
                f["help"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "L001".to_owned(),
                "`NEXT_STATUS` names `shiped`, which is no state of `OrderStatus`".to_owned(),
                "did you mean `shipped`?".to_owned()
            ),
            (
                "L002".to_owned(),
                "`NEXT_STATUS` names `canceled` for `OrderStatus`'s state `cancelled`".to_owned(),
                String::new()
            ),
        ],
        "{report:#}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// From the first trial: a list of `(from, to)` pairs is a transition table, not Django's
/// choices (which pair values with labels); and a `CHECK` a later migration replaced holds
/// no row any more, so only the latest one on a column is held against the schema.
#[test]
fn edge_lists_are_tables_and_replaced_checks_are_history() {
    let dir = tree(
        "edges-checks",
        "",
        &[
            (
                "app/flow.py",
                "ORDER_TRANSITIONS = [\n    (\"pending\", \"paid\"),\n    (\"paid\", \"pending\"),\n    (\"paid\", \"shipped\"),\n]\nSTATUS_CHOICES = [(\"pending\", \"Pending\"), (\"paid\", \"Paid\"), (\"shipped\", \"Shipped\"), (\"completed\", \"Done\"), (\"cancelled\", \"Cancelled\")]\n",
            ),
            (
                "db/migrations/0001_orders.sql",
                "CREATE TABLE orders (id int, status text CHECK (status IN ('pending', 'paid', 'shipped', 'completed')));\n",
            ),
            (
                "db/migrations/0002_cancel.sql",
                "ALTER TABLE orders DROP CONSTRAINT orders_status_check;\nALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('pending', 'paid', 'shipped', 'completed', 'cancelled'));\n",
            ),
        ],
    );
    assert_eq!(
        messages(&dir),
        ["`ORDER_TRANSITIONS` allows `paid` → `pending`, which `OrderStatus` does not"]
    );
    let _ = std::fs::remove_dir_all(&dir);
}
