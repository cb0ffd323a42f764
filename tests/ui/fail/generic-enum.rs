#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
pub enum Light<T> {
    #[status(initial, to(Green))]
    Red,
    #[status(to(Red))]
    Green,
    Marker(std::marker::PhantomData<T>),
}

fn main() {}
