//! `statuskit migrate new` with real runners on a real PostgreSQL: a team's own migration
//! creates a table of legacy text values, then the history statuskit writes takes it
//! through three schema versions, as a rolling deploy of a rename does:
//!
//! 1. `init`: the legacy column becomes the status's type (an alias and other cases read).
//! 2. `rename_done` (expand): `done` becomes `completed`, with `done` kept as an alias, so
//!    that the previous release, still writing `done`, is accepted and stored canonical.
//! 3. `contract`: the alias removed; the database refuses `done` from then on.
//!
//! Applied by sqlx's own `Migrator` (enum storage, `style = "sqlx"`) and by `psql -f`, file
//! by file in lexical order (text storage, `style = "plain"`). After each step every row is
//! checked; a run again applies nothing; an edited applied migration is refused by
//! `gen --check` and by sqlx's checksum.

#[path = "../../tests/generated/tests/support/postgres.rs"]
#[allow(dead_code)]
mod postgres;

use std::path::{Path, PathBuf};
use std::process::Command;

use postgres::Postgres;
use sqlx::migrate::Migrator;
use sqlx::{AssertSqlSafe, Connection, PgConnection};

/// The three schema versions, differing in the `JobState` table only.
fn schema(version: u8, style: &str, storage: &str) -> String {
    let job = match version {
        1 => {
            r#"states = ["queued", "running", "done", "failed"]
terminal = ["done", "failed"]
transitions = { queued = ["running"], running = ["done", "failed"] }
aliases = { finished = "done" }"#
        }
        2 => {
            r#"states = ["queued", "running", "completed", "failed"]
terminal = ["completed", "failed"]
transitions = { queued = ["running"], running = ["completed", "failed"] }
aliases = { finished = "completed", done = "completed" }"#
        }
        _ => {
            r#"states = ["queued", "running", "completed", "failed"]
terminal = ["completed", "failed"]
transitions = { queued = ["running"], running = ["completed", "failed"] }
aliases = { finished = "completed" }
reserved = ["done"]"#
        }
    };
    format!(
        r#"schema_version = 1

[status.JobState]
doc = "A background job."
initial = "queued"
{job}

[migrations]
dir = "db/migrations"
style = "{style}"
storage = "{storage}"
columns = {{ "jobs.state" = "JobState" }}
"#
    )
}

/// Every row once the rename ran (row 10 was written as an alias after the first step).
const AFTER_RENAME: [&str; 7] = [
    "queued",
    "running",
    "completed",
    "completed",
    "failed",
    "running",
    "completed",
];

/// The team's own migration: the table, with legacy values in several spellings.
const TABLE: &str = "CREATE TABLE jobs (id int PRIMARY KEY, state text NOT NULL DEFAULT 'Queued');
INSERT INTO jobs (id, state) VALUES (1, 'queued'), (2, 'RUNNING'), (3, 'done'), (4, 'finished'), (5, 'Failed'), (6, 'running');
";

fn statuskit(dir: &Path, args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_statuskit"))
        .args(args)
        .current_dir(dir)
        // A fixed clock: versions are timestamps, one second apart per file.
        .env("SOURCE_DATE_EPOCH", "1796601600")
        .output()
        .expect("statuskit runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `migrate new NAME` for `version` of the schema: the files it wrote, by name.
fn step(project: &Path, version: u8, style: &str, storage: &str, name: &str) -> Vec<String> {
    std::fs::write(
        project.join("statuses.toml"),
        schema(version, style, storage),
    )
    .expect("schema");
    let (ok, stdout, stderr) = statuskit(project, &["migrate", "new", name]);
    assert!(ok, "migrate new {name}: {stderr}");
    let wrote: Vec<String> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("wrote db/migrations/"))
        .map(str::to_owned)
        .collect();
    assert!(!wrote.is_empty(), "{stdout}{stderr}");
    // The history is whole and matches the schema.
    let (ok, stdout, stderr) = statuskit(project, &["gen", "--check"]);
    assert!(ok, "gen --check after {name}: {stdout}{stderr}");
    wrote
}

fn project(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("db/migrations")).expect("project");
    dir
}

