//! `statuskit lint`'s work (the walk, then every rule) over generated trees of 1,000 and
//! 10,000 files: copies of the lint fixture projects' files (literals in Python,
//! TypeScript and SQL, strings of SQL, drifted copies, transition tables) spread over
//! directories of 100, held against the literal fixture's schema. Linear in the tree:
//! 10,000 files cost ten times 1,000.
//!
//! `cargo bench -p status-audit --bench lint`

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use status_audit::{Options, audit, lint};
use status_schema::{SourceFile, analyze};

fn main() {
    divan::main();
}

/// The fixture projects of `statuskit lint`'s tests.
fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../status-cli/tests/fixtures")
}

/// Every source file of the lint fixtures, with its extension.
fn sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for project in ["lint", "lint-literals"] {
        let mut stack = vec![fixtures().join(project)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("fixtures").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if let Some(extension) = path.extension().and_then(|e| e.to_str()) {
                    if matches!(extension, "py" | "ts" | "sql") {
                        let text = std::fs::read_to_string(&path).expect("fixture");
                        out.push((extension.to_owned(), text));
                    }
                }
            }
        }
    }
    out.sort();
    out
}

fn tree(files: usize) -> &'static Path {
    static SMALL: OnceLock<PathBuf> = OnceLock::new();
    static LARGE: OnceLock<PathBuf> = OnceLock::new();
    let cell = if files <= 1000 { &SMALL } else { &LARGE };
    cell.get_or_init(|| {
        let root = std::env::temp_dir().join(format!(
            "statuskit-lint-bench-{files}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&root);
        let sources = sources();
        for i in 0..files {
            let (extension, text) = &sources[i % sources.len()];
            let dir = root.join(format!("pkg{}", i / 100));
            std::fs::create_dir_all(&dir).expect("dir");
            std::fs::write(dir.join(format!("m{i}.{extension}")), text).expect("file");
        }
        root
    })
}

fn schema() -> status_schema::Schema {
    let path = fixtures().join("lint-literals/statuses.toml");
    let text = std::fs::read_to_string(path).expect("schema");
    analyze(&SourceFile::new("statuses.toml", text))
        .schema
        .expect("the fixture's schema checks")
}

#[divan::bench(args = [1_000, 10_000], sample_count = 5, sample_size = 1)]
fn lint_tree(bencher: divan::Bencher<'_, '_>, files: usize) {
    let root = tree(files);
    let schema = schema();
    let mut options = Options::default();
    options.all = true;
    bencher.bench(|| {
        let report = audit(root, &options).expect("audit");
        let findings = lint(&report, &schema);
        assert!(findings.len() >= files / 2, "{}", findings.len());
        findings
    });
}

/// One file whose one line holds `values` literals compared with a status's place (Python
/// `in (…)`, SQL `IN (…)`), the shape that was quadratic before positions counted on from
/// the last literal: 32,000 cost four times 8,000.
#[divan::bench(args = [8_000, 32_000], sample_count = 5, sample_size = 1)]
fn lint_long_line(bencher: divan::Bencher<'_, '_>, values: usize) {
    let root = std::env::temp_dir().join(format!(
        "statuskit-lint-line-{values}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).expect("dir");
    let listed: Vec<String> = (0..values).map(|i| format!("\"v{i}\"")).collect();
    std::fs::write(
        root.join("a.py"),
        format!(
            "def f(order):\n    if order.status in ({}):\n        pass\n",
            listed.join(", ")
        ),
    )
    .expect("file");
    let quoted: Vec<String> = (0..values).map(|i| format!("'v{i}'")).collect();
    std::fs::write(
        root.join("q.sql"),
        format!(
            "SELECT * FROM orders WHERE status IN ({});\n",
            quoted.join(", ")
        ),
    )
    .expect("file");
    let schema = schema();
    let mut options = Options::default();
    options.all = true;
    bencher.bench(|| {
        let report = audit(&root, &options).expect("audit");
        lint(&report, &schema)
    });
}
