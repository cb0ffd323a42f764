//! The model a migration records, read back: for every schema of the repository (the
//! hostile fixture's text included), the first step's record checks, and asks for exactly
//! the database the schema asks for: no change is seen where there is none, and a change
//! to anything the database holds is seen.

use status_schema::targets::history::{self, Head};
use status_schema::{Schema, SourceFile};

const SCHEMAS: &[&str] = &[
    "../statuses.toml",
    "tests/hostile/hostile.toml",
    "tests/rust/representative.toml",
    "../tests/generated/tests/keywords.toml",
    "../tests/generated/tests/migrations/v1.toml",
    "../tests/generated/tests/migrations/v2.toml",
    "../tests/generated/tests/migrations/v3.toml",
    "../tests/generated/tests/migrations/v4.toml",
];

const MIGRATIONS: &str = "\n[migrations]\ndir = \"db/migrations\"\nstyle = \"sqlx\"\n";

fn analyze(name: &str, text: &str) -> Schema {
    let analysis = status_schema::analyze(&SourceFile::new(name, text));
    analysis
        .schema
        .unwrap_or_else(|| panic!("{name}: {:?}", analysis.diagnostics))
}

/// The schema at `path` with a `[migrations]` table, and the head its first step leaves.
fn first_step(path: &str) -> (Schema, Head) {
    let full = concat!(env!("CARGO_MANIFEST_DIR"), "/");
    let text = std::fs::read_to_string(format!("{full}{path}")).expect("schema");
    let schema = analyze(path, &format!("{text}{MIGRATIONS}"));
    let empty = Head {
        file: None,
        record: None,
    };
    assert!(history::changed(&schema, None), "{path}: an empty history");
    let step = history::next_step(&schema, &empty, None)
        .expect("a first step")
        .expect("something to set up");
    let files = step
        .files("statuses.toml", &["1".to_owned(), "2".to_owned()], "init")
        .expect("files");
    let last = files.last().expect("a file");
    let read = history::read(&last.text).expect("its trailer");
    assert_eq!(read.from, history::Origin::Database, "{path}");
    let head = Head {
        file: Some(last.name.clone()),
        record: read.record,
    };
    (schema, head)
}

#[test]
fn every_schema_reads_back_as_the_database_it_asks_for() {
    for path in SCHEMAS {
        let (schema, head) = first_step(path);
        let recorded = history::recorded(&head)
            .unwrap_or_else(|e| panic!("{path}: {e}"))
            .expect("a record");
        assert!(
            !history::changed(&schema, Some(&recorded)),
            "{path}: the record differs from the schema it was written for"
        );
        // The record is a fixed point: recorded again, it is the same text.
        let (_, again) = first_step_of(&recorded, path);
        assert_eq!(again.record, head.record, "{path}");
    }
}

/// [`first_step`] of a schema already analysed.
fn first_step_of(schema: &Schema, path: &str) -> (Schema, Head) {
    let empty = Head {
        file: None,
        record: None,
    };
    let step = history::next_step(schema, &empty, None)
        .expect("a first step")
        .expect("something to set up");
    let files = step
        .files("statuses.toml", &["1".to_owned(), "2".to_owned()], "init")
        .expect("files");
    let read = history::read(&files.last().expect("a file").text)
        .unwrap_or_else(|e| panic!("{path}: {e:?}"));
    (
        schema.clone(),
        Head {
            file: Some("x".to_owned()),
            record: read.record,
        },
    )
}

#[test]
fn what_the_database_holds_is_seen_to_change_and_nothing_else() {
    let base = r#"schema_version = 1
[status.Job]
doc = "Jobs."
states = ["queued", "done"]
initial = "queued"
transitions = { queued = ["done"] }
labels = { queued = "Waiting" }
events = { finish = { from = "queued", to = "done" } }
"#;
    let (_, head) = {
        let schema = analyze("base", &format!("{base}{MIGRATIONS}"));
        first_step_of(&schema, "base")
    };
    let recorded = history::recorded(&head).expect("reads").expect("a record");
    let changed = |edit: &str, replacement: &str| {
        assert!(base.contains(edit), "{edit}");
        let text = format!("{}{MIGRATIONS}", base.replacen(edit, replacement, 1));
        history::changed(&analyze("edited", &text), Some(&recorded))
    };
    // Not in the database: labels, events, `initial`.
    assert!(!changed("\"Waiting\"", "\"Queued\""));
    assert!(!changed("finish =", "complete ="));
    assert!(!changed("initial = \"queued\"", "initial = \"done\""));
    // In it: the type's doc, values, aliases, the case rule, the moves, the columns.
    assert!(changed("\"Jobs.\"", "\"Jobs!\""));
    assert!(changed(
        "[\"queued\", \"done\"]",
        "[\"queued\", \"running\", \"done\"]"
    ));
    assert!(changed(
        "labels",
        "aliases = { finished = \"done\" }\nlabels"
    ));
    assert!(changed("labels", "case_insensitive = false\nlabels"));
    assert!(changed("labels", "wire = { done = \"DONE\" }\nlabels"));
    assert!(changed("[\"done\"] }", "[\"done\"], done = [\"queued\"] }"));
    let with_column = format!("{base}{MIGRATIONS}columns = {{ \"jobs.state\" = \"Job\" }}\n");
    assert!(history::changed(
        &analyze("column", &with_column),
        Some(&recorded)
    ));
    let text_storage = format!("{base}{MIGRATIONS}storage = \"text\"\n");
    assert!(history::changed(
        &analyze("text", &text_storage),
        Some(&recorded)
    ));
}
