//! The generated code does what the model says, for every status of the root schema and of
//! the representative fixture: names, wire values, labels, roles, every pair of states,
//! every event in every state, every spelling in several cases, and the error messages.

use status_schema::model::Status;
use status_schema::{Schema, SourceFile};
use statuskit::{Refused, StatusEvent, StatusMachine};
use statuskit_generated_tests::{
    Generated, Visitor, visit_derived, visit_hostile, visit_large, visit_representative, visit_root,
};

fn load(path: &str) -> Schema {
    let text = std::fs::read_to_string(path).expect("schema exists");
    status_schema::analyze(&SourceFile::new(path, text))
        .schema
        .expect("valid")
}

/// Runs every conformance check on each visited type.
struct Conformance {
    schema: Schema,
    visited: usize,
}

impl Visitor for Conformance {
    fn visit<S: Generated>(&mut self) {
        let status = self
            .schema
            .status(S::NAME)
            .expect("generated from this schema");
        states::<S>(status);
        transitions::<S>(status);
        events::<S>(status);
        parsing::<S>(status);
        self.visited += 1;
    }
}

#[test]
fn root_schema_conforms() {
    let mut conformance = Conformance {
        schema: load("../../statuses.toml"),
        visited: 0,
    };
    visit_root(&mut conformance);
    assert_eq!(conformance.visited, conformance.schema.statuses().len());
}

#[test]
fn derived_statuses_conform() {
    let mut conformance = Conformance {
        schema: load("../../statuses.toml"),
        visited: 0,
    };
    visit_derived(&mut conformance);
    assert_eq!(conformance.visited, conformance.schema.statuses().len());
}

#[test]
fn representative_fixture_conforms() {
    let path = "../../status-schema/tests/rust/representative.toml";
    let mut conformance = Conformance {
        schema: load(path),
        visited: 0,
    };
    visit_representative(&mut conformance);
    assert_eq!(conformance.visited, conformance.schema.statuses().len());
}

/// The derive follows the schema's order, whatever the enum's: `BaseWorkflowStatus` is
/// declared with its variants reversed (see `build.rs`), yet `ALL` and `index()` are the
/// schema's; only the enum's own discriminants (and a derived `Ord`) follow the declaration.
#[test]
fn derive_mode_follows_schema_order_not_declaration_order() {
    use statuskit_generated_tests::derived::BaseWorkflowStatus as Derived;
    use statuskit_generated_tests::root::BaseWorkflowStatus as Built;
    let derived: Vec<&str> = Derived::ALL.iter().map(|s| s.as_str()).collect();
    let built: Vec<&str> = Built::ALL.iter().map(|s| s.as_str()).collect();
    assert_eq!(derived, built);
    let last = *Derived::ALL.last().expect("states");
    assert_eq!(last.index(), Derived::ALL.len() - 1);
    assert_eq!(last as usize, 0, "declared first");
}

#[test]
fn hostile_fixture_conforms() {
    let mut conformance = Conformance {
        schema: load("../../status-schema/tests/hostile/hostile.toml"),
        visited: 0,
    };
    visit_hostile(&mut conformance);
    assert_eq!(conformance.visited, conformance.schema.statuses().len());
}

// Where the schema names an initial state, `INITIAL` is that state (not an `Option`), in
// build.rs mode and in derive mode; the trait's `INITIAL` stays an `Option` for generic code.
const _: statuskit_generated_tests::root::TaskStatus =
    statuskit_generated_tests::root::TaskStatus::INITIAL;
const _: statuskit_generated_tests::derived::TaskStatus =
    statuskit_generated_tests::derived::TaskStatus::INITIAL;
const _: () = assert!(matches!(
    <statuskit_generated_tests::root::TaskStatus as StatusMachine>::INITIAL,
    Some(statuskit_generated_tests::root::TaskStatus::INITIAL)
));

