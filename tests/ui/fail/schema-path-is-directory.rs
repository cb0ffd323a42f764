// The schema path names a directory (the crate root): refused before anything is read, as a
// device or a FIFO would be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
#[status(schema = ".")]
pub enum MigrationStatus {
    Pending,
}

fn main() {}
