// A status starts in one state: `initial` on two variants is an error on the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
pub enum Light {
    #[status(initial, to(Green))]
    Red,
    #[status(initial, to(Red))]
    Green,
}

fn main() {}
