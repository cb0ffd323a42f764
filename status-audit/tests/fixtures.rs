//! The fixture projects under `tests/fixtures/`, small fake codebases written for this: every
//! finding pinned by insta, every draft accepted by statuskit's checker, and precision and
//! recall measured against each project's `expected-statuses.txt` (the status definitions
//! it holds, by path and name; whatever else it holds is a trap: non-status enums, enums in
//! comments and strings, generated, vendored, ignored and minified files).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::PathBuf;

use status_audit::{Options, Report, audit, draft};

const PROJECTS: &[&str] = &["python-app", "ts-web", "data", "rust-svc", "dropin", "ops"];

fn root(project: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(project)
}

fn report(project: &str, all: bool) -> Report {
    let mut options = Options::default();
    options.all = all;
    audit(&root(project), &options).expect("audit")
}

/// One line per finding and table, stable across runs.
fn listing(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let values: Vec<String> = f
            .members
            .iter()
            .map(|m| {
                if m.name == m.value {
                    m.value.clone()
                } else {
                    format!("{}={}", m.name, m.value)
                }
            })
            .collect();
        let _ = writeln!(
            out,
            "{}:{}-{} {} {} score={} status={}\n    {}",
            f.path,
            f.line,
            f.end_line,
            f.kind.name(),
            f.name,
            f.score,
            f.is_status(),
            values.join(", ")
        );
    }
    for g in &report.groups {
        let _ = writeln!(
            out,
            "group {} {} {:?}: {}",
            g.kind.name(),
            g.name,
            g.findings,
            g.note
        );
    }
    for t in &report.transition_tables {
        let moves: Vec<String> = t
            .moves
            .iter()
            .map(|m| format!("{} -> [{}]", m.from, m.to.join(", ")))
            .collect();
        let _ = writeln!(
            out,
            "table {}:{} {}: {}",
            t.path,
            t.line,
            t.name,
            moves.join("; ")
        );
    }
    for r in &report.rejected {
        let _ = writeln!(
            out,
            "rejected {} {}:{} {}: {}",
            r.what, r.path, r.line, r.name, r.reason
        );
    }
    for (path, message) in &report.errors {
        let _ = writeln!(out, "error {path}: {message}");
    }
    out
}

/// What the precision pass sets aside is in the JSON contract, each with its reason.
#[test]
fn rejections_are_reported_in_json() {
    let json: serde_json::Value =
        serde_json::from_str(&report("ops", false).to_json()).expect("JSON");
    let rejected = json["rejected"].as_array().expect("a rejected list");
    let entry = |name: &str| {
        rejected
            .iter()
            .find(|r| r["name"] == name)
            .unwrap_or_else(|| panic!("{name} rejected: {rejected:#?}"))
    };
    assert_eq!(entry("statusColors")["what"], "definition");
    assert_eq!(entry("PHASE_DEPENDENCIES")["what"], "transition-table");
    assert!(
        entry("PHASE_DEPENDENCIES")["reason"]
            .as_str()
            .is_some_and(|r| r.contains("prerequisites")),
    );
    assert_eq!(
        entry("WORKFLOW_STATES")["path"],
        "web/src/__tests__/workflow.test.ts"
    );
    // Neither among the findings nor the tables.
    for list in ["findings", "transition_tables"] {
        let names: Vec<&str> = json[list]
            .as_array()
            .expect(list)
            .iter()
            .filter_map(|f| f["name"].as_str())
            .collect();
        for name in [
            "statusColors",
            "PHASE_DEPENDENCIES",
            "WORKFLOW_STATES",
            "_LAZY_IMPORTS",
        ] {
            assert!(!names.contains(&name), "{name} in {list}");
        }
    }
}

#[test]
fn every_finding_is_pinned() {
    for project in PROJECTS {
        insta::assert_snapshot!(
            format!("{project}-findings"),
            listing(&report(project, true))
        );
    }
}

#[test]
fn the_same_tree_gives_the_same_report() {
    for project in PROJECTS {
        assert_eq!(
            report(project, true).to_json(),
            report(project, true).to_json(),
            "{project}"
        );
    }
}

#[test]
fn every_draft_passes_check() {
    for project in PROJECTS {
        let text = draft(&report(project, false));
        let file = status_schema::SourceFile::new("statuses.toml", text.as_str());
        let analysis = status_schema::analyze(&file);
        assert!(
            !analysis.diagnostics.has_errors(),
            "{project}:\n{}\n{text}",
            status_schema::diagnostic::to_string(&file, analysis.diagnostics.as_slice())
        );
        assert!(!text.contains("# Not drafted"), "{project}: {text}");
        insta::assert_snapshot!(format!("{project}-draft"), text);
    }
}

