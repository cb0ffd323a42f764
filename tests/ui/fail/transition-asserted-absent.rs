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

statuskit::assert_no_transition!(MigrationStatus::Failed => MigrationStatus::RolledBack);

fn main() {}
