//! One input, every client: for every root status, the same inputs (each spelling as
//! written, upper- and lower-cased, and text no rule spells) go through Rust's `FromStr`,
//! serde, clap's `StatusValueParser`, sqlx on PostgreSQL and SQLite, the generated
//! TypeScript and Python, and Prisma's enum values; each must yield the state the model's
//! reference parser gives, as its wire value, or refuse where the model does; the SQL
//! migration must rewrite the same inputs to the same values, and refuse the same ones.
//! Legacy values of other statuses are the migration's alone (`conformance.rs`).

mod support;

use status_schema::targets::{Column, Storage, Target};
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;
use support::generate::{generate, generate_sql};

use clap::builder::TypedValueParser;
use sqlx::{Connection, PgConnection, SqliteConnection};
use status_schema::{Schema, SourceFile};
use statuskit_generated_tests::{Generated, Visitor, visit_representative, visit_root};
use support::postgres::Postgres;
use support::tools::{compile_typescript, run, tool};

/// What one client made of each input: the wire value, or `None` for a refusal.
type Answers = Vec<Option<String>>;

struct Agreement {
    schema: Schema,
    runtime: tokio::runtime::Runtime,
    pg: PgConnection,
    lite: SqliteConnection,
    /// Per status, in visiting order: its inputs and the model's answers.
    cases: Vec<(String, Vec<String>, Answers)>,
    /// Per status, in visiting order: near misses of its spellings and the spelling Rust's
    /// `ParseStatusError` suggests for each (`None` where it parses, or nothing is close).
    hints: Vec<(String, Vec<String>, Answers)>,
}

/// Near misses of every spelling: one byte dropped, two neighbours swapped, one replaced.
fn near_misses(status: &status_schema::model::Status) -> Vec<String> {
    let mut out: Vec<String> = status
        .spellings()
        .flat_map(|s| {
            let text = s.text;
            let chars: Vec<char> = text.chars().collect();
            let mut near = Vec::new();
            if chars.len() > 1 {
                near.push(chars[..chars.len() - 1].iter().collect::<String>());
                let mut swapped = chars.clone();
                swapped.swap(0, 1);
                near.push(swapped.into_iter().collect());
                let mut replaced = chars.clone();
                replaced[chars.len() / 2] = 'x';
                near.push(replaced.into_iter().collect());
            }
            near
        })
        .collect();
    out.extend(["qx".to_owned(), "\u{130}nitial".to_owned(), "a".repeat(60)]);
    out.sort();
    out.dedup();
    out
}

fn inputs(status: &status_schema::model::Status) -> Vec<String> {
    let mut inputs: Vec<String> = status
        .spellings()
        .flat_map(|s| {
            [
                s.text.to_owned(),
                s.text.to_ascii_uppercase(),
                s.text.to_ascii_lowercase(),
            ]
        })
        .collect();
    inputs.extend([
        String::new(),
        "definitely-not-a-state".to_owned(),
        "\u{130}NITIAL".to_owned(),
    ]);
    inputs.sort();
    inputs.dedup();
    inputs
}

impl Visitor for Agreement {
    fn visit<S: Generated>(&mut self) {
        let status = self.schema.status(S::NAME).expect("in the schema").clone();
        let inputs = inputs(&status);
        let model: Answers = inputs
            .iter()
            .map(|input| {
                status
                    .parse(input)
                    .map(|id| status.state(id).wire().to_owned())
            })
            .collect();
        let wire = |s: S| s.as_str().to_owned();
        let command = clap::Command::new("tool");
        for (input, expected) in inputs.iter().zip(&model) {
            let from_str = input.parse::<S>().ok().map(wire);
            let serde = serde_json::from_value::<S>(serde_json::Value::String(input.clone()))
                .ok()
                .map(wire);
            let clap = statuskit::StatusValueParser::<S>::new()
                .parse_ref(&command, None, OsStr::new(input))
                .ok()
                .map(wire);
            let (pg, lite) = self.runtime.block_on(async {
                let pg = sqlx::query_scalar::<_, S>("SELECT $1::text")
                    .bind(input)
                    .fetch_one(&mut self.pg)
                    .await
                    .ok()
                    .map(wire);
                let lite = sqlx::query_scalar::<_, S>("SELECT ?")
                    .bind(input)
                    .fetch_one(&mut self.lite)
                    .await
                    .ok()
                    .map(wire);
                (pg, lite)
            });
            for (client, answer) in [
                ("FromStr", from_str),
                ("serde", serde),
                ("clap", clap),
                ("sqlx PostgreSQL", pg),
                ("sqlx SQLite", lite),
            ] {
                assert_eq!(&answer, expected, "{} {input:?} through {client}", S::NAME);
            }
        }
        self.cases.push((S::NAME.to_owned(), inputs, model));
        let near = near_misses(&status);
        let hints = near
            .iter()
            .map(|input| {
                input
                    .parse::<S>()
                    .err()
                    .and_then(|e| e.suggestion())
                    .map(str::to_owned)
            })
            .collect();
        self.hints.push((S::NAME.to_owned(), near, hints));
    }
}

