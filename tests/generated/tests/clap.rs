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
    /// A plain `#[arg]`: clap's `ValueEnum` matching, exact case.
    #[arg(long)]
    plain: Option<TaskStatus>,
    /// `#[arg(value_enum)]`: the same.
    #[arg(long, value_enum)]
    value_enum: Option<TaskStatus>,
    /// With `ignore_case = true`: clap matches wire values and aliases in any ASCII case.
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
    let error = Cli::try_parse_from(["tool", "--status", "RUNING"]).expect_err("unknown");
    let message = error.to_string();
    assert!(
        message.contains("RUNING") && message.contains("did you mean \"RUNNING\""),
        "{message}"
    );
}

/// Each way a status goes into a clap argument. clap matches a `ValueEnum` itself, in exact
/// case, for a plain `#[arg]`, `#[arg(value_enum)]` and the builder's `value_parser!`
/// (clap prefers `ValueEnum` to any other parser a type offers, a `ValueParserFactory`
/// included: `value_parser!` takes six references to its probe, which reach `ValueEnum`'s
/// impl by value and the factory's only by autoref, so a factory would change nothing
/// while it kept a team from writing its own); one line makes any of them
/// follow the status's own rules: `value_parser = statuskit::StatusValueParser::<S>::new()`
/// (the `status` field above), or, for the case rule alone, `ignore_case = true`.
#[test]
fn every_way_into_clap_follows_the_case_rule_or_says_how() {
    let parse = |args: &[&str]| {
        let mut argv = vec!["tool", "--status", "failed"];
        argv.extend_from_slice(args);
        Cli::try_parse_from(argv)
    };
    for flag in ["--plain", "--value-enum"] {
        let cli = parse(&[flag, "READY_FOR_REVIEW"]).expect("wire values and aliases");
        assert!(cli.plain.or(cli.value_enum) == Some(TaskStatus::Completed));
        assert!(
            parse(&[flag, "stopped"]).is_err(),
            "{flag}: exact case, as clap matches"
        );
    }
    let cli = parse(&["--any-case", "stopped"]).expect("ignore_case = true: any case");
    assert_eq!(cli.any_case, Some(TaskStatus::Stopped));
    let cli = parse(&[]).expect("status only");
    assert_eq!(cli.status, TaskStatus::Failed);
    let cli = Cli::try_parse_from(["tool", "--status", "stopped"]).expect("StatusValueParser");
    assert_eq!(cli.status, TaskStatus::Stopped, "the status's own rules");

    let builder = |parser: clap::builder::ValueParser| {
        clap::Command::new("tool")
            .arg(clap::Arg::new("status").long("status").value_parser(parser))
            .try_get_matches_from(["tool", "--status", "stopped"])
    };
    assert!(
        builder(clap::value_parser!(TaskStatus).into()).is_err(),
        "builder with value_parser!: ValueEnum, exact case"
    );
    let matches = builder(statuskit::StatusValueParser::<TaskStatus>::new().into())
        .expect("builder with StatusValueParser: the status's rules");
    assert_eq!(
        matches.get_one::<TaskStatus>("status"),
        Some(&TaskStatus::Stopped)
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
