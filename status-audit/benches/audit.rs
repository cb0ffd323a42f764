//! `audit` over generated trees of 1,000 and 10,000 source files (the target: 10,000
//! in under 5 s on 2 cores), copies of the fixture projects' files spread over directories
//! of 100: the same mix of Python, TypeScript, TSX, JavaScript, SQL, Prisma and Rust.
//!
//! And over 1,000, 10,000 and 80,000 status definitions that are all different (80,000 is
//! about 4 MB of source), where grouping, not reading, is the work: names from a pool that
//! repeats (same-name groups), member sets drawn from one lifecycle vocabulary with
//! spelling variants (same-member, subset and spelling groups), the audit and the draft
//! timed separately.
//!
//! `cargo bench -p status-audit`

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use status_audit::{Options, audit};

fn main() {
    divan::main();
}

/// Every fixture file, with its extension.
fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixtures").flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                // What the audit skips would not be read in the tree either.
                if !matches!(
                    name.as_str(),
                    ".venv" | "node_modules" | "dist" | "build-out"
                ) {
                    stack.push(path);
                }
            } else if let Some(extension) = path.extension().and_then(|e| e.to_str()) {
                if matches!(
                    extension,
                    "py" | "ts" | "tsx" | "js" | "sql" | "prisma" | "rs"
                ) && !name.contains("generated")
                {
                    let text = std::fs::read_to_string(&path).expect("fixture");
                    out.push((extension.to_owned(), text));
                }
            }
        }
    }
    out.sort();
    out
}

/// A tree of `files` source files under the temp directory, made once per size.
fn tree(files: usize) -> &'static Path {
    static SMALL: OnceLock<PathBuf> = OnceLock::new();
    static LARGE: OnceLock<PathBuf> = OnceLock::new();
    let cell = if files <= 1000 { &SMALL } else { &LARGE };
    cell.get_or_init(|| {
        let root = std::env::temp_dir().join(format!(
            "statuskit-audit-bench-{files}-{}",
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

/// Words statuses are made of, with spelling variants of some.
const VOCABULARY: &[&str] = &[
    "pending",
    "queued",
    "running",
    "in_progress",
    "blocked",
    "paused",
    "completed",
    "done",
    "succeeded",
    "failed",
    "errored",
    "cancelled",
    "canceled",
    "timed_out",
    "skipped",
    "retrying",
    "scheduled",
    "draft",
    "review",
    "approved",
    "rejected",
    "published",
    "archived",
    "open",
    "closed",
    "resolved",
    "active",
    "inactive",
    "suspended",
    "expired",
    "paid",
    "shipped",
    "delivered",
    "returned",
    "refunded",
    "created",
    "deleted",
    "new",
    "starting",
    "stopping",
];

/// A tree of `definitions` status definitions, 20 to a file, alternately Python enums and
/// TypeScript unions; made once per size.
fn definitions_tree(definitions: usize) -> PathBuf {
    let root = std::env::temp_dir().join(format!(
        "statuskit-audit-defs-{definitions}-{}",
        std::process::id()
    ));
    if root.is_dir() {
        return root;
    }
    // A fixed linear congruential sequence: the same tree on every run.
    let mut seed: u64 = 0x5eed;
    let mut next = |below: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(seed >> 33).expect("31 bits") % below
    };
    for file in 0..definitions.div_ceil(20) {
        let python = file % 2 == 0;
        let mut text = String::from(if python {
            "from enum import Enum\n\n"
        } else {
            ""
        });
        for d in 0..20.min(definitions - file * 20) {
            // A pool of names a fortieth the size of the tree: each name about 40 times.
            let name = format!("Domain{}Status", next(definitions / 40 + 1));
            let mut members: Vec<&str> = Vec::new();
            for _ in 0..3 + next(5) {
                let word = VOCABULARY[next(VOCABULARY.len())];
                if !members.contains(&word) {
                    members.push(word);
                }
            }
            if python {
                let _ = writeln!(text, "class {name}(str, Enum):");
                for m in &members {
                    let _ = writeln!(text, "    {} = \"{m}\"", m.to_uppercase());
                }
                text.push('\n');
            } else {
                let union: Vec<String> = members.iter().map(|m| format!("\"{m}\"")).collect();
                let _ = writeln!(text, "export type {name}{d} = {};", union.join(" | "));
            }
        }
        let dir = root.join(format!("pkg{}", file / 100));
        std::fs::create_dir_all(&dir).expect("dir");
        let extension = if python { "py" } else { "ts" };
        std::fs::write(dir.join(format!("m{file}.{extension}")), text).expect("file");
    }
    root
}

#[divan::bench(args = [1_000, 10_000, 80_000], sample_count = 3, sample_size = 1)]
fn audit_definitions(bencher: divan::Bencher<'_, '_>, definitions: usize) {
    let root = definitions_tree(definitions);
    bencher.bench(|| audit(&root, &Options::default()).expect("audit"));
}

#[divan::bench(args = [1_000, 10_000, 80_000], sample_count = 3, sample_size = 1)]
fn draft_definitions(bencher: divan::Bencher<'_, '_>, definitions: usize) {
    let report = audit(&definitions_tree(definitions), &Options::default()).expect("audit");
    bencher.bench(|| status_audit::draft(&report));
}

#[divan::bench(args = [1_000, 10_000], sample_count = 5, sample_size = 1)]
fn audit_tree(bencher: divan::Bencher<'_, '_>, files: usize) {
    let root = tree(files);
    bencher.bench(|| {
        let report = audit(root, &Options::default()).expect("audit");
        assert_eq!(report.files, files);
        report
    });
}
