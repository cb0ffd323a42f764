//! Writes every contender of the peer benchmarks from the root schema, so that each one
//! holds exactly the same statuses, spellings and transitions: strum's derives (case-
//! sensitive and `ascii_case_insensitive`), hand-written `match`es, and rust-fsm machines.
//! statuskit's own code comes from build.rs mode. Shared by `build.rs` and the
//! compile-time crate writer (`src/bin/write-compile-crates.rs`).

use std::fmt::Write;

use status_schema::Schema;
use status_schema::model::Status;

/// Seed 000's statuses (the 24 enums folded into 23 base families and extensions) and seed
/// 004's eight machines, as the root schema names them.
pub const SEED_000: &[&str] = &[
    "BaseTaskStatus",
    "BaseWorkflowStatus",
    "BaseResourceStatus",
    "BaseHealthStatus",
    "DependencyTaskStatus",
    "TodoStatus",
    "IssueStatus",
    "MigrationStatus",
    "CoordinationStatus",
    "WorkerStatus",
    "PoolStatus",
    "DeploymentStatus",
    "DatabaseStatus",
    "HealthStatus",
    "ReadinessStatus",
    "ExecutionStatus",
    "PlanStatus",
    "DependencyStatus",
    "CrossRepoDependencyStatus",
    "DeadLetterStatus",
    "BlockingStatus",
    "SyncStatus",
    "OnboardingStatus",
];
pub const SEED_004: &[&str] = &[
    "RunState",
    "TaskState",
    "WorkstreamState",
    "PatchLedgerState",
    "TestGateState",
    "OrchestrationWorkerState",
    "UetWorkerState",
    "CircuitBreakerState",
];

pub fn load(path: &str) -> Schema {
    let text = std::fs::read_to_string(path).expect("schema");
    status_schema::analyze(&status_schema::SourceFile::new("statuses.toml", text))
        .schema
        .expect("valid schema")
}

pub fn statuses(schema: &Schema) -> Vec<&Status> {
    SEED_000
        .iter()
        .chain(SEED_004)
        .map(|n| schema.status(n).expect("declared"))
        .collect()
}

fn lit(text: &str) -> String {
    format!("{text:?}")
}

fn snake(name: &str) -> String {
    heck::ToSnakeCase::to_snake_case(name)
}

/// `pub enum Name { … }` with strum's derives; `case_insensitive` adds
/// `#[strum(ascii_case_insensitive)]`. Each variant serialises as its wire value and parses
/// from it and its aliases.
pub fn strum_enum(status: &Status, case_insensitive: bool) -> String {
    let mut out = String::from(
        "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumString, strum::AsRefStr, strum::Display)]\n",
    );
    if case_insensitive {
        out.push_str("#[strum(ascii_case_insensitive)]\n");
    }
    let _ = writeln!(out, "pub enum {} {{", status.name());
    for state in status.states() {
        let aliases: String = status
            .aliases()
            .iter()
            .filter(|a| a.state() == state.id())
            .map(|a| format!(", serialize = {}", lit(a.spelling())))
            .collect();
        let _ = writeln!(
            out,
            "    #[strum(to_string = {}{aliases})]\n    {},",
            lit(state.wire()),
            state.variant()
        );
    }
    out.push_str("}\n");
    out
}

/// The enum as a careful person writes it by hand: `match` for parsing (wire values and
/// aliases, exact case) and for `as_str`, `matches!` for the transition table.
pub fn hand_enum(status: &Status) -> String {
    let name = status.name();
    let mut out =
        format!("#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\npub enum {name} {{\n");
    for state in status.states() {
        let _ = writeln!(out, "    {},", state.variant());
    }
    let _ = writeln!(
        out,
        "}}\n\nimpl {name} {{\n    pub fn parse(s: &str) -> Option<Self> {{\n        match s {{"
    );
    for state in status.states() {
        let mut spellings = vec![lit(state.wire())];
        spellings.extend(
            status
                .aliases()
                .iter()
                .filter(|a| a.state() == state.id())
                .map(|a| lit(a.spelling())),
        );
        let _ = writeln!(
            out,
            "            {} => Some(Self::{}),",
            spellings.join(" | "),
            state.variant()
        );
    }
    out.push_str("            _ => None,\n        }\n    }\n\n    pub fn as_str(self) -> &'static str {\n        match self {\n");
    for state in status.states() {
        let _ = writeln!(
            out,
            "            Self::{} => {},",
            state.variant(),
            lit(state.wire())
        );
    }
    out.push_str("        }\n    }\n\n");
    out.push_str(&can_transition_fn(status));
    out.push_str("}\n");
    out
}

/// `pub fn can_transition_to(self, to: Self) -> bool` as a `matches!` over the schema's
/// transitions: what people write by hand next to strum.
pub fn can_transition_fn(status: &Status) -> String {
    let pairs: Vec<String> = status
        .transitions()
        .iter()
        .map(|t| {
            format!(
                "(Self::{}, Self::{})",
                status.state(t.from()).variant(),
                status.state(t.to()).variant()
            )
        })
        .collect();
    let body = if pairs.is_empty() {
        "let _ = (self, to);\n        false".to_owned()
    } else {
        format!("matches!((self, to), {})", pairs.join(" | "))
    };
    format!("    pub fn can_transition_to(self, to: Self) -> bool {{\n        {body}\n    }}\n")
}

/// A rust-fsm machine whose inputs are the target states (`To<State>`): how a rust-fsm
/// user expresses target-based transitions. `None` for a status with no transitions
/// (rust-fsm needs at least one).
pub fn fsm_targets(status: &Status) -> Option<String> {
    if status.transitions().is_empty() {
        return None;
    }
    let initial = status
        .initial()
        .map_or(status.states()[0].variant(), |i| status.state(i).variant());
    let mut out = format!(
        "rust_fsm::state_machine! {{\n    #[derive(Debug, Clone, Copy, PartialEq, Eq)]\n    pub {}({initial})\n",
        snake(status.name())
    );
    for t in status.transitions() {
        let to = &status.state(t.to()).variant();
        let _ = writeln!(
            out,
            "    {}(To{to}) => {to},",
            status.state(t.from()).variant()
        );
    }
    out.push_str("}\n");
    Some(out)
}

/// A rust-fsm machine whose inputs are the status's events. `None` without events.
pub fn fsm_events(status: &Status) -> Option<String> {
    if status.events().is_empty() {
        return None;
    }
    let initial = status
        .initial()
        .map_or(status.states()[0].variant(), |i| status.state(i).variant());
    let mut out = format!(
        "rust_fsm::state_machine! {{\n    #[derive(Debug, Clone, Copy, PartialEq, Eq)]\n    pub {}_events({initial})\n",
        snake(status.name())
    );
    for event in status.events() {
        for &from in event.from() {
            let _ = writeln!(
                out,
                "    {}({}) => {},",
                status.state(from).variant(),
                event.variant(),
                status.state(event.to()).variant()
            );
        }
    }
    out.push_str("}\n");
    Some(out)
}

/// Every spelling in its own case and upper case, plus two unknown values: the mix the
/// parse benchmarks read.
pub fn inputs(status: &Status) -> Vec<String> {
    let mut inputs = Vec::new();
    for spelling in status.spellings() {
        inputs.push(spelling.text.to_owned());
        inputs.push(spelling.text.to_ascii_uppercase());
    }
    inputs.push("definitely_unknown".to_owned());
    inputs.push(format!("{}x", status.states()[0].wire()));
    inputs
}
