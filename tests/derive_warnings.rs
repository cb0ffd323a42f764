//! Schema warnings reach the user in derive mode: a plain `cargo build` of a crate that
//! derives a status with a warning prints it, and still succeeds.

use std::path::{Path, PathBuf};
use std::process::Command;

#[test]
fn cargo_build_prints_schema_warnings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let project = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("derive-warnings");
    std::fs::create_dir_all(project.join("src")).expect("project directory");
    let manifest = format!(
        "[package]\nname = \"derive-warnings\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nstatuskit = {{ path = {:?}, features = [\"derive\"] }}\n\n[workspace]\n",
        root.display().to_string()
    );
    std::fs::write(project.join("Cargo.toml"), manifest).expect("manifest");
    // The workspace's lock file, so the build resolves offline to what is already built.
    std::fs::copy(root.join("Cargo.lock"), project.join("Cargo.lock")).expect("lock file");
    std::fs::copy(
        root.join("tests/ui/schemas/warnings.toml"),
        project.join("warnings.toml"),
    )
    .expect("schema");
    std::fs::write(
        project.join("src/main.rs"),
        r#"
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, statuskit::StatusMachine)]
#[status(schema = "warnings.toml")]
pub enum Job { Queued, Stuck, Done }

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, statuskit::StatusMachine)]
pub enum Light {
    #[status(initial, to(Green))]
    Red,
    #[status(to(Red))]
    Green,
    Blue,
}

fn main() {}
"#,
    )
    .expect("main.rs");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["build", "--offline", "--quiet"])
        .current_dir(&project)
        .env(
            "CARGO_TARGET_DIR",
            PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("derive-warnings-target"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "a warning must not fail the build:\n{stderr}"
    );
    // Schema mode: rendered against the file, on the enum.
    assert!(
        stderr.contains("warning[W002]: state `stuck` of `Job` has no way out but is not terminal"),
        "{stderr}"
    );
    assert!(stderr.contains("warnings.toml:5:21"), "{stderr}");
    // Inline mode: in the enum's words, on the variant.
    assert!(
        stderr.contains("state `Blue` of `Light` cannot be reached from `Red`"),
        "{stderr}"
    );
    // Each status's own warnings only: `Light` of the file is not derived here.
    assert!(!stderr.contains("`blue` of `Light`"), "{stderr}");
}
