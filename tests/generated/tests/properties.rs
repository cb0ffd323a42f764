//! Property tests over every status of the root schema (build.rs and derive mode): the
//! wire value parses back; serde round-trips through JSON and TOML, also as a map key;
//! every ASCII case variant of every spelling parses exactly when the case rule says so;
//! aliases parse to their state and serialise canonical; unknown input is an error (or
//! the fallback) whose message contains it.

use std::collections::HashMap;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use status_schema::model::Status;
use status_schema::{Schema, SourceFile};
use statuskit::StatusMachine;
use statuskit_generated_tests::{
    Generated, Visitor, visit_derived, visit_hostile, visit_representative, visit_root,
};

fn load(path: &str) -> Schema {
    let text = std::fs::read_to_string(path).expect("schema exists");
    status_schema::analyze(&SourceFile::new(path, text))
        .schema
        .expect("valid")
}

struct Properties {
    schema: Schema,
}

impl Visitor for Properties {
    fn visit<S: Generated>(&mut self) {
        let status = self.schema.status(S::NAME).expect("declared");
        wire_values_parse_back::<S>();
        case_variants::<S>(status);
        unknown_input::<S>(status);
        serde_round_trip::<S>(status);
    }
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: 64,
        failure_persistence: None,
        ..Config::default()
    })
}

fn wire_values_parse_back<S: StatusMachine>() {
    for &state in S::ALL {
        assert_eq!(state.as_str().parse::<S>(), Ok(state));
        for alias in state.aliases() {
            assert_eq!(alias.parse::<S>(), Ok(state), "alias {alias} of {state}");
        }
    }
}

/// Flips the case of the letters of `text` where `mask` has a bit set.
fn recase(text: &str, mask: u64) -> String {
    text.char_indices()
        .map(|(i, c)| {
            if mask >> (i % 64) & 1 == 1 {
                flip(c)
            } else {
                c
            }
        })
        .collect()
}

fn flip(c: char) -> char {
    if c.is_ascii_lowercase() {
        c.to_ascii_uppercase()
    } else {
        c.to_ascii_lowercase()
    }
}

fn case_variants<S: StatusMachine>(status: &Status) {
    let spellings: Vec<(String, usize)> = status
        .spellings()
        .map(|s| (s.text.to_owned(), s.state.index()))
        .collect();
    runner()
        .run(&(0..spellings.len(), any::<u64>()), |(which, mask)| {
            let (spelling, state) = &spellings[which];
            let input = recase(spelling, mask);
            let parsed = input.parse::<S>().ok().map(S::index);
            if status.case_insensitive() || input == *spelling {
                prop_assert_eq!(parsed, Some(*state), "{} {:?}", status.name(), input);
            } else {
                // Another case of a spelling is not that spelling: whatever it parses to is
                // what the reference parser says (another spelling, the fallback, or none).
                prop_assert_eq!(
                    parsed,
                    status
                        .parse(&input)
                        .map(status_schema::model::StateId::index)
                );
                prop_assert!(
                    status.fallback().is_some()
                        || parsed != Some(*state)
                        || status.spellings().any(|s| s.text == input)
                );
            }
            Ok(())
        })
        .unwrap_or_else(|failure| panic!("{}: {failure}", status.name()));
}

fn unknown_input<S: StatusMachine>(status: &Status) {
    runner()
        .run(&"\\PC{0,60}", |input| {
            let model = status
                .parse(&input)
                .map(status_schema::model::StateId::index);
            match input.parse::<S>() {
                Ok(parsed) => prop_assert_eq!(Some(parsed.index()), model),
                Err(error) => {
                    prop_assert_eq!(model, None);
                    let message = error.to_string();
                    if input.len() <= 48 {
                        prop_assert!(message.contains(&format!("{input:?}")), "{}", message);
                    } else {
                        prop_assert!(error.is_truncated());
                        prop_assert!(input.starts_with(error.input()));
                    }
                }
            }
            Ok(())
        })
        .unwrap_or_else(|failure| panic!("{}: {failure}", status.name()));
}

#[test]
fn root_statuses_in_build_mode() {
    visit_root(&mut Properties {
        schema: load("../../statuses.toml"),
    });
}

#[test]
fn root_statuses_in_derive_mode() {
    visit_derived(&mut Properties {
        schema: load("../../statuses.toml"),
    });
}

#[test]
fn fixture_statuses() {
    visit_representative(&mut Properties {
        schema: load("../../status-schema/tests/rust/representative.toml"),
    });
}

#[test]
fn hostile_statuses() {
    visit_hostile(&mut Properties {
        schema: load("../../status-schema/tests/hostile/hostile.toml"),
    });
}

/// serde, through two formats and as a map key: the same strings as `Display`/`FromStr`,
/// aliases in and canonical out, borrowed and owned input.
fn serde_round_trip<S: Generated>(status: &Status) {
    for &state in S::ALL {
        let json = serde_json::to_string(&state).expect("serialises");
        assert_eq!(json, serde_json::to_string(state.as_str()).expect("string"));
        assert_eq!(
            serde_json::from_str::<S>(&json).expect("deserialises"),
            state
        );
        let value = serde_json::Value::String(state.as_str().to_owned());
        assert_eq!(serde_json::from_value::<S>(value).expect("owned"), state);
        for alias in state.aliases() {
            let json = serde_json::to_string(alias).expect("string");
            assert_eq!(serde_json::from_str::<S>(&json).expect("alias in"), state);
        }
        let mut map = HashMap::new();
        map.insert(state, 1u8);
        let text = serde_json::to_string(&map).expect("map");
        assert_eq!(
            serde_json::from_str::<HashMap<S, u8>>(&text).expect("map back"),
            map
        );
        let text = toml::to_string(&Row { status: state }).expect("toml");
        assert_eq!(
            toml::from_str::<Row<S>>(&text).expect("toml back").status,
            state
        );
    }
    if status.fallback().is_none() {
        let error = serde_json::from_str::<S>("\"definitely-not\"").expect_err("unknown");
        let message = error.to_string();
        assert!(
            message.contains("definitely-not") && message.contains(S::ALL[0].as_str()),
            "{message}"
        );
    }
    let error = serde_json::from_str::<S>("42").expect_err("not a string");
    assert!(error.to_string().contains(S::NAME), "{error}");
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Row<S> {
    status: S,
}
