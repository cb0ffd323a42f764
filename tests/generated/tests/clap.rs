//! clap's `ValueEnum`: a status as a command-line argument, with its wire values, aliases
//! and labels, parsed by the same rules as `FromStr`.

use clap::{CommandFactory, Parser, ValueEnum};
use statuskit_generated_tests::representative::Verdict;
use statuskit_generated_tests::root::TaskStatus;
use statuskit_generated_tests::{Generated, Visitor, visit_root};

#[derive(Parser, Debug)]
struct Cli {
    /// The task's status, parsed by the status's own rules.
    #[arg(long, value_parser = statuskit::StatusValueParser::<TaskStatus>::new())]
    status: TaskStatus,
    /// The same, as clap parses a `ValueEnum`: wire values and aliases, exact case.
    #[arg(long)]
    exact: Option<TaskStatus>,
    /// As clap parses a `ValueEnum` with `ignore_case`.
    #[arg(long, ignore_case = true)]
    any_case: Option<TaskStatus>,
}

#[test]
fn a_status_is_an_argument() {
    let cli = Cli::try_parse_from(["tool", "--status", "RUNNING"]).expect("wire value");
    assert_eq!(cli.status, TaskStatus::Running);
    let cli =
        Cli::try_parse_from(["tool", "--status", "ready_for_review"]).expect("alias, other case");
    assert_eq!(cli.status, TaskStatus::Completed);
    let cli = Cli::try_parse_from(["tool", "--status", "failed", "--exact", "READY_FOR_REVIEW"])
        .expect("value_enum takes aliases");
    assert_eq!(cli.exact, Some(TaskStatus::Completed));
    assert!(Cli::try_parse_from(["tool", "--status", "failed", "--exact", "running"]).is_err());
    let cli = Cli::try_parse_from([
        "tool",
        "--status",
        "failed",
        "--any-case",
        "ready_for_review",
    ])
    .expect("ignore_case");
    assert_eq!(cli.any_case, Some(TaskStatus::Completed));
    let error = Cli::try_parse_from(["tool", "--status", "RUNING"]).expect_err("unknown");
    let message = error.to_string();
    assert!(
        message.contains("RUNING") && message.contains("did you mean \"RUNNING\""),
        "{message}"
    );
}

#[test]
fn help_lists_wire_values_with_labels() {
    let help = Cli::command().render_long_help().to_string();
    assert!(
        help.contains("COMPLETED") && help.contains("Ready for follow-up"),
        "{help}"
    );
    assert!(
        !help.contains("READY_FOR_REVIEW"),
        "aliases are accepted, not advertised: {help}"
    );
}

/// `--ignore-case` style parsing widens a case-sensitive status.
#[test]
fn ignore_case_widens_a_case_sensitive_status() {
    assert!(
        Verdict::from_str("pass", false).is_err(),
        "Verdict is case-sensitive"
    );
    assert_eq!(
        <Verdict as ValueEnum>::from_str("pass", true),
        Ok(Verdict::Pass)
    );
}

struct EveryStatus;

impl Visitor for EveryStatus {
    fn visit<S: Generated>(&mut self) {
        assert_eq!(S::value_variants(), S::ALL);
        for &state in S::ALL {
            let value = state.to_possible_value().expect("every state is a value");
            assert_eq!(value.get_name(), state.as_str());
            assert!(
                state
                    .aliases()
                    .iter()
                    .all(|alias| value.matches(alias, false))
            );
            assert_eq!(<S as ValueEnum>::from_str(state.as_str(), false), Ok(state));
        }
    }
}

#[test]
fn every_root_status_is_a_value_enum() {
    visit_root(&mut EveryStatus);
}
