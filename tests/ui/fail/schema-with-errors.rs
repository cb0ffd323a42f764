// The schema's own mistakes are reported on the path, with `broken.toml:line:col`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
#[status(schema = "broken.toml")]
pub enum MigrationStatus {
    Pending,
    InProgress,
    Completed,
}

fn main() {
    let _ = MigrationStatus::Pending.as_str();
}
