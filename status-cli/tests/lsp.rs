//! `statuskit lsp` end to end: the binary, spoken to over standard input and output by a
//! real Language Server Protocol client (pytest-lsp, pinned in conformance/requirements.txt
//! and installed by scripts/setup-tools): `conformance/lsp/test_lsp.py` runs every feature
//! on the repository's own schema, a file with many errors, and a file being typed.

use std::path::Path;
use std::process::Command;

#[test]
fn a_real_client_gets_every_feature() {
    let conformance = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../conformance"));
    let out = Command::new(conformance.join(".venv/bin/pytest"))
        .args(["-q", "-p", "no:cacheprovider"])
        .current_dir(conformance.join("lsp"))
        .env("STATUSKIT", env!("CARGO_BIN_EXE_statuskit"))
        .output()
        .expect("pytest runs (scripts/setup-tools installs it)");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("6 passed"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
