// A key that may be given once, given twice, is an error on the second (as serde's
// attributes): here `label` on one variant and `schema` on the enum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
pub enum Light {
    #[status(initial, to(Green), label = "Stop", label = "Halt")]
    Red,
    #[status(to(Red))]
    Green,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
#[status(schema = "statuses.toml", schema = "other.toml")]
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
