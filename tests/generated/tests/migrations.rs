//! `statuskit gen sql --since`: a chain of four schema versions (`tests/migrations/v1–v4`),
//! each migration applied with `psql -f`, as people apply them, to tables seeded with every
//! value and legacy spellings. After each step: no row lost, every row holds the value the
//! version gives it, the trigger allows exactly the version's moves, a second run changes
//! nothing, and the catalogue (enum labels in order, the transition function on every pair,
//! the `CHECK`) equals a fresh `gen sql` of that version. A value nothing maps rolls the
//! whole migration back, naming table, column and value.

mod support;

use std::path::PathBuf;
use std::process::Command;

use sqlx::{AssertSqlSafe, Connection, PgConnection};
use status_schema::targets::{Column, Storage, Target};
use status_schema::{Schema, SourceFile};
use support::postgres::Postgres;

const VERSIONS: [&str; 4] = ["v1", "v2", "v3", "v4"];

/// Rows seeded before v1's setup: every value, and legacy spellings v1 reads.
const SEEDS: [(i32, &str); 7] = [
    (1, "queued"),
    (2, "running"),
    (3, "done"),
    (4, "failed"),
    (5, "FINISHED"),
    (6, "Running"),
    (7, "running"),
];

/// What each row holds after each version's migration (row 7 is moved to `paused` in v2).
const EXPECTED: [[&str; 7]; 4] = [
    [
        "queued", "running", "done", "failed", "done", "running", "running",
    ],
    [
        "queued",
        "running",
        "completed",
        "failed",
        "completed",
        "running",
        "paused",
    ],
    [
        "queued",
        "running",
        "completed",
        "cancelled",
        "completed",
        "running",
        "paused",
    ],
    // `paused` rows start again from `queued` (the legacy status's `into` table).
    [
        "queued",
        "running",
        "completed",
        "cancelled",
        "completed",
        "running",
        "queued",
    ],
];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/migrations")
}

fn load(version: &str) -> Schema {
    let path = dir().join(format!("{version}.toml"));
    let text = std::fs::read_to_string(&path).expect("version file");
    status_schema::analyze(&SourceFile::new(format!("{version}.toml"), text))
        .schema
        .expect("valid version")
}

fn sql(version: &str, since: Option<&str>, storage: Storage) -> String {
    let mut options = status_schema::targets::Options::default();
    options.sql.storage = storage;
    options.sql.columns = vec![Column {
        table: "jobs".into(),
        column: "status".into(),
        status: "Job".into(),
    }];
    options.sql.since = since.map(load);
    Target::Sql
        .generate(&load(version), &format!("{version}.toml"), &options)
        .expect("sql")
}

/// Applies `text` with `psql -v ON_ERROR_STOP=1 -f`; the error output when it fails.
fn psql(server: &Postgres, database: &str, text: &str, name: &str) -> Result<(), String> {
    psql_with(server, database, text, name, None)
}

/// [`psql`] with `PGOPTIONS` for the session.
fn psql_with(
    server: &Postgres,
    database: &str,
    text: &str,
    name: &str,
    options: Option<&str>,
) -> Result<(), String> {
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("migrations");
    std::fs::create_dir_all(&work).expect("workdir");
    let file = work.join(format!("{database}-{name}.sql"));
    std::fs::write(&file, text).expect("write sql");
    let mut command = Command::new(server.program("psql"));
    command.args(["-X", "-q", "-v", "ON_ERROR_STOP=1", &url(server, database)]);
    if let Some(options) = options {
        command.env("PGOPTIONS", options);
    }
    let output = command.arg("-f").arg(&file).output().expect("psql");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if output.status.success() && !stderr.contains("ERROR") {
        Ok(())
    } else {
        Err(stderr)
    }
}

fn url(server: &Postgres, database: &str) -> String {
    format!("{}/{database}", server.url.rsplit_once('/').expect("url").0)
}

async fn database(server: &Postgres, admin: &mut PgConnection, name: &str) -> PgConnection {
    sqlx::raw_sql(AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut *admin)
        .await
        .expect("database");
    PgConnection::connect(&url(server, name))
        .await
        .expect("connect")
}

/// A database set up fresh for `version`: the seeds in a text column whose default is a
/// legacy spelling (an alias, in another case), then the version's `gen sql`.
async fn seeded(
    server: &Postgres,
    admin: &mut PgConnection,
    name: &str,
    storage: Storage,
    version: &str,
) -> PgConnection {
    let mut db = database(server, admin, name).await;
    legacy_table(&mut db, "").await;
    psql(server, name, &sql(version, None, storage), version).expect("fresh setup");
    db
}

async fn rows(db: &mut PgConnection) -> Vec<String> {
    texts(db, "SELECT status::text FROM jobs ORDER BY id").await
}

/// The one text column of each row `query` returns, in order.
async fn texts(db: &mut PgConnection, query: &str) -> Vec<String> {
    sqlx::query_scalar(AssertSqlSafe(query.to_owned()))
        .fetch_all(db)
        .await
        .expect("rows")
}

