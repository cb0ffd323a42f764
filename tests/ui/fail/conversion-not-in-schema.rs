// The schema defines no conversion between these two: the derive says so, and which ones
// it does define.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
#[status(schema = "statuses.toml", into(MigrationStatus))]
pub enum PhaseState {
    Pending,
    InProgress,
    Complete,
    Failed,
    NeedsRerun,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
#[status(schema = "statuses.toml")]
pub enum MigrationStatus {
    Pending,
    InProgress,
    Completed,
    Failed,
    Cancelled,
    Blocked,
    RolledBack,
}

fn main() {}
