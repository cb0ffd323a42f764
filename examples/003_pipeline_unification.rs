//! Seed 003: the pipeline wrote `success` where the workflow table expects `completed`.
//!
//! `WorkflowStatus` is the one canonical status. It accepts the pipeline's old spelling
//! `success` as an alias, so old rows read back as `completed` and are written back
//! canonical; its terminal states are known, so nothing is lost. The pipeline's own enum,
//! `PipelineStatus`, is kept (deprecated) to read its other legacy values; its `into`
//! mapping onto `WorkflowStatus` lives in the schema, and the generated `From` conversions
//! arrive with the conversions work (issue 4). Here the rows are classified by what each
//! status accepts.
//!
//! Run: `cargo run --example 003_pipeline_unification --features derive`

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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, StatusMachine)]
#[status(schema = "statuses.toml")]
enum PipelineStatus {
    Created,
    Queued,
    Running,
    Success,
    Failed,
    Cancelled,
    Paused,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows = [
        "completed",
        "success",
        "SUCCESS",
        "running",
        "queued",
        "created",
        "exploded",
    ];
    println!("{:<10} {:<14} note", "row", "workflow");
    for row in rows {
        let note = match (row.parse::<WorkflowStatus>(), row.parse::<PipelineStatus>()) {
            (Ok(status), _) if status.as_str() == row => format!("{status:<14} canonical"),
            (Ok(status), _) => format!("{status:<14} legacy spelling, written back as `{status}`"),
            (Err(_), Ok(legacy)) => format!(
                "{:<14} a {} value (`{legacy}`): mapped by the schema's `into.WorkflowStatus`",
                "?",
                PipelineStatus::NAME
            ),
            (Err(error), Err(_)) => format!("{:<14} {error}", "!"),
        };
        println!("{row:<10} {note}");
    }

    println!("\nThe executor drives the canonical status by events:");
    let mut status = WorkflowStatus::INITIAL;
    for event in [
        WorkflowStatusEvent::Start,
        WorkflowStatusEvent::Pause,
        WorkflowStatusEvent::Resume,
        WorkflowStatusEvent::Complete,
    ] {
        status = status.apply(event)?;
        println!(
            "  --{event}--> {status}{}",
            if status.is_terminal() {
                " (terminal)"
            } else {
                ""
            }
        );
    }
    println!("\nA completed workflow cannot be cancelled afterwards:");
    println!(
        "  {}",
        status.apply(WorkflowStatusEvent::Cancel).unwrap_err()
    );

    // Terminal states are the ones the table must keep; the old pipeline lost them.
    let terminal: Vec<&str> = WorkflowStatus::ALL
        .iter()
        .filter(|s| s.is_terminal())
        .map(|s| s.as_str())
        .collect();
    println!("\nTerminal workflow states: {}", terminal.join(", "));
    Ok(())
}