/// The catalogue a version's setup leaves: the enum's wire values in order and all its
/// labels (aliases are labels too, wherever they were added), none for text; the transition
/// function on every pair of the version's values; the `CHECK`.
async fn catalogue(
    db: &mut PgConnection,
    schema: &Schema,
) -> (Vec<String>, Vec<bool>, Option<String>, String) {
    let mut labels = texts(db, "SELECT enumlabel::text FROM pg_enum WHERE enumtypid = to_regtype('job') ORDER BY enumsortorder").await;
    let cast = if labels.is_empty() { "text" } else { "job" };
    let job = schema.status("Job").expect("Job");
    let mut order: Vec<String> = labels
        .iter()
        .filter(|label| job.states().iter().any(|s| s.wire() == label.as_str()))
        .cloned()
        .collect();
    labels.sort();
    order.push("|".to_owned());
    order.extend(labels);
    let labels = order;
    let mut moves = Vec::new();
    for from in job.states() {
        for to in job.states() {
            let allowed: bool = sqlx::query_scalar(AssertSqlSafe(format!(
                "SELECT job_can_transition($1::text::{cast}, $2::text::{cast})"
            )))
            .bind(from.wire())
            .bind(to.wire())
            .fetch_one(&mut *db)
            .await
            .expect("function");
            moves.push(allowed);
        }
    }
    let check: Option<String> = sqlx::query_scalar(
        "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'jobs'::regclass AND contype = 'c'",
    )
    .fetch_optional(&mut *db)
    .await
    .expect("check");
    // The default, read by the same rules as the rows: canonical in every version.
    let default: String = sqlx::query_scalar(
        "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'jobs'::regclass",
    )
    .fetch_one(&mut *db)
    .await
    .expect("default");
    let done = job_wire(schema, "done");
    assert!(default.starts_with(&format!("'{done}'::")), "{default}");
    (labels, moves, check, default)
}

fn job_wire(schema: &Schema, state: &str) -> String {
    let job = schema.status("Job").expect("Job");
    job.state(job.state_id(state).expect("state"))
        .wire()
        .to_owned()
}

/// The trigger allows exactly the version's moves: each pair tried on a scratch row.
async fn enforces(db: &mut PgConnection, schema: &Schema, storage: Storage) {
    let cast = if storage == Storage::Enum {
        "::text::job"
    } else {
        "::text"
    };
    let job = schema.status("Job").expect("Job");
    for from in job.states() {
        for to in job.states() {
            let mut tx = db.begin().await.expect("transaction");
            sqlx::query(AssertSqlSafe(format!(
                "INSERT INTO jobs (id, status) VALUES (1000, $1{cast})"
            )))
            .bind(from.wire())
            .execute(&mut *tx)
            .await
            .expect("a scratch row (inserts are not moves)");
            let moved = sqlx::query(AssertSqlSafe(format!(
                "UPDATE jobs SET status = $1{cast} WHERE id = 1000"
            )))
            .bind(to.wire())
            .execute(&mut *tx)
            .await;
            let expected = from.id() == to.id() || job.can_transition(from.id(), to.id());
            assert_eq!(
                moved.is_ok(),
                expected,
                "{} -> {}: {moved:?}",
                from.name(),
                to.name()
            );
            tx.rollback().await.expect("rollback");
        }
    }
}

async fn chain(storage: Storage, name: &str) {
    let server = Postgres::start();
    let mut admin = PgConnection::connect(&server.url).await.expect("postgres");
    let mut db = seeded(&server, &mut admin, name, storage, "v1").await;
    assert_eq!(rows(&mut db).await, EXPECTED[0]);
    for (i, pair) in VERSIONS.windows(2).enumerate() {
        let (old, new) = (pair[0], pair[1]);
        let migration = sql(new, Some(old), storage);
        psql(&server, name, &migration, new).unwrap_or_else(|e| panic!("{old} → {new}: {e}"));
        let schema = load(new);
        if new == "v2" {
            // A move the v2 lifecycle allows, made before the next migration.
            sqlx::raw_sql("UPDATE jobs SET status = 'paused' WHERE id = 7")
                .execute(&mut db)
                .await
                .expect("running → paused is a v2 move");
        }
        assert_eq!(rows(&mut db).await, EXPECTED[i + 1], "after {new}");
        let migrated = catalogue(&mut db, &schema).await;
        // Safe to run twice: the same rows and catalogue.
        psql(&server, name, &migration, &format!("{new}-again"))
            .unwrap_or_else(|e| panic!("{new} again: {e}"));
        assert_eq!(rows(&mut db).await, EXPECTED[i + 1], "after {new} twice");
        assert_eq!(catalogue(&mut db, &schema).await, migrated);
        // As a fresh setup of the version leaves it.
        let fresh_name = format!("{name}_fresh_{new}");
        let mut fresh = seeded(&server, &mut admin, &fresh_name, storage, new).await;
        assert_eq!(
            catalogue(&mut fresh, &schema).await,
            migrated,
            "{new} catalogue"
        );
        enforces(&mut db, &schema, storage).await;
    }
    read_and_written_by_sqlx(&mut db).await;
    assert_eq!(
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM jobs")
            .fetch_one(&mut db)
            .await
            .expect("count"),
        i64::try_from(SEEDS.len()).expect("a handful of rows"),
        "no row lost"
    );
}

