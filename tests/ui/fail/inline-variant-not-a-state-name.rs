// A variant whose state name does not lead back to it: `IOError` is state `io_error`,
// whose variant is `IoError`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
pub enum Fault {
    #[status(initial, to(IOError))]
    Ok,
    #[status(terminal)]
    IOError,
}

fn main() {}