// The large form of `can_transition_to` is still a `const fn`.
const _: () = assert!(
    statuskit_generated_tests::large::LargeStatus::S0
        .can_transition_to(statuskit_generated_tests::large::LargeStatus::S1)
);
const _: () = assert!(
    !statuskit_generated_tests::large::LargeStatus::S1
        .can_transition_to(statuskit_generated_tests::large::LargeStatus::S0)
);

#[test]
fn large_fixture_conforms() {
    // Past the thresholds, `can_transition_to` searches successor lists and parsing a
    // sorted table: a bug there would be silent without a check against the model.
    let path = concat!(env!("OUT_DIR"), "/large.toml");
    let mut conformance = Conformance {
        schema: load(path),
        visited: 0,
    };
    visit_large(&mut conformance);
    assert_eq!(conformance.visited, 2);
    for status in conformance.schema.statuses() {
        assert!(status.states().len() > status_schema::__unstable::SPARSE_ABOVE);
        assert!(status.spellings().count() > status_schema::__unstable::TABLE_ABOVE);
    }
}

/// `ALL`, `index`, `as_str`, `Display`, `label`, `is_initial`, `is_terminal`, `INITIAL`.
fn states<S: StatusMachine>(status: &Status) {
    assert_eq!(S::ALL.len(), status.states().len(), "{}", status.name());
    for (i, (&value, state)) in S::ALL.iter().zip(status.states()).enumerate() {
        assert_eq!(value.index(), i);
        assert_eq!(value.as_str(), state.wire());
        assert_eq!(value.to_string(), state.wire());
        assert_eq!(
            format!("{value:>30}"),
            format!("{:>30}", state.wire()),
            "Display pads"
        );
        assert_eq!(value.label(), state.label());
        assert_eq!(
            value.is_initial(),
            state.is_initial(),
            "{}.{}",
            status.name(),
            state.name()
        );
        assert_eq!(
            value.is_terminal(),
            state.is_terminal(),
            "{}.{}",
            status.name(),
            state.name()
        );
    }
    assert_eq!(
        S::INITIAL.map(S::index),
        status.initial().map(status_schema::model::StateId::index)
    );
}

/// Every ordered pair of states: allowed exactly when the model has the transition, and a
/// refusal that names the status, both states and every allowed move.
fn transitions<S: StatusMachine>(status: &Status) {
    for (&from, from_state) in S::ALL.iter().zip(status.states()) {
        let successors: Vec<usize> = status
            .successors(from_state.id())
            .map(status_schema::model::StateId::index)
            .collect();
        let generated: Vec<usize> = from.successors().iter().map(|s| s.index()).collect();
        assert_eq!(
            generated,
            successors,
            "successors of {}.{}",
            status.name(),
            from_state.name()
        );
        for (&to, to_state) in S::ALL.iter().zip(status.states()) {
            let allowed = status.can_transition(from_state.id(), to_state.id());
            assert_eq!(
                from.can_transition_to(to),
                allowed,
                "{}: {from} -> {to}",
                status.name()
            );
            match from.transition_to(to) {
                Ok(reached) => {
                    assert!(allowed);
                    assert_eq!(reached, to);
                }
                Err(error) => {
                    assert!(!allowed);
                    assert_eq!(error.from(), from);
                    assert_eq!(error.refused(), Refused::Target(to));
                    let message = error.to_string();
                    assert!(message.starts_with(status.name()), "{message}");
                    assert!(message.contains(&format!("`{from}`")), "{message}");
                    assert!(message.contains(&format!("`{to}`")), "{message}");
                    for next in from.successors() {
                        assert!(message.contains(&format!("`{next}`")), "{message}");
                    }
                }
            }
        }
    }
}

