//! The drop-in promise, end to end: a hand-written codebase of enums in each style
//! (`status-audit/tests/fixtures/dropin`: a `StrEnum`, a `(str, Enum)`, a plain `Enum`, two
//! state machines on a project base class from another module, a TypeScript `as const`
//! object with `SCREAMING_SNAKE` keys and a string enum, a `package.json` on zod 3) is
//! audited, drafted, and generated from the draft; code that used the hand-written enums
//! observes the same of the generated ones (`conformance/dropin.py`, `dropin.cjs`: members
//! and order, `str()`, f-strings, `repr()`, equality with values, `isinstance` and the
//! classes above, which spellings construct a member, JSON, Pydantic, the base's methods;
//! every TypeScript export's keys, order and values).

#[path = "support/tools.rs"]
mod tools;

use std::path::{Path, PathBuf};
use std::process::Command;

use status_schema::SourceFile;
use status_schema::targets::{Options, Target};
use tools::{compile_typescript_with, run, tool, venv_python};

fn fixture() -> PathBuf {
    Path::new("../../status-audit/tests/fixtures/dropin")
        .canonicalize()
        .expect("the drop-in fixture")
}

fn workdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("statuskit-dropin-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("work directory");
    dir
}

/// The draft of the fixture, checked, with the zod major its `package.json` names.
fn drafted() -> (status_schema::Schema, Option<u8>) {
    let report = status_audit::audit(&fixture(), &status_audit::Options::default())
        .expect("the audit reads the fixture");
    let text = status_audit::draft(&report);
    let analysis = status_schema::analyze(&SourceFile::new("statuses.toml", text.as_str()));
    let schema = analysis
        .schema
        .unwrap_or_else(|| panic!("the draft checks:\n{text}"));
    assert!(
        !analysis.diagnostics.has_errors() && !text.contains("# Not drafted"),
        "{text}"
    );
    (schema, report.zod_major)
}

#[test]
fn generated_python_from_the_draft_is_observed_as_the_hand_written_enums() {
    let (schema, _) = drafted();
    let dir = workdir("py");
    let generated = dir.join("statuses.py");
    let text = Target::Python
        .generate(&schema, "statuses.toml", &Options::default())
        .expect("python");
    std::fs::write(&generated, text).expect("write");
    let out = run(Command::new(venv_python())
        .arg(tool("dropin.py"))
        .arg(fixture())
        .arg(&generated)
        .args(["app.statuses", "pipeline.states"]));
    assert!(out.contains("6 enums compared, 0 differences"), "{out}");
    // And it type-checks with the project's base class on the path.
    run(Command::new(tool(".venv/bin/mypy"))
        .args(["--strict", "statuses.py"])
        .env("MYPYPATH", fixture())
        .current_dir(&dir));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn generated_typescript_from_the_draft_exports_what_the_hand_written_module_did() {
    let (schema, zod) = drafted();
    assert_eq!(zod, Some(3), "the fixture's package.json depends on zod 3");
    let dir = workdir("ts");
    std::fs::create_dir_all(dir.join("node_modules")).expect("dir");
    std::os::unix::fs::symlink(tool("node_modules/zod3"), dir.join("node_modules/zod"))
        .expect("zod 3");
    let mut options = Options::default();
    options.typescript.zod = zod;
    let text = Target::Typescript
        .generate(&schema, "statuses.toml", &options)
        .expect("typescript");
    std::fs::write(dir.join("statuses.ts"), text).expect("write");
    std::fs::copy(fixture().join("web/constants.ts"), dir.join("hand.ts")).expect("copy");
    // Both compiled as the project compiles: strict; an `enum` is no erasable syntax.
    compile_typescript_with(&dir, &[]);
    run(Command::new(tool("node_modules/.bin/tsc"))
        .args([
            "--strict", "--target", "es2022", "--module", "nodenext", "--outDir", "js", "hand.ts",
        ])
        .current_dir(&dir));
    let out = run(Command::new("node")
        .arg(tool("dropin.cjs"))
        .args(["js/hand.js", "js/statuses.js"])
        .current_dir(&dir));
    assert!(out.contains("2 exports compared, 0 differences"), "{out}");
    let _ = std::fs::remove_dir_all(dir);
}
