// `into(Type = "Status")`: the other enum derives a status named otherwise (`name = …`),
// so the conversion names the Rust type and the schema's status separately.
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
#[status(schema = "statuses.toml", from(legacy::OldMigration = "LegacyMigrationStatus"))]
pub enum MigrationStatus {
    Pending,
    InProgress,
    Completed,
    Failed,
    Cancelled,
    Blocked,
    RolledBack,
}

fn main() {
    assert_eq!(
        MigrationStatus::from(legacy::OldMigration::Done),
        MigrationStatus::Completed
    );
}
