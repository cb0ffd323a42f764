#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
#[status(schema = "no-such-file.toml")]
pub enum MigrationStatus {
    Pending,
}

fn main() {}
