//! What a schema resolves to: inheritance, merging, `remove` cascades, `*` expansion, events
//! and conversion tables, checked against the model directly.

use status_schema::model::RenameRule;
use status_schema::model::{ConversionKind, Schema, Status};
use std::fmt::Write as _;

use status_schema::{SourceFile, analyze};

fn schema(text: &str) -> Schema {
    let file = SourceFile::new("test.toml", format!("schema_version = 1\n{text}"));
    let analysis = analyze(&file);
    let rendered =
        status_schema::diagnostic::render::to_string(&file, analysis.diagnostics.as_slice());
    assert!(
        analysis.diagnostics.is_empty(),
        "unexpected diagnostics:\n{rendered}"
    );
    analysis.schema.expect("no errors, so a model")
}

fn names(status: &Status) -> Vec<&str> {
    status
        .states()
        .iter()
        .map(status_schema::model::State::name)
        .collect()
}

/// Every edge as `from->to`, in the model's order.
fn edges(status: &Status) -> Vec<String> {
    status
        .transitions()
        .iter()
        .map(|t| {
            format!(
                "{}->{}",
                status.state(t.from()).name(),
                status.state(t.to()).name()
            )
        })
        .collect()
}

const BASE: &str = r#"
[status.Base]
states = ["pending", "running", "done", "failed", "blocked"]
initial = "pending"
terminal = ["done", "failed"]
transitions = { pending = ["running", "blocked"], running = ["done", "failed", "blocked"], blocked = ["pending"] }
aliases = { started = "running", stuck = "blocked" }
labels = { blocked = "On hold" }
docs = { blocked = "Waiting." }
wire = { done = "finished" }
"#;

#[test]
fn an_extension_starts_as_a_copy_of_its_base() {
    let s = schema(&format!("{BASE}\n[status.Copy]\nextends = \"Base\"\n"));
    let (base, copy) = (s.status("Base").unwrap(), s.status("Copy").unwrap());
    assert_eq!(names(copy), names(base));
    assert_eq!(edges(copy), edges(base));
    assert_eq!(copy.initial(), base.initial());
    assert_eq!(copy.aliases().len(), 2);
    let blocked = copy.state(copy.state_id("blocked").unwrap());
    assert_eq!(blocked.label(), "On hold");
    assert_eq!(blocked.doc(), Some("Waiting."));
    assert_eq!(blocked.declared_in(), "Base");
    assert_eq!(
        copy.state(copy.state_id("done").unwrap()).wire(),
        "finished"
    );
    assert_eq!(copy.extends(), Some("Base"));
}

/// A base that reads another spelling as an alias, and an extension whose own wire value is
/// that spelling (the TypeScript copy writes `canceled`, the Python enum `cancelled`): no
/// redundant-alias warning, since removing the alias would break the base.
#[test]
fn an_extension_may_write_its_bases_alias() {
    let schema = schema(
        "[status.Order]\nstates = [\"open\", \"cancelled\"]\naliases = { canceled = \"cancelled\" }\n\
         [status.WebOrder]\nextends = \"Order\"\nadd = [\"refunded\"]\nwire = { cancelled = \"canceled\" }\n",
    );
    let web = schema.status("WebOrder").expect("WebOrder");
    let cancelled = web
        .states()
        .iter()
        .find(|s| s.name() == "cancelled")
        .expect("state");
    assert_eq!(cancelled.wire(), "canceled");
}

#[test]
fn maps_merge_and_scalars_replace() {
    let s = schema(&format!(
        r#"{BASE}
[status.Ext]
extends = "Base"
add = ["rolled_back"]
initial = "blocked"
terminal = ["done", "rolled_back"]
transitions = {{ failed = ["rolled_back"] }}
aliases = {{ stuck = "pending", reverted = "rolled_back" }}
labels = {{ rolled_back = "Rolled back" }}
rename_all = "SCREAMING_SNAKE_CASE"
case_insensitive = false
fallback = "pending"
"#
    ));
    let ext = s.status("Ext").unwrap();
    assert_eq!(
        names(ext),
        [
            "pending",
            "running",
            "done",
            "failed",
            "blocked",
            "rolled_back"
        ]
    );
    assert_eq!(ext.state(ext.initial().unwrap()).name(), "blocked");
    let terminal: Vec<_> = ext
        .terminal_states()
        .map(status_schema::model::State::name)
        .collect();
    assert_eq!(
        terminal,
        ["done", "rolled_back"],
        "terminal replaces, it does not merge"
    );
    assert!(edges(ext).contains(&"failed->rolled_back".to_owned()));
    assert!(
        edges(ext).contains(&"pending->running".to_owned()),
        "inherited edges stay"
    );
    // `stuck` is re-pointed by the extension; `started` is inherited unchanged.
    let alias = |text: &str| {
        ext.aliases()
            .iter()
            .find(|a| a.spelling() == text)
            .map(|a| ext.state(a.state()).name())
    };
    assert_eq!(alias("stuck"), Some("pending"));
    assert_eq!(alias("started"), Some("running"));
    assert_eq!(alias("reverted"), Some("rolled_back"));
    assert_eq!(ext.rename_all(), RenameRule::ScreamingSnakeCase);
    assert!(!ext.case_insensitive());
    assert_eq!(
        ext.state(ext.state_id("running").unwrap()).wire(),
        "RUNNING"
    );
    assert_eq!(
        ext.state(ext.state_id("done").unwrap()).wire(),
        "finished",
        "explicit wire wins"
    );
    assert_eq!(ext.state(ext.fallback().unwrap()).name(), "pending");
    assert_eq!(ext.parse("whatever"), ext.fallback());
}

