#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
pub enum Job {
    #[status(initial, to(Done))]
    Queued,
    #[status(terminal, to(Queued))]
    Done,
}

fn main() {}
