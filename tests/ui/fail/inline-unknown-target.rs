// Inline mode runs the schema's checks: a transition to a state that does not exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
pub enum Light {
    #[status(initial, to(Grene))]
    Red,
    #[status(to(Amber))]
    Green,
    #[status(to(Red))]
    Amber,
}

fn main() {}
