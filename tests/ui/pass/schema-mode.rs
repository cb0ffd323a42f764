// Variants in any order; events; compile-time checks.
use statuskit::StatusMachine;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
#[status(schema = "statuses.toml")]
pub enum MigrationStatus {
    RolledBack,
    Pending,
    InProgress,
    Completed,
    Failed,
    Cancelled,
    Blocked,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, status_macros::StatusMachine)]
#[status(schema = "statuses.toml", name = "PhaseState")]
enum Phase {
    Pending,
    InProgress,
    Complete,
    Failed,
    NeedsRerun,
}

const _: () = assert!(MigrationStatus::Pending.can_transition_to(MigrationStatus::InProgress));
const _: () = assert!(!MigrationStatus::Completed.can_transition_to(MigrationStatus::Pending));
statuskit::assert_transition!(
    MigrationStatus::Failed => MigrationStatus::RolledBack,
    Phase::NeedsRerun => Phase::InProgress,
);
statuskit::assert_no_transition!(MigrationStatus::RolledBack => MigrationStatus::Pending);

fn main() {
    assert_eq!(MigrationStatus::ALL[0], MigrationStatus::Pending);
    assert_eq!(MigrationStatus::RolledBack.index(), 6);
    assert_eq!("RUNNING".parse::<MigrationStatus>(), Ok(MigrationStatus::InProgress));
    assert_eq!(Phase::Complete.apply(PhaseEvent::MarkNeedsRerun), Ok(Phase::NeedsRerun));
    assert_eq!(<Phase as StatusMachine>::NAME, "PhaseState");
}
