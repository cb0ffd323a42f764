//! `audit` over generated trees of 1,000 and 10,000 source files (the target: 10,000
//! in under 5 s on 2 cores), copies of the fixture projects' files spread over directories
//! of 100: the same mix of Python, TypeScript, TSX, JavaScript, SQL, Prisma and Rust.
//!
//! `cargo bench -p status-audit`

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

#[divan::bench(args = [1_000, 10_000], sample_count = 5, sample_size = 1)]
fn audit_tree(bencher: divan::Bencher<'_, '_>, files: usize) {
    let root = tree(files);
    bencher.bench(|| {
        let report = audit(root, &Options::default()).expect("audit");
        assert_eq!(report.files, files);
        report
    });
}
