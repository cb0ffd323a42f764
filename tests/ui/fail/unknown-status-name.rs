#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
#[status(schema = "statuses.toml", name = "Phase")]
pub enum Phase {
    Pending,
}

fn main() {}
