#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
pub enum Job {
    #[status(initial, to(Done), alias = "finished")]
    Queued,
    #[status(terminal, alias = "FINISHED")]
    Done,
}

fn main() {}
