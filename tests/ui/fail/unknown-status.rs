#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
#[status(schema = "statuses.toml")]
pub enum MigratonStatus {
    Pending,
}

fn main() {}
