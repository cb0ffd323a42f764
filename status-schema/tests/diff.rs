//! `statuskit diff`'s rules: one pair of schemas per rule under `tests/diff/CODE-name/`
//! (`old.toml`, `new.toml`) must report that rule, with its output pinned; clean changes
//! report nothing of the categories they keep; and comparing stays fast at scale.

use std::path::Path;

use status_schema::diagnostic::{Severity, render};
use status_schema::diff::{Category, Change, Policy, Side, diff};
use status_schema::{Code, Schema, SourceFile, analyze};

fn load(path: &Path, name: &str) -> (SourceFile, Schema) {
    let text = std::fs::read_to_string(path).expect("pair file");
    let file = SourceFile::new(name, text);
    let analysis = analyze(&file);
    let schema = analysis.schema.unwrap_or_else(|| {
        panic!(
            "{name} is invalid:\n{}",
            render::to_string(&file, analysis.diagnostics.as_slice())
        )
    });
    (file, schema)
}

/// The pair in `dir`, compared under `policy`, rendered as the CLI prints it.
fn compare(dir: &Path, policy: &Policy) -> (Vec<Change>, String) {
    let stem = dir.file_name().expect("dir").to_string_lossy().into_owned();
    let (old_file, old) = load(&dir.join("old.toml"), &format!("{stem}/old.toml"));
    let (new_file, new) = load(&dir.join("new.toml"), &format!("{stem}/new.toml"));
    let changes = diff(&old, &new, policy);
    let mut text = String::new();
    for change in &changes {
        let file = if change.side == Side::Old {
            &old_file
        } else {
            &new_file
        };
        text.push_str(&render::to_string(
            file,
            std::slice::from_ref(&change.diagnostic),
        ));
    }
    (changes, text)
}

fn pairs() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff");
    let mut dirs: Vec<_> = std::fs::read_dir(root)
        .expect("tests/diff")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_rule_is_pinned_by_its_pair() {
    for dir in pairs() {
        let stem = dir.file_name().expect("dir").to_string_lossy().into_owned();
        let Some(code) = Code::ALL.iter().find(|c| stem.starts_with(c.id())) else {
            continue;
        };
        let (changes, text) = compare(&dir, &Policy::default());
        assert!(
            changes.iter().any(|c| c.diagnostic.code == *code),
            "{stem} does not report {code}:\n{text}"
        );
        insta::assert_snapshot!(stem, text);
    }
}

#[test]
fn every_diff_rule_has_a_pair() {
    let stems: Vec<String> = pairs()
        .iter()
        .map(|p| p.file_name().expect("dir").to_string_lossy().into_owned())
        .collect();
    for code in Code::ALL.iter().filter(|c| Category::of(**c).is_some()) {
        let dir = format!("{}-{}", code.id(), code.name());
        assert!(stems.contains(&dir), "no tests/diff/{dir}/ for {code}");
    }
}

/// A pipeline's `success` renamed `completed`, the old value kept as an alias: no stored
/// value becomes unreadable, and the variant's rename is a source change. What is stored
/// and written changes as it does for a changed `wire`, so the rolling-deploy rules apply:
/// the previous release cannot read `completed` (B008) until a release that reads it as an
/// alias ran first, and its queries by `success` find no rows once they are rewritten
/// (B010). Found by the new-user trial of issue 27: a rename reported neither.
#[test]
fn a_rename_that_keeps_the_old_value_is_a_stored_value_rename() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff/clean-rename-with-alias");
    let (changes, text) = compare(&dir, &Policy::default());
    let codes: Vec<Code> = changes.iter().map(|c| c.diagnostic.code).collect();
    for unreadable in [Code::ValueUnreadable, Code::WireChanged, Code::AliasRemoved] {
        assert!(!codes.contains(&unreadable), "{text}");
    }
    assert!(codes.contains(&Code::WriteUnreadable), "{text}");
    assert!(codes.contains(&Code::StoredValueRenamed), "{text}");
    // After a release that reads `completed` (the expand step), only the rename of what
    // is stored is left.
    let old = std::fs::read_to_string(dir.join("old.toml")).expect("old");
    let expanded = format!("{old}aliases = {{ completed = \"success\" }}\n");
    let new = std::fs::read_to_string(dir.join("new.toml")).expect("new");
    let codes = codes_of(&expanded, &new);
    assert!(!codes.contains(&Code::WriteUnreadable), "{codes:?}");
    assert!(codes.contains(&Code::StoredValueRenamed), "{codes:?}");
    // Without the alias, `success` is named as unreadable.
    let (old_file, old) = load(&dir.join("old.toml"), "old.toml");
    let text = std::fs::read_to_string(dir.join("new.toml")).expect("new");
    let without = text.replace("aliases = { success = \"completed\" }", "");
    let new = analyze(&SourceFile::new("new.toml", without))
        .schema
        .expect("valid");
    let changes = diff(&old, &new, &Policy::default());
    let unreadable = changes
        .iter()
        .find(|c| c.diagnostic.code == Code::ValueUnreadable)
        .unwrap_or_else(|| panic!("{changes:?}"));
    assert!(unreadable.diagnostic.message.contains("`success`"));
    assert_eq!(unreadable.diagnostic.severity(), Severity::Error);
    assert_eq!(
        old_file.slice(unreadable.diagnostic.primary.span),
        "\"success\""
    );
}