/// The statuses each project holds, as `path name`.
fn expected(project: &str) -> BTreeSet<String> {
    std::fs::read_to_string(root(project).join("expected-statuses.txt"))
        .expect("expected-statuses.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn precision_and_recall_on_the_corpus() {
    let (mut true_positive, mut found, mut wanted) = (0usize, 0usize, 0usize);
    for project in PROJECTS {
        let truth = expected(project);
        let report = report(project, false);
        let reported: BTreeSet<String> = report
            .findings
            .iter()
            .map(|f| format!("{} {}", f.path, f.name))
            .collect();
        let missed: Vec<&String> = truth.difference(&reported).collect();
        let wrong: Vec<&String> = reported.difference(&truth).collect();
        println!("{project}: missed {missed:?}, not statuses {wrong:?}");
        true_positive += truth.intersection(&reported).count();
        found += reported.len();
        wanted += truth.len();
    }
    #[allow(clippy::cast_precision_loss)] // counts of a few dozen
    let (precision, recall) = (
        true_positive as f64 / found as f64,
        true_positive as f64 / wanted as f64,
    );
    println!(
        "corpus: {true_positive} of {wanted} status definitions found (recall {:.1}%), {true_positive} of {found} reported are statuses (precision {:.1}%)",
        recall * 100.0,
        precision * 100.0
    );
    assert!(recall >= 0.95, "recall {recall}");
    assert!(precision >= 0.90, "precision {precision}");
}

/// Project bases as real trees have them, each drafted so that the generated class imports
/// and keeps the data type: a `src/` layout (the module counted from the package root), a
/// project class named `Enum`, a `StrEnum` backport that already carries `str`, a numeric
/// base (no mixin: statuses store strings), and a vendored package called `enum` (never
/// taken for the standard library's).
#[test]
fn project_bases_are_drafted_importable() {
    let root = std::env::temp_dir().join(format!("statuskit-bases-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let files = [
        ("src/pipeline/__init__.py", ""),
        (
            "src/pipeline/base.py",
            "from enum import Enum\nclass BaseState(Enum):\n    def describe(self) -> str:\n        return str(self.value)\n",
        ),
        (
            "src/pipeline/states.py",
            "from .base import BaseState\nclass RunState(BaseState):\n    PENDING = \"pending\"\n    DONE = \"done\"\n",
        ),
        ("app/__init__.py", ""),
        (
            "app/enums.py",
            "import enum\nclass Enum(enum.Enum):\n    pass\nclass StrEnum(str, enum.Enum):\n    pass\nclass Numbered(enum.IntEnum):\n    pass\n",
        ),
        (
            "app/models.py",
            "from app.enums import Enum, StrEnum, Numbered\nclass OrderStatus(Enum):\n    PENDING = \"pending\"\n    PAID = \"paid\"\nclass JobStatus(StrEnum):\n    QUEUED = \"queued\"\n    DONE = \"done\"\nclass StepStatus(Numbered):\n    FIRST = 1\n    SECOND = 2\n",
        ),
        ("vendor/enum/__init__.py", "class Enum:\n    pass\n"),
        (
            "tasks.py",
            "from enum import Enum\nclass TaskStatus(str, Enum):\n    QUEUED = \"queued\"\n    DONE = \"done\"\n",
        ),
    ];
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(path, text).expect("file");
    }
    let text = draft(&audit(&root, &Options::default()).expect("audit"));
    let _ = std::fs::remove_dir_all(&root);
    let python: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("[status.") || l.starts_with("python = "))
        .collect();
    assert_eq!(
        python,
        [
            "[status.OrderStatus]",
            "python = { base = \"Enum\", mixin = \"app.enums:Enum\" }",
            "[status.JobStatus]",
            "python = { base = \"Enum\", mixin = \"app.enums:StrEnum\" }",
            "[status.StepStatus]",
            "[status.RunState]",
            "python = { base = \"Enum\", mixin = \"pipeline.base:BaseState\" }",
            "[status.TaskStatus]",
            "python = { base = \"str, Enum\" }",
        ],
        "{text}"
    );
}

/// Files that nest past what the parsers recurse through without brackets (each crashed the
/// whole audit with a stack overflow): each is listed as not read, and the tree around it
/// is reported.
#[test]
fn deep_chains_are_not_read_and_the_rest_is() {
    let root = std::env::temp_dir().join(format!("statuskit-chains-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).expect("dir");
    let files = [
        ("refs.rs", format!("pub type T = {}u8;\n", "&".repeat(600_000))),
        (
            "options.rs",
            format!("pub type T = {}u8{};\n", "Option<".repeat(200_000), ">".repeat(200_000)),
        ),
        ("not.ts", format!("export const x = {}1;\n", "!".repeat(2_000_000))),
        ("neg.py", format!("x = {}1\n", "-".repeat(2_000_000))),
        (
            "ok.py",
            "from enum import Enum\nclass TaskStatus(Enum):\n    PENDING = \"pending\"\n    DONE = \"done\"\n"
                .to_owned(),
        ),
    ];
    for (name, text) in &files {
        std::fs::write(root.join(name), text).expect("file");
    }
    let report = audit(&root, &Options::default()).expect("audit");
    let _ = std::fs::remove_dir_all(&root);
    let not_read: Vec<&str> = report.errors.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        not_read,
        ["neg.py", "not.ts", "options.rs", "refs.rs"],
        "{:?}",
        report.errors
    );
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].name, "TaskStatus");
}