#[test]
fn doc_deprecated_and_into_are_not_inherited() {
    let s = schema(
        r#"
[status.Target]
states = ["a", "b"]
[status.Old]
doc = "old"
states = ["a", "b"]
deprecated = "use Target"
into.Target = { b = "a" }
[status.Newer]
extends = "Old"
"#,
    );
    let new = s.status("Newer").unwrap();
    assert!(new.doc().is_none());
    assert!(new.deprecated().is_none());
    assert!(s.conversion("Newer", "Target").is_none());
    assert!(s.conversion("Old", "Target").is_some());
}

#[test]
fn remove_cascades_into_everything_that_mentions_the_state() {
    let s = schema(&format!(
        r#"{BASE}
[status.NoBlock]
extends = "Base"
remove = ["blocked"]
[status.NoBlock.events]
kick = {{ from = "pending", to = "running" }}
"#
    ));
    let ext = s.status("NoBlock").unwrap();
    assert_eq!(names(ext), ["pending", "running", "done", "failed"]);
    assert_eq!(
        edges(ext),
        ["pending->running", "running->done", "running->failed"]
    );
    assert_eq!(
        ext.aliases().len(),
        1,
        "`stuck` pointed at the removed state"
    );
    // Events whose every source was removed go too; others lose just those sources.
    let s = schema(&format!(
        r#"{BASE}
[status.Base.events]
unblock = {{ from = "blocked", to = "pending" }}
stop = {{ from = ["running", "blocked"], to = "failed" }}
block = {{ from = "pending", to = "blocked" }}
[status.NoBlock]
extends = "Base"
remove = ["blocked"]
"#
    ));
    let ext = s.status("NoBlock").unwrap();
    let events: Vec<_> = ext
        .events()
        .iter()
        .map(status_schema::model::Event::name)
        .collect();
    assert_eq!(events, ["stop"]);
    assert_eq!(ext.events()[0].from(), [ext.state_id("running").unwrap()]);
}

#[test]
fn removing_the_initial_state_clears_it_until_replaced() {
    let s = schema(
        r#"
[status.Health]
states = ["healthy", "degraded", "unknown"]
[status.Verdict]
extends = "Health"
remove = ["unknown"]
"#,
    );
    assert_eq!(names(s.status("Verdict").unwrap()), ["healthy", "degraded"]);
    let s = schema(&format!(
        "{BASE}\n[status.Ext]\nextends = \"Base\"\nremove = [\"pending\"]\ninitial = \"blocked\"\ntransitions = {{ blocked = [\"running\"] }}\n"
    ));
    let ext = s.status("Ext").unwrap();
    assert_eq!(ext.state(ext.initial().unwrap()).name(), "blocked");
}

#[test]
fn chains_of_extends_resolve_bases_first_wherever_they_are_declared() {
    // Declared child-first: resolution must not depend on file order.
    let s = schema(
        r#"
[status.C]
extends = "B"
add = ["c"]
terminal = ["c"]
transitions = { b = ["c"] }
[status.B]
extends = "A"
add = ["b"]
terminal = ["b"]
transitions = { a = ["b"] }
into.A = { b = "a" }
[status.A]
states = ["start", "a"]
initial = "start"
terminal = ["a"]
transitions = { start = ["a"] }
"#,
    );
    let c = s.status("C").unwrap();
    assert_eq!(names(c), ["start", "a", "b", "c"]);
    assert_eq!(edges(c), ["start->a", "a->b", "b->c"]);
    assert_eq!(c.extends(), Some("B"));
    assert_eq!(s.status("B").unwrap().extends(), Some("A"));
    // C → A goes through B's projection: b ↦ a; c has no image in A.
    let to_a = s.conversion("C", "A").unwrap();
    assert_eq!(to_a.kind(), ConversionKind::ToBase);
    let image = |name: &str| {
        to_a.get(c.state_id(name).unwrap())
            .map(|id| s.status("A").unwrap().state(id).name().to_owned())
    };
    assert_eq!(image("b").as_deref(), Some("a"));
    assert_eq!(image("c"), None);
    assert!(!to_a.is_total());
    assert_eq!(
        s.conversion("A", "C").unwrap().kind(),
        ConversionKind::FromBase
    );
    assert!(s.conversion("A", "C").unwrap().is_total());
}

