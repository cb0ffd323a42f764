//! `statuskit gen [FILE]` with no target writes every `[[generate]]` output, and
//! `statuskit gen --check` fails on any that is missing or stale, showing the difference.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn statuskit(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_statuskit"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn project(name: &str, generate: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("schema")).expect("dir");
    std::fs::write(
        dir.join("schema/statuses.toml"),
        format!(
            "schema_version = 1\n[status.Job]\nstates = [\"queued\", \"done\"]\ninitial = \"queued\"\nterminal = [\"done\"]\ntransitions = {{ queued = [\"done\"] }}\n[status.Light]\nstates = [\"red\", \"green\"]\n{generate}"
        ),
    )
    .expect("schema");
    dir
}

const OUTPUTS: &str = "
[[generate]]
target = \"typescript\"
out = \"../web/statuses.ts\"
";

#[test]
fn writes_every_output_then_checks_it() {
    let generate = "
[[generate]]
target = \"typescript\"
out = \"generated/statuses.ts\"
zod = true

[[generate]]
target = \"sql\"
out = \"generated/statuses.sql\"
statuses = [\"Job\"]
column = [\"jobs.status=Job\"]
text = true

[[generate]]
target = \"mermaid\"
out = \"generated/diagrams/\"
";
    let generate = format!(
        "{generate}
[[generate]]
target = \"python\"
out = \"generated/statuses.py\"
sqlalchemy = true
"
    );
    let dir = project("gen-outputs", &generate);
    let schema = "schema/statuses.toml";
    // Nothing written yet: all missing.
    let out = statuskit(&dir, &["gen", "--check", schema]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("missing schema/generated/statuses.ts"));
    // Written, one line each, then fresh.
    let out = statuskit(&dir, &["gen", schema]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let listed = text(&out.stdout);
    for file in [
        "statuses.ts",
        "statuses.sql",
        "diagrams/Job.mmd",
        "diagrams/Light.mmd",
    ] {
        assert!(
            listed.contains(&format!("wrote schema/generated/{file}")),
            "{listed}"
        );
    }
    let sql = std::fs::read_to_string(dir.join("schema/generated/statuses.sql")).expect("sql");
    assert!(
        sql.contains("CHECK (status::text COLLATE \"C\" IN ('queued', 'done'))"),
        "{sql}"
    );
    assert!(!sql.contains("light"), "only the selected status");
    let ts = std::fs::read_to_string(dir.join("schema/generated/statuses.ts")).expect("ts");
    assert!(
        ts.contains("import { z } from \"zod\";") && ts.contains("export const JobSchema"),
        "zod = true reaches the generator"
    );
    let py = std::fs::read_to_string(dir.join("schema/generated/statuses.py")).expect("py");
    assert!(
        py.contains("class JobType(TypeDecorator[Job]):"),
        "sqlalchemy = true reaches the generator"
    );
    let out = statuskit(&dir, &["gen", schema]);
    assert!(
        text(&out.stdout)
            .lines()
            .all(|l| l.starts_with("unchanged "))
    );
    let out = statuskit(&dir, &["gen", "--check", schema]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    // Edited by hand: stale, with the difference shown, and nothing written.
    let ts = dir.join("schema/generated/statuses.ts");
    let edited = std::fs::read_to_string(&ts)
        .expect("ts")
        .replace("\"queued\"", "\"waiting\"");
    std::fs::write(&ts, &edited).expect("edit");
    let out = statuskit(&dir, &["gen", "--check", schema]);
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    assert!(
        report.contains("stale schema/generated/statuses.ts"),
        "{report}"
    );
    assert!(
        report.contains('-') && report.contains('+') && report.contains("\"queued\""),
        "{report}"
    );
    assert_eq!(std::fs::read_to_string(&ts).expect("ts"), edited);
}

/// The schema changed and nothing regenerated: every output it touches is stale, named,
/// and the rest pass.
#[test]
fn a_schema_change_makes_its_outputs_stale() {
    let generate = "
[[generate]]
target = \"typescript\"
out = \"generated/statuses.ts\"

[[generate]]
target = \"python\"
out = \"generated/statuses.py\"

[[generate]]
target = \"mermaid\"
out = \"generated/diagrams/\"
";
    let dir = project("gen-outputs-schema-change", generate);
    let schema = "schema/statuses.toml";
    let out = statuskit(&dir, &["gen", schema]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let path = dir.join(schema);
    let changed = std::fs::read_to_string(&path)
        .expect("schema")
        .replace("[\"queued\", \"done\"]", "[\"queued\", \"done\", \"lost\"]");
    std::fs::write(&path, changed).expect("schema edit");
    let out = statuskit(&dir, &["gen", "--check", schema]);
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    for file in ["statuses.ts", "statuses.py", "diagrams/Job.mmd"] {
        assert!(
            report.contains(&format!("stale schema/generated/{file}")),
            "{file}: {report}"
        );
    }
    assert!(
        !report.contains("Light.mmd"),
        "an untouched output is fresh"
    );
}

#[test]
fn refuses_what_it_cannot_do() {
    let dir = project("gen-outputs-refused", "");
    let schema = "schema/statuses.toml";
    // No entries: say how to add one.
    let out = statuskit(&dir, &["gen", schema]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("[[generate]]"));
    // --check belongs to the configured outputs; options belong to a named target.
    let out = statuskit(&dir, &["gen", "typescript", schema, "--check"]);
    assert_eq!(out.status.code(), Some(2));
    let dir = project("gen-outputs-escape", OUTPUTS);
    let out = statuskit(&dir, &["gen", schema]);
    assert_eq!(out.status.code(), Some(1), "E062 is a schema error");
    assert!(
        text(&out.stderr).contains("error[E062]"),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.join("web").exists());
    let out = statuskit(&dir, &["gen", "no-such-target"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no target `no-such-target`"));
}
