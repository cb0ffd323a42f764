//! One truth, checked in every runtime. The `json` target's facts for the root schema are
//! the reference; each target's output runs for real and is checked against them:
//! - TypeScript: compiled by `tsc --strict`, run by node (`conformance/check.cjs`);
//! - Python: `mypy --strict`, run by python3 (`conformance/check.py`);
//! - Prisma: accepted by Prisma's own schema validator;
//! - PostgreSQL: loaded into a server this test starts, which must migrate seeded legacy
//!   rows to canonical values, accept every legal update and refuse every illegal one.
//!
//! The node and Python tools are pinned in `conformance/` and installed by
//! `scripts/setup-tools` (which `scripts/test` runs first).

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use sqlx::{AssertSqlSafe, Connection, Executor, PgConnection, Row};
use status_schema::model::Status;
use status_schema::targets::{self, sql};
use status_schema::{Schema, SourceFile};
use support::postgres::Postgres;

const ROOT: &str = "../..";

fn schema() -> Schema {
    let path = format!("{ROOT}/statuses.toml");
    let text = std::fs::read_to_string(&path).expect("root schema");
    status_schema::analyze(&SourceFile::new("statuses.toml", text))
        .schema
        .expect("valid")
}

/// A fresh directory holding the facts and one target's output.
fn workdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "statuskit-conformance-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("work directory");
    std::fs::write(
        dir.join("facts.json"),
        targets::json::generate(&schema(), "statuses.toml"),
    )
    .expect("facts");
    dir
}

fn tool(relative: &str) -> PathBuf {
    let path = Path::new(ROOT).join("conformance").join(relative);
    assert!(
        path.exists(),
        "{} is missing: run scripts/setup-tools",
        path.display()
    );
    std::fs::canonicalize(path).expect("tool path")
}

