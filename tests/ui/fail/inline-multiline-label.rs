// Inline mode applies the text policy: a label is shown on one line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
pub enum Job {
    #[status(initial, to(Done), label = "Queued\nmodel Injected {")]
    Queued,
    #[status(terminal)]
    Done,
}

fn main() {}