async fn database(server: &Postgres, name: &str) -> (PgConnection, String) {
    let mut admin = PgConnection::connect(&server.url).await.expect("postgres");
    sqlx::raw_sql(AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .expect("database");
    let url = format!("{}/{name}", server.url.rsplit_once('/').expect("url").0);
    (PgConnection::connect(&url).await.expect("connect"), url)
}

async fn rows(db: &mut PgConnection) -> Vec<String> {
    sqlx::query_scalar("SELECT state::text FROM jobs ORDER BY id")
        .fetch_all(db)
        .await
        .expect("rows")
}

/// An insert of `value`, as a writer sends it: what was stored, or the error.
async fn insert(db: &mut PgConnection, id: i32, value: &str, cast: &str) -> Result<String, String> {
    sqlx::query_scalar(AssertSqlSafe(format!(
        "INSERT INTO jobs (id, state) VALUES ($1, $2::text{cast}) RETURNING state::text"
    )))
    .bind(id)
    .bind(value)
    .fetch_one(db)
    .await
    .map_err(|e| e.to_string())
}

#[tokio::test(flavor = "current_thread")]
async fn sqlx_migrator_applies_the_history_through_a_rename() {
    let server = Postgres::start();
    let (mut db, _) = database(&server, "sqlx_history").await;
    let dir = project("history-sqlx");
    let migrations = dir.join("db/migrations");
    std::fs::write(migrations.join("20260101000000_jobs.sql"), TABLE).expect("team migration");
    let run = |expected: usize| {
        let migrations = migrations.clone();
        async move {
            let migrator = Migrator::new(migrations.as_path()).await.expect("migrator");
            assert_eq!(migrator.iter().count(), expected, "files sqlx reads");
            migrator
        }
    };
    let cast = "::job_state";

    // 1. From the database as it is.
    let wrote = step(&dir, 1, "sqlx", "enum", "init");
    assert_eq!(wrote, ["20261207000000_init.sql"]);
    let (ok, _, stderr) = statuskit(&dir, &["migrate", "new", "again"]);
    assert!(ok && stderr.contains("nothing to migrate"), "{stderr}");
    run(2).await.run(&mut db).await.expect("v1 applies");
    assert_eq!(
        rows(&mut db).await,
        ["queued", "running", "done", "done", "failed", "running"]
    );
    assert_eq!(
        insert(&mut db, 10, "finished", cast).await.as_deref(),
        Ok("done")
    );

    // 2. Expand: `done` renamed `completed`, `done` kept as an alias.
    let wrote = step(&dir, 2, "sqlx", "enum", "rename_done");
    assert_eq!(
        wrote,
        [
            "20261207000001_rename_done_values.sql",
            "20261207000002_rename_done.sql"
        ]
    );
    run(4).await.run(&mut db).await.expect("v2 applies");
    assert_eq!(rows(&mut db).await, AFTER_RENAME);
    // The previous release still writes `done`: accepted, stored as `completed`, and its
    // moves judged on canonical values.
    assert_eq!(
        insert(&mut db, 11, "done", cast).await.as_deref(),
        Ok("completed")
    );
    sqlx::raw_sql("UPDATE jobs SET state = 'done' WHERE id = 6")
        .execute(&mut db)
        .await
        .expect("running → done is running → completed");
    let refused = sqlx::raw_sql("UPDATE jobs SET state = 'done' WHERE id = 1")
        .execute(&mut db)
        .await;
    assert!(refused.is_err(), "queued → completed is not a move");
    // Run again: nothing to apply, nothing changes.
    let before = rows(&mut db).await;
    run(4).await.run(&mut db).await.expect("a second run");
    assert_eq!(rows(&mut db).await, before);

    // 3. Contract: the alias removed, so the type loses the label.
    let wrote = step(&dir, 3, "sqlx", "enum", "contract");
    assert_eq!(wrote, ["20261207000003_contract.sql"]);
    run(5).await.run(&mut db).await.expect("v3 applies");
    assert_eq!(
        rows(&mut db).await,
        [
            "queued",
            "running",
            "completed",
            "completed",
            "failed",
            "completed",
            "completed",
            "completed"
        ]
    );
    let old_writer = insert(&mut db, 12, "done", cast).await;
    assert!(
        old_writer
            .as_ref()
            .is_err_and(|e| e.contains("invalid input value")),
        "{old_writer:?}"
    );
    let labels: Vec<String> = sqlx::query_scalar(
        "SELECT enumlabel::text FROM pg_enum WHERE enumtypid = 'job_state'::regtype ORDER BY enumsortorder",
    )
    .fetch_all(&mut db)
    .await
    .expect("labels");
    assert_eq!(
        labels,
        ["queued", "running", "completed", "finished", "failed"]
    );

    edited_migration_is_refused(&dir, &mut db).await;
}

/// An applied migration edited: `gen --check`, `migrate new` and sqlx's checksum all
/// refuse it.
async fn edited_migration_is_refused(dir: &Path, db: &mut PgConnection) {
    let migrations = dir.join("db/migrations");
    let edited = migrations.join("20261207000002_rename_done.sql");
    let mut text = std::fs::read_to_string(&edited).expect("migration");
    text = text.replacen("LOCK TABLE", "-- tweaked\nLOCK TABLE", 1);
    std::fs::write(&edited, text).expect("edit");
    let (ok, stdout, _) = statuskit(dir, &["gen", "--check"]);
    assert!(
        !ok && stdout.contains("20261207000002_rename_done.sql` changed after statuskit wrote it"),
        "{stdout}"
    );
    let (ok, _, stderr) = statuskit(dir, &["migrate", "new", "more"]);
    assert!(
        !ok && stderr.contains("no migration was written"),
        "{stderr}"
    );
    let migrator = Migrator::new(migrations.as_path()).await.expect("migrator");
    let mismatch = migrator.run(db).await;
    assert!(
        matches!(
            mismatch,
            Err(sqlx::migrate::MigrateError::VersionMismatch(
                20_261_207_000_002
            ))
        ),
        "{mismatch:?}"
    );
}

/// `psql -v ON_ERROR_STOP=1 -f` on each file, as a plain history is applied.
fn psql(server: &Postgres, url: &str, file: &Path) -> Result<(), String> {
    let output = Command::new(server.program("psql"))
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-f"])
        .arg(file)
        .output()
        .expect("psql");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if output.status.success() && !stderr.contains("ERROR") {
        Ok(())
    } else {
        Err(stderr)
    }
}

#[tokio::test(flavor = "current_thread")]
async fn psql_applies_a_plain_text_history_through_a_rename() {
    let server = Postgres::start();
    let (mut db, url) = database(&server, "plain_history").await;
    let dir = project("history-plain");
    let migrations = dir.join("db/migrations");
    std::fs::write(migrations.join("0001_jobs.sql"), TABLE).expect("team migration");
    psql(&server, &url, &migrations.join("0001_jobs.sql")).expect("the team's migration");
    let apply = |files: &[String]| {
        for file in files {
            psql(&server, &url, &migrations.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        }
    };

    let wrote = step(&dir, 1, "plain", "text", "init");
    assert_eq!(wrote, ["0002_init.sql"]);
    apply(&wrote);
    assert_eq!(
        rows(&mut db).await,
        ["queued", "running", "done", "done", "failed", "running"]
    );
    // Text storage reads every case, as the readers do.
    assert_eq!(
        insert(&mut db, 10, "FINISHED", "").await.as_deref(),
        Ok("done")
    );

    let wrote = step(&dir, 2, "plain", "text", "rename_done");
    assert_eq!(
        wrote,
        ["0003_rename_done.sql"],
        "text storage has no values part"
    );
    apply(&wrote);
    // Applied again: nothing changes.
    apply(&wrote);
    assert_eq!(rows(&mut db).await, AFTER_RENAME);
    assert_eq!(
        insert(&mut db, 11, "Done", "").await.as_deref(),
        Ok("completed")
    );

    let wrote = step(&dir, 3, "plain", "text", "contract");
    assert_eq!(wrote, ["0004_contract.sql"]);
    apply(&wrote);
    let old_writer = insert(&mut db, 12, "done", "").await;
    assert!(
        old_writer
            .as_ref()
            .is_err_and(|e| e.contains("jobs_state_valid")),
        "{old_writer:?}"
    );
    assert_eq!(
        rows(&mut db).await,
        [
            "queued",
            "running",
            "completed",
            "completed",
            "failed",
            "running",
            "completed",
            "completed"
        ]
    );
}

/// The repository's example history (`examples/rolling-rename`, a pipeline's `success`
/// renamed `completed` in four steps), applied as committed.
#[tokio::test(flavor = "current_thread")]
async fn the_example_history_applies_as_committed() {
    let server = Postgres::start();
    let (mut db, _) = database(&server, "example_history").await;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/rolling-rename");
    let (ok, stdout, stderr) = statuskit(&dir, &["gen", "--check"]);
    assert!(ok, "{stdout}{stderr}");
    let migrator = Migrator::new(dir.join("db/migrations").as_path())
        .await
        .expect("migrator");
    migrator.run(&mut db).await.expect("the history applies");
    let statuses: Vec<String> =
        sqlx::query_scalar("SELECT status::text FROM pipeline_runs ORDER BY id")
            .fetch_all(&mut db)
            .await
            .expect("rows");
    assert_eq!(
        statuses,
        [
            "pending",
            "running",
            "completed",
            "completed",
            "completed",
            "failed"
        ]
    );
    let old_writer = sqlx::raw_sql("INSERT INTO pipeline_runs (id, status) VALUES (7, 'success')")
        .execute(&mut db)
        .await;
    assert!(old_writer.is_err(), "`success` is retired");
}

/// Adopting a legacy column as an enum type: what the type cannot carry is named before
/// anything changes (a view, a partial index), spellings that rows held and the type will
/// refuse are named in a warning, and another case kept as an alias stays accepted.
#[tokio::test(flavor = "current_thread")]
async fn what_adoption_cannot_carry_is_named() {
    let server = Postgres::start();
    let (mut db, url) = database(&server, "adoption").await;
    let dir = project("history-adoption");
    let migrations = dir.join("db/migrations");
    let table = "CREATE TABLE jobs (id int PRIMARY KEY, state text NOT NULL);
INSERT INTO jobs VALUES (1, 'queued'), (2, 'DONE'), (3, 'Running');
CREATE VIEW waiting AS SELECT id FROM jobs WHERE state = 'queued';
CREATE INDEX open_jobs ON jobs (id) WHERE state IN ('queued', 'running');
";
    std::fs::write(migrations.join("0001_jobs.sql"), table).expect("team migration");
    psql(&server, &url, &migrations.join("0001_jobs.sql")).expect("the team's migration");
    // v1 with another case kept as an alias: no W003, since it is a label of the type.
    let schema = schema(1, "plain", "enum").replace(
        "aliases = { finished = \"done\" }",
        "aliases = { finished = \"done\", DONE = \"done\" }",
    );
    std::fs::write(dir.join("statuses.toml"), &schema).expect("schema");
    let (ok, stdout, stderr) = statuskit(&dir, &["check", "--deny-warnings"]);
    assert!(ok, "{stdout}{stderr}");
    let (ok, _, stderr) = statuskit(&dir, &["migrate", "new", "init"]);
    assert!(ok, "{stderr}");
    let init = migrations.join("0002_init.sql");
    let refused = psql(&server, &url, &init).expect_err("a view and a partial index");
    assert!(
        refused
            .contains("cannot change the type of jobs.state: index open_jobs, view waiting use it"),
        "{refused}"
    );
    assert_eq!(
        rows(&mut db).await,
        ["queued", "DONE", "Running"],
        "nothing changed"
    );
    sqlx::raw_sql("DROP VIEW waiting; DROP INDEX open_jobs")
        .execute(&mut db)
        .await
        .expect("drop");
    let output = Command::new(server.program("psql"))
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", &url, "-f"])
        .arg(&init)
        .output()
        .expect("psql");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("WARNING:  jobs.state holds 'Running', which job_state accepts only"),
        "{stderr}"
    );
    assert_eq!(rows(&mut db).await, ["queued", "done", "running"]);
    assert_eq!(
        insert(&mut db, 4, "DONE", "::job_state").await.as_deref(),
        Ok("done"),
        "an alias in another case is a label"
    );
    assert!(insert(&mut db, 5, "Running", "::job_state").await.is_err());
}

/// `migrate new NAME` for the schema `text` in the plain style: the files written, or why
/// none were.
fn plain_step(dir: &Path, text: &str, name: &str) -> Result<Vec<PathBuf>, String> {
    std::fs::write(dir.join("statuses.toml"), text).expect("schema");
    let (ok, stdout, stderr) = statuskit(dir, &["migrate", "new", name]);
    if !ok {
        return Err(stderr);
    }
    Ok(stdout
        .lines()
        .filter_map(|l| l.strip_prefix("wrote "))
        .map(|f| dir.join(f))
        .collect())
}

fn plain(status: &str, storage: &str, columns: &str) -> String {
    format!(
        "schema_version = 1\n\n{status}\n[migrations]\ndir = \"db/migrations\"\nstyle = \"plain\"\nstorage = \"{storage}\"\ncolumns = {{ {columns} }}\n"
    )
}

/// The job status the attack tests start from.
const JOBS: &str = "[status.Job]\nstates = [\"queued\", \"running\", \"done\"]\ntransitions = { queued = [\"running\"], running = [\"done\"] }\naliases = { finished = \"done\" }\n";

/// A server, a database of its own, and a function applying files to it with psql.
async fn attacked(name: &str) -> (Postgres, PgConnection, String) {
    let server = Postgres::start();
    let (db, url) = database(&server, name).await;
    (server, db, url)
}

fn apply(server: &Postgres, url: &str, files: &[PathBuf]) -> Result<(), String> {
    files.iter().try_for_each(|f| psql(server, url, f))
}

/// A binding written with its schema is refused, not set up anew.
#[tokio::test(flavor = "current_thread")]
async fn a_binding_written_anew_is_refused() {
    let (server, mut db, url) = attacked("attack_binding").await;
    let dir = project("attack-binding");
    sqlx::raw_sql("CREATE TABLE jobs (id int PRIMARY KEY, state text NOT NULL); INSERT INTO jobs VALUES (1, 'running')")
        .execute(&mut db)
        .await
        .expect("table");
    let first = plain_step(
        &dir,
        &plain(JOBS, "text", "\"jobs.state\" = \"Job\""),
        "init",
    )
    .expect("init");
    apply(&server, &url, &first).expect("applies");
    let moved = plain_step(
        &dir,
        &plain(JOBS, "text", "\"public.jobs.state\" = \"Job\""),
        "requalified",
    );
    assert!(
        moved
            .as_ref()
            .is_err_and(|e| e.contains("is bound where the history bound jobs.state")),
        "{moved:?}"
    );
}

/// An alias promoted to a state, or made another state's value: refused when the step is
/// written, since the value may be stored where no trigger rewrote it (here an unbound
/// column of the type); in two releases it is.
#[tokio::test(flavor = "current_thread")]
async fn an_alias_given_another_meaning_waits_for_a_release_of_its_own() {
    let (server, mut db, url) = attacked("attack_promoted").await;
    let dir = project("attack-promoted");
    sqlx::raw_sql("CREATE TABLE tasks (id int PRIMARY KEY, state text NOT NULL); INSERT INTO tasks VALUES (1, 'queued')")
        .execute(&mut db)
        .await
        .expect("table");
    let task = JOBS.replace("[status.Job]", "[status.Task]");
    let columns = "\"tasks.state\" = \"Task\"";
    let first = plain_step(&dir, &plain(&task, "enum", columns), "init").expect("init");
    apply(&server, &url, &first).expect("applies");
    sqlx::raw_sql("CREATE TABLE archive (state task); INSERT INTO archive VALUES ('finished')")
        .execute(&mut db)
        .await
        .expect("an unbound column of the type holding an alias");
    let promoted = task
        .replace(
            "\"running\", \"done\"]",
            "\"running\", \"done\", \"finished\"]",
        )
        .replace("aliases = { finished = \"done\" }\n", "");
    let refused = plain_step(&dir, &plain(&promoted, "enum", columns), "promote");
    assert!(
        refused
            .as_ref()
            .is_err_and(|e| e.contains("the alias `finished` would now read as another state")),
        "{refused:?}"
    );
    let moved = task.replace(
        "aliases = { finished = \"done\" }",
        "wire = { running = \"finished\" }\naliases = { running = \"running\" }",
    );
    assert!(plain_step(&dir, &plain(&moved, "enum", columns), "moved").is_err());
    // First a release that retires the alias: its migration refuses while a row holds it.
    let retired = task.replace("aliases = { finished = \"done\" }\n", "");
    let files = plain_step(&dir, &plain(&retired, "enum", columns), "retire").expect("written");
    let refused = apply(&server, &url, &files).expect_err("the archive holds it");
    assert!(
        refused.contains("archive.state: it holds 'finished'"),
        "{refused}"
    );
    sqlx::raw_sql("UPDATE archive SET state = 'done'")
        .execute(&mut db)
        .await
        .expect("the team rewrites its archive");
    apply(&server, &url, &files).expect("retired");
    let files = plain_step(&dir, &plain(&promoted, "enum", columns), "promote").expect("then");
    apply(&server, &url, &files).expect("the new state");
    let archive: String = sqlx::query_scalar("SELECT state::text FROM archive")
        .fetch_one(&mut db)
        .await
        .expect("archive");
    assert_eq!(archive, "done");
}

/// A case-insensitive collation on the column: rows compare byte by byte.
#[tokio::test(flavor = "current_thread")]
async fn a_case_insensitive_collation_changes_no_row() {
    let (server, mut db, url) = attacked("attack_collation").await;
    let dir = project("attack-collation");
    sqlx::raw_sql(
        "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
         CREATE TABLE flags (id int PRIMARY KEY, state text COLLATE ci NOT NULL);
         INSERT INTO flags VALUES (1, 'x'), (2, 'X'), (3, 'x')",
    )
    .execute(&mut db)
    .await
    .expect("collation");
    let flag = |high: &str| {
        format!(
            "[status.Flag]\ncase_insensitive = false\nstates = [\"low\", \"high\"]\nwire = {{ low = \"x\", high = \"{high}\" }}\n"
        )
    };
    let first = plain_step(
        &dir,
        &plain(&flag("X"), "text", "\"flags.state\" = \"Flag\""),
        "init",
    )
    .expect("init");
    apply(&server, &url, &first).expect("applies");
    let renamed = plain_step(
        &dir,
        &plain(
            &format!("{}aliases = {{ X = \"high\" }}\n", flag("y")),
            "text",
            "\"flags.state\" = \"Flag\"",
        ),
        "rename",
    )
    .expect("written");
    apply(&server, &url, &renamed).expect("applies");
    let flags: Vec<String> = sqlx::query_scalar("SELECT state FROM flags ORDER BY id")
        .fetch_all(&mut db)
        .await
        .expect("flags");
    assert_eq!(flags, ["x", "y", "x"]);
    // The CHECK compares byte by byte too.
    let other_case = sqlx::raw_sql("INSERT INTO flags VALUES (4, 'Y')")
        .execute(&mut db)
        .await;
    assert!(other_case.is_err(), "`Y` is no value of Flag");
}

/// The team's own constraint and function under the names statuskit gives its own are
/// refused, never replaced.
#[tokio::test(flavor = "current_thread")]
async fn a_teams_objects_under_statuskits_names_are_never_replaced() {
    let (server, mut db, url) = attacked("attack_names").await;
    let dir = project("attack-names");
    sqlx::raw_sql(
        "CREATE TABLE items (id int PRIMARY KEY, owner text, state text NOT NULL,
             CONSTRAINT items_state_valid CHECK (owner IS NOT NULL AND length(state) < 8));
         INSERT INTO items VALUES (1, 'me', 'queued');",
    )
    .execute(&mut db)
    .await
    .expect("team objects");
    let item = JOBS.replace("[status.Job]", "[status.Item]");
    let first = plain_step(
        &dir,
        &plain(&item, "text", "\"items.state\" = \"Item\""),
        "init",
    )
    .expect("init");
    let refused = apply(&server, &url, &first).expect_err("the team's constraint");
    assert!(
        refused.contains("has the name statuskit gives its own"),
        "{refused}"
    );
    sqlx::raw_sql(
        "ALTER TABLE items DROP CONSTRAINT items_state_valid, ADD CONSTRAINT items_owner_known CHECK (owner IS NOT NULL)",
    )
    .execute(&mut db)
    .await
    .expect("the constraint renamed, and about the owner only");
    sqlx::raw_sql(
        "CREATE FUNCTION items_state_transition() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;",
    )
    .execute(&mut db)
    .await
    .expect("the team's function");
    let refused = apply(&server, &url, &first).expect_err("the team's function");
    assert!(
        refused.contains("function items_state_transition() exists and is not statuskit's"),
        "{refused}"
    );
    // Even one that raises statuskit's words, for another status.
    sqlx::raw_sql(
        "CREATE OR REPLACE FUNCTION items_state_transition() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% cannot move from % to %', 'Audit', OLD.state, NEW.state; END $$;",
    )
    .execute(&mut db)
    .await
    .expect("a look-alike");
    assert!(apply(&server, &url, &first).is_err());
    // A trigger of the team's under the trigger's name, and a transition function.
    sqlx::raw_sql(
        "DROP FUNCTION items_state_transition();
         CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
         CREATE TRIGGER items_state_transition AFTER UPDATE ON items FOR EACH ROW EXECUTE FUNCTION audit();",
    )
    .execute(&mut db)
    .await
    .expect("the team's trigger");
    let refused = apply(&server, &url, &first).expect_err("the team's trigger");
    assert!(
        refused.contains("trigger items_state_transition on items exists and is not statuskit's"),
        "{refused}"
    );
    sqlx::raw_sql(
        "DROP TRIGGER items_state_transition ON items;
         CREATE FUNCTION item_can_transition(from_state text, to_state text) RETURNS boolean LANGUAGE sql AS $$ SELECT true $$;",
    )
    .execute(&mut db)
    .await
    .expect("the team's transition function");
    let refused = apply(&server, &url, &first).expect_err("the team's transition function");
    assert!(
        refused.contains("is not statuskit's transition function"),
        "{refused}"
    );
    sqlx::raw_sql("DROP FUNCTION item_can_transition(text, text)")
        .execute(&mut db)
        .await
        .expect("dropped");
    apply(&server, &url, &first).expect("nothing of the team's in the way");
    // statuskit's functions run with their search path pinned.
    let pinned: Vec<Option<Vec<String>>> = sqlx::query_scalar(
        "SELECT proconfig FROM pg_proc WHERE proname IN ('items_state_transition', 'item_can_transition') ORDER BY proname",
    )
    .fetch_all(&mut db)
    .await
    .expect("proconfig");
    assert_eq!(
        pinned,
        [
            Some(vec!["search_path=pg_catalog, public, pg_temp".to_owned()]),
            Some(vec!["search_path=pg_catalog, public, pg_temp".to_owned()]),
        ]
    );
}