/// `gen sql --column …` for `columns`, enum storage.
fn bound_ddl(schema: &Schema, columns: Vec<Column>) -> String {
    generate_sql(schema, "statuses.toml", Storage::Enum, columns).expect("sql")
}

/// The SQL migration reads the same inputs alike: each status's column, seeded with every
/// input the model accepts, holds the model's wire value after `gen sql --column`; an input
/// the model refuses stops the migration (statuses with a `fallback` refuse none).
async fn migration_agrees(
    pg: &mut PgConnection,
    schema: &Schema,
    cases: &[(String, Vec<String>, Answers)],
) {
    use sqlx::{AssertSqlSafe, Executor};
    let table = |name: &str| format!("agree_{}", status_schema::__unstable::snake_name(name));
    let literal = |text: &str| format!("'{}'", text.replace('\'', "''"));
    let mut columns = Vec::new();
    for (name, inputs, model) in cases {
        let t = table(name);
        pg.execute(AssertSqlSafe(format!(
            "CREATE TABLE {t} (id serial PRIMARY KEY, status text NOT NULL)"
        )))
        .await
        .expect("table");
        for (input, answer) in inputs.iter().zip(model) {
            if answer.is_some() {
                pg.execute(AssertSqlSafe(format!(
                    "INSERT INTO {t} (status) VALUES ({})",
                    literal(input)
                )))
                .await
                .expect("seed");
            }
        }
        columns.push(format!("{t}.status={name}").parse().expect("column"));
    }
    let ddl = bound_ddl(schema, columns);
    sqlx::raw_sql(AssertSqlSafe(ddl.clone()))
        .execute(&mut *pg)
        .await
        .expect("migration");
    for (name, inputs, model) in cases {
        let stored: Vec<String> = sqlx::query_scalar(AssertSqlSafe(format!(
            "SELECT status::text FROM {} ORDER BY id",
            table(name)
        )))
        .fetch_all(&mut *pg)
        .await
        .expect("rows");
        let expected: Vec<String> = model.iter().flatten().cloned().collect();
        assert_eq!(
            stored, expected,
            "{name}: the migration reads the inputs as the model does"
        );
        // One input the model refuses, in a fresh table: the migration must refuse too.
        if let Some((refused, _)) = inputs
            .iter()
            .zip(model)
            .find(|(_, answer)| answer.is_none())
        {
            let t = format!("{}_refused", table(name));
            pg.execute(AssertSqlSafe(format!(
                "CREATE TABLE {t} (status text NOT NULL); INSERT INTO {t} VALUES ({})",
                literal(refused)
            )))
            .await
            .expect("table");
            let columns = vec![format!("{t}.status={name}").parse().expect("column")];
            let ddl = bound_ddl(schema, columns);
            let result = sqlx::raw_sql(AssertSqlSafe(ddl)).execute(&mut *pg).await;
            assert!(result.is_err(), "{name}: the migration refuses {refused:?}");
            pg.execute("ROLLBACK").await.expect("rollback");
        }
    }
}

#[test]
fn every_client_reads_every_input_alike() {
    agree("../../statuses.toml", "root", visit_root);
}

/// The fixture adds a case-sensitive status and one with a `fallback`.
#[test]
fn every_client_reads_the_fixtures_inputs_alike() {
    agree(
        "../../status-schema/tests/rust/representative.toml",
        "representative",
        visit_representative,
    );
}

fn agree(path: &str, name: &str, visit: fn(&mut Agreement)) {
    let text = std::fs::read_to_string(path).expect("schema");
    let schema = status_schema::analyze(&SourceFile::new("statuses.toml", text))
        .schema
        .expect("valid");
    let server = Postgres::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let (pg, lite) = runtime.block_on(async {
        (
            PgConnection::connect(&server.url).await.expect("postgres"),
            SqliteConnection::connect("sqlite::memory:")
                .await
                .expect("sqlite"),
        )
    });
    let mut agreement = Agreement {
        schema,
        runtime,
        pg,
        lite,
        cases: Vec::new(),
        hints: Vec::new(),
    };
    visit(&mut agreement);
    let Agreement {
        schema,
        cases,
        hints,
        runtime,
        mut pg,
        ..
    } = agreement;
    assert_eq!(cases.len(), schema.statuses().len());
    runtime.block_on(migration_agrees(&mut pg, &schema, &cases));

    languages_agree(&schema, &cases, &hints, name);
    prisma_agrees(&schema);
}

