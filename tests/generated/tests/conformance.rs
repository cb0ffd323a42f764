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

use status_schema::targets::{Column, Storage, Target};
use std::path::{Path, PathBuf};
use std::process::Command;
use support::generate::{generate, generate_sql, generate_sqlalchemy, generate_zod};

use sqlx::{AssertSqlSafe, Connection, Executor, PgConnection, Row};
use status_schema::model::Status;
use status_schema::{Schema, SourceFile};
use support::postgres::Postgres;
use support::tools::{compile_typescript, compile_typescript_with, run, tool, venv_python};

const ROOT: &str = "../..";
/// Every text field holding what the text policy accepts but some target treats as syntax.
const HOSTILE: &str = "status-schema/tests/hostile/hostile.toml";
/// Statuses shaped like the hand-written enums they replace (`python`, `typescript` tables).
const SHAPES: &str = "status-schema/tests/shapes/shapes.toml";

fn load(relative: &str) -> Schema {
    let path = format!("{ROOT}/{relative}");
    let text = std::fs::read_to_string(&path).expect("schema");
    status_schema::analyze(&SourceFile::new("statuses.toml", text))
        .schema
        .expect("valid")
}

fn schema() -> Schema {
    load("statuses.toml")
}

fn hostile() -> Schema {
    load(HOSTILE)
}

/// A fresh directory holding the facts and one target's output.
fn workdir(name: &str, schema: &Schema) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "statuskit-conformance-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("work directory");
    std::fs::write(
        dir.join("facts.json"),
        generate(Target::Json, schema, "statuses.toml"),
    )
    .expect("facts");
    dir
}

/// [`workdir`] with one target's output written into it as `file`.
fn workdir_with(name: &str, schema: &Schema, file: &str, output: String) -> PathBuf {
    let dir = workdir(name, schema);
    std::fs::write(dir.join(file), output).expect("output file");
    dir
}

#[test]
fn typescript_compiles_strict_and_behaves_as_the_facts_say() {
    typescript_conforms("ts", &schema());
}

#[test]
fn hostile_text_stays_inert_in_typescript() {
    typescript_conforms("ts-hostile", &hostile());
}