/// Runs a command, failing the test with its output unless it succeeds; returns stdout.
fn run(command: &mut Command) -> String {
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

#[test]
fn typescript_compiles_strict_and_behaves_as_the_facts_say() {
    let dir = workdir("ts");
    std::fs::write(
        dir.join("statuses.ts"),
        targets::typescript::generate(&schema(), "statuses.toml"),
    )
    .expect("ts");
    run(Command::new(tool("node_modules/.bin/tsc"))
        .args([
            "--strict",
            "--noUnusedLocals",
            "--noUnusedParameters",
            "--noUncheckedIndexedAccess",
        ])
        .args([
            "--target",
            "es2022",
            "--module",
            "nodenext",
            "--outDir",
            "js",
            "statuses.ts",
        ])
        .current_dir(&dir));
    let out = run(Command::new("node")
        .arg(tool("check.cjs"))
        .args(["facts.json", "js/statuses.js"])
        .current_dir(&dir));
    assert!(out.contains("checks passed"), "{out}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn python_passes_mypy_strict_and_behaves_as_the_facts_say() {
    let dir = workdir("py");
    std::fs::write(
        dir.join("statuses.py"),
        targets::python::generate(&schema(), "statuses.toml"),
    )
    .expect("py");
    run(Command::new(tool(".venv/bin/mypy"))
        .args(["--strict", "statuses.py"])
        .current_dir(&dir));
    let out = run(Command::new("python3")
        .arg(tool("check.py"))
        .args(["facts.json", "."])
        .current_dir(&dir));
    assert!(out.contains("checks passed"), "{out}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn prisma_enums_pass_prismas_validator() {
    let dir = workdir("prisma");
    std::fs::write(
        dir.join("enums.prisma"),
        targets::prisma::generate(&schema(), "statuses.toml"),
    )
    .expect("prisma");
    let out = run(Command::new("node")
        .arg(tool("validate-prisma.cjs"))
        .arg("enums.prisma")
        .current_dir(&dir));
    assert!(out.contains("36 enums valid"), "{out}");
    let _ = std::fs::remove_dir_all(dir);
}

fn table(status: &Status) -> String {
    format!(
        "t_{}",
        heck::ToSnakeCase::to_snake_case(status.name.as_str())
    )
}

fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// Rows to seed a status's table with, and the wire value each must hold after the
/// migration: every spelling in its own, upper and lower case (where the case rule lets it
/// parse), and every legacy value of a status that converts `into` this one.
fn seeds(schema: &Schema, status: &Status) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    for spelling in status.spellings() {
        let wire = &status.state(spelling.state).wire;
        let mut variants = vec![spelling.text.to_owned()];
        if status.case_insensitive {
            variants.push(spelling.text.to_ascii_uppercase());
            variants.push(spelling.text.to_ascii_lowercase());
        }
        for text in variants {
            rows.push((text, wire.clone()));
        }
    }
    for conversion in schema
        .conversions
        .iter()
        .filter(|c| c.to == status.name && c.kind == status_schema::model::ConversionKind::Explicit)
    {
        let source = schema.status(&conversion.from).expect("declared");
        for spelling in source.spellings() {
            let known = status.spelled(spelling.text).is_some();
            if let (false, Some(target)) = (known, conversion.get(spelling.state)) {
                let mut variants = vec![spelling.text.to_owned()];
                if source.case_insensitive {
                    variants.push(spelling.text.to_ascii_uppercase());
                }
                for text in variants {
                    rows.push((text, status.state(target).wire.clone()));
                }
            }
        }
    }
    rows
}

async fn seed_tables(db: &mut PgConnection, schema: &Schema) {
    for status in &schema.statuses {
        let t = table(status);
        sqlx::query(AssertSqlSafe(format!(
            "CREATE TABLE {t} (id serial PRIMARY KEY, status text NOT NULL)"
        )))
        .execute(&mut *db)
        .await
        .expect("table");
        for (text, _) in seeds(schema, status) {
            sqlx::query(AssertSqlSafe(format!(
                "INSERT INTO {t} (status) VALUES ({})",
                quote(&text)
            )))
            .execute(&mut *db)
            .await
            .expect("seed");
        }
    }
}

fn ddl(schema: &Schema, storage: sql::Storage) -> String {
    let columns = schema
        .statuses
        .iter()
        .map(|s| sql::Column {
            table: table(s),
            column: "status".into(),
            status: s.name.clone(),
        })
        .collect();
    sql::generate(
        schema,
        "statuses.toml",
        &sql::SqlOptions { storage, columns },
    )
    .expect("sql")
}

/// After the migration every seeded row holds its canonical value; then every ordered pair
/// of states is tried as an `UPDATE`, which the trigger must allow exactly when the schema
/// does (or when nothing changes), naming the status and both values when it refuses.
async fn check_migrated_and_guarded(db: &mut PgConnection, schema: &Schema) -> usize {
    let mut updates = 0;
    for status in &schema.statuses {
        let t = table(status);
        let rows = sqlx::query(AssertSqlSafe(format!(
            "SELECT status::text FROM {t} ORDER BY id"
        )))
        .fetch_all(&mut *db)
        .await
        .expect("rows");
        let stored: Vec<String> = rows.iter().map(|r| r.get(0)).collect();
        let expected: Vec<String> = seeds(schema, status)
            .into_iter()
            .map(|(_, wire)| wire)
            .collect();
        assert_eq!(
            stored, expected,
            "{} migrated to canonical values",
            status.name
        );
        for from in &status.states {
            for to in &status.states {
                let id: i32 = sqlx::query_scalar(AssertSqlSafe(format!(
                    "INSERT INTO {t} (status) VALUES ({}) RETURNING id",
                    quote(&from.wire)
                )))
                .fetch_one(&mut *db)
                .await
                .expect("insert");
                let result = sqlx::query(AssertSqlSafe(format!(
                    "UPDATE {t} SET status = {} WHERE id = {id}",
                    quote(&to.wire)
                )))
                .execute(&mut *db)
                .await;
                let allowed = from.id == to.id || status.can_transition(from.id, to.id);
                match result {
                    Ok(_) => assert!(
                        allowed,
                        "{}: {} -> {} should be refused",
                        status.name, from.name, to.name
                    ),
                    Err(error) => {
                        assert!(
                            !allowed,
                            "{}: {} -> {} refused: {error}",
                            status.name, from.name, to.name
                        );
                        let message = error.to_string();
                        assert!(
                            message.contains(&format!(
                                "{} cannot move from {} to {}",
                                status.name, from.wire, to.wire
                            )),
                            "{message}"
                        );
                    }
                }
                updates += 1;
            }
        }
    }
    updates
}

#[tokio::test(flavor = "current_thread")]
async fn postgres_migrates_legacy_rows_and_enforces_every_transition() {
    let server = Postgres::start();
    let schema = schema();
    let mut db = PgConnection::connect(&server.url).await.expect("postgres");

    for (storage, database) in [
        (sql::Storage::Enum, "enum_variant"),
        (sql::Storage::Text, "text_variant"),
    ] {
        sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {database}")))
            .execute(&mut db)
            .await
            .expect("database");
        let url = format!("{}/{database}", server.url.rsplit_once('/').expect("url").0);
        let mut variant = PgConnection::connect(&url).await.expect("connect");
        seed_tables(&mut variant, &schema).await;
        let ddl = ddl(&schema, storage);
        sqlx::raw_sql(AssertSqlSafe(ddl.clone()))
            .execute(&mut variant)
            .await
            .unwrap_or_else(|e| panic!("{storage:?} DDL: {e}"));
        // Idempotent: the same file again changes nothing and fails nowhere.
        sqlx::raw_sql(AssertSqlSafe(ddl.clone()))
            .execute(&mut variant)
            .await
            .unwrap_or_else(|e| panic!("{storage:?} DDL again: {e}"));
        let updates = check_migrated_and_guarded(&mut variant, &schema).await;
        assert!(updates > 1000, "{updates}");
        if storage == sql::Storage::Enum {
            let ty: String = sqlx::query_scalar("SELECT format_type(atttypid, NULL) FROM pg_attribute WHERE attrelid = 't_task_status'::regclass AND attname = 'status'")
                .fetch_one(&mut variant)
                .await
                .expect("type");
            assert_eq!(ty, "task_status");
        } else {
            let refused = variant
                .execute("INSERT INTO t_task_status (status) VALUES ('success')")
                .await;
            assert!(refused.is_err(), "CHECK refuses a non-canonical value");
        }
    }
}

/// A value no rule recognises stops the migration, and the transaction leaves everything
/// as it was: no type, no rewritten rows.
#[tokio::test(flavor = "current_thread")]
async fn postgres_migration_with_an_unknown_value_changes_nothing() {
    let server = Postgres::start();
    let schema = schema();
    let mut db = PgConnection::connect(&server.url).await.expect("postgres");
    db.execute("CREATE TABLE runs (id int PRIMARY KEY, status text NOT NULL)")
        .await
        .expect("table");
    db.execute("INSERT INTO runs VALUES (1, 'success'), (2, 'exploded'), (3, 'queued')")
        .await
        .expect("rows");
    let columns = vec![sql::Column {
        table: "runs".into(),
        column: "status".into(),
        status: "WorkflowStatus".into(),
    }];
    let ddl = sql::generate(
        &schema,
        "statuses.toml",
        &sql::SqlOptions {
            storage: sql::Storage::Enum,
            columns,
        },
    )
    .expect("sql");
    let error = sqlx::raw_sql(AssertSqlSafe(ddl.clone()))
        .execute(&mut db)
        .await
        .expect_err("unknown value");
    assert!(error.to_string().contains("exploded"), "{error}");
    // The file's transaction is aborted; ending it (as psql does) applies none of it.
    db.execute("ROLLBACK").await.expect("rollback");
    let rows: Vec<String> = sqlx::query_scalar("SELECT status FROM runs ORDER BY id")
        .fetch_all(&mut db)
        .await
        .expect("rows");
    assert_eq!(rows, ["success", "exploded", "queued"]);
    let types: i64 =
        sqlx::query_scalar("SELECT count(*) FROM pg_type WHERE typname = 'workflow_status'")
            .fetch_one(&mut db)
            .await
            .expect("types");
    assert_eq!(types, 0);
}
