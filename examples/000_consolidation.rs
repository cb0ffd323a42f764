//! Seed 000: 24 status enums, eight of them sharing a name, folded into four base families.
//!
//! Before, `TaskStatus` existed twice with different values and `running` meant
//! `in_progress` in one module only. In `statuses.toml` each module's enum became an
//! extension of a base family: it inherits the family's states and lifecycle and says only
//! how it differs. Here four of them are declared by hand and checked against the schema
//! at compile time; a report written once over `StatusMachine` shows what each one is.
//!
//! Run: `cargo run --example 000_consolidation --features derive`

use statuskit::StatusMachine;

/// The base family every task-like enum extends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, StatusMachine)]
#[status(schema = "statuses.toml")]
enum BaseTaskStatus {
    Pending,
    InProgress,
    Completed,
    Failed,
    Cancelled,
    Blocked,
}

/// What `dependency_manager.py` called `TaskStatus`: the family without `blocked`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, StatusMachine)]
#[status(schema = "statuses.toml")]
enum DependencyTaskStatus {
    Pending,
    InProgress,
    Completed,
    Failed,
    Cancelled,
}

/// Migrations: one module wrote `in_progress`, another `running`; both parse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, StatusMachine)]
#[status(schema = "statuses.toml")]
enum MigrationStatus {
    Pending,
    InProgress,
    Completed,
    Failed,
    RolledBack,
}

/// Issues: resolved, then closed; a resolved issue can be reopened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, StatusMachine)]
#[status(schema = "statuses.toml")]
enum IssueStatus {
    Pending,
    InProgress,
    Blocked,
    Resolved,
    Closed,
}

/// One line per state: written once, for every status.
fn describe<S: StatusMachine>() {
    println!("{}", S::NAME);
    for &state in S::ALL {
        let role = match (state.is_initial(), state.is_terminal()) {
            (true, _) => "start",
            (_, true) => "final",
            _ => "",
        };
        let next: Vec<&str> = state.successors().iter().map(|s| s.as_str()).collect();
        println!(
            "  {:<12} {role:<6} → {}",
            state.as_str(),
            if next.is_empty() {
                "—".to_owned()
            } else {
                next.join(", ")
            }
        );
    }
}

fn main() -> Result<(), statuskit::ParseStatusError> {
    describe::<BaseTaskStatus>();
    describe::<DependencyTaskStatus>();
    describe::<MigrationStatus>();
    describe::<IssueStatus>();

    println!("\nOne parser per status, legacy spellings included:");
    println!(
        "  MigrationStatus  \"running\"     → {}",
        "running".parse::<MigrationStatus>()?
    );
    println!(
        "  MigrationStatus  \"In_Progress\" → {}",
        "In_Progress".parse::<MigrationStatus>()?
    );
    match "blocked".parse::<DependencyTaskStatus>() {
        Ok(status) => println!("  DependencyTaskStatus \"blocked\" → {status}"),
        Err(error) => println!("  {error}"),
    }
    match "resolvd".parse::<IssueStatus>() {
        Ok(status) => println!("  IssueStatus \"resolvd\" → {status}"),
        Err(error) => println!("  {error}"),
    }
    Ok(())
}
