// One variant short. The error names it, once; the uses of the API below add no errors of
// their own, because the derive still emits the impls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
#[status(schema = "statuses.toml")]
pub enum MigrationStatus {
    Pending,
    InProgress,
    Completed,
    Failed,
    Cancelled,
    Blocked,
}

fn main() {
    let _ = MigrationStatus::Pending.as_str();
    let _ = MigrationStatus::Pending.can_transition_to(MigrationStatus::Blocked);
    let _: Result<MigrationStatus, _> = "pending".parse();
}
