#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
#[status(schema = "statuses.toml")]
pub enum MigrationStatus {
    Pending = 10,
    InProgress,
    Completed,
    Failed,
    Cancelled,
    Blocked,
    RolledBack,
}

fn main() {}
