#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
#[status(schema = "statuses.toml")]
pub enum MigrationStatus {
    Pending,
    InProgress { percent: u8 },
    Completed,
    Failed,
    Cancelled,
    Blocked,
    RolledBack,
}

fn main() {}
