// A conversion to an enum whose status is named otherwise, written without `= "Status"`:
// the schema has no status named like the type, and the error says how to name it.
mod legacy {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
    #[status(schema = "statuses.toml", name = "LegacyMigrationStatus")]
    pub enum OldMigration {
        New,
        Running,
        Done,
        Error,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
#[status(schema = "statuses.toml", from(legacy::OldMigration))]
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