/// A partition with a default of its own: adoption as an enum stops, naming it, rather than
/// replace it with the table's.
#[tokio::test(flavor = "current_thread")]
async fn a_partitions_own_default_is_never_replaced() {
    let (server, mut db, url) = attacked("attack_partition").await;
    let dir = project("attack-partition");
    sqlx::raw_sql(
        "CREATE TABLE jobs (id int, state text NOT NULL DEFAULT 'queued') PARTITION BY RANGE (id);
         CREATE TABLE jobs_old PARTITION OF jobs (state DEFAULT 'done') FOR VALUES FROM (0) TO (100);
         INSERT INTO jobs VALUES (1, 'running')",
    )
    .execute(&mut db)
    .await
    .expect("partitions");
    let first = plain_step(
        &dir,
        &plain(JOBS, "enum", "\"jobs.state\" = \"Job\""),
        "init",
    )
    .expect("init");
    let refused = apply(&server, &url, &first).expect_err("the partition's default");
    assert!(
        refused.contains("jobs_old have a default of their own"),
        "{refused}"
    );
}

/// A step that renames an enum value and removes a state whose rows the schema says nothing
/// about: refused with the rename rolled back (renames are part 2's), so every row and
/// every write is as before; once those rows moved on, the same files apply (found by the
/// attack on issue 27: part 1 committed the rename, part 2 refused, and the old transition
/// function, naming `done`, failed every update after).
#[tokio::test(flavor = "current_thread")]
async fn a_refused_step_renames_nothing() {
    let (server, mut db, url) = attacked("attack_part_one").await;
    let dir = project("attack-part-one");
    sqlx::raw_sql("CREATE TABLE jobs (id int PRIMARY KEY, state text NOT NULL); INSERT INTO jobs VALUES (1, 'queued'), (2, 'running'), (3, 'done')")
        .execute(&mut db)
        .await
        .expect("table");
    let v1 = "[status.Job]\nstates = [\"queued\", \"running\", \"done\", \"failed\"]\ntransitions = { queued = [\"running\", \"done\"], running = [\"done\", \"failed\"] }\n";
    let columns = "\"jobs.state\" = \"Job\"";
    let first = plain_step(&dir, &plain(v1, "enum", columns), "init").expect("init");
    apply(&server, &url, &first).expect("init applies");
    // `running` goes with nothing said about its rows; `done` is stored as `completed`.
    let v2 = "[status.Job]\nstates = [\"queued\", \"done\", \"failed\"]\ntransitions = { queued = [\"done\", \"failed\"] }\nwire = { done = \"completed\" }\naliases = { done = \"done\" }\n";
    let second = plain_step(&dir, &plain(v2, "enum", columns), "drop_running").expect("step");
    let refused = apply(&server, &url, &second).expect_err("rows hold `running`");
    assert!(refused.contains("1 rows hold 'running'"), "{refused}");
    assert_eq!(rows(&mut db).await, ["queued", "running", "done"]);
    let labels: Vec<String> = sqlx::query_scalar(
        "SELECT enumlabel::text FROM pg_enum WHERE enumtypid = 'job'::regtype ORDER BY enumsortorder",
    )
    .fetch_all(&mut db)
    .await
    .expect("labels");
    assert_eq!(
        labels,
        ["queued", "running", "done", "failed"],
        "nothing renamed"
    );
    // Writes work as before: the old transition function still reads every value.
    sqlx::raw_sql("UPDATE jobs SET state = 'running' WHERE id = 1")
        .execute(&mut db)
        .await
        .expect("a legal move after the refusal");
    // The rows moved on, the same files apply.
    sqlx::raw_sql("UPDATE jobs SET state = 'done' WHERE state = 'running'")
        .execute(&mut db)
        .await
        .expect("rows moved on");
    apply(&server, &url, &second).expect("applies once the rows moved on");
    assert_eq!(rows(&mut db).await, ["completed", "completed", "completed"]);
}
