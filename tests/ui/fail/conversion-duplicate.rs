// The same conversion asked for twice would be two conflicting impls: an error on the second.
mod legacy {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
    #[status(schema = "statuses.toml")]
    pub enum LegacyMigrationStatus {
        New,
        Running,
        Done,
        Error,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
#[status(
    schema = "statuses.toml",
    from(legacy::LegacyMigrationStatus, crate::legacy::LegacyMigrationStatus)
)]
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