/// Every event in every state: the model's target where the event applies, a refusal that
/// names the event and where it applies everywhere else.
fn events<S: StatusMachine>(status: &Status) {
    let names: Vec<&str> = S::Event::ALL.iter().map(|e| e.as_str()).collect();
    let expected: Vec<&str> = status
        .events()
        .iter()
        .map(status_schema::model::Event::name)
        .collect();
    assert_eq!(names, expected, "events of {}", status.name());
    for (&event, model) in S::Event::ALL.iter().zip(status.events()) {
        assert_eq!(event.to_string(), model.name());
        for (&from, state) in S::ALL.iter().zip(status.states()) {
            match from.apply(event) {
                Ok(to) => {
                    assert!(
                        model.from().contains(&state.id()),
                        "{event} applied in {from}"
                    );
                    assert_eq!(to.index(), model.to().index());
                    assert!(from.can_transition_to(to), "event edges are transitions");
                }
                Err(error) => {
                    assert!(
                        !model.from().contains(&state.id()),
                        "{event} refused in {from}"
                    );
                    assert_eq!(error.refused(), Refused::Event(event));
                    let sources: Vec<usize> = error.event_sources().map(S::index).collect();
                    let model_sources: Vec<usize> =
                        model.from().iter().map(|id| id.index()).collect();
                    let mut sorted = model_sources.clone();
                    sorted.sort_unstable();
                    assert_eq!(sources, sorted);
                    let message = error.to_string();
                    assert!(message.contains(&format!("`{event}`")), "{message}");
                    assert!(message.contains(&format!("`{from}`")), "{message}");
                }
            }
        }
    }
}

/// Every spelling (wire value and alias) in its own case, upper, lower and alternating
/// case, plus unknown input: each parses as the model's reference parser says, through
/// `FromStr`, `TryFrom<&str>` and `StatusMachine::parse`.
fn parsing<S>(status: &Status)
where
    S: StatusMachine + for<'a> TryFrom<&'a str, Error = statuskit::ParseStatusError>,
{
    let mut inputs: Vec<String> = Vec::new();
    for spelling in status.spellings() {
        let text = spelling.text;
        inputs.push(text.to_owned());
        inputs.push(text.to_ascii_uppercase());
        inputs.push(text.to_ascii_lowercase());
        inputs.push(alternate_case(text));
        // A near miss: one character dropped.
        if text.len() > 3 {
            let mut shorter = text.to_owned();
            shorter.pop();
            inputs.push(shorter);
        }
    }
    inputs.extend(
        [
            "",
            "definitely not a state",
            "\u{e9}t\u{e9}",
            "x".repeat(100).as_str(),
        ]
        .map(String::from),
    );

    for input in &inputs {
        let expected = status
            .parse(input)
            .map(status_schema::model::StateId::index);
        let parsed = input.parse::<S>();
        assert_eq!(
            parsed.ok().map(S::index),
            expected,
            "{}: parse {input:?}",
            status.name()
        );
        assert_eq!(S::try_from(input.as_str()), parsed, "TryFrom agrees");
        assert_eq!(
            S::parse(input).ok(),
            parsed.ok(),
            "StatusMachine::parse agrees"
        );
        if let Err(error) = parsed {
            assert_eq!(error.status(), status.name());
            let message = error.to_string();
            assert!(message.contains(status.name()), "{message}");
            if input.len() <= 48 {
                assert_eq!(error.input(), input);
                assert!(message.contains(&format!("{input:?}")), "{message}");
            } else {
                assert!(error.is_truncated());
            }
            for state in status.states() {
                assert!(
                    message.contains(state.wire()),
                    "{message} lists {}",
                    state.wire()
                );
            }
            if let Some(suggestion) = error.suggestion() {
                assert!(
                    status.parse(suggestion).is_some(),
                    "suggests an accepted spelling"
                );
            }
        }
    }
    // The case rule, stated directly rather than through the reference parser.
    for state in status.states() {
        let upper = state.wire().to_ascii_uppercase();
        let parsed = upper.parse::<S>().ok().map(S::index);
        if status.case_insensitive() {
            assert_eq!(
                parsed,
                Some(state.id().index()),
                "{}: {upper}",
                status.name()
            );
        } else if upper != state.wire() && status.fallback().is_none() {
            assert_ne!(
                parsed,
                Some(state.id().index()),
                "{}: {upper} is case-sensitive",
                status.name()
            );
        }
    }
}

fn alternate_case(text: &str) -> String {
    text.chars()
        .enumerate()
        .map(|(i, c)| {
            if i % 2 == 0 {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}
