// `into(..)` and `from(..)` generate the conversions the schema defines, by path.
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
#[status(schema = "statuses.toml", from(legacy::LegacyMigrationStatus))]
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
    let migrated = MigrationStatus::from(legacy::LegacyMigrationStatus::Done);
    assert_eq!(migrated, MigrationStatus::Completed);
    let rows = ["new", "running", "success"];
    let parsed: Vec<_> = rows.iter().map(|r| r.parse::<legacy::LegacyMigrationStatus>().map(MigrationStatus::from)).collect();
    assert_eq!(parsed[1], Ok(MigrationStatus::InProgress));
    assert!(parsed[2].is_err());
}