/// The same inputs through the generated TypeScript (compiled) and Python.
fn languages_agree(
    schema: &Schema,
    cases: &[(String, Vec<String>, Answers)],
    hints: &[(String, Vec<String>, Answers)],
    name: &str,
) {
    // The same inputs through the generated TypeScript (compiled) and Python.
    let dir =
        std::env::temp_dir().join(format!("statuskit-agreement-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("work directory");
    let request = serde_json::json!({
        "statuses": cases.iter().map(|(name, inputs, _)| serde_json::json!({
            "name": name,
            "helper": status_schema::__unstable::ts_helper(name),
            "inputs": inputs,
        })).collect::<Vec<_>>(),
    });
    std::fs::write(dir.join("inputs.json"), request.to_string()).expect("inputs");
    std::fs::write(
        dir.join("statuses.ts"),
        generate(Target::Typescript, schema, "statuses.toml"),
    )
    .expect("ts");
    std::fs::write(
        dir.join("statuses.py"),
        generate(Target::Python, schema, "statuses.toml"),
    )
    .expect("py");
    compile_typescript(&dir);
    let typescript: BTreeMap<String, Answers> = serde_json::from_str(&run(Command::new("node")
        .arg(tool("agree.cjs"))
        .args(["js/statuses.js", "inputs.json"])
        .current_dir(&dir)))
    .expect("TypeScript answers");
    let python: BTreeMap<String, Answers> = serde_json::from_str(&run(Command::new("python3")
        .arg(tool("agree.py"))
        .args([".", "inputs.json"])
        .current_dir(&dir)))
    .expect("Python answers");
    let mut compared = 0;
    for (name, inputs, model) in cases {
        for (client, answers) in [("TypeScript", &typescript[name]), ("Python", &python[name])] {
            for ((input, expected), answer) in inputs.iter().zip(model).zip(answers) {
                assert_eq!(answer, expected, "{name} {input:?} through {client}");
                compared += 1;
            }
        }
    }
    assert!(compared > 100, "{compared}");
    hints_agree(&dir, hints);
    let _ = std::fs::remove_dir_all(dir);
}

/// A near miss gets the same "did you mean" from the generated TypeScript and Python as
/// from Rust's `ParseStatusError`: one rule in every runtime.
fn hints_agree(dir: &Path, hints: &[(String, Vec<String>, Answers)]) {
    let request = serde_json::json!({
        "statuses": hints.iter().map(|(name, inputs, _)| serde_json::json!({
            "name": name,
            "helper": status_schema::__unstable::ts_helper(name),
            "inputs": inputs,
        })).collect::<Vec<_>>(),
    });
    std::fs::write(dir.join("near.json"), request.to_string()).expect("near misses");
    let typescript: BTreeMap<String, Answers> = serde_json::from_str(&run(Command::new("node")
        .arg(tool("agree.cjs"))
        .args(["js/statuses.js", "near.json", "suggest"])
        .current_dir(dir)))
    .expect("TypeScript hints");
    let python: BTreeMap<String, Answers> = serde_json::from_str(&run(Command::new("python3")
        .arg(tool("agree.py"))
        .args([".", "near.json", "suggest"])
        .current_dir(dir)))
    .expect("Python hints");
    let (mut compared, mut suggested) = (0, 0);
    for (name, inputs, rust) in hints {
        for (client, answers) in [("TypeScript", &typescript[name]), ("Python", &python[name])] {
            for ((input, expected), answer) in inputs.iter().zip(rust).zip(answers) {
                assert_eq!(
                    answer, expected,
                    "{name} {input:?}: the hint through {client}"
                );
                compared += 1;
                suggested += usize::from(expected.is_some());
            }
        }
    }
    assert!(
        suggested > 100 && compared > suggested,
        "{suggested} of {compared}"
    );
}

/// Prisma Client's values are the wire values the other clients yield (where a wire value
/// is a Prisma identifier; `prisma_enums_pass_prismas_validator` pins the rest).
fn prisma_agrees(schema: &Schema) {
    let prisma = generate(Target::Prisma, schema, "statuses.toml");
    for status in schema.statuses() {
        for state in status.states() {
            let identifier = state.wire().starts_with(|c: char| c.is_ascii_alphabetic())
                && state
                    .wire()
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_');
            if identifier {
                assert!(
                    prisma.lines().any(|l| l.trim() == state.wire()),
                    "{}: Prisma member {}",
                    status.name(),
                    state.wire()
                );
            }
        }
    }
}
