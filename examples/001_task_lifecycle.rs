//! Seed 001: a task's user-facing status and its infrastructure init steps.
//!
//! A task initialises through a sequence of steps (`InitStatus`, with display names for the
//! UI), runs, and completes. A completed task stays ready for follow-up until the cleanup
//! service archives it; a follow-up within that window resumes it, one after it
//! re-initialises the task. Every move below is checked against `statuses.toml`.
//!
//! Run: `cargo run --example 001_task_lifecycle --features derive`

use statuskit::StatusMachine;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, StatusMachine)]
#[status(schema = "statuses.toml")]
enum TaskStatus {
    Initializing,
    Running,
    Stopped,
    Completed,
    Failed,
    Archived,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, StatusMachine)]
#[status(schema = "statuses.toml")]
enum InitStatus {
    Inactive,
    PrepareWorkspace,
    CreateVm,
    WaitVmReady,
    VerifyVmWorkspace,
    IndexRepository,
    Active,
}

// The cleanup service may archive a completed task, and only a re-initialisation brings
// an archived one back: pinned at compile time.
statuskit::assert_transition!(TaskStatus::Completed => TaskStatus::Archived);
statuskit::assert_no_transition!(TaskStatus::Archived => TaskStatus::Running);

/// Walks the init steps for a task in VM mode, printing what the UI would show.
fn initialise() -> Result<InitStatus, statuskit::TransitionError<InitStatus>> {
    let mut step = InitStatus::INITIAL;
    for next in [
        InitStatus::PrepareWorkspace,
        InitStatus::CreateVm,
        InitStatus::WaitVmReady,
        InitStatus::VerifyVmWorkspace,
        InitStatus::IndexRepository,
        InitStatus::Active,
    ] {
        step = step.transition_to(next)?;
        println!("  init: {:<22} ({step})", step.label());
    }
    Ok(step)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("A new task:");
    let mut task = TaskStatus::INITIAL;
    let infra = initialise()?;
    task = task.apply(TaskStatusEvent::Start)?;
    println!("  {infra} → task {task}");

    task = task.apply(TaskStatusEvent::Finish)?;
    println!(
        "\nFinished: {task} ({}), cleanup scheduled in ten minutes",
        task.label()
    );

    println!("\nA follow-up within the window resumes the same workspace:");
    task = task.apply(TaskStatusEvent::FollowUp)?;
    println!("  → {task}");
    task = task
        .apply(TaskStatusEvent::Finish)?
        .apply(TaskStatusEvent::CleanUp)?;
    println!("\nThe cleanup service ran: {task}");

    println!("\nA follow-up after cleanup cannot resume an archived task:");
    let refused = task.apply(TaskStatusEvent::FollowUp).unwrap_err();
    println!("  {refused}");
    task = task.apply(TaskStatusEvent::Reinitialize)?;
    println!("  so it re-initialises: → {task}");
    let infra = initialise()?;
    task = task.apply(TaskStatusEvent::Start)?;
    println!("  {infra} → task {task}");

    println!("\nRows written by the old UI still parse:");
    for row in ["READY_FOR_REVIEW", "running", "Completed"] {
        println!("  {row:>16} → {}", row.parse::<TaskStatus>()?);
    }
    Ok(())
}
