//! The pinned conformance tools (`conformance/`, installed by `scripts/setup-tools`) and how
//! the tests run them.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The absolute path of a tool under `conformance/`, failing with how to install it.
#[allow(dead_code)] // each test file compiles this module; not every one uses each helper
pub fn tool(relative: &str) -> PathBuf {
    let path = Path::new("../../conformance").join(relative);
    assert!(
        path.exists(),
        "{} is missing: run scripts/setup-tools",
        path.display()
    );
    std::fs::canonicalize(path).expect("tool path")
}

/// The conformance venv's Python, with its packages (Pydantic, SQLAlchemy). Not
/// canonicalised: the venv's `python` is a link to the base interpreter, which has none.
#[allow(dead_code)]
pub fn venv_python() -> PathBuf {
    tool(".venv/bin").join("python")
}

/// Runs a command, failing the test with its output unless it succeeds; returns stdout.
#[allow(dead_code)]
pub fn run(command: &mut Command) -> String {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{command:?} failed:\n{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// Compiles `dir/statuses.ts` into `dir/js/` with the pinned tsc, as strict as a user's
/// project may be.
#[allow(dead_code)]
pub fn compile_typescript(dir: &Path) {
    // What Vite's templates and Node's type stripping require.
    compile_typescript_with(dir, &["--erasableSyntaxOnly"]);
}

/// [`compile_typescript`] with other flags: a module with `enum` declarations (which a
/// team asks for with `declaration = "enum"`) is not erasable syntax.
#[allow(dead_code)]
pub fn compile_typescript_with(dir: &Path, flags: &[&str]) {
    run(Command::new(tool("node_modules/.bin/tsc"))
        .args([
            "--strict",
            "--noUnusedLocals",
            "--noUnusedParameters",
            "--noUncheckedIndexedAccess",
        ])
        .args(flags)
        .args([
            "--target",
            "es2022",
            "--module",
            "nodenext",
            "--outDir",
            "js",
            "statuses.ts",
        ])
        .current_dir(dir));
}
