//! Generates, in build.rs mode, the root schema, the representative fixture that
//! `status-schema`'s snapshots pin, and the hostile fixture (text that every target treats
//! as syntax); writes the bare enums of the root schema for derive
//! mode (every other one with its variants reversed, as a hand-written enum may order
//! them); and lists the types, so tests can visit every status without naming them.

use std::fmt::Write;
use std::path::Path;

fn main() {
    status_schema::build::compile("../../statuses.toml").unwrap();
    status_schema::build::compile("../../status-schema/tests/rust/representative.toml").unwrap();
    status_schema::build::compile("../../status-schema/tests/hostile/hostile.toml").unwrap();
    // The last version of the migration chain: its enums read the columns `gen sql --since`
    // leaves behind.
    status_schema::build::compile("tests/migrations/v4.toml").unwrap();
    let out_dir = std::env::var("OUT_DIR").unwrap();
    // Statuses past the thresholds where the generator switches to its large-status forms
    // (successor search for `can_transition_to`, a sorted table for parsing): written here
    // rather than checked in, as the schema is long and regular.
    let large = Path::new(&out_dir).join("large.toml");
    std::fs::write(&large, large_schema()).unwrap();
    status_schema::build::compile(&large).unwrap();
    std::fs::write(
        Path::new(&out_dir).join("derived.rs"),
        bare_enums("../../statuses.toml"),
    )
    .unwrap();
    for (schema, module) in [
        ("../../statuses.toml", "root"),
        (
            "../../status-schema/tests/rust/representative.toml",
            "representative",
        ),
        ("../../status-schema/tests/hostile/hostile.toml", "hostile"),
        ("../../statuses.toml", "derived"),
        (large.to_str().unwrap(), "large"),
    ] {
        std::fs::write(
            Path::new(&out_dir).join(format!("visit_{module}.rs")),
            visit_body(schema, module),
        )
        .unwrap();
        std::fs::write(
            Path::new(&out_dir).join(format!("conversions_{module}.rs")),
            conversions_body(schema, module),
        )
        .unwrap();
    }
}

/// `#[derive(StatusMachine)] #[status(schema = …)] pub enum S { … }` per status: only the
/// variants, as a user would write them; the derive does the rest.
fn bare_enums(schema: &str) -> String {
    let model = load(schema);
    let mut out = String::new();
    for (i, status) in model.statuses().iter().enumerate() {
        let mut variants: Vec<&str> = status
            .states()
            .iter()
            .map(status_schema::model::State::variant)
            .collect();
        if i % 2 == 1 {
            variants.reverse();
        }
        // Every conversion out of this status, so derive mode generates each one too.
        let into: Vec<&str> = model
            .conversions_from(status.name())
            .map(status_schema::model::Conversion::to)
            .collect();
        let conversions = if into.is_empty() {
            String::new()
        } else {
            format!(", into({})", into.join(", "))
        };
        let mut body = String::new();
        for variant in &variants {
            writeln!(body, "    /// `{variant}`.\n    {variant},").unwrap();
        }
        writeln!(
            out,
            "/// `{name}`, hand-written.\n\
             #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, ::statuskit::StatusMachine)]\n\
             #[status(schema = \"{schema}\"{conversions})]\n\
             pub enum {name} {{\n{variants}}}\n",
            name = status.name(),
            variants = body,
        )
        .unwrap();
    }
    out
}

/// Two statuses above `status_schema::__unstable::SPARSE_ABOVE` states and `TABLE_ABOVE`
/// spellings: one ignoring case, with aliases, a `*` and irregular edges; one
/// case-sensitive, SCREAMING_SNAKE_CASE, with wire overrides in mixed case.
fn large_schema() -> String {
    let n = status_schema::__unstable::SPARSE_ABOVE + 44;
    assert!(n + n / 10 > status_schema::__unstable::TABLE_ABOVE);
    let states: Vec<String> = (0..n).map(|i| format!("\"s{i}\"")).collect();
    let mut out = format!(
        "schema_version = 1\n\n[status.LargeStatus]\nstates = [{}]\ninitial = \"s0\"\nterminal = [\"s{}\"]\n",
        states.join(", "),
        n - 1
    );
    // Each state moves on, and jumps (7 i + 3) mod n; every non-terminal one may also end.
    out.push_str(
        "transitions = { \"*\" = [\"s{last}\"]"
            .replace("{last}", &(n - 1).to_string())
            .as_str(),
    );
    for i in 0..n - 1 {
        write!(out, ", s{i} = [\"s{}\", \"s{}\"]", i + 1, (7 * i + 3) % n).unwrap();
    }
    out.push_str(" }\n");
    let aliases: Vec<String> = (0..n)
        .step_by(10)
        .map(|i| format!("old_{i} = \"s{i}\""))
        .collect();
    writeln!(out, "aliases = {{ {} }}\n", aliases.join(", ")).unwrap();

    writeln!(
        out,
        "[status.LargeExact]\nstates = [{}]\nrename_all = \"SCREAMING_SNAKE_CASE\"\ncase_insensitive = false",
        states.join(", ")
    )
    .unwrap();
    let wire: Vec<String> = (0..n)
        .step_by(3)
        .map(|i| format!("s{i} = \"Mixed{i}x\""))
        .collect();
    writeln!(out, "wire = {{ {} }}", wire.join(", ")).unwrap();
    out
}

fn load(schema: &str) -> status_schema::Schema {
    let text = std::fs::read_to_string(schema).unwrap();
    let file = status_schema::SourceFile::new(schema, text);
    status_schema::analyze(&file).schema.expect("valid schema")
}

/// `{ visitor.total::<module::A, module::B>(); … }` over every conversion of `schema`.
fn conversions_body(schema: &str, module: &str) -> String {
    let model = load(schema);
    let mut body = String::from("{\n");
    for c in model.conversions() {
        let kind = if c.is_total() { "total" } else { "partial" };
        writeln!(
            body,
            "    visitor.{kind}::<crate::{module}::{}, crate::{module}::{}>();",
            c.from(),
            c.to()
        )
        .unwrap();
    }
    body.push('}');
    body
}

/// `{ visitor.visit::<module::A>(); … }` over every status of `schema`.
fn visit_body(schema: &str, module: &str) -> String {
    let model = load(schema);
    let mut body = String::from("{\n");
    for status in model.statuses() {
        writeln!(
            body,
            "    visitor.visit::<crate::{module}::{}>();",
            status.name()
        )
        .unwrap();
    }
    body.push('}');
    body
}
