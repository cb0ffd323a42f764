//! Seed 004: a family of state machines that all need the same checks and audit trail.
//!
//! The orchestrator's run, the UET patch ledger and the circuit breaker are different
//! statuses, but one audit log serves them all, written once over
//! [`statuskit::StatusMachine`]. Every move is checked against the schema and recorded
//! with the status's name, both wire values and the reason a refused move was refused.
//!
//! Run: `cargo run --example 004_state_machines --features derive`

use statuskit::{StatusMachine, TransitionError};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, StatusMachine)]
#[status(schema = "statuses.toml")]
enum CircuitBreakerState {
    Closed,
    Open,
    HalfOpen,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, StatusMachine)]
#[status(schema = "statuses.toml")]
enum PatchLedgerState {
    Created,
    Validating,
    Validated,
    Rejected,
    Queued,
    Applying,
    Applied,
    Verified,
    Quarantined,
    RolledBack,
}

/// One audit trail for every status: the same code for the breaker and the ledger.
#[derive(Default)]
struct AuditLog {
    lines: Vec<String>,
}

impl AuditLog {
    /// Moves `current` to `to` if the schema allows it, and records the attempt either way.
    fn transition<S: StatusMachine>(
        &mut self,
        current: &mut S,
        to: S,
    ) -> Result<(), TransitionError<S>> {
        let result = current.transition_to(to);
        self.record(*current, result);
        *current = result?;
        Ok(())
    }

    /// Applies an event, recording the attempt either way.
    fn apply<S: StatusMachine>(
        &mut self,
        current: &mut S,
        event: S::Event,
    ) -> Result<(), TransitionError<S>> {
        let result = current.apply(event);
        self.record(*current, result);
        *current = result?;
        Ok(())
    }

    fn record<S: StatusMachine>(&mut self, from: S, result: Result<S, TransitionError<S>>) {
        self.lines.push(match result {
            Ok(to) => format!(
                "{:<20} {from} -> {to}{}",
                S::NAME,
                if to.is_terminal() { " (final)" } else { "" }
            ),
            Err(refused) => format!("{:<20} REFUSED {refused}", S::NAME),
        });
    }
}

fn main() {
    let mut log = AuditLog::default();

    // The breaker trips, cools down, and a failed trial opens it again.
    let mut breaker = CircuitBreakerState::Closed;
    for event in [
        CircuitBreakerStateEvent::Trip,
        CircuitBreakerStateEvent::CoolDown,
        CircuitBreakerStateEvent::Fail,
        CircuitBreakerStateEvent::CoolDown,
        CircuitBreakerStateEvent::Succeed,
        CircuitBreakerStateEvent::Succeed, // not half-open any more: refused
    ] {
        let _ = log.apply(&mut breaker, event);
    }

    // A patch is validated, applied, fails verification and is rolled back.
    let mut patch = PatchLedgerState::Created;
    for to in [
        PatchLedgerState::Validating,
        PatchLedgerState::Validated,
        PatchLedgerState::Verified, // skips applying: refused
        PatchLedgerState::Queued,
        PatchLedgerState::Applying,
        PatchLedgerState::Applied,
        PatchLedgerState::RolledBack,
        PatchLedgerState::Queued, // rolled back is final: refused
    ] {
        let _ = log.transition(&mut patch, to);
    }

    for line in &log.lines {
        println!("{line}");
    }
    println!(
        "\nWhere a patch can go from `{}`:",
        PatchLedgerState::Applied
    );
    for next in PatchLedgerState::Applied.successors() {
        println!("  {next:<12} {}", next.label());
    }
}
