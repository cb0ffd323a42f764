//! sqlx against real databases: a PostgreSQL server this test starts (and stops), and
//! in-memory SQLite. Every state of every root status is written and read back; writes
//! are canonical, reads accept aliases in any case (as `FromStr` does), and a value the
//! status does not know fails to decode with a message naming it.

mod support;

use sqlx::{Connection, PgConnection, Row, SqliteConnection};
use statuskit_generated_tests::root::{TaskStatus, WorkflowStatus};
use statuskit_generated_tests::{Generated, Visitor, visit_root};
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
