//! Generates the contenders of the peer benchmarks from the root schema: statuskit's
//! build.rs mode, strum (two ways), hand-written code and rust-fsm, for seed 000's and
//! seed 004's statuses (plus every status with events, for `apply`), and the benchmark
//! loops over them, one function per operation and contender.

#[allow(dead_code)] // the compile-time crate writer uses the rest
#[path = "codegen.rs"]
mod codegen;

use std::fmt::Write;
use std::path::Path;

use status_schema::model::Status;

const SCHEMA: &str = "../../statuses.toml";

fn main() {
    println!("cargo:rerun-if-changed=codegen.rs");
    let schema = codegen::load(SCHEMA);
    let statuses = codegen::statuses(&schema);
    let with_events: Vec<&Status> = schema
        .statuses()
        .iter()
        .filter(|s| !s.events().is_empty())
        .collect();
    let mut names: Vec<&str> = statuses.iter().map(|s| s.name()).collect();
    names.extend(
        with_events
            .iter()
            .map(|s| s.name())
            .filter(|n| !codegen::SEED_000.contains(n) && !codegen::SEED_004.contains(n)),
    );
    status_schema::build::Builder::new(SCHEMA)
        .only(names.iter().copied())
        .compile()
        .expect("statuskit");

    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    let mut peers = String::new();
    for (module, ci) in [("strum_cs", false), ("strum_ci", true)] {
        let _ = writeln!(peers, "pub mod {module} {{");
        for status in &statuses {
            peers.push_str(&codegen::strum_enum(status, ci));
            peers.push_str(&all_const(status));
        }
        peers.push_str("}\n");
    }
    peers.push_str("pub mod hand {\n");
    for status in &statuses {
        peers.push_str(&codegen::hand_enum(status));
        peers.push_str(&all_const(status));
    }
    peers.push_str("}\npub mod fsm {\n");
    for status in &statuses {
        if let Some(machine) = codegen::fsm_targets(status) {
            peers.push_str(&machine);
            peers.push_str(&fsm_tables(status, false));
        }
    }
    for status in &with_events {
        if let Some(machine) = codegen::fsm_events(status) {
            peers.push_str(&machine);
            peers.push_str(&fsm_tables(status, true));
        }
    }
    peers.push_str("}\n");
    std::fs::write(Path::new(&out).join("peers.rs"), peers).expect("peers.rs");
    std::fs::write(Path::new(&out).join("ops.rs"), ops(&statuses, &with_events)).expect("ops.rs");
}

fn snake(name: &str) -> String {
    heck::ToSnakeCase::to_snake_case(name)
}

/// `impl Name { pub const ALL: [Self; N] = [...]; }` for the peers' enums.
fn all_const(status: &Status) -> String {
    let variants: Vec<String> = status
        .states()
        .iter()
        .map(|s| format!("Self::{}", s.variant()))
        .collect();
    format!(
        "impl {} {{\n    pub const ALL: [Self; {}] = [{}];\n}}\n",
        status.name(),
        variants.len(),
        variants.join(", ")
    )
}

/// rust-fsm's enums only hold states and inputs that appear in a transition: tables from
/// schema positions to them (`None` where rust-fsm has no such value).
fn fsm_tables(status: &Status, events: bool) -> String {
    let module = if events {
        format!("{}_events", snake(status.name()))
    } else {
        snake(status.name())
    };
    let used = |id| {
        if events {
            status
                .events()
                .iter()
                .any(|e| e.to() == id || e.from().contains(&id))
        } else {
            status
                .transitions()
                .iter()
                .any(|t| t.from() == id || t.to() == id)
        }
    };
    let states: Vec<String> = status
        .states()
        .iter()
        .map(|s| {
            if used(s.id()) {
                format!("Some({module}::State::{})", s.variant())
            } else {
                "None".into()
            }
        })
        .collect();
    let mut out = format!(
        "pub const {}_STATES: [Option<{module}::State>; {}] = [{}];\n",
        module.to_uppercase(),
        states.len(),
        states.join(", ")
    );
    if events {
        let inputs: Vec<String> = status
            .events()
            .iter()
            .map(|e| format!("{module}::Input::{}", e.variant()))
            .collect();
        let _ = writeln!(
            out,
            "pub const {}_INPUTS: [{module}::Input; {}] = [{}];",
            module.to_uppercase(),
            inputs.len(),
            inputs.join(", ")
        );
    } else {
        let inputs: Vec<String> = status
            .states()
            .iter()
            .map(|s| {
                if status.transitions().iter().any(|t| t.to() == s.id()) {
                    format!("Some({module}::Input::To{})", s.variant())
                } else {
                    "None".into()
                }
            })
            .collect();
        let _ = writeln!(
            out,
            "pub const {}_INPUTS: [Option<{module}::Input>; {}] = [{}];",
            module.to_uppercase(),
            inputs.len(),
            inputs.join(", ")
        );
    }
    out
}