/// The generated Rust enum, with its sqlx impls, on the column the migrations left: the
/// rebuilt enum type (or text with `CHECK`) reads into it, and a bound value writes back.
async fn read_and_written_by_sqlx(db: &mut PgConnection) {
    use statuskit_generated_tests::migrated::Job;
    let read: Vec<Job> = sqlx::query_scalar("SELECT status FROM jobs ORDER BY id")
        .fetch_all(&mut *db)
        .await
        .expect("sqlx reads the migrated column");
    let expected: Vec<Job> = EXPECTED[3]
        .iter()
        .map(|wire| wire.parse().expect("a v4 value"))
        .collect();
    assert_eq!(read, expected);
    // Row 1 is queued; queued → running is a v4 move, bound with no cast in the query.
    sqlx::query("UPDATE jobs SET status = $1 WHERE id = 1")
        .bind(Job::Running)
        .execute(&mut *db)
        .await
        .expect("sqlx writes into the migrated column");
    let now: Job = sqlx::query_scalar("SELECT status FROM jobs WHERE id = 1")
        .fetch_one(&mut *db)
        .await
        .expect("read back");
    assert_eq!(now, Job::Running);
    // And a move v4 does not allow is refused by the trigger, with the value bound by sqlx.
    let refused = sqlx::query("UPDATE jobs SET status = $1 WHERE id = 1")
        .bind(Job::Queued)
        .execute(&mut *db)
        .await;
    assert!(refused.is_err(), "running → queued is not a v4 move");
}

#[tokio::test(flavor = "current_thread")]
async fn enum_columns_migrate_through_every_version() {
    chain(Storage::Enum, "chain_enum").await;
}

#[tokio::test(flavor = "current_thread")]
async fn text_columns_migrate_through_every_version() {
    chain(Storage::Text, "chain_text").await;
}

/// v3 → v4 with nothing saying what `paused` becomes: the migration fails naming the
/// table, column and value, and nothing changes (part 1 adds no value here).
#[tokio::test(flavor = "current_thread")]
async fn an_unmapped_value_rolls_everything_back() {
    let server = Postgres::start();
    let mut admin = PgConnection::connect(&server.url).await.expect("postgres");
    for (storage, name) in [
        (Storage::Enum, "unmapped_enum"),
        (Storage::Text, "unmapped_text"),
    ] {
        let mut db = seeded(&server, &mut admin, name, storage, "v1").await;
        for (old, new) in [("v1", "v2"), ("v2", "v3")] {
            psql(&server, name, &sql(new, Some(old), storage), new).expect("to v3");
        }
        sqlx::raw_sql("UPDATE jobs SET status = 'paused' WHERE id = 2")
            .execute(&mut db)
            .await
            .expect("running → paused");
        let before = rows(&mut db).await;
        let text = std::fs::read_to_string(dir().join("v4-unmapped.toml")).expect("file");
        let unmapped = status_schema::analyze(&SourceFile::new("v4-unmapped.toml", text))
            .schema
            .expect("valid");
        let mut options = status_schema::targets::Options::default();
        options.sql.storage = storage;
        options.sql.columns = vec!["jobs.status=Job".parse().expect("column")];
        options.sql.since = Some(load("v3"));
        let migration = Target::Sql
            .generate(&unmapped, "v4-unmapped.toml", &options)
            .expect("sql");
        let error = psql(&server, name, &migration, "v4-unmapped").expect_err("refused");
        assert!(
            error.contains("cannot migrate")
                && error.contains("jobs.status")
                && error.contains("'paused'"),
            "{error}"
        );
        assert_eq!(rows(&mut db).await, before, "rolled back");
    }
}

/// Two wire values swapped, or a renamed state's old value given to another state: stored
/// rows could not be told apart, so no migration is written.
#[test]
fn a_value_that_would_change_meaning_is_refused() {
    let swapped = load("v2").clone();
    let text = "schema_version = 1\n[status.Job]\nstates = [\"queued\", \"running\", \"paused\", \"done\", \"failed\"]\nwire = { done = \"failed\", failed = \"completed\" }\n";
    let new = status_schema::analyze(&SourceFile::new("swapped.toml", text))
        .schema
        .expect("valid");
    let mut options = status_schema::targets::Options::default();
    options.sql.since = Some(swapped);
    let error = Target::Sql
        .generate(&new, "swapped.toml", &options)
        .expect_err("refused")
        .to_string();
    assert!(error.contains("cannot be told apart"), "{error}");
}

/// Applies `text` like [`psql`], with a lock timeout, so a migration that waits for a lock
/// fails instead of waiting.
fn psql_impatient(server: &Postgres, database: &str, text: &str, name: &str) -> Result<(), String> {
    psql_with(server, database, text, name, Some("-c lock_timeout=300"))
}

fn schema_of(text: &str) -> Schema {
    status_schema::analyze(&SourceFile::new(
        "s.toml",
        format!("schema_version = 1\n{text}"),
    ))
    .schema
    .expect("valid")
}

fn sql_of(
    schema: &Schema,
    since: Option<Schema>,
    storage: Storage,
    column: &str,
) -> Result<String, String> {
    let mut options = status_schema::targets::Options::default();
    options.sql.storage = storage;
    options.sql.columns = vec![column.parse().expect("column")];
    options.sql.since = since;
    Target::Sql
        .generate(schema, "s.toml", &options)
        .map_err(|e| e.to_string())
}

/// A table the way teams have them: a text column with a `CHECK` listing its values (what
/// `audit` finds in real projects) and a default; rows seeded.
async fn legacy_table(db: &mut PgConnection, check: &str) {
    sqlx::raw_sql(AssertSqlSafe(format!(
        "CREATE TABLE jobs (id int PRIMARY KEY, status text NOT NULL DEFAULT 'FINISHED' {check})"
    )))
    .execute(&mut *db)
    .await
    .expect("table");
    for (id, value) in SEEDS {
        sqlx::query("INSERT INTO jobs VALUES ($1, $2)")
            .bind(id)
            .bind(value)
            .execute(&mut *db)
            .await
            .expect("seed");
    }
}

