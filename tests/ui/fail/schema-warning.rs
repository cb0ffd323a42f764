// In schema mode, each derived status carries the schema's warnings about it, rendered
// against the file; `Light`'s warning shows on `Light` only, not on every status of the file.
#![deny(warnings)]

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
#[status(schema = "warnings.toml")]
pub enum Job {
    Queued,
    Stuck,
    Done,
}

fn main() {}
