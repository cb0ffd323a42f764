// Inline mode applies the text policy: no bidirectional controls, which would make the
// generated code display unlike it reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
pub enum Job {
    #[status(initial, to(Done), wire = "queued\u{202E}")]
    Queued,
    #[status(terminal)]
    Done,
}

fn main() {}
