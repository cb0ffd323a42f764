// A schema error in one status is drawn in full where that status is derived, and listed
// on one line where another status of the same file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
#[status(schema = "broken-one-of-two.toml")]
pub enum MigrationStatus {
    Pending,
    InProgress,
    Completed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
#[status(schema = "broken-one-of-two.toml")]
pub enum Outcome {
    Success,
    Failure,
}

fn main() {}
