//! sqlx against real databases: a PostgreSQL server this test starts (and stops), and
//! in-memory SQLite. Every state of every root status is written and read back; writes
//! are canonical, reads accept aliases in any case (as `FromStr` does), and a value the
//! status does not know fails to decode with a message naming it.

mod support;

use sqlx::{Connection, PgConnection, Row, SqliteConnection};
use status_schema::targets::Storage;
use statuskit_generated_tests::root::{TaskStatus, WorkflowStatus};
use statuskit_generated_tests::{Generated, Visitor, visit_root};
use support::generate::generate_sql;
use support::postgres::Postgres;

/// Round-trips every state of each visited status through both databases.
struct RoundTrip {
    runtime: tokio::runtime::Runtime,
    postgres_url: String,
    visited: usize,
}

impl Visitor for RoundTrip {
    fn visit<S: Generated>(&mut self) {
        self.runtime.block_on(async {
            let mut pg = PgConnection::connect(&self.postgres_url)
                .await
                .expect("postgres");
            let mut lite = SqliteConnection::connect("sqlite::memory:")
                .await
                .expect("sqlite");
            for &state in S::ALL {
                let back: S = sqlx::query_scalar("SELECT $1")
                    .bind(state)
                    .fetch_one(&mut pg)
                    .await
                    .expect("pg");
                assert_eq!(back, state, "{} through PostgreSQL", S::NAME);
                let text: String = sqlx::query_scalar("SELECT $1::text")
                    .bind(state)
                    .fetch_one(&mut pg)
                    .await
                    .expect("pg");
                assert_eq!(text, state.as_str(), "written canonical");
                let back: S = sqlx::query_scalar("SELECT ?")
                    .bind(state)
                    .fetch_one(&mut lite)
                    .await
                    .expect("sqlite");
                assert_eq!(back, state, "{} through SQLite", S::NAME);
                for alias in state.aliases() {
                    let read: S = sqlx::query_scalar("SELECT $1::text")
                        .bind(*alias)
                        .fetch_one(&mut pg)
                        .await
                        .expect("alias");
                    assert_eq!(read, state, "alias {alias} read back as {state}");
                }
            }
        });
        self.visited += 1;
    }
}

#[test]
fn every_root_status_round_trips_through_postgres_and_sqlite() {
    let server = Postgres::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let mut round_trip = RoundTrip {
        runtime,
        postgres_url: server.url.clone(),
        visited: 0,
    };
    visit_root(&mut round_trip);
    assert_eq!(round_trip.visited, 36);
}

/// A `workflow` table as seed 003 had it: legacy rows in, canonical rows out.
#[tokio::test(flavor = "current_thread")]
async fn a_status_column_in_postgres() {
    let server = Postgres::start();
    let mut pg = PgConnection::connect(&server.url).await.expect("postgres");
    sqlx::query("CREATE TABLE workflow (id int PRIMARY KEY, status text NOT NULL)")
        .execute(&mut pg)
        .await
        .expect("table");
    sqlx::query("INSERT INTO workflow VALUES (1, 'completed'), (2, 'success'), (3, 'SUCCESS'), (4, 'exploded')")
        .execute(&mut pg)
        .await
        .expect("rows");
    sqlx::query("INSERT INTO workflow VALUES (5, $1)")
        .bind(WorkflowStatus::Running)
        .execute(&mut pg)
        .await
        .expect("bind");

    let rows = sqlx::query("SELECT id, status FROM workflow WHERE id <> 4 ORDER BY id")
        .fetch_all(&mut pg)
        .await
        .expect("read");
    let read: Vec<(i32, WorkflowStatus)> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    assert_eq!(
        read,
        [
            (1, WorkflowStatus::Completed),
            (2, WorkflowStatus::Completed),
            (3, WorkflowStatus::Completed),
            (5, WorkflowStatus::Running)
        ]
    );
    let raw: String = sqlx::query_scalar("SELECT status FROM workflow WHERE id = 5")
        .fetch_one(&mut pg)
        .await
        .expect("raw");
    assert_eq!(raw, "running");

    let bad = sqlx::query("SELECT status FROM workflow WHERE id = 4")
        .fetch_one(&mut pg)
        .await
        .expect("row");
    let error = bad
        .try_get::<WorkflowStatus, _>(0)
        .expect_err("unknown value");
    let message = error.to_string();
    assert!(
        message.contains("exploded") && message.contains("WorkflowStatus"),
        "{message}"
    );
}

