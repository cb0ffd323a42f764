// An alias given to two variants: a schema file's `aliases` table cannot hold a spelling
// twice, and neither can the attributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
pub enum Light {
    #[status(initial, to(Green), alias = "x")]
    Red,
    #[status(to(Red), alias = "x")]
    Green,
}

fn main() {}