/// A `CHECK` that only lists values is replaced (it would refuse the canonical values and
/// the type change); one that says anything else stops the migration, rows untouched.
#[tokio::test(flavor = "current_thread")]
async fn check_constraints_that_list_values_are_replaced_others_stop() {
    let server = Postgres::start();
    let mut admin = PgConnection::connect(&server.url).await.expect("postgres");
    for (storage, name) in [
        (Storage::Enum, "checks_enum"),
        (Storage::Text, "checks_text"),
    ] {
        let mut db = database(&server, &mut admin, name).await;
        legacy_table(
            &mut db,
            "CONSTRAINT jobs_status_check CHECK (status IN ('queued', 'running', 'done', 'failed', 'FINISHED', 'Running'))",
        )
        .await;
        psql(&server, name, &sql("v1", None, storage), "v1")
            .expect("the listing CHECK is replaced");
        assert_eq!(rows(&mut db).await, EXPECTED[0]);
        let names = texts(&mut db, "SELECT conname::text FROM pg_constraint WHERE conrelid = 'jobs'::regclass AND contype = 'c'").await;
        assert!(
            !names.contains(&"jobs_status_check".to_owned()),
            "{names:?}"
        );
        // A constraint that is not a list of values: the team's to decide.
        let other = format!("{name}_other");
        let mut db = database(&server, &mut admin, &other).await;
        legacy_table(
            &mut db,
            "CONSTRAINT jobs_status_short CHECK (length(status) < 20)",
        )
        .await;
        let before = rows(&mut db).await;
        let error = psql(&server, &other, &sql("v1", None, storage), "v1").expect_err("stops");
        assert!(
            error.contains("CHECK constraint jobs_status_short") && error.contains("jobs.status"),
            "{error}"
        );
        assert_eq!(rows(&mut db).await, before, "rolled back");
    }
}

/// A type of the schema's name that exists with other labels is refused, not kept.
#[tokio::test(flavor = "current_thread")]
async fn a_type_with_other_labels_is_refused() {
    let server = Postgres::start();
    let mut admin = PgConnection::connect(&server.url).await.expect("postgres");
    let mut db = database(&server, &mut admin, "other_labels").await;
    legacy_table(&mut db, "").await;
    sqlx::raw_sql("CREATE TYPE job AS ENUM ('queued', 'done')")
        .execute(&mut db)
        .await
        .expect("type");
    let before = rows(&mut db).await;
    let error = psql(
        &server,
        "other_labels",
        &sql("v1", None, Storage::Enum),
        "v1",
    )
    .expect_err("refused");
    assert!(
        error.contains("type job exists with other values"),
        "{error}"
    );
    assert_eq!(rows(&mut db).await, before, "rolled back");
    let labels = texts(&mut db, "SELECT enumlabel::text FROM pg_enum WHERE enumtypid = 'job'::regtype ORDER BY enumsortorder").await;
    assert_eq!(labels, ["queued", "done"]);
}

/// A default that calls a function is carried over as an expression: the migration never
/// calls it (the function logs each call), and inserts still use it.
#[tokio::test(flavor = "current_thread")]
async fn a_default_expression_is_never_evaluated() {
    let server = Postgres::start();
    let mut admin = PgConnection::connect(&server.url).await.expect("postgres");
    for (storage, name) in [
        (Storage::Enum, "default_enum"),
        (Storage::Text, "default_text"),
    ] {
        let mut db = database(&server, &mut admin, name).await;
        sqlx::raw_sql(
            "CREATE TABLE calls (at timestamptz DEFAULT now());
             CREATE FUNCTION first_status() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
             BEGIN INSERT INTO calls DEFAULT VALUES; RETURN 'queued'; END $$;
             CREATE TABLE jobs (id int PRIMARY KEY, status text NOT NULL DEFAULT first_status());
             INSERT INTO jobs VALUES (1, 'running'), (2, 'FINISHED');",
        )
        .execute(&mut db)
        .await
        .expect("table");
        psql(&server, name, &sql("v1", None, storage), "v1").expect("setup");
        let calls: i64 = sqlx::query_scalar("SELECT count(*) FROM calls")
            .fetch_one(&mut db)
            .await
            .expect("calls");
        assert_eq!(calls, 0, "the migration called the default's function");
        let default: String = sqlx::query_scalar(
            "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'jobs'::regclass",
        )
        .fetch_one(&mut db)
        .await
        .expect("default");
        assert!(default.contains("first_status()"), "{default}");
        sqlx::raw_sql("INSERT INTO jobs (id) VALUES (3)")
            .execute(&mut db)
            .await
            .expect("insert with the default");
        assert_eq!(rows(&mut db).await, ["running", "done", "queued"]);
        let calls: i64 = sqlx::query_scalar("SELECT count(*) FROM calls")
            .fetch_one(&mut db)
            .await
            .expect("calls");
        assert_eq!(calls, 1, "the insert called it");
    }
}

async fn invoices(db: &mut PgConnection) -> Vec<String> {
    texts(db, "SELECT state::text FROM invoices ORDER BY id").await
}