#[test]
fn the_policy_decides_what_fails() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff/B105-state-added");
    let (changes, _) = compare(&dir, &Policy::default());
    assert!(
        changes
            .iter()
            .any(|c| c.diagnostic.severity() == Severity::Error)
    );
    let mut policy = Policy::default();
    policy.allow.push("state-added".to_owned());
    let (changes, _) = compare(&dir, &policy);
    assert!(
        changes
            .iter()
            .all(|c| c.diagnostic.severity() != Severity::Error)
    );
    // Added moves are notes under any policy; behaviour is not denied by default.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff/B204-move-added");
    let mut policy = Policy::default();
    policy.deny = Category::ALL.to_vec();
    let (changes, _) = compare(&dir, &policy);
    assert!(
        changes
            .iter()
            .all(|c| c.diagnostic.severity() == Severity::Note)
    );
}

#[test]
fn a_schema_compared_with_itself_has_no_changes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../statuses.toml");
    let (_, schema) = load(&root, "statuses.toml");
    assert!(diff(&schema, &schema, &Policy::default()).is_empty());
}

/// Each rule's `safe.toml` makes a change next to the rule's (or the same change done
/// right: an alias kept, a value reserved, a conversion kept total) that the rule must
/// not report.
#[test]
fn no_rule_reports_the_change_done_right() {
    for dir in pairs() {
        let stem = dir.file_name().expect("dir").to_string_lossy().into_owned();
        let Some(code) = Code::ALL.iter().find(|c| stem.starts_with(c.id())) else {
            continue;
        };
        let safe = dir.join("safe.toml");
        assert!(safe.exists(), "{stem} has no safe.toml");
        let (_, old) = load(&dir.join("old.toml"), "old.toml");
        let (_, new) = load(&safe, "safe.toml");
        let changes = diff(&old, &new, &Policy::default());
        assert!(
            changes.iter().all(|c| c.diagnostic.code != *code),
            "{stem}/safe.toml reports {code}: {changes:#?}"
        );
    }
}

#[test]
fn a_changed_fallback_is_a_wire_change() {
    let schema = |fallback: &str| {
        let text = format!(
            "schema_version = 1\n[status.Job]\nstates = [\"queued\", \"done\", \"unknown\"]\nfallback = \"{fallback}\"\n"
        );
        analyze(&SourceFile::new("s.toml", text))
            .schema
            .expect("valid")
    };
    let changes = diff(&schema("unknown"), &schema("done"), &Policy::default());
    let change = changes
        .iter()
        .find(|c| c.diagnostic.code == Code::FallbackRemoved)
        .unwrap_or_else(|| panic!("{changes:?}"));
    assert_eq!(change.category, Category::Wire);
    assert!(
        change
            .diagnostic
            .message
            .contains("from `unknown` to `done`")
    );
}

fn schema(text: &str) -> Schema {
    analyze(&SourceFile::new(
        "s.toml",
        format!("schema_version = 1\n{text}"),
    ))
    .schema
    .expect("valid")
}

/// The codes of every change between two whole schema files.
fn codes_of(old: &str, new: &str) -> Vec<Code> {
    let load = |text: &str| {
        analyze(&SourceFile::new("s.toml", text))
            .schema
            .expect("valid")
    };
    diff(&load(old), &load(new), &Policy::default())
        .iter()
        .map(|c| c.diagnostic.code)
        .collect()
}

fn codes(old: &str, new: &str) -> Vec<Code> {
    diff(&schema(old), &schema(new), &Policy::default())
        .into_iter()
        .map(|c| c.diagnostic.code)
        .collect()
}

/// Renaming the fallback state while keeping its value: unknown values read as before, so
/// no wire change (the variant's rename is a source change).
#[test]
fn a_fallback_renamed_with_its_value_kept_is_no_wire_change() {
    let found = codes(
        "[status.Pay]\nstates = [\"paid\", \"unknown\"]\nfallback = \"unknown\"\n",
        "[status.Pay]\nstates = [\"paid\", \"other\"]\nfallback = \"other\"\nwire = { other = \"unknown\" }\n",
    );
    assert!(!found.contains(&Code::FallbackRemoved), "{found:?}");
    assert!(found.contains(&Code::VariantRemoved), "{found:?}");
}

/// A removed state read from now on through a legacy status that matches case exactly,
/// where the old status ignored case: `VOID` rows would fall to the fallback.
#[test]
fn a_case_sensitive_migration_path_does_not_cover_a_case_insensitive_status() {
    let old =
        "[status.Invoice]\nstates = [\"open\", \"void\", \"unknown\"]\nfallback = \"unknown\"\n";
    let through = |case_insensitive: bool| {
        format!(
            "[status.Invoice]\nstates = [\"open\", \"unknown\"]\nfallback = \"unknown\"\n[status.LegacyInvoice]\nstates = [\"void\"]\ncase_insensitive = {case_insensitive}\ninto.Invoice = {{ void = \"open\" }}\n"
        )
    };
    assert!(codes(old, &through(false)).contains(&Code::ValueUnreadable));
    assert!(!codes(old, &through(true)).contains(&Code::ValueUnreadable));
}

