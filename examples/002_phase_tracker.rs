//! Seed 002: a phase tracker with a rerun state and named operations.
//!
//! Phases move through `PhaseState` by events (`start`, `complete`, `fail`,
//! `mark_needs_rerun`, `reset`) rather than by raw assignments. When an upstream phase
//! changes, completed downstream phases are marked for rerun and started again.
//!
//! Run: `cargo run --example 002_phase_tracker --features derive`

use statuskit::StatusMachine;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, StatusMachine)]
#[status(schema = "statuses.toml")]
enum PhaseState {
    Pending,
    InProgress,
    Complete,
    Failed,
    NeedsRerun,
}

/// A named phase and its state.
struct Phase {
    name: &'static str,
    state: PhaseState,
}

impl Phase {
    fn apply(&mut self, event: PhaseStateEvent) {
        match self.state.apply(event) {
            Ok(next) => {
                println!("  {:<10} {:>11} --{event}--> {next}", self.name, self.state);
                self.state = next;
            }
            Err(refused) => println!("  {:<10} refused: {refused}", self.name),
        }
    }
}

fn main() {
    let mut phases: Vec<Phase> = ["design", "build", "test"]
        .into_iter()
        .map(|name| Phase {
            name,
            state: PhaseState::Pending,
        })
        .collect();

    println!("Run every phase:");
    for phase in &mut phases {
        phase.apply(PhaseStateEvent::Start);
        phase.apply(PhaseStateEvent::Complete);
    }

    println!("\nThe design changed: downstream phases need a rerun.");
    for phase in &mut phases[1..] {
        phase.apply(PhaseStateEvent::MarkNeedsRerun);
    }

    println!("\nAn operation that does not apply is refused with the reason:");
    phases[0].apply(PhaseStateEvent::Complete);

    println!("\nRerun:");
    for phase in &mut phases[1..] {
        phase.apply(PhaseStateEvent::Start);
    }
    phases[2].apply(PhaseStateEvent::Fail);
    phases[2].apply(PhaseStateEvent::Start);
    phases[2].apply(PhaseStateEvent::Complete);
    phases[1].apply(PhaseStateEvent::Complete);

    println!("\nBoard:");
    for phase in &phases {
        println!(
            "  {:<10} {:<12} {}",
            phase.name,
            phase.state.label(),
            phase.state
        );
    }
    println!("\nEvents available from `{}`:", PhaseState::NeedsRerun);
    for event in PhaseStateEvent::ALL {
        if PhaseState::NeedsRerun.apply(event).is_ok() {
            println!("  {event}");
        }
    }
    assert!(phases.iter().all(|p| p.state == PhaseState::Complete));
}
