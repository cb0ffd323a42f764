// Statuses are small `Copy` values; the trait says so, and the error says where.
#[derive(Clone, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
pub enum Light {
    #[status(initial, to(Green))]
    Red,
    #[status(to(Red))]
    Green,
}

fn main() {}
