/// A traffic light.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
#[status(rename_all = "SCREAMING_SNAKE_CASE", case_insensitive = false, fallback = Unknown)]
enum Light {
    /// Stop.
    #[status(initial, to(Green))]
    Red,
    #[status(to(Amber), alias = "GO", label = "Go!")]
    Green,
    #[status(to(Red), wire = "YELLOW")]
    Amber,
    #[status(to(Red))]
    Unknown,
}

statuskit::assert_transition!(Light::Red => Light::Green);

fn main() {
    assert_eq!(Light::Green.as_str(), "GREEN");
    assert_eq!(Light::Amber.as_str(), "YELLOW");
    assert_eq!(Light::Green.label(), "Go!");
    assert_eq!("GO".parse::<Light>(), Ok(Light::Green));
    assert_eq!("go".parse::<Light>(), Ok(Light::Unknown), "case-sensitive, with fallback");
    assert!(Light::Red.is_initial());
    assert_eq!(Light::Amber.successors(), &[Light::Red]);
}