#[test]
fn wildcard_expands_after_extends_to_every_non_terminal_state() {
    let s = schema(
        r#"
[status.Job]
states = ["queued", "running", "done", "cancelled"]
initial = "queued"
terminal = ["done", "cancelled"]
transitions = { queued = ["running"], running = ["done"], "*" = ["cancelled"] }
[status.PausableJob]
extends = "Job"
add = ["paused"]
transitions = { running = ["paused"], paused = ["running"] }
"#,
    );
    let base = s.status("Job").unwrap();
    assert_eq!(
        edges(base),
        [
            "queued->running",
            "queued->cancelled",
            "running->done",
            "running->cancelled"
        ]
    );
    let ext = s.status("PausableJob").unwrap();
    assert!(
        edges(ext).contains(&"paused->cancelled".to_owned()),
        "`*` covers added states"
    );
    assert!(
        !edges(ext)
            .iter()
            .any(|e| e.starts_with("done->") || e == "cancelled->cancelled")
    );
}

#[test]
fn event_edges_join_the_transition_relation() {
    let s = schema(
        r#"
[status.Phase]
states = ["pending", "in_progress", "complete", "needs_rerun"]
initial = "pending"
[status.Phase.events]
start = { from = ["pending", "needs_rerun"], to = "in_progress" }
complete = { from = "in_progress", to = "complete" }
mark_needs_rerun = { from = "complete", to = "needs_rerun" }
reset = { from = "*", to = "pending" }
"#,
    );
    let phase = s.status("Phase").unwrap();
    let reset = phase.event("reset").unwrap();
    assert_eq!(reset.variant(), "Reset");
    assert_eq!(reset.from().len(), 3, "every state but the target itself");
    assert!(phase.can_transition(
        phase.state_id("complete").unwrap(),
        phase.state_id("pending").unwrap()
    ));
    assert!(!phase.can_transition(
        phase.state_id("pending").unwrap(),
        phase.state_id("pending").unwrap()
    ));
    assert!(phase.has_lifecycle());
}

#[test]
fn conversions_are_total_or_partial_by_their_table() {
    let s = schema(
        r#"
[status.WorkflowStatus]
states = ["initiated", "running", "paused", "completed", "failed", "cancelled"]
[status.PipelineStatus]
states = ["created", "queued", "running", "success", "failed", "cancelled", "paused"]
into.WorkflowStatus = { created = "initiated", queued = "initiated", success = "completed" }
[status.Outcome]
states = ["success", "failure", "timeout"]
into.WorkflowStatus = { success = "completed", failure = "failed" }
"#,
    );
    let pipeline = s.conversion("PipelineStatus", "WorkflowStatus").unwrap();
    assert_eq!(pipeline.kind(), ConversionKind::Explicit);
    assert!(
        pipeline.is_total(),
        "explicit entries plus same names cover every state"
    );
    let outcome = s.conversion("Outcome", "WorkflowStatus").unwrap();
    assert!(!outcome.is_total(), "timeout has no image");
    assert!(
        s.conversion("WorkflowStatus", "PipelineStatus").is_none(),
        "into is one-way"
    );
    assert_eq!(
        s.conversions().len(),
        2,
        "unrelated statuses get no conversion"
    );
}

#[test]
fn plain_value_sets_have_no_lifecycle() {
    let s = schema("[status.Verdict]\nstates = [\"pass\", \"warn\", \"fail\"]\n");
    let verdict = s.status("Verdict").unwrap();
    assert!(!verdict.has_lifecycle());
    assert_eq!(
        verdict
            .successors(verdict.state_id("pass").unwrap())
            .count(),
        0
    );
}

#[test]
fn parsing_follows_spellings_and_the_case_rule() {
    let s = schema(
        r#"
[status.Loud]
states = ["in_progress"]
rename_all = "SCREAMING_SNAKE_CASE"
aliases = { running = "in_progress" }
[status.Exact]
states = ["in_progress"]
case_insensitive = false
"#,
    );
    let loud = s.status("Loud").unwrap();
    assert_eq!(
        loud.parse("IN_PROGRESS"),
        Some(loud.state_id("in_progress").unwrap())
    );
    assert_eq!(loud.parse("In_Progress"), loud.parse("IN_PROGRESS"));
    assert_eq!(loud.parse("RUNNING"), loud.parse("IN_PROGRESS"));
    assert_eq!(loud.parse("in-progress"), None);
    let exact = s.status("Exact").unwrap();
    assert!(exact.parse("in_progress").is_some());
    assert!(exact.parse("IN_PROGRESS").is_none());
}

