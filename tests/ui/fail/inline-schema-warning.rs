// A schema warning reaches the compiler in derive mode: `Stuck` has no way out (W002). It
// is an ordinary warning, so a crate that denies warnings fails on it.
#![deny(warnings)]

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
pub enum Job {
    #[status(initial, to(Stuck, Done))]
    Queued,
    Stuck,
    #[status(terminal)]
    Done,
}

fn main() {}
