//! No schema can exhaust the tool: the shapes that once took minutes and gigabytes
//! (a 1,000-deep `extends` chain, `*` over 10,000 states, a 100,000-state status) are
//! refused with a located error or handled in linear time and space.
//!
//! The assertions count rather than time, so they cannot be flaky: output sizes per
//! item, and the ratio of sizes between a schema and one twice as large. Wall-clock
//! figures are in docs/contributing/performance.md, section Scale (`benches/scale.sh`).

use std::fmt::Write;

use status_schema::__unstable::{MAX_EXTENDS_DEPTH, MAX_RESOLVED_SIZE};
use status_schema::diagnostic::render;
use status_schema::targets::{Options, Target};
use status_schema::{Code, SourceFile, analyze};

/// `S0` with two states, then `S1` … `S{n-1}`, each extending the one before and adding a
/// state with two transitions.
fn chain(n: usize) -> String {
    let mut out = String::from(
        "schema_version = 1\n\n[status.S0]\nstates = [\"a\", \"b\"]\ninitial = \"a\"\n\
         terminal = [\"b\"]\ntransitions = { a = [\"b\"] }\n",
    );
    for i in 1..n {
        let _ = write!(
            out,
            "\n[status.S{i}]\nextends = \"S{}\"\nadd = [\"x{i}\"]\n\
             transitions = {{ a = [\"x{i}\"], x{i} = [\"b\"] }}\n",
            i - 1
        );
    }
    out
}

/// One status of `n` states on one line, whose transitions are `"*" = targets`.
fn star(n: usize, targets: &[usize]) -> String {
    let states: Vec<String> = (0..n).map(|i| format!("\"s{i}\"")).collect();
    let targets: Vec<String> = targets.iter().map(|i| format!("\"s{i}\"")).collect();
    format!(
        "schema_version = 1\n[status.Big]\nstates = [{}]\ninitial = \"s0\"\n\
         terminal = [\"s{}\"]\ntransitions = {{ \"*\" = [{}] }}\n",
        states.join(", "),
        n - 1,
        targets.join(", ")
    )
}

/// One status of `n` states in a line: `s0 → s1 → … → s{n-1}`.
fn line(n: usize) -> String {
    let states: Vec<String> = (0..n).map(|i| format!("\"s{i}\"")).collect();
    let edges: Vec<String> = (0..n - 1)
        .map(|i| format!("s{i} = [\"s{}\"]", i + 1))
        .collect();
    format!(
        "schema_version = 1\n[status.Big]\nstates = [{}]\ninitial = \"s0\"\n\
         terminal = [\"s{}\"]\ntransitions = {{ {} }}\n",
        states.join(", "),
        n - 1,
        edges.join(", ")
    )
}

fn codes(text: &str) -> (Option<status_schema::Schema>, Vec<Code>, SourceFile) {
    let file = SourceFile::new("scale.toml", text);
    let analysis = analyze(&file);
    let codes = analysis.diagnostics.iter().map(|d| d.code).collect();
    (analysis.schema, codes, file)
}

#[test]
fn a_chain_at_the_depth_limit_resolves_and_one_past_it_is_refused_once() {
    let (schema, found, _) = codes(&chain(MAX_EXTENDS_DEPTH + 1));
    assert!(schema.is_some(), "{found:?}");
    let (schema, found, _) = codes(&chain(MAX_EXTENDS_DEPTH + 2));
    assert!(schema.is_none());
    assert_eq!(found, [Code::ExtendsTooDeep]);
}

#[test]
fn a_thousand_deep_chain_is_one_error() {
    let (schema, found, file) = codes(&chain(1000));
    assert!(schema.is_none());
    assert_eq!(found, [Code::ExtendsTooDeep]);
    let analysis = analyze(&file);
    let text = render::to_string(&file, analysis.diagnostics.as_slice());
    assert!(text.contains("`S17` is 17 `extends` deep"), "{text}");
}

#[test]
fn a_wildcard_to_every_state_is_refused_before_it_is_expanded() {
    let n = 10_000;
    let every: Vec<usize> = (0..n).collect();
    let (schema, found, file) = codes(&star(n, &every));
    assert!(schema.is_none());
    assert_eq!(found, [Code::SchemaTooLarge]);
    let analysis = analyze(&file);
    let diagnostic = &analysis.diagnostics.as_slice()[0];
    // Located: at the status, and at the `*` that expands.
    assert_eq!(file.slice(diagnostic.primary.span), "Big");
    assert_eq!(file.slice(diagnostic.secondary[0].span), "\"*\"");
}

#[test]
fn the_budget_admits_what_it_promises() {
    // 1,000 states with `*` to 500 of them: about half a million transitions, resolved.
    let half: Vec<usize> = (0..500).collect();
    let (schema, found, _) = codes(&star(1000, &half));
    let schema = schema.expect("within the budget");
    assert!(!found.contains(&Code::SchemaTooLarge));
    let edges = schema.statuses()[0].transitions().len();
    assert!(edges > 400_000 && edges < MAX_RESOLVED_SIZE, "{edges}");
}

#[test]
fn warnings_on_a_long_line_render_in_linear_size() {
    // 10,000 states on one 89 kB line, 9,998 of them unreachable: each warning used to
    // print the whole line (1.3 GB in all).
    let n = 10_000;
    let (schema, found, file) = codes(&star(n, &[n - 1]));
    assert!(schema.is_some());
    assert_eq!(found.len(), n - 2);
    let analysis = analyze(&file);
    let text = render::to_string(&file, analysis.diagnostics.as_slice());
    let per_warning = text.len() / found.len();
    assert!(per_warning < 600, "{per_warning} bytes per warning");
    // Locations are still exact.
    assert!(text.contains("scale.toml:3:"), "{}", &text[..400]);
}

#[test]
fn generated_rust_grows_linearly_with_states() {
    let size = |n: usize| {
        let schema = analyze(&SourceFile::new("scale.toml", line(n)))
            .schema
            .expect("valid");
        Target::Rust
            .generate(&schema, "scale.toml", &Options::default())
            .expect("default options")
            .len()
    };
    let (small, large) = (size(2_000), size(4_000));
    // A bit table would make the second four times the first; allow for longer names.
    assert!(
        10 * large < 23 * small,
        "{small} → {large} bytes: more than ×2.3"
    );
    assert!(large / 4_000 < 500, "{} bytes per state", large / 4_000);
}
