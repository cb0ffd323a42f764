//! What the derive asks of the backend, tested without a compiler: conversions requested by
//! `into(..)`/`from(..)` and their help, and inline mode's schema with every diagnostic
//! traced back to the attribute it came from.

use status_schema::__unstable::inline::{self, InlineEnum, InlineVariant};
use status_schema::__unstable::{compiler_message, requested_conversion};
use status_schema::{Code, Schema, SourceFile, analyze};

fn schema() -> Schema {
    let text = r#"
schema_version = 1
[status.Job]
states = ["queued", "done"]
into.Outcome = { queued = "pending", done = "ok" }
[status.Outcome]
states = ["pending", "ok"]
[status.Light]
states = ["red"]
"#;
    analyze(&SourceFile::new("statuses.toml", text))
        .schema
        .expect("valid")
}

#[test]
fn a_defined_conversion_is_found_both_ways() {
    let schema = schema();
    let job = schema.status("Job").expect("declared");
    let outcome = schema.status("Outcome").expect("declared");
    let (conversion, from, to) =
        requested_conversion(&schema, job, "Outcome", true, "statuses.toml").expect("into");
    assert_eq!((from.name(), to.name()), ("Job", "Outcome"));
    assert!(conversion.is_total());
    let (_, from, to) =
        requested_conversion(&schema, outcome, "Job", false, "statuses.toml").expect("from");
    assert_eq!((from.name(), to.name()), ("Job", "Outcome"));
}

#[test]
fn a_missing_conversion_says_what_exists() {
    let schema = schema();
    let job = schema.status("Job").expect("declared");
    let refusal =
        requested_conversion(&schema, job, "Light", true, "statuses.toml").expect_err("none");
    assert_eq!(
        refusal.message,
        "the schema defines no conversion from `Job` into `Light`"
    );
    assert_eq!(
        refusal.help,
        "`Job` converts into `Outcome`; or add `into.Light` to it in the schema"
    );
    let light = schema.status("Light").expect("declared");
    let refusal =
        requested_conversion(&schema, light, "Job", false, "statuses.toml").expect_err("none");
    assert_eq!(
        refusal.help,
        "add `into.Light = { ... }` to `Job` in the schema"
    );
}

#[test]
fn an_unknown_status_gets_the_nearest_name() {
    let schema = schema();
    let job = schema.status("Job").expect("declared");
    let refusal =
        requested_conversion(&schema, job, "Outcom", true, "statuses.toml").expect_err("unknown");
    assert_eq!(refusal.message, "no status `Outcom` in `statuses.toml`");
    assert!(
        refusal.help.starts_with("did you mean `Outcome`?;"),
        "{}",
        refusal.help
    );
    assert!(
        refusal.help.ends_with("write `Type = \"Status\"`"),
        "{}",
        refusal.help
    );
    let refusal =
        requested_conversion(&schema, job, "Job", true, "statuses.toml").expect_err("itself");
    assert_eq!(refusal.message, "`Job` cannot convert into itself");
}

/// `Light` with origins numbered so each diagnostic can be traced to its attribute.
fn light(rename_all: Option<&str>, green_to: &str) -> InlineEnum<u32> {
    let variant = |ident: &str, origin: u32| InlineVariant {
        ident: ident.to_owned(),
        origin,
        doc: None,
        initial: None,
        terminal: None,
        to: Vec::new(),
        aliases: Vec::new(),
        label: None,
        wire: None,
    };
    let mut red = variant("Red", 10);
    red.initial = Some(11);
    red.to = vec![("Green".to_owned(), 12)];
    let mut green = variant("Green", 20);
    green.to = vec![(green_to.to_owned(), 21)];
    green.aliases = vec![("GO".to_owned(), 22)];
    InlineEnum {
        name: "Light".to_owned(),
        origin: 1,
        doc: None,
        rename_all: rename_all.map(|rule| (rule.to_owned(), 2)),
        case_insensitive: Some((true, 3)),
        fallback: None,
        variants: vec![red, green],
    }
}

#[test]
fn inline_attributes_resolve_like_a_file() {
    let description = light(Some("kebab-case"), "Red");
    let analysis = inline::schema(&description).analyze();
    assert!(
        analysis.diagnostics.is_empty(),
        "{:?}",
        analysis.diagnostics
    );
    let schema = analysis.schema.expect("valid");
    let light = schema.status("Light").expect("declared");
    let green = light.state_id("green").expect("state");
    assert_eq!(light.parse("go"), Some(green));
    assert!(light.can_transition(green, light.state_id("red").expect("state")));
}

#[test]
fn every_diagnostic_points_at_its_attribute() {
    let description = light(Some("kebab"), "Grene");
    let built = inline::schema(&description);
    let analysis = built.analyze();
    let origin = |code: Code| {
        let diagnostic = analysis
            .diagnostics
            .iter()
            .find(|d| d.code == code)
            .unwrap_or_else(|| panic!("{code:?} in {:?}", analysis.diagnostics));
        *built.origin(diagnostic.primary.span).expect("an origin")
    };
    assert_eq!(origin(Code::UnknownRenameRule), 2, "on `rename_all`");
    assert_eq!(origin(Code::UnknownState), 21, "on `to(Grene)`");
    let unknown = analysis
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnknownState)
        .expect("reported");
    let words = |text: &str| inline::in_variant_words(text, &description);
    let message = compiler_message(unknown, &words);
    assert!(
        message.starts_with("unknown state `Grene` in `to(…)` on `Green`"),
        "{message}"
    );
    assert!(message.contains("help: did you mean `Green`?"), "{message}");
}

#[test]
fn compiler_messages_keep_secondary_labels_and_notes() {
    // `GO` is an alias of Green and, ignoring case, the wire value of Go.
    let mut description = light(None, "Red");
    description.variants[0].aliases = vec![("go".to_owned(), 13)];
    let built = inline::schema(&description);
    let analysis = built.analyze();
    let collision = analysis
        .diagnostics
        .iter()
        .find(|d| d.code == Code::AliasCollision)
        .unwrap_or_else(|| panic!("{:?}", analysis.diagnostics));
    let message = compiler_message(collision, &|text: &str| text.to_owned());
    let notes = message.lines().filter(|l| l.starts_with("note: ")).count();
    assert_eq!(
        notes,
        1 + collision.secondary.len() + collision.notes.len(),
        "{message}"
    );
    assert!(message.contains("ignores ASCII case"), "{message}");
}

#[test]
fn attributes_a_file_could_not_hold_are_refused_where_written() {
    // An alias given to two variants (a file's `aliases` table cannot hold it twice), a
    // variant whose state does not lead back to it, and a target written as a state.
    let mut description = light(None, "red");
    description.variants[0].aliases = vec![("GO".to_owned(), 13)];
    description.variants[1].ident = "GREEN".to_owned();
    description.variants[0].to = vec![("GREEN".to_owned(), 12)];
    let built = inline::schema(&description);
    let analysis = built.analyze();
    assert!(analysis.schema.is_none());
    let at = |code: Code, text: &str| {
        analysis
            .diagnostics
            .iter()
            .find(|d| d.code == code && d.message.contains(text))
            .map_or_else(
                || panic!("{code:?} {text}: {:?}", analysis.diagnostics),
                |d| *built.origin(d.primary.span).expect("an origin"),
            )
    };
    assert_eq!(
        at(Code::AliasCollision, "given to both `Red` and `GREEN`"),
        22
    );
    assert_eq!(
        at(
            Code::InvalidStateName,
            "variant `GREEN` does not name a state"
        ),
        20
    );
    assert_eq!(at(Code::UnknownState, "no variant `red`"), 21);
}