/// A move whose target is removed is a removed move for the rows in its source, and says
/// when they are left with no way out.
#[test]
fn a_removed_target_removes_its_moves() {
    let old = "[status.Order]\nstates = [\"paid\", \"shipped\", \"refunded\"]\nterminal = [\"refunded\"]\ntransitions = { paid = [\"shipped\"], shipped = [\"refunded\"] }\n";
    let new = "[status.Order]\nstates = [\"paid\", \"shipped\"]\ntransitions = { paid = [\"shipped\"] }\naliases = { refunded = \"paid\" }\n";
    let changes = diff(&schema(old), &schema(new), &Policy::default());
    let removed = changes
        .iter()
        .find(|c| c.diagnostic.code == Code::MoveRemoved)
        .unwrap_or_else(|| panic!("{changes:#?}"));
    assert!(
        removed.diagnostic.message.contains(
            "`shipped` → `refunded` (removed); rows in `shipped` can no longer move at all"
        ),
        "{}",
        removed.diagnostic.message
    );
}

/// From the attack on issue 23: case rules that merge values, and meaning-preserving
/// changes around the fallback that must not be reported.
#[test]
fn case_rules_that_merge_values_are_changes_in_meaning() {
    // `B` (state `high`) removed; with case ignored it would read as `low`.
    let found = codes(
        "[status.Flag]\nstates = [\"low\", \"high\"]\ncase_insensitive = false\nwire = { low = \"b\", high = \"B\" }\n",
        "[status.Flag]\nstates = [\"low\"]\nwire = { low = \"b\" }\n",
    );
    assert!(found.contains(&Code::ValueUnreadable), "{found:?}");
    // Case ignored from now on: `DONE` read as the fallback before, as `done` now.
    let found = codes(
        "[status.Job]\nstates = [\"done\", \"unknown\"]\ncase_insensitive = false\nfallback = \"unknown\"\n",
        "[status.Job]\nstates = [\"done\", \"unknown\"]\nfallback = \"unknown\"\n",
    );
    assert!(found.contains(&Code::FallbackValueClaimed), "{found:?}");
}

#[test]
fn the_same_fallback_under_another_name_or_value_reads_the_same() {
    let old = "[status.Job]\nstates = [\"done\", \"unknown\"]\nfallback = \"unknown\"\nreserved = [\"zzz\"]\n";
    for new in [
        // Renamed with its value kept, and an alias of it added.
        "[status.Job]\nstates = [\"done\", \"other\"]\nwire = { other = \"unknown\" }\nfallback = \"other\"\naliases = { misc = \"other\" }\nreserved = [\"zzz\"]\n",
        // Its value changed with the old one kept as an alias.
        "[status.Job]\nstates = [\"done\", \"unknown\"]\nwire = { unknown = \"?\" }\naliases = { unknown = \"unknown\" }\nfallback = \"unknown\"\nreserved = [\"zzz\"]\n",
        // A reserved value mapped to the fallback it was read as.
        "[status.Job]\nstates = [\"done\", \"unknown\"]\nfallback = \"unknown\"\naliases = { zzz = \"unknown\" }\n",
    ] {
        let found = codes(old, new);
        for code in [
            Code::FallbackValueClaimed,
            Code::WriteUnreadable,
            Code::ReservedReused,
            Code::FallbackRemoved,
        ] {
            assert!(!found.contains(&code), "{new}: {found:?}");
        }
    }
}

/// A target renamed with its old value kept as an alias is still reached: rows in `running`
/// that move to `success` are stored as `completed`, so no move is removed (found writing
/// the guide's page on changing a schema).
#[test]
fn a_move_to_a_renamed_state_kept_as_an_alias_is_not_removed() {
    let old = "[status.Pipeline]\nstates = [\"running\", \"success\", \"failed\"]\nterminal = [\"success\", \"failed\"]\ntransitions = { running = [\"success\", \"failed\"] }\n";
    let new = "[status.Pipeline]\nstates = [\"running\", \"completed\", \"failed\"]\nterminal = [\"completed\", \"failed\"]\ntransitions = { running = [\"completed\", \"failed\"] }\naliases = { success = \"completed\" }\n";
    assert!(!codes(old, new).contains(&Code::MoveRemoved));
    // Without the move to the new state, it is removed, named by its old target.
    let stuck = new.replace(
        "\"completed\", \"failed\"] }\naliases",
        "\"failed\"] }\naliases",
    );
    let changes = diff(&schema(old), &schema(&stuck), &Policy::default());
    assert!(
        changes
            .iter()
            .any(|c| c.diagnostic.code == Code::MoveRemoved
                && c.diagnostic
                    .message
                    .contains("`running` → `success` (removed)")),
        "{changes:#?}"
    );
}
