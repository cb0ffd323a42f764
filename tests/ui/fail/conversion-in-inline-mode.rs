#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
#[status(into(Light))]
pub enum Signal {
    #[status(initial, to(Off))]
    On,
    Off,
}

fn main() {}
