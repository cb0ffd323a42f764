//! Prints a synthetic schema: `cargo run -p status-schema --example synthetic -- 1000 25 100`
//! (statuses, states per status, transitions per status), for timing `statuskit check`.

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>());
    let mut next = |default| args.next().and_then(Result::ok).unwrap_or(default);
    let shape = status_schema::__unstable::synthetic::Shape {
        statuses: next(1000),
        states: next(25),
        transitions: next(100),
    };
    print!("{}", status_schema::__unstable::synthetic::schema(shape));
}