const WITH_VOID: &str = "[status.Invoice]\nstates = [\"open\", \"paid\", \"void\", \"unknown\"]\nfallback = \"unknown\"\n";

/// `void` removed from a status with a fallback: its rows would silently read as the
/// fallback. The migration stops, naming the value and its rows, unless the schema says
/// what they become (an alias) or retires the value (`reserved`, then the fallback).
#[tokio::test(flavor = "current_thread")]
async fn a_removed_states_rows_change_only_when_the_schema_says_so() {
    let server = Postgres::start();
    let mut admin = PgConnection::connect(&server.url).await.expect("postgres");
    let without =
        "[status.Invoice]\nstates = [\"open\", \"paid\", \"unknown\"]\nfallback = \"unknown\"\n";
    let cases = [
        ("silent", String::new(), None),
        (
            "alias",
            "aliases = { void = \"paid\" }\n".to_owned(),
            Some("paid"),
        ),
        (
            "reserved",
            "reserved = [\"void\"]\n".to_owned(),
            Some("unknown"),
        ),
    ];
    for storage in [Storage::Enum, Storage::Text] {
        for (case, extra, void_becomes) in &cases {
            let name = format!(
                "void_{case}_{}",
                if storage == Storage::Enum {
                    "enum"
                } else {
                    "text"
                }
            );
            let mut db = database(&server, &mut admin, &name).await;
            sqlx::raw_sql(
                "CREATE TABLE invoices (id int PRIMARY KEY, state text NOT NULL);
                 INSERT INTO invoices VALUES (1, 'open'), (2, 'void'), (3, 'VOID'), (4, 'paid'), (5, 'unknown');",
            )
            .execute(&mut db)
            .await
            .expect("table");
            let old = schema_of(WITH_VOID);
            let setup = sql_of(&old, None, storage, "invoices.state=Invoice").expect("sql");
            psql(&server, &name, &setup, "setup").expect("setup");
            let new = schema_of(&format!("{without}{extra}"));
            let migration =
                sql_of(&new, Some(old), storage, "invoices.state=Invoice").expect("migration");
            let before = invoices(&mut db).await;
            assert_eq!(before, ["open", "void", "void", "paid", "unknown"]);
            match void_becomes {
                None => {
                    let error = psql(&server, &name, &migration, "to-new").expect_err("stops");
                    assert!(
                        error.contains("invoices.state: 2 rows hold 'void'"),
                        "{case}: {error}"
                    );
                    assert_eq!(invoices(&mut db).await, before, "rolled back");
                }
                Some(becomes) => {
                    psql(&server, &name, &migration, "to-new").expect("migrates");
                    assert_eq!(
                        invoices(&mut db).await,
                        ["open", becomes, becomes, "paid", "unknown"],
                        "{case}"
                    );
                }
            }
        }
    }
}

/// `on`/`off` swapped for `OFF`/`ON`: under a case-insensitive reader each row would read
/// as the other state, so no migration is written.
#[test]
fn a_swap_that_differs_only_in_case_is_refused() {
    let old = schema_of("[status.Power]\nstates = [\"on\", \"off\"]\n");
    let new = schema_of(
        "[status.Power]\nstates = [\"on\", \"off\"]\nwire = { on = \"OFF\", off = \"ON\" }\n",
    );
    let error =
        sql_of(&new, Some(old), Storage::Enum, "switches.state=Power").expect_err("refused");
    assert!(error.contains("cannot be told apart"), "{error}");
}

/// The migration locks each bound table against writers before rewriting rows: with a
/// writer's transaction open, it waits (here: fails on the lock timeout) instead of
/// rewriting around it; once the writer commits, it runs.
#[tokio::test(flavor = "current_thread")]
async fn writers_wait_while_rows_are_rewritten() {
    let server = Postgres::start();
    let mut admin = PgConnection::connect(&server.url).await.expect("postgres");
    let mut db = seeded(&server, &mut admin, "locks", Storage::Text, "v1").await;
    let migration = sql("v2", Some("v1"), Storage::Text);
    let lock = migration
        .find("LOCK TABLE jobs IN SHARE ROW EXCLUSIVE MODE;")
        .expect("lock");
    let first_update = migration.find("UPDATE jobs").expect("an update");
    assert!(
        lock < first_update,
        "the lock comes before the rows are rewritten"
    );
    let mut writer = PgConnection::connect(&url(&server, "locks"))
        .await
        .expect("writer");
    let mut tx = writer.begin().await.expect("begin");
    sqlx::raw_sql("INSERT INTO jobs VALUES (100, 'queued')")
        .execute(&mut *tx)
        .await
        .expect("a write in flight");
    let error = psql_impatient(&server, "locks", &migration, "v2-locked").expect_err("waits");
    assert!(error.contains("lock timeout"), "{error}");
    tx.commit().await.expect("the writer commits");
    psql_impatient(&server, "locks", &migration, "v2").expect("then it runs");
    let mut expected: Vec<String> = EXPECTED[1].iter().map(|s| (*s).to_owned()).collect();
    // Row 7 is still `running` (the chain moves it to `paused` after v2); the writer's row
    // is there, canonical.
    expected[6] = "running".to_owned();
    expected.push("queued".to_owned());
    assert_eq!(rows(&mut db).await, expected);
}