fn typescript_conforms(name: &str, schema: &Schema) {
    let dir = workdir_with(
        name,
        schema,
        "statuses.ts",
        generate(Target::Typescript, schema, "statuses.toml"),
    );
    compile_typescript(&dir);
    let out = run(Command::new("node")
        .arg(tool("check.cjs"))
        .args(["facts.json", "js/statuses.js"])
        .current_dir(&dir));
    assert!(out.contains("checks passed"), "{out}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn zod_schemas_read_every_spelling_in_real_zod() {
    zod_conforms("zod", &schema(), 4);
}

#[test]
fn hostile_text_stays_inert_in_zod_schemas() {
    zod_conforms("zod-hostile", &hostile(), 4);
}

#[test]
fn zod_3_schemas_read_every_spelling_in_real_zod_3() {
    zod_conforms("zod3", &schema(), 3);
}

#[test]
fn hostile_text_stays_inert_in_zod_3_schemas() {
    zod_conforms("zod3-hostile", &hostile(), 3);
}

/// `dir/node_modules/zod`, the pinned zod of `major`, as a project that depends on it has
/// it: tsc and node find it beside the module.
fn install_zod(dir: &Path, major: u8) {
    let package = if major == 3 { "zod3" } else { "zod" };
    std::fs::create_dir_all(dir.join("node_modules")).expect("node_modules");
    std::os::unix::fs::symlink(
        tool(&format!("node_modules/{package}")),
        dir.join("node_modules/zod"),
    )
    .expect("zod link");
}

/// `gen typescript --zod=MAJOR`: the module compiles as strictly with its zod import, the
/// helpers still pass every check, and each `…Schema` accepts exactly the spellings the
/// facts list under the real zod package of that major version.
fn zod_conforms(name: &str, schema: &Schema, major: u8) {
    let dir = workdir_with(
        name,
        schema,
        "statuses.ts",
        generate_zod(schema, "statuses.toml", major),
    );
    install_zod(&dir, major);
    compile_typescript(&dir);
    for script in ["check.cjs", "check-zod.cjs"] {
        let out = run(Command::new("node")
            .arg(tool(script))
            .args(["facts.json", "js/statuses.js"])
            .current_dir(&dir));
        assert!(out.contains("checks passed"), "{script}: {out}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// The shapes fixture (statuses shaped like the hand-written constants they replace:
/// `SCREAMING_SNAKE` keys under the project's own names, a string enum keyed by wire values)
/// compiles strictly with zod 3 and with zod 4, and code written against the hand-written
/// constants observes the same names, keys, order and zod API (`conformance/check-shapes.cjs`).
#[test]
fn typescript_shapes_work_as_the_code_they_replace_under_zod_3_and_4() {
    let schema = load(SHAPES);
    for major in [3, 4] {
        let dir = workdir_with(
            &format!("shapes-zod{major}"),
            &schema,
            "statuses.ts",
            generate_zod(&schema, "statuses.toml", major),
        );
        install_zod(&dir, major);
        compile_typescript_with(&dir, &[]);
        for (script, args) in [
            ("check.cjs", vec!["facts.json", "js/statuses.js"]),
            (
                "check-shapes.cjs",
                vec!["js/statuses.js", if major == 3 { "3" } else { "4" }],
            ),
        ] {
            let out = run(Command::new("node")
                .arg(tool(script))
                .args(args)
                .current_dir(&dir));
            assert!(
                out.contains("checks passed"),
                "{script} (zod {major}): {out}"
            );
        }
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[test]
fn python_passes_mypy_strict_and_behaves_as_the_facts_say() {
    python_conforms("py", &schema());
}

#[test]
fn hostile_text_stays_inert_in_python() {
    python_conforms("py-hostile", &hostile());
}

fn python_conforms(name: &str, schema: &Schema) {
    let dir = workdir_with(
        name,
        schema,
        "statuses.py",
        generate(Target::Python, schema, "statuses.toml"),
    );
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

/// The shapes fixture in Python: a plain `Enum` on a project base class from another module
/// (`conformance/shapes/pipeline_base.py`, whose `is_terminal()` method the prefixed
/// helpers leave alone), a `(str, Enum)`, `StrEnum`s; `mypy --strict` with the project's
/// module on its path, the facts' checks, and what calling code and Pydantic observe
/// (`conformance/check-shapes.py`); and the same module with its SQLAlchemy column types.
#[test]
fn python_shapes_work_as_the_enums_they_replace() {
    let schema = load(SHAPES);
    let dir = workdir_with(
        "py-shapes",
        &schema,
        "statuses.py",
        generate(Target::Python, &schema, "statuses.toml"),
    );
    let project = tool("shapes");
    run(Command::new(tool(".venv/bin/mypy"))
        .args(["--strict", "statuses.py"])
        .env("MYPYPATH", &project)
        .current_dir(&dir));
    for (script, args) in [
        ("check.py", vec!["facts.json", "."]),
        ("check-shapes.py", vec!["."]),
    ] {
        let out = run(Command::new(venv_python())
            .arg(tool(script))
            .args(args)
            .env("PYTHONPATH", &project)
            .current_dir(&dir));
        assert!(out.contains("checks passed"), "{script}: {out}");
    }
    // With the SQLAlchemy column types beside them, as a team combines the two: a plain
    // `Enum` member is no string, and the column still writes its wire value.
    let orm = dir.join("orm");
    std::fs::create_dir_all(&orm).expect("orm");
    std::fs::write(
        orm.join("statuses.py"),
        generate_sqlalchemy(&schema, "statuses.toml"),
    )
    .expect("sqlalchemy module");
    run(Command::new(tool(".venv/bin/mypy"))
        .args(["--strict", "orm/statuses.py"])
        .env("MYPYPATH", &project)
        .current_dir(&dir));
    let out = run(Command::new(venv_python())
        .arg(tool("check-sqlalchemy.py"))
        .args(["facts.json", "orm", "sqlite://", "sqlite"])
        .env("PYTHONPATH", &project)
        .current_dir(&dir));
    assert!(out.contains("checks passed"), "{out}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn prisma_enums_pass_prismas_validator() {
    prisma_conforms("prisma", &schema());
}

#[test]
fn hostile_text_stays_inert_in_prisma() {
    prisma_conforms("prisma-hostile", &hostile());
}

/// Prisma's own validator accepts the enums, `prisma format` leaves them as they are, and
/// its data model (what Prisma Client is generated from) holds exactly the schema's
/// statuses, each value stored as its wire value and named by it where Prisma allows, each
/// enum mapped to the PostgreSQL type the `sql` target creates, and no model: no doc comment
/// or note turned into schema.
fn prisma_conforms(name: &str, schema: &Schema) {
    let dir = workdir_with(
        name,
        schema,
        "enums.prisma",
        generate(Target::Prisma, schema, "statuses.toml"),
    );
    let out = run(Command::new("node")
        .arg(tool("validate-prisma.cjs"))
        .arg("enums.prisma")
        .current_dir(&dir));
    let model: serde_json::Value = serde_json::from_str(&out).expect("validator JSON");
    assert_eq!(model["models"], 0, "{out}");
    assert_eq!(
        model["format_unchanged"], true,
        "`prisma format` would rewrite it"
    );
    let enums = model["enums"].as_array().expect("enums");
    assert_eq!(enums.len(), schema.statuses().len(), "{out}");
    let ddl = generate_sql(schema, "statuses.toml", Storage::Enum, Vec::new()).expect("sql");
    for (found, status) in enums.iter().zip(schema.statuses()) {
        assert_eq!(found["name"], status.name());
        let db_name = found["dbName"].as_str().expect("@@map");
        assert!(
            ddl.contains(&format!("CREATE TYPE {db_name} AS ENUM")),
            "{} maps to {db_name}, which the sql target does not create",
            status.name()
        );
        let values: Vec<(&str, &str)> = found["values"]
            .as_array()
            .expect("values")
            .iter()
            .map(|v| {
                let name = v["name"].as_str().expect("name");
                (name, v["dbName"].as_str().unwrap_or(name))
            })
            .collect();
        // Prisma Client's value is the member's name: the wire value itself wherever that
        // is a Prisma identifier, so that Prisma and the other targets agree; the state's
        // name, mapped to the wire value, where it is not.
        let expected: Vec<(&str, &str)> = status
            .states()
            .iter()
            .map(|s| {
                let identifier = s.wire().starts_with(|c: char| c.is_ascii_alphabetic())
                    && s.wire()
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_');
                (if identifier { s.wire() } else { s.name() }, s.wire())
            })
            .collect();
        assert_eq!(values, expected, "{}", status.name());
    }
    let _ = std::fs::remove_dir_all(dir);
}

fn table(status: &Status) -> String {
    format!("t_{}", heck::ToSnakeCase::to_snake_case(status.name()))
}

fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// Rows to seed a status's table with, and the wire value each must hold after the
/// migration: every spelling in its own, upper and lower case (where the case rule lets it
/// parse), every legacy value of a status that converts into this one (`into`, extensions,
/// bases; the first conversion to spell a value decides it), and, for a status with a
/// `fallback`, a value nobody spells.
fn seeds(schema: &Schema, status: &Status) -> Vec<(String, String)> {
    let mut rows = Vec::new();
    for spelling in status.spellings() {
        let wire = status.state(spelling.state).wire();
        let mut variants = vec![spelling.text.to_owned()];
        if status.case_insensitive() {
            variants.push(spelling.text.to_ascii_uppercase());
            variants.push(spelling.text.to_ascii_lowercase());
        }
        for text in variants {
            rows.push((text, wire.to_owned()));
        }
    }
    // Legacy values, each rewritten by the first conversion whose rule matches it (under
    // that source's case rule), as the migration's statements run in that order.
    let mut decided: Vec<(bool, String, String)> = Vec::new();
    for conversion in schema.conversions_into(status.name()) {
        let (source, _) = schema.endpoints(conversion).expect("declared");
        for spelling in source.spellings() {
            let known = status.spelled(spelling.text).is_some();
            if let (false, Some(target)) = (known, conversion.get(spelling.state)) {
                decided.push((
                    source.case_insensitive(),
                    spelling.text.to_owned(),
                    status.state(target).wire().to_owned(),
                ));
                let mut variants = vec![spelling.text.to_owned()];
                if source.case_insensitive() {
                    variants.push(spelling.text.to_ascii_uppercase());
                }
                for text in variants {
                    let first = decided
                        .iter()
                        .find(|(ci, t, _)| {
                            if *ci {
                                t.eq_ignore_ascii_case(&text)
                            } else {
                                *t == text
                            }
                        })
                        .map(|(_, _, wire)| wire.clone())
                        .expect("decided above");
                    rows.push((text, first));
                }
            }
        }
    }
    if let Some(fallback) = status.fallback() {
        rows.push((
            "no rule spells this".to_owned(),
            status.state(fallback).wire().to_owned(),
        ));
    }
    rows
}

async fn seed_tables(db: &mut PgConnection, schema: &Schema) {
    for status in schema.statuses() {
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

fn ddl(schema: &Schema, storage: Storage) -> String {
    let columns = schema
        .statuses()
        .iter()
        .map(|s| Column {
            table: table(s),
            column: "status".into(),
            status: s.name().to_owned(),
        })
        .collect();
    generate_sql(schema, "statuses.toml", storage, columns).expect("sql")
}

/// After the migration every seeded row holds its canonical value; then every ordered pair
/// of states is tried as an `UPDATE`, which the trigger must allow exactly when the schema
/// does (or when nothing changes), naming the status and both values when it refuses.
async fn check_migrated_and_guarded(db: &mut PgConnection, schema: &Schema) -> usize {
    let mut updates = 0;
    for status in schema.statuses() {
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
            stored,
            expected,
            "{} migrated to canonical values",
            status.name()
        );
        for from in status.states() {
            for to in status.states() {
                let id: i32 = sqlx::query_scalar(AssertSqlSafe(format!(
                    "INSERT INTO {t} (status) VALUES ({}) RETURNING id",
                    quote(from.wire())
                )))
                .fetch_one(&mut *db)
                .await
                .expect("insert");
                let result = sqlx::query(AssertSqlSafe(format!(
                    "UPDATE {t} SET status = {} WHERE id = {id}",
                    quote(to.wire())
                )))
                .execute(&mut *db)
                .await;
                let allowed = from.id() == to.id() || status.can_transition(from.id(), to.id());
                match result {
                    Ok(_) => assert!(
                        allowed,
                        "{}: {} -> {} should be refused",
                        status.name(),
                        from.name(),
                        to.name()
                    ),
                    Err(error) => {
                        assert!(
                            !allowed,
                            "{}: {} -> {} refused: {error}",
                            status.name(),
                            from.name(),
                            to.name()
                        );
                        let message = error.to_string();
                        assert!(
                            message.contains(&format!(
                                "{} cannot move from {} to {}",
                                status.name(),
                                from.wire(),
                                to.wire()
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
    migrates_and_enforces(&schema(), 1000).await;
}

/// The hostile schema's wire values (quotes, backslashes, `$$`, `--`, SQL that would drop a
/// table) are stored, migrated and guarded like any other.
/// The representative fixture: a `fallback` status (unknown values migrate to it, as every
/// other target reads them), extensions whose `into` maps project added states onto their
/// base, and conversions in both directions.
#[tokio::test(flavor = "current_thread")]
async fn fallback_and_extension_values_migrate_in_postgres() {
    migrates_and_enforces(&load("status-schema/tests/rust/representative.toml"), 20).await;
}

#[tokio::test(flavor = "current_thread")]
async fn hostile_values_migrate_and_are_enforced_in_postgres() {
    migrates_and_enforces(&hostile(), 50).await;
}

/// Runs the file with `psql` as people do, with its default settings (no
/// `ON_ERROR_STOP`, so anything smuggled after an early end of a string, comment or
/// dollar quote would run): bound to tables whose own names hold quotes, `$$` and `--`, it
/// must migrate their rows, twice without error, and leave a table it never names alone.
#[test]
fn hostile_schema_and_column_names_run_inert_under_psql() {
    let server = Postgres::start();
    let schema = hostile();
    let columns = vec![
        Column {
            table: "odd \"table\" $$ -- x".into(),
            column: "st$$atus".into(),
            status: "HostileTask".into(),
        },
        Column {
            table: "legacy_rows".into(),
            column: "status".into(),
            status: "HostileLegacy".into(),
        },
    ];
    let ddl = generate_sql(&schema, "statuses.toml", Storage::Enum, columns).expect("sql");
    let dir = workdir("psql-hostile", &schema);
    std::fs::write(dir.join("bound.sql"), &ddl).expect("sql file");
    let psql = |args: &[&str]| psql(&server, &dir, args);
    psql(&[
        "-c",
        "CREATE TABLE survivor (id int); INSERT INTO survivor VALUES (1);",
        "-c",
        r#"CREATE TABLE "odd ""table"" $$ -- x" (id serial, "st$$atus" text NOT NULL)"#,
        "-c",
        r#"INSERT INTO "odd ""table"" $$ -- x" ("st$$atus") VALUES ($v$QUEUED "legacy"$v$), ('A\\B'), ('X''); drop table survivor; --'), ('$$')"#,
        "-c",
        r#"CREATE TABLE legacy_rows (id serial, status text NOT NULL); INSERT INTO legacy_rows (status) VALUES ($v$QUEUED "legacy"$v$), ('$$')"#,
    ]);
    for _ in 0..2 {
        psql(&["-f", "bound.sql"]);
    }
    assert_eq!(psql(&["-c", "SELECT id FROM survivor"]).trim(), "1");
    let rows = psql(&[
        "-c",
        r#"SELECT "st$$atus"::text FROM "odd ""table"" $$ -- x" ORDER BY id"#,
    ]);
    let task = schema.status("HostileTask").expect("HostileTask");
    let wire = |name: &str| {
        task.state(task.state_id(name).expect("state"))
            .wire()
            .to_owned()
    };
    assert_eq!(
        rows.lines().collect::<Vec<_>>(),
        [
            wire("queued"),
            wire("running"),
            wire("failed"),
            wire("done_ok")
        ],
        "legacy, alias and case-folded rows rewritten canonical"
    );
    assert_eq!(
        psql(&["-c", "SELECT status::text FROM legacy_rows ORDER BY id"])
            .lines()
            .collect::<Vec<_>>(),
        [r#"QUEUED "legacy""#, "$$"]
    );
    // Exactly the statuses' types exist: nothing the text spelt was created.
    let types = psql(&[
        "-c",
        "SELECT typname FROM pg_type WHERE typtype = 'e' ORDER BY typname",
    ]);
    assert_eq!(
        types.lines().collect::<Vec<_>>(),
        [
            "hostile_legacy",
            "hostile_task",
            "hostile_value_set_with_a_very_long_name_that_overflows_postgres"
        ]
    );
    let refused = Command::new(server.program("psql"))
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", &server.url, "-c"])
        .arg(format!(
            r#"UPDATE "odd ""table"" $$ -- x" SET "st$$atus" = {} WHERE id = 4"#,
            literal(&wire("queued"))
        ))
        .output()
        .expect("psql");
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        !refused.status.success()
            && message.contains(&format!(
                "HostileTask cannot move from {} to {}",
                wire("done_ok"),
                wire("queued")
            )),
        "{message}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// Runs `psql` with its default settings against `server`; fails the test if any statement
/// fails (notices, such as a trigger not there yet to drop, are fine). Returns stdout.
fn psql(server: &Postgres, dir: &Path, args: &[&str]) -> String {
    let output = Command::new(server.program("psql"))
        .args(["-X", "-q", "-A", "-t", &server.url])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("psql");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && !stderr.contains("ERROR"),
        "psql {args:?}: {stderr}"
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A standard string literal, as the tests write values.
fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

async fn migrates_and_enforces(schema: &Schema, at_least: usize) {
    let server = Postgres::start();
    let mut db = PgConnection::connect(&server.url).await.expect("postgres");

    for (storage, database) in [
        (Storage::Enum, "enum_variant"),
        (Storage::Text, "text_variant"),
    ] {
        sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {database}")))
            .execute(&mut db)
            .await
            .expect("database");
        let url = format!("{}/{database}", server.url.rsplit_once('/').expect("url").0);
        let mut variant = PgConnection::connect(&url).await.expect("connect");
        seed_tables(&mut variant, schema).await;
        let ddl = ddl(schema, storage);
        sqlx::raw_sql(AssertSqlSafe(ddl.clone()))
            .execute(&mut variant)
            .await
            .unwrap_or_else(|e| panic!("{storage:?} DDL: {e}"));
        // Idempotent: the same file again changes nothing and fails nowhere.
        sqlx::raw_sql(AssertSqlSafe(ddl.clone()))
            .execute(&mut variant)
            .await
            .unwrap_or_else(|e| panic!("{storage:?} DDL again: {e}"));
        let updates = check_migrated_and_guarded(&mut variant, schema).await;
        assert!(updates > at_least, "{updates}");
        if schema.status("TaskStatus").is_none() {
            continue; // the rest pins the root schema's TaskStatus
        }
        if storage == Storage::Enum {
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
    let columns = vec![Column {
        table: "runs".into(),
        column: "status".into(),
        status: "WorkflowStatus".into(),
    }];
    let ddl = generate_sql(&schema, "statuses.toml", Storage::Enum, columns).expect("sql");
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

/// Runs one of the conformance checkers, which print JSON.
fn checker(dir: &Path, command: &mut Command) -> serde_json::Value {
    let out = run(command.current_dir(dir));
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

fn text_of(value: &serde_json::Value) -> String {
    value.as_str().expect("text").to_owned()
}

#[test]
fn markdown_renders_inert_and_as_written() {
    markdown_conforms("md", &schema());
}

#[test]
fn hostile_text_stays_inert_in_markdown() {
    markdown_conforms("md-hostile", &hostile());
}

/// markdown-it (`CommonMark` with GitHub's tables, raw HTML allowed) renders the page into
/// only the expected elements (its checker fails on any other element, attribute, raw
/// HTML or script URL), with one heading per status and each state table holding exactly
/// one row per state whose cells read as the schema's text.
fn markdown_conforms(name: &str, schema: &Schema) {
    let dir = workdir_with(
        name,
        schema,
        "statuses.md",
        generate(Target::Markdown, schema, "statuses.toml"),
    );
    let page = checker(
        &dir,
        Command::new("node")
            .arg(tool("check-markdown.cjs"))
            .arg("statuses.md"),
    );
    let headings: Vec<String> = page["headings"]
        .as_array()
        .expect("headings")
        .iter()
        .map(|h| text_of(&h["text"]))
        .collect();
    let mut expected = vec!["Statuses of statuses.toml".to_owned()];
    expected.extend(schema.statuses().iter().map(|s| s.name().to_owned()));
    assert_eq!(headings, expected);
    let state_tables: Vec<&serde_json::Value> = page["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .filter(|t| t["header"][0] == "state")
        .collect();
    assert_eq!(state_tables.len(), schema.statuses().len());
    for (table, status) in state_tables.iter().zip(schema.statuses()) {
        let rows = table["rows"].as_array().expect("rows");
        assert_eq!(rows.len(), status.states().len(), "{}", status.name());
        for (row, state) in rows.iter().zip(status.states()) {
            let cells: Vec<String> = row.as_array().expect("cells").iter().map(text_of).collect();
            assert_eq!(cells.len(), 6, "{}: {cells:?}", status.name());
            assert_eq!(cells[0], state.name());
            assert_eq!(cells[1], state.wire(), "wire value in a code span");
            // A code span written in a label renders as code: only its backticks go.
            assert_eq!(cells[2], state.label().replace('`', ""), "label as written");
            let aliases: Vec<&str> = status
                .aliases()
                .iter()
                .filter(|a| a.state() == state.id())
                .map(status_schema::model::Alias::spelling)
                .collect();
            assert_eq!(cells[4], aliases.join(", "));
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn mermaid_parses_and_draws_every_label_as_written() {
    mermaid_conforms("mermaid", &schema());
}

#[test]
fn hostile_text_stays_inert_in_mermaid() {
    mermaid_conforms("mermaid-hostile", &hostile());
}

/// Mermaid's own parser and renderer (under jsdom) read each status's diagram with no
/// configuration taken from the text, no markup in any label, every state drawn with its
/// label exactly, and one transition per edge plus the `[*]` start and ends.
fn mermaid_conforms(name: &str, schema: &Schema) {
    // One file per status, as `statuskit gen mermaid -o DIR/` writes them: each must be a
    // diagram Mermaid reads on its own.
    let dir = workdir(name, schema);
    let mut paths = Vec::new();
    for (file, text) in status_schema::targets::mermaid_files(schema, "statuses.toml") {
        std::fs::write(dir.join(&file), text).expect("mmd");
        paths.push(file);
    }
    let report = checker(
        &dir,
        Command::new("node")
            .arg(tool("check-mermaid.mjs"))
            .args(&paths),
    );
    let diagrams = report["diagrams"].as_array().expect("diagrams");
    assert_eq!(diagrams.len(), schema.statuses().len());
    for (diagram, status) in diagrams.iter().zip(schema.statuses()) {
        assert_eq!(diagram["file"], format!("{}.mmd", status.name()));
        assert_eq!(
            diagram["config"],
            serde_json::json!({}),
            "{}",
            status.name()
        );
        let mut drawn: Vec<String> = diagram["rendered"]["states"]
            .as_object()
            .expect("states")
            .values()
            .map(text_of)
            .collect();
        let mut labels: Vec<String> = status
            .states()
            .iter()
            .map(|s| s.label().to_owned())
            .collect();
        drawn.sort();
        labels.sort();
        assert_eq!(drawn, labels, "{}", status.name());
        let edges = targets_edges(status)
            + usize::from(status.initial().is_some())
            + status.terminal_states().count();
        assert_eq!(diagram["transition_count"], edges, "{}", status.name());
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// How many distinct `(from, to)` moves the status has.
fn targets_edges(status: &Status) -> usize {
    let mut pairs: Vec<_> = status
        .transitions()
        .iter()
        .map(|t| (t.from(), t.to()))
        .collect();
    pairs.dedup();
    pairs.len()
}

#[test]
fn hostile_text_stays_inert_in_dot() {
    let schema = hostile();
    let dir = workdir_with(
        "dot-hostile",
        &schema,
        "statuses.dot",
        generate(Target::Dot, &schema, "statuses.toml"),
    );
    let graph = checker(
        &dir,
        Command::new("bash")
            .arg(tool("check-dot.sh"))
            .arg("statuses.dot"),
    );
    let nodes = graph["nodes"].as_array().expect("nodes");
    for status in schema.statuses() {
        for state in status.states() {
            let node = nodes
                .iter()
                .find(|n| n["name"] == format!("{}__{}", status.name(), state.name()))
                .unwrap_or_else(|| panic!("{}.{} has a node", status.name(), state.name()));
            assert_eq!(
                node["text"],
                serde_json::json!([state.label()]),
                "drawn as written"
            );
        }
    }
    let edges = graph["edges"].as_array().expect("edges").len();
    let expected: usize = schema
        .statuses()
        .iter()
        .map(|s| targets_edges(s) + usize::from(s.initial().is_some()))
        .sum();
    assert_eq!(edges, expected);
    let _ = std::fs::remove_dir_all(dir);
}
