//! The corpus of bad schemas under `tests/bad/`: each file's rendered diagnostics are pinned
//! by a snapshot, and a file named after a code (`E020-unknown-state.toml`) must report that
//! code, so a snapshot can never quietly pin the wrong rule.

use std::path::Path;

use status_schema::diagnostic::render;
use status_schema::{Code, analyze_bytes};

fn run(path: &Path) -> (String, Vec<Code>) {
    let bytes = std::fs::read(path).expect("corpus file is readable");
    let name = format!("bad/{}", path.file_name().unwrap().to_string_lossy());
    let (file, analysis) = analyze_bytes(&name, &bytes);
    assert!(analysis.schema.is_none() || analysis.diagnostics.warning_count() > 0);
    let text = render::to_string(&file, analysis.diagnostics.as_slice());
    let codes = analysis.diagnostics.iter().map(|d| d.code).collect();
    (text, codes)
}

#[test]
fn every_bad_schema_is_pinned() {
    insta::glob!("bad/*.toml", |path| {
        let (text, codes) = run(path);
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        if let Some(code) = Code::ALL.iter().find(|c| stem.starts_with(c.id())) {
            assert!(
                codes.contains(code),
                "{stem} does not report {code}:\n{text}"
            );
        }
        insta::assert_snapshot!(text);
    });
}

#[test]
fn every_code_has_a_corpus_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad");
    let names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    // Diff rules (`B…`) compare two schemas: their pairs are in `tests/diff/`.
    // Lint rules (`L…`) read the code around a schema: their fixtures are status-cli's.
    let schema_rules = Code::ALL
        .iter()
        .filter(|c| status_schema::diff::Category::of(**c).is_none() && !c.id().starts_with('L'));
    for code in schema_rules {
        assert!(
            names
                .iter()
                .any(|n| n.starts_with(&format!("{}-{}", code.id(), code.name()))),
            "no corpus file for {code} ({})",
            code.name()
        );
    }
}

#[test]
fn several_mistakes_are_reported_in_one_run() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad/many-mistakes.toml");
    let (_, codes) = run(&path);
    for expected in [
        Code::UnknownState,
        Code::AddExistingState,
        Code::UnknownStatus,
        Code::UnknownKey,
        Code::InvalidStatusName,
        Code::InvalidStateName,
        Code::WildcardTarget,
        Code::AliasCollision,
    ] {
        assert!(codes.contains(&expected), "missing {expected}: {codes:?}");
    }
}

#[test]
fn every_code_is_documented() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/guide/src/diagnostics.md"
    ))
    .expect("the guide's diagnostics page");
    for code in Code::ALL {
        let heading = format!("## {} `{}`", code.id(), code.name());
        assert!(
            doc.contains(&heading),
            "the diagnostics page lacks `{heading}`"
        );
    }
}