/// SQLite, in memory: the same column semantics with another driver.
#[tokio::test(flavor = "current_thread")]
async fn a_status_column_in_sqlite() {
    let mut lite = SqliteConnection::connect("sqlite::memory:")
        .await
        .expect("sqlite");
    sqlx::query("CREATE TABLE task (id integer PRIMARY KEY, status text NOT NULL)")
        .execute(&mut lite)
        .await
        .expect("table");
    sqlx::query("INSERT INTO task VALUES (1, 'READY_FOR_REVIEW'), (2, 'running')")
        .execute(&mut lite)
        .await
        .expect("rows");
    sqlx::query("INSERT INTO task VALUES (3, ?)")
        .bind(TaskStatus::Archived)
        .execute(&mut lite)
        .await
        .expect("bind");
    let read: Vec<TaskStatus> = sqlx::query_scalar("SELECT status FROM task ORDER BY id")
        .fetch_all(&mut lite)
        .await
        .expect("read");
    assert_eq!(
        read,
        [
            TaskStatus::Completed,
            TaskStatus::Running,
            TaskStatus::Archived
        ]
    );
    let raw: Vec<String> = sqlx::query_scalar("SELECT status FROM task ORDER BY id")
        .fetch_all(&mut lite)
        .await
        .expect("raw");
    assert_eq!(
        raw,
        ["READY_FOR_REVIEW", "running", "ARCHIVED"],
        "reads do not rewrite; writes are canonical"
    );
}

/// The columns `statuskit gen sql --column` creates hold the status's PostgreSQL enum type:
/// sqlx reads them, binds into them (insert, update, comparison) and sees the trigger's
/// refusal, with no cast in any query, as it does with text columns.
#[tokio::test(flavor = "current_thread")]
async fn the_enum_columns_gen_sql_creates() {
    use sqlx::{AssertSqlSafe, Executor};

    let server = Postgres::start();
    let mut pg = PgConnection::connect(&server.url).await.expect("postgres");
    pg.execute("CREATE TABLE orders (id serial PRIMARY KEY, status text NOT NULL); INSERT INTO orders (status) VALUES ('initiated'), ('running')")
        .await
        .expect("table with rows");
    let text = std::fs::read_to_string("../../statuses.toml").expect("root schema");
    let schema = status_schema::analyze(&status_schema::SourceFile::new("statuses.toml", text))
        .schema
        .expect("valid");
    let ddl = generate_sql(
        &schema,
        "statuses.toml",
        Storage::Enum,
        vec!["orders.status=WorkflowStatus".parse().expect("column")],
    )
    .expect("sql");
    sqlx::raw_sql(AssertSqlSafe(ddl))
        .execute(&mut pg)
        .await
        .expect("migration");
    let ty: String = sqlx::query_scalar(
        "SELECT format_type(atttypid, NULL) FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attname = 'status'",
    )
    .fetch_one(&mut pg)
    .await
    .expect("type");
    assert_eq!(ty, "workflow_status", "the column is the enum type now");

    // Insert with a bind, and read back into the status.
    let id: i32 = sqlx::query_scalar("INSERT INTO orders (status) VALUES ($1) RETURNING id")
        .bind(WorkflowStatus::Initiated)
        .fetch_one(&mut pg)
        .await
        .expect("insert with bind");
    let read: WorkflowStatus = sqlx::query_scalar("SELECT status FROM orders WHERE id = $1")
        .bind(id)
        .fetch_one(&mut pg)
        .await
        .expect("select into the status");
    assert_eq!(read, WorkflowStatus::Initiated);
    // Compare, and update, with a bind.
    let running: Vec<i32> =
        sqlx::query_scalar("SELECT id FROM orders WHERE status = $1 ORDER BY id")
            .bind(WorkflowStatus::Running)
            .fetch_all(&mut pg)
            .await
            .expect("compare with a bind");
    assert_eq!(running, [2]);
    sqlx::query("UPDATE orders SET status = $1 WHERE id = $2")
        .bind(WorkflowStatus::Running)
        .bind(id)
        .execute(&mut pg)
        .await
        .expect("a legal move");
    let rows: Vec<(i32, WorkflowStatus)> =
        sqlx::query_as("SELECT id, status FROM orders ORDER BY id")
            .fetch_all(&mut pg)
            .await
            .expect("rows");
    assert_eq!(
        rows,
        [
            (1, WorkflowStatus::Initiated),
            (2, WorkflowStatus::Running),
            (id, WorkflowStatus::Running)
        ]
    );
    // The trigger refuses an illegal move, and says so through sqlx.
    let refused = sqlx::query("UPDATE orders SET status = $1 WHERE id = 2")
        .bind(WorkflowStatus::Initiated)
        .execute(&mut pg)
        .await
        .expect_err("running cannot move back to initiated");
    assert!(
        refused
            .to_string()
            .contains("WorkflowStatus cannot move from running to initiated"),
        "{refused}"
    );
}