/// A fresh database `name` with `table_sql` run, then `old`'s setup for `column`; the
/// migration to `new` applied, its result returned, with the rows of `query` after.
async fn migrate(
    server: &Postgres,
    admin: &mut PgConnection,
    name: &str,
    table_sql: &str,
    (old, new): (&str, &str),
    (storage, column): (Storage, &str),
    query: &str,
) -> (Result<(), String>, Vec<String>) {
    let mut db = database(server, admin, name).await;
    sqlx::raw_sql(AssertSqlSafe(table_sql.to_owned()))
        .execute(&mut db)
        .await
        .expect("tables");
    let old = schema_of(old);
    let setup = sql_of(&old, None, storage, column).expect("setup sql");
    psql(server, name, &setup, "setup").expect("setup");
    let migration = sql_of(&schema_of(new), Some(old), storage, column).expect("migration sql");
    let applied = psql(server, name, &migration, "migration");
    let rows = texts(&mut db, query).await;
    (applied, rows)
}

fn storages() -> [(Storage, &'static str); 2] {
    [(Storage::Enum, "enum"), (Storage::Text, "text")]
}

/// From the attack on issue 23, with rows before and every row after.
#[tokio::test(flavor = "current_thread")]
async fn what_the_attack_found_stays_fixed() {
    let server = Postgres::start();
    let mut admin = PgConnection::connect(&server.url).await.expect("postgres");
    let table = "CREATE TABLE t (id int PRIMARY KEY, s text NOT NULL); INSERT INTO t VALUES (1, 'b'), (2, 'B'), (3, 'b');";
    let query = "SELECT s::text FROM t ORDER BY id";
    for (storage, kind) in storages() {
        // `B` (state `high`) removed while case is ignored from now on: it would read as
        // `low` through `b`. The migration stops, naming it; the rows stay.
        let (applied, rows) = migrate(
            &server,
            &mut admin,
            &format!("merge_{kind}"),
            table,
            (
                "[status.Flag]\nstates = [\"low\", \"high\"]\ncase_insensitive = false\nwire = { low = \"b\", high = \"B\" }\n",
                "[status.Flag]\nstates = [\"low\"]\nwire = { low = \"b\" }\n",
            ),
            (storage, "t.s=Flag"),
            query,
        )
        .await;
        let error = applied.expect_err("stops");
        assert!(error.contains("1 rows hold 'B'"), "{error}");
        assert_eq!(rows, ["b", "B", "b"]);
        // A team's value list on a text column, added after the setup, with a value
        // renamed: replaced, and the rows renamed.
        let name = format!("team_check_late_{kind}");
        let mut db = database(&server, &mut admin, &name).await;
        sqlx::raw_sql("CREATE TABLE t (id int PRIMARY KEY, s text NOT NULL); INSERT INTO t VALUES (1, 'a'), (2, 'b');")
            .execute(&mut db)
            .await
            .expect("table");
        let old = schema_of("[status.Pair]\nstates = [\"a\", \"b\"]\n");
        psql(
            &server,
            &name,
            &sql_of(&old, None, storage, "t.s=Pair").expect("sql"),
            "setup",
        )
        .expect("setup");
        if storage == Storage::Text {
            sqlx::raw_sql("ALTER TABLE t ADD CONSTRAINT team_chk CHECK (s IN ('a', 'b'))")
                .execute(&mut db)
                .await
                .expect("team check");
        }
        let new = schema_of(
            "[status.Pair]\nstates = [\"a\", \"b\"]\nwire = { b = \"bee\" }\naliases = { b = \"b\" }\n",
        );
        psql(
            &server,
            &name,
            &sql_of(&new, Some(old), storage, "t.s=Pair").expect("sql"),
            "migration",
        )
        .expect("the team's list is replaced");
        let rows = texts(&mut db, query).await;
        assert_eq!(rows, ["a", "bee"]);
    }
    // A hand-made type with a value neither version has: refused before part 1 renames or
    // adds anything.
    let name = "hand_made_type";
    let mut db = database(&server, &mut admin, name).await;
    sqlx::raw_sql("CREATE TYPE job AS ENUM ('a', 'b', 'zzz'); CREATE TABLE t (id int PRIMARY KEY, s job NOT NULL); INSERT INTO t VALUES (1, 'a'), (2, 'b');")
        .execute(&mut db)
        .await
        .expect("type");
    let old = schema_of("[status.Job]\nstates = [\"a\", \"b\"]\n");
    let new = schema_of(
        "[status.Job]\nstates = [\"a\", \"b\", \"c\"]\nwire = { b = \"bee\" }\naliases = { b = \"b\" }\n",
    );
    let error = psql(
        &server,
        name,
        &sql_of(&new, Some(old), Storage::Enum, "t.s=Job").expect("sql"),
        "migration",
    )
    .expect_err("refused");
    assert!(error.contains("has the value 'zzz'"), "{error}");
    let labels = texts(&mut db, "SELECT enumlabel::text FROM pg_enum WHERE enumtypid = 'job'::regtype ORDER BY enumsortorder").await;
    assert_eq!(labels, ["a", "b", "zzz"], "nothing renamed or added");
    let rows = texts(&mut db, query).await;
    assert_eq!(rows, ["a", "b"]);
}

/// A constraint that excludes values is not a value list, and is not dropped; a value list
/// added `NOT VALID` is one.
#[tokio::test(flavor = "current_thread")]
async fn only_value_lists_are_taken_for_value_lists() {
    let server = Postgres::start();
    let mut admin = PgConnection::connect(&server.url).await.expect("postgres");
    for (storage, kind) in storages() {
        let name = format!("excludes_{kind}");
        let mut db = database(&server, &mut admin, &name).await;
        legacy_table(
            &mut db,
            "CONSTRAINT jobs_not_legacy CHECK ((status = 'legacy') = (status = 'gone'))",
        )
        .await;
        let error = psql(&server, &name, &sql("v1", None, storage), "v1").expect_err("stops");
        assert!(error.contains("jobs_not_legacy"), "{error}");
        let name = format!("not_valid_{kind}");
        let mut db = database(&server, &mut admin, &name).await;
        legacy_table(&mut db, "").await;
        sqlx::raw_sql("ALTER TABLE jobs ADD CONSTRAINT jobs_list CHECK (status IN ('queued', 'running', 'done', 'failed', 'FINISHED', 'Running')) NOT VALID")
            .execute(&mut db)
            .await
            .expect("constraint");
        psql(&server, &name, &sql("v1", None, storage), "v1").expect("replaced");
        assert_eq!(rows(&mut db).await, EXPECTED[0]);
    }
}

/// An expression default a setup wrote (`(f())::job`) is carried through a later rebuild
/// of the type, still never called by the migration.
#[tokio::test(flavor = "current_thread")]
async fn an_expression_default_survives_a_rebuild() {
    let server = Postgres::start();
    let mut admin = PgConnection::connect(&server.url).await.expect("postgres");
    let (applied, rows) = migrate(
        &server,
        &mut admin,
        "expression_rebuild",
        "CREATE TABLE calls (n int);
         CREATE FUNCTION first_status() RETURNS text LANGUAGE plpgsql VOLATILE AS $$
         BEGIN INSERT INTO calls VALUES (1); RETURN 'a'; END $$;
         CREATE TABLE t (id int PRIMARY KEY, s text NOT NULL DEFAULT first_status());
         INSERT INTO t VALUES (1, 'a'), (2, 'b');",
        (
            "[status.Pair]\nstates = [\"a\", \"b\", \"c\"]\n",
            // `c` retired, the order changed: the type is rebuilt.
            "[status.Pair]\nstates = [\"b\", \"a\"]\nreserved = [\"c\"]\n",
        ),
        (Storage::Enum, "t.s=Pair"),
        "SELECT s::text FROM t ORDER BY id",
    )
    .await;
    applied.expect("migrates");
    assert_eq!(rows, ["a", "b"]);
    let mut db = PgConnection::connect(&url(&server, "expression_rebuild"))
        .await
        .expect("connect");
    let calls: i64 = sqlx::query_scalar("SELECT count(*) FROM calls")
        .fetch_one(&mut db)
        .await
        .expect("calls");
    assert_eq!(calls, 0);
    sqlx::raw_sql("INSERT INTO t (id) VALUES (3)")
        .execute(&mut db)
        .await
        .expect("insert");
    let third: String = sqlx::query_scalar("SELECT s::text FROM t WHERE id = 3")
        .fetch_one(&mut db)
        .await
        .expect("row");
    assert_eq!(third, "a");
}

/// A renamed status is a new type: what its column's rows meant is unknown, so no migration
/// is written; a kept state's value pointed at another state by an alias is refused too.
#[test]
fn what_a_migration_cannot_know_is_refused() {
    let old = schema_of(
        "[status.JobState]\nstates = [\"a\", \"b\", \"unknown\"]\nfallback = \"unknown\"\n",
    );
    let new =
        schema_of("[status.JobStatus]\nstates = [\"a\", \"unknown\"]\nfallback = \"unknown\"\n");
    let error = sql_of(&new, Some(old), Storage::Enum, "t.s=JobStatus").expect_err("refused");
    assert!(
        error.contains("the old schema has no status `JobStatus`"),
        "{error}"
    );
    let old = schema_of("[status.Pair]\nstates = [\"a\", \"b\"]\n");
    let new = schema_of(
        "[status.Pair]\nstates = [\"a\", \"b\"]\nwire = { b = \"bee\" }\naliases = { b = \"a\" }\n",
    );
    let error = sql_of(&new, Some(old), Storage::Enum, "t.s=Pair").expect_err("refused");
    assert!(error.contains("stored rows cannot be both"), "{error}");
}

/// From the second attack on issue 23, rows before and after.
#[tokio::test(flavor = "current_thread")]
async fn legacy_statuses_never_claim_this_statuss_own_values() {
    let server = Postgres::start();
    let mut admin = PgConnection::connect(&server.url).await.expect("postgres");
    for (storage, kind) in storages() {
        // `Legacy` ignores case and spells `B`; `Task` is case-sensitive and has `b`: its
        // `b` rows are its own, not `Legacy`'s.
        let (applied, rows) = migrate(
            &server,
            &mut admin,
            &format!("legacy_case_{kind}"),
            "CREATE TABLE t (id int PRIMARY KEY, s text NOT NULL); INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'b'), (4, 'zz');",
            (
                "[status.Task]\nstates = [\"a\", \"b\"]\ncase_insensitive = false\n[status.Legacy]\nstates = [\"x\"]\nwire = { x = \"zz\" }\ninto.Task = { x = \"a\" }\n",
                "[status.Task]\nstates = [\"a\", \"b\"]\ncase_insensitive = false\n[status.Legacy]\nstates = [\"x\"]\nwire = { x = \"zz\" }\naliases = { B = \"x\" }\ninto.Task = { x = \"a\" }\n",
            ),
            (storage, "t.s=Task"),
            "SELECT s::text FROM t ORDER BY id",
        )
        .await;
        applied.expect("migrates");
        assert_eq!(rows, ["a", "b", "b", "a"]);
    }
    // Value lists PostgreSQL prints otherwise, and statuskit's own constraint under a
    // name that needs quoting, are recognised.
    for (check, name) in [
        (
            "CHECK (status IN ('queued', 'running', 'done', 'failed', 'FINISHED', 'Running') OR status IS NULL)",
            "or_null",
        ),
        (
            "CHECK (status = ANY ('{queued,running,done,failed,FINISHED,Running}'::text[]))",
            "array_literal",
        ),
    ] {
        let mut db = database(&server, &mut admin, name).await;
        legacy_table(&mut db, check).await;
        psql(&server, name, &sql("v1", None, Storage::Text), "v1").expect("replaced");
        assert_eq!(rows(&mut db).await, EXPECTED[0]);
    }
    let (applied, rows) = migrate(
        &server,
        &mut admin,
        "quoted_names",
        "CREATE TABLE \"We\"\"ird\" (id int PRIMARY KEY, \"co'l\" text NOT NULL); INSERT INTO \"We\"\"ird\" VALUES (1, 'a'), (2, 'b');",
        (
            "[status.Pair]\nstates = [\"a\", \"b\"]\n",
            "[status.Pair]\nstates = [\"a\", \"b\"]\nwire = { b = \"bee\" }\naliases = { b = \"b\" }\n",
        ),
        (Storage::Text, "We\"ird.co'l=Pair"),
        "SELECT \"co'l\" FROM \"We\"\"ird\" ORDER BY id",
    )
    .await;
    applied.expect("its own constraint is its own");
    assert_eq!(rows, ["a", "bee"]);
}

/// A removed state's value given to another state that had its own: rows of the two would
/// merge. `diff` says so, and no migration is written.
#[test]
fn a_removed_states_value_taken_by_another_state_is_refused() {
    let old = schema_of("[status.Trio]\nstates = [\"a\", \"b\", \"c\"]\n");
    let new = schema_of(
        "[status.Trio]\nstates = [\"a\", \"b\"]\nwire = { b = \"c\" }\naliases = { b = \"b\" }\n",
    );
    let codes: Vec<_> =
        status_schema::diff::diff(&old, &new, &status_schema::diff::Policy::default())
            .into_iter()
            .map(|c| c.diagnostic.code)
            .collect();
    assert!(
        codes.contains(&status_schema::Code::WireChanged),
        "{codes:?}"
    );
    let error = sql_of(&new, Some(old), Storage::Enum, "t.s=Trio").expect_err("refused");
    assert!(error.contains("cannot be told apart"), "{error}");
}

/// A rebuild of the type locks every table with a column of it, bound or not, before it
/// checks their values (so no retired value lands between the check and the type change):
/// a writer's open transaction on an unbound table makes it wait, and the lock is taken
/// before the check (the change of type alone would wait too, but only after the check).
#[tokio::test(flavor = "current_thread")]
async fn a_rebuild_locks_unbound_tables_of_the_type_too() {
    let server = Postgres::start();
    let mut admin = PgConnection::connect(&server.url).await.expect("postgres");
    let name = "rebuild_locks";
    let mut db = database(&server, &mut admin, name).await;
    sqlx::raw_sql("CREATE TABLE t (id int PRIMARY KEY, s text NOT NULL); INSERT INTO t VALUES (1, 'a'), (2, 'b');")
        .execute(&mut db)
        .await
        .expect("table");
    let old = schema_of("[status.Pair]\nstates = [\"a\", \"b\"]\n");
    psql(
        &server,
        name,
        &sql_of(&old, None, Storage::Enum, "t.s=Pair").expect("sql"),
        "setup",
    )
    .expect("setup");
    sqlx::raw_sql(
        "CREATE TABLE u (id int PRIMARY KEY, s pair NOT NULL); INSERT INTO u VALUES (1, 'b');",
    )
    .execute(&mut db)
    .await
    .expect("unbound table");
    // Reordered: the type is rebuilt.
    let new = schema_of("[status.Pair]\nstates = [\"b\", \"a\"]\n");
    let migration = sql_of(&new, Some(old), Storage::Enum, "t.s=Pair").expect("sql");
    let mut writer = PgConnection::connect(&url(&server, name))
        .await
        .expect("writer");
    let mut tx = writer.begin().await.expect("begin");
    sqlx::raw_sql("INSERT INTO u VALUES (2, 'a')")
        .execute(&mut *tx)
        .await
        .expect("a write in flight");
    let error = psql_impatient(&server, name, &migration, "locked").expect_err("waits");
    assert!(error.contains("lock timeout"), "{error}");
    tx.commit().await.expect("commit");
    psql_impatient(&server, name, &migration, "runs").expect("then it runs");
    let rows = texts(&mut db, "SELECT s::text FROM u ORDER BY id").await;
    assert_eq!(rows, ["b", "a"]);
    let rows = texts(&mut db, "SELECT s::text FROM t ORDER BY id").await;
    assert_eq!(rows, ["a", "b"]);
}