/// The benchmark loops: for each operation, one function per contender over the same data.
fn ops(statuses: &[&Status], with_events: &[&Status]) -> String {
    let mut out = String::new();
    // Inputs for parsing, per status, in the order of `statuses`.
    out.push_str("pub fn parse_inputs() -> Vec<Vec<&'static str>> {\n    vec![\n");
    for status in statuses {
        let inputs: Vec<String> = codegen::inputs(status)
            .iter()
            .map(|i| format!("{i:?}"))
            .collect();
        let _ = writeln!(out, "        vec![{}],", inputs.join(", "));
    }
    out.push_str("    ]\n}\n\n");
    // The spellings alone, in their own case: input every contender accepts.
    out.push_str("pub fn known_inputs() -> Vec<Vec<&'static str>> {\n    vec![\n");
    for status in statuses {
        let inputs: Vec<String> = status
            .spellings()
            .map(|s| format!("{:?}", s.text))
            .collect();
        let _ = writeln!(out, "        vec![{}],", inputs.join(", "));
    }
    out.push_str("    ]\n}\n\n");
    let _ = writeln!(out, "pub const STATUS_COUNT: usize = {};", statuses.len());
    let sizes: Vec<String> = statuses
        .iter()
        .map(|s| s.states().len().to_string())
        .collect();
    let _ = writeln!(
        out,
        "pub const STATE_COUNTS: [usize; {}] = [{}];",
        sizes.len(),
        sizes.join(", ")
    );

    let parse = |name: &str, call: &dyn Fn(&Status) -> String| {
        let mut f = format!(
            "pub fn parse_{name}(inputs: &[Vec<&str>]) -> usize {{\n    let mut hits = 0;\n"
        );
        for (k, status) in statuses.iter().enumerate() {
            let _ = writeln!(
                f,
                "    for s in &inputs[{k}] {{ hits += usize::from({}); }}",
                call(status)
            );
        }
        f.push_str("    hits\n}\n\n");
        f
    };
    out.push_str(&parse("statuskit", &|s| {
        format!("s.parse::<crate::generated::{}>().is_ok()", s.name())
    }));
    out.push_str(&parse("strum", &|s| {
        format!("s.parse::<crate::peers::strum_cs::{}>().is_ok()", s.name())
    }));
    out.push_str(&parse("strum_ci", &|s| {
        format!("s.parse::<crate::peers::strum_ci::{}>().is_ok()", s.name())
    }));
    out.push_str(&parse("hand", &|s| {
        format!("crate::peers::hand::{}::parse(s).is_some()", s.name())
    }));

    // To string: every state index of every status.
    let to_str = |name: &str, call: &dyn Fn(&Status) -> String| {
        let mut f = format!(
            "pub fn as_str_{name}(states: &[Vec<usize>]) -> usize {{\n    let mut len = 0;\n"
        );
        for (k, status) in statuses.iter().enumerate() {
            let _ = writeln!(
                f,
                "    for &i in &states[{k}] {{ len += {}.len(); }}",
                call(status)
            );
        }
        f.push_str("    len\n}\n\n");
        f
    };
    out.push_str(&to_str("statuskit", &|s| {
        format!("crate::generated::{}::ALL[i].as_str()", s.name())
    }));
    out.push_str(&to_str("strum", &|s| format!("<crate::peers::strum_cs::{n} as AsRef<str>>::as_ref(&crate::peers::strum_cs::{n}::ALL[i])", n = s.name())));
    out.push_str(&to_str("hand", &|s| {
        format!("crate::peers::hand::{}::ALL[i].as_str()", s.name())
    }));
    let display = |name: &str, ty: &dyn Fn(&Status) -> String| {
        let mut f = format!(
            "pub fn display_{name}(states: &[Vec<usize>], buf: &mut String) -> usize {{\n    use std::fmt::Write;\n    let mut len = 0;\n"
        );
        for (k, status) in statuses.iter().enumerate() {
            let _ = writeln!(
                f,
                "    for &i in &states[{k}] {{ buf.clear(); let _ = write!(buf, \"{{}}\", {}::ALL[i]); len += buf.len(); }}",
                ty(status)
            );
        }
        f.push_str("    len\n}\n\n");
        f
    };
    out.push_str(&display("statuskit", &|s| {
        format!("crate::generated::{}", s.name())
    }));
    out.push_str(&display("strum", &|s| {
        format!("crate::peers::strum_cs::{}", s.name())
    }));

    // Transition checks: every ordered pair of states of every status with transitions.
    let with_transitions: Vec<(usize, &&Status)> = statuses
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.transitions().is_empty())
        .collect();
    let check = |name: &str, call: &dyn Fn(&Status) -> String| {
        let mut f = format!(
            "pub fn can_transition_{name}(pairs: &[Vec<(usize, usize)>]) -> usize {{\n    let mut allowed = 0;\n"
        );
        for (k, status) in &with_transitions {
            let _ = writeln!(
                f,
                "    for &(i, j) in &pairs[{k}] {{ allowed += usize::from({}); }}",
                call(status)
            );
        }
        f.push_str("    allowed\n}\n\n");
        f
    };
    out.push_str(&check("statuskit", &|s| {
        format!(
            "crate::generated::{n}::ALL[i].can_transition_to(crate::generated::{n}::ALL[j])",
            n = s.name()
        )
    }));
    out.push_str(&check("hand", &|s| {
        format!(
            "crate::peers::hand::{n}::ALL[i].can_transition_to(crate::peers::hand::{n}::ALL[j])",
            n = s.name()
        )
    }));
    out.push_str(&check("rust_fsm", &|s| {
        let m = snake(s.name());
        let c = m.to_uppercase();
        format!(
            "match (crate::peers::fsm::{c}_STATES[i], crate::peers::fsm::{c}_INPUTS[j]) {{ (Some(a), Some(b)) => <crate::peers::fsm::{m}::Impl as rust_fsm::StateMachineImpl>::transition(&a, &b).is_some(), _ => false }}"
        )
    }));

    // Events: every event in every state of every status with events.
    let _ = writeln!(
        out,
        "pub const EVENT_STATUSES: usize = {};",
        with_events.len()
    );
    let apply = |name: &str, call: &dyn Fn(&Status) -> String| {
        let mut f = format!(
            "pub fn apply_{name}(moves: &[Vec<(usize, usize)>]) -> usize {{\n    let mut applied = 0;\n"
        );
        for (k, status) in with_events.iter().enumerate() {
            let _ = writeln!(
                f,
                "    for &(i, e) in &moves[{k}] {{ applied += usize::from({}); }}",
                call(status)
            );
        }
        f.push_str("    applied\n}\n\n");
        f
    };
    out.push_str(&apply("statuskit", &|s| {
        format!(
            "crate::generated::{n}::ALL[i].apply(crate::generated::{n}Event::ALL[e]).is_ok()",
            n = s.name()
        )
    }));
    out.push_str(&apply("rust_fsm", &|s| {
        let m = format!("{}_events", snake(s.name()));
        let c = m.to_uppercase();
        format!(
            "match crate::peers::fsm::{c}_STATES[i] {{ Some(a) => <crate::peers::fsm::{m}::Impl as rust_fsm::StateMachineImpl>::transition(&a, &crate::peers::fsm::{c}_INPUTS[e]).is_some(), None => false }}"
        )
    }));
    let counts: Vec<String> = with_events
        .iter()
        .map(|s| format!("({}, {})", s.states().len(), s.events().len()))
        .collect();
    let _ = writeln!(
        out,
        "pub const EVENT_SHAPES: [(usize, usize); {}] = [{}];",
        counts.len(),
        counts.join(", ")
    );
    let _ = writeln!(
        out,
        "pub const TRANSITION_STATUSES: [usize; {}] = [{}];",
        with_transitions.len(),
        with_transitions
            .iter()
            .map(|(k, _)| k.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    out
}
