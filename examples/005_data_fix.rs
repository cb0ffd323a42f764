//! Seed 003's data fix, against a real PostgreSQL: the `workflow_runs` table holds what
//! the pipeline wrote (`success`, `queued`, `created`, …) beside canonical workflow
//! values. Each row is read, converted into `WorkflowStatus` by the schema's
//! `into.WorkflowStatus` mapping (`PipelineStatus` → `WorkflowStatus`, generated as
//! `From`), and written back canonical in one transaction. A value neither status knows is
//! reported and left as it is: nothing is lost or silently changed.
//!
//! Run: `scripts/with-postgres cargo run --example 005_data_fix --features derive,sqlx`

use sqlx::{Connection, PgConnection};
use statuskit::StatusMachine;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, StatusMachine)]
#[status(schema = "statuses.toml")]
enum WorkflowStatus {
    Initiated,
    Running,
    Paused,
    Completed,
    Failed,
    Cancelled,
}

/// The pipeline's legacy status, kept only to read old rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, StatusMachine)]
#[status(schema = "statuses.toml", into(WorkflowStatus))]
enum PipelineStatus {
    Created,
    Queued,
    Running,
    Success,
    Failed,
    Cancelled,
    Paused,
}

/// What to do with one stored value.
enum Fix {
    /// Already canonical.
    Keep(WorkflowStatus),
    /// A legacy spelling or a pipeline value: rewrite.
    Rewrite(WorkflowStatus, &'static str),
    /// Neither status knows it: leave it and say so.
    Unknown(String),
}

fn classify(stored: &str) -> Fix {
    match stored.parse::<WorkflowStatus>() {
        Ok(status) if status.as_str() == stored => Fix::Keep(status),
        Ok(status) => Fix::Rewrite(status, "workflow alias"),
        Err(workflow_error) => match stored.parse::<PipelineStatus>() {
            Ok(legacy) => Fix::Rewrite(
                WorkflowStatus::from(legacy),
                "PipelineStatus into WorkflowStatus",
            ),
            Err(_) => Fix::Unknown(workflow_error.to_string()),
        },
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::var("DATABASE_URL")
        .map_err(|_| "set DATABASE_URL, or run under scripts/with-postgres")?;
    let mut db = PgConnection::connect(&url).await?;
    sqlx::query("DROP TABLE IF EXISTS workflow_runs")
        .execute(&mut db)
        .await?;
    sqlx::query("CREATE TABLE workflow_runs (id int PRIMARY KEY, status text NOT NULL)")
        .execute(&mut db)
        .await?;
    sqlx::query(
        "INSERT INTO workflow_runs VALUES (1, 'created'), (2, 'queued'), (3, 'running'), (4, 'success'), \
         (5, 'SUCCESS'), (6, 'failed'), (7, 'paused'), (8, 'completed'), (9, 'cancelled'), (10, 'exploded')",
    )
    .execute(&mut db)
    .await?;

    let rows: Vec<(i32, String)> =
        sqlx::query_as("SELECT id, status FROM workflow_runs ORDER BY id")
            .fetch_all(&mut db)
            .await?;
    let mut tx = db.begin().await?;
    let mut unknown = Vec::new();
    println!("{:>3}  {:<10} {:<10} why", "id", "stored", "written");
    for (id, stored) in &rows {
        match classify(stored) {
            Fix::Keep(status) => println!("{id:>3}  {stored:<10} {status:<10} canonical already"),
            Fix::Rewrite(status, why) => {
                // Bound as a status: sqlx writes `as_str()`, the canonical value.
                sqlx::query("UPDATE workflow_runs SET status = $1 WHERE id = $2")
                    .bind(status)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                println!("{id:>3}  {stored:<10} {status:<10} {why}");
            }
            Fix::Unknown(reason) => {
                println!("{id:>3}  {stored:<10} {:<10} left as is: {reason}", "-");
                unknown.push(*id);
            }
        }
    }
    tx.commit().await?;

    // Verify: every row but the reported ones decodes as a canonical WorkflowStatus, and no
    // row was added or dropped.
    let after: Vec<(i32, String)> =
        sqlx::query_as("SELECT id, status FROM workflow_runs ORDER BY id")
            .fetch_all(&mut db)
            .await?;
    assert_eq!(after.len(), rows.len(), "no row lost");
    for (id, text) in &after {
        if unknown.contains(id) {
            assert_eq!(
                Some(text),
                rows.iter().find(|(i, _)| i == id).map(|(_, t)| t),
                "unknown left unchanged"
            );
            continue;
        }
        let status: WorkflowStatus =
            sqlx::query_scalar("SELECT status FROM workflow_runs WHERE id = $1")
                .bind(id)
                .fetch_one(&mut db)
                .await?;
        assert_eq!(text, status.as_str(), "row {id} is canonical");
    }
    let terminal: i64 =
        sqlx::query_scalar("SELECT count(*) FROM workflow_runs WHERE status = ANY($1)")
            .bind(
                WorkflowStatus::ALL
                    .iter()
                    .filter(|s| s.is_terminal())
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>(),
            )
            .fetch_one(&mut db)
            .await?;
    println!(
        "\n{} rows canonical, {} left for a person ({:?}); {terminal} in a terminal state.",
        after.len() - unknown.len(),
        unknown.len(),
        unknown
    );
    Ok(())
}
