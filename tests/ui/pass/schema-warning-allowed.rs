// `#[allow(deprecated)]` on the enum accepts its schema's warnings (`Stuck` has no way out),
// even where the crate denies warnings.
#![deny(warnings)]

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
#[allow(deprecated)]
pub enum Job {
    #[status(initial, to(Stuck, Done))]
    Queued,
    Stuck,
    #[status(terminal)]
    Done,
}

fn main() {}