#[test]
fn the_root_schema_is_clean() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../statuses.toml");
    let (file, analysis) =
        status_schema::analyze_bytes("statuses.toml", &std::fs::read(path).unwrap());
    let rendered =
        status_schema::diagnostic::render::to_string(&file, analysis.diagnostics.as_slice());
    assert!(analysis.diagnostics.is_empty(), "{rendered}");
    let schema = analysis.schema.unwrap();
    for name in [
        "BaseTaskStatus",
        "BaseWorkflowStatus",
        "BaseResourceStatus",
        "BaseHealthStatus",
        "TaskStatus",
        "InitStatus",
        "PhaseState",
        "WorkflowStatus",
        "PipelineStatus",
        "RunState",
        "TaskState",
        "WorkstreamState",
        "PatchLedgerState",
        "TestGateState",
        "CircuitBreakerState",
    ] {
        assert!(schema.status(name).is_some(), "{name} is modelled");
    }
    // Seed 003's fix: every legacy pipeline value maps onto a workflow status.
    assert!(
        schema
            .conversion("PipelineStatus", "WorkflowStatus")
            .unwrap()
            .is_total()
    );
}

#[test]
fn reserved_values_are_kept_and_may_not_spell_a_state() {
    let s = schema(
        r#"
[status.Pipeline]
states = ["pending", "completed"]
reserved = ["success", "ok"]
"#,
    );
    let pipeline = s.status("Pipeline").unwrap();
    assert_eq!(pipeline.reserved().collect::<Vec<_>>(), ["success", "ok"]);
    // As a wire value, under the case rule, it is refused.
    let text =
        "schema_version = 1\n[status.P]\nstates = [\"pending\", \"done\"]\nreserved = [\"DONE\"]\n";
    let analysis = analyze(&SourceFile::new("s.toml", text));
    let codes: Vec<_> = analysis.diagnostics.iter().map(|d| d.code.id()).collect();
    assert_eq!(codes, ["E048"]);
}

/// Each status counts for the code generated for it: half a million one-state statuses fit
/// in 16 MiB and asked for gigabytes of code (found by the attack on issue 27). Some 15,000
/// still pass; past them E051 says the statuses are what counts.
#[test]
fn each_status_counts_toward_the_size_limit() {
    let schema = |count: usize| {
        let mut text = String::from("schema_version = 1\n");
        for i in 0..count {
            let _ = writeln!(text, "[status.S{i}]\nstates = [\"a\"]");
        }
        status_schema::analyze(&status_schema::SourceFile::new("many.toml", text))
    };
    assert!(!schema(15_000).diagnostics.has_errors());
    let refused = schema(16_000);
    let e051 = refused
        .diagnostics
        .iter()
        .find(|d| d.code == status_schema::Code::SchemaTooLarge)
        .expect("E051");
    assert!(
        e051.notes
            .iter()
            .any(|n| n.contains("16,000 statuses count 1,024,000")),
        "{:?}",
        e051.notes
    );
}

/// Each extension copies its base's labels and docs: a base of long event docs, extended
/// many times, fits in a few megabytes and resolves to gigabytes of text (found by the
/// attack on issue 27: 8 GB for `check`). Past 64 MiB of resolved text, E051.
#[test]
fn inherited_text_counts_toward_the_size_limit() {
    let schema = |extensions: usize| {
        let mut text = String::from(
            "schema_version = 1\n[status.Base]\nstates = [\"a\", \"b\"]\nterminal = [\"b\"]\n[status.Base.events]\n",
        );
        let doc = "d".repeat(8000);
        for i in 0..100 {
            let _ = writeln!(
                text,
                "e{i} = {{ from = \"a\", to = \"b\", doc = \"{doc}\" }}"
            );
        }
        for i in 0..extensions {
            let _ = writeln!(text, "[status.E{i}]\nextends = \"Base\"");
        }
        analyze(&SourceFile::new("docs.toml", text))
    };
    assert!(!schema(10).diagnostics.has_errors());
    let refused = schema(90);
    let e051 = refused
        .diagnostics
        .iter()
        .find(|d| d.code == status_schema::Code::SchemaTooLarge)
        .expect("E051");
    assert!(
        e051.message.contains("MiB of labels and docs"),
        "{}",
        e051.message
    );
}
