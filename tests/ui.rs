//! Compile-time behaviour of the derive and the assertion macros: one file per error
//! condition in `tests/ui/fail`, named after it, with rustc's output pinned beside it;
//! `tests/ui/pass` must compile.

use std::path::PathBuf;

#[test]
fn ui() {
    // trybuild compiles the cases in its own project under the target directory, and the
    // derive resolves `schema = "..."` from that project's root, as it would from a user's
    // crate root. Put the schemas there.
    let project = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR is inside the target directory")
        .join("tests/trybuild/statuskit");
    std::fs::create_dir_all(&project).expect("trybuild project directory");
    for entry in std::fs::read_dir("tests/ui/schemas").expect("schemas") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("file name");
        std::fs::copy(&path, project.join(name)).expect("copy schema");
    }

    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
