//! A draft `statuses.toml` from a report: a status per distinct status definition, named
//! after it, its states keeping the exact strings the code stores (`wire`, `rename_all`),
//! definitions of one name that differ only in spelling merged with `aliases`, a later
//! definition of a name with other members drafted as an extension of the first (`extends`,
//! `add`, `remove`), transitions from the code's own transition tables, and a comment per
//! status naming every place it came from. Each status is checked by statuskit's checker
//! before it is written; one that cannot be made to pass is written commented out, with the
//! reason.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use heck::{ToShoutySnakeCase, ToUpperCamelCase};

use crate::finding::Finding;
use crate::group::{SupersetIndex, canonical, name_key};
use crate::report::Report;
use status_schema::__unstable::toml_string;

mod moves;
mod names;
mod shape;

use moves::{Moves, Tables, transitions};
use names::{
    close_spelling, has_member_names, module_word, one_edit_apart, owner_words, spelling_keys,
    state_name,
};

/// The draft schema for `report`'s statuses (those of its findings that are statuses).
pub fn draft(report: &Report) -> String {
    let mut drafted = statuses(report);
    // A family's base (`BaseTaskStatus`) first, so the statuses built on it can extend it.
    drafted.sort_by_key(|d| !family(&d.model().name));
    // Each status's states by variant cluster, once, and indexed so that subset notes
    // look only at the statuses sharing a state.
    let sets: Vec<BTreeSet<String>> = drafted
        .iter()
        .map(|d| d.model().keys().map(canonical).collect())
        .collect();
    let supersets = SupersetIndex::new(&sets);
    let mut taken: BTreeSet<String> = BTreeSet::new();
    // The first status drafted for each name, which later definitions of it extend.
    let mut bases: BTreeMap<String, Base> = BTreeMap::new();
    // The family bases drafted so far, which enums of other names may extend.
    let mut families: Vec<Base> = Vec::new();
    // The first type drafted for each set of states (up to spelling): a type of another
    // name with the same states converts into it (`into`).
    let mut by_set: BTreeMap<&BTreeSet<String>, Base> = BTreeMap::new();
    // Each status's text, with the name it was written under (none when commented out).
    let mut blocks: Vec<(Option<String>, String)> = Vec::new();
    // Each transition table of one enum goes to the status it indexes; a table of bare
    // strings may serve every status it fits.
    let tables = Tables::new(&report.transition_tables, &drafted);
    for (index, status) in drafted.iter().enumerate() {
        let key = name_key(&status.model().name);
        // Once per status: every way of drafting it below starts from these.
        let states = status.states();
        // A later definition of a name extends the first where it differs; an enum of
        // another name extends a family's base even when it is a copy of it (a domain's
        // own type for the family's states).
        let same_name = bases.get(&key).into_iter().map(|b| (b, false));
        let family_member = families
            .iter()
            .filter(|_| status.definition())
            .map(|b| (b, true));
        let extension = same_name.chain(family_member).find_map(|(base, copy)| {
            let (name, text, states) =
                status.render_extension(index, &states, base, copy, &tables, &mut taken)?;
            Some((base.text.clone(), name, text, states))
        });
        if let Some((base_text, name, text, states)) = extension {
            // Later definitions of its name extend it in turn, checked with its base.
            bases.entry(key).or_insert(Base {
                name: name.clone(),
                text: format!("{base_text}\n{text}"),
                states,
            });
            blocks.push((Some(name), text));
            continue;
        }
        // A second definition of a name that could not extend the first says why.
        let unextended = bases.get(&key).map(|base| {
            format!(
                "# A second `{}`, not an extension of `{}`: its states are in another order,\n\
                 # or few are shared. Add `into` if one converts into the other.\n",
                comment_safe(&status.model().name),
                comment_safe(&base.name)
            )
        });
        let related = by_set
            .get(&sets[index])
            .filter(|_| status.definition())
            .filter(|b| name_key(&b.name) != key);
        let (text, name) = status.render(index, &states, &mut taken, &tables, related);
        if let Some(name) = &name {
            let base = Base {
                name: name.clone(),
                text: text.clone(),
                states,
            };
            if family(&status.model().name) {
                families.push(base.clone());
            }
            if status.definition() {
                by_set.entry(&sets[index]).or_insert_with(|| base.clone());
            }
            bases.entry(key).or_insert(base);
        }
        blocks.push((
            name,
            format!(
                "{}{}{text}",
                unextended.unwrap_or_default(),
                subset_note(index, &drafted, &sets, &supersets)
            ),
        ));
    }
    whole(blocks, report.zod_major)
}

/// The draft from its blocks, checked whole: what one status cannot show alone (two whose
/// generated names meet, an extension of one that was dropped) comments out the statuses
/// it is about, until the rest passes.
fn whole(mut blocks: Vec<(Option<String>, String)>, zod: Option<u8>) -> String {
    const HEADER: &str = "# Drafted by `statuskit audit --draft` from the definitions below; review each status,\n\
         # then run `statuskit check`.\nschema_version = 1\n";
    // The draft, and where each block's text is in it.
    let join = |blocks: &[(Option<String>, String)]| {
        let mut spans = Vec::with_capacity(blocks.len());
        let mut out = String::from(HEADER);
        out.push_str(DEFAULTS);
        if let Some(major) = zod {
            let _ = writeln!(
                out,
                "# The project depends on zod {major} (package.json): generate with `statuskit gen typescript\n# --zod={major}`, or `zod = {major}` in a `[[generate]]` entry."
            );
        }
        for (_, text) in blocks {
            out.push('\n');
            let start = out.len();
            out.push_str(text);
            spans.push(start..out.len());
        }
        (out, spans)
    };
    // Each round comments out at least one status, so this ends.
    loop {
        let (text, spans) = join(&blocks);
        let file = status_schema::SourceFile::new("draft.toml", text.as_str());
        let analysis = status_schema::analyze(&file);
        let errors: Vec<&status_schema::Diagnostic> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.severity() == status_schema::Severity::Error)
            .collect();
        if errors.is_empty() {
            return within_read_limit(text, &mut blocks, &join);
        }
        // Each error to the status it names, else to the block its text is in (E051 points
        // at the largest status's name, and is about the whole schema).
        let mut refused: BTreeMap<usize, String> = BTreeMap::new();
        for error in &errors {
            let at = error.primary.span.start;
            let block = error
                .status()
                .and_then(|s| blocks.iter().position(|(n, _)| n.as_deref() == Some(s)))
                .or_else(|| spans.iter().position(|r| r.contains(&at)))
                .filter(|&i| blocks[i].0.is_some());
            if let Some(i) = block {
                refused
                    .entry(i)
                    .or_insert_with(|| format!("{} {}", error.code.id(), error.message));
            }
        }
        // Too large as a whole (E051): not one status a round, which on a tree of 10,000
        // enums would analyze the draft hundreds of times, but the largest statuses at
        // once, until the estimate fits the limit.
        if let Some(error) = errors.iter().find(|e| e.code.id() == "E051") {
            let reason = format!("{} {}", error.code.id(), error.message);
            for i in over_budget(&text, &blocks) {
                refused.entry(i).or_insert_with(|| reason.clone());
            }
        }
        // An error in no status's text: the largest status goes, said why, until it passes.
        if refused.is_empty() {
            let largest = (0..blocks.len())
                .filter(|&i| blocks[i].0.is_some())
                .max_by_key(|&i| blocks[i].1.len());
            let Some(i) = largest else {
                return text;
            };
            let error = errors[0];
            refused.insert(i, format!("{} {}", error.code.id(), error.message));
        }
        for (i, reason) in refused {
            let (name, text) = &mut blocks[i];
            *text = commented(text, &reason);
            *name = None;
        }
    }
}

/// The draft as `check` can read it: under its 16 MiB limit. Statuses commented out keep
/// only the lines saying where they came from and why; if that is not enough, the largest
/// statuses go, said why.
fn within_read_limit(
    mut text: String,
    blocks: &mut [Block],
    join: &dyn Fn(&[Block]) -> Joined,
) -> String {
    let limit =
        usize::try_from(status_schema::read::MAX_SCHEMA_BYTES).unwrap_or(usize::MAX) / 10 * 9;
    if text.len() <= limit {
        return text;
    }
    for (_, block) in blocks.iter_mut().filter(|(n, _)| n.is_none()) {
        *block = lines_starting(block, &["# Not drafted", "# # From"]);
    }
    let mut order: Vec<usize> = (0..blocks.len())
        .filter(|&i| blocks[i].0.is_some())
        .collect();
    order.sort_by_key(|&i| std::cmp::Reverse(blocks[i].1.len()));
    let mut order = order.into_iter();
    loop {
        text = join(blocks).0;
        if text.len() <= limit {
            return text;
        }
        let Some(i) = order.next() else {
            return text;
        };
        let (name, block) = &mut blocks[i];
        let header = lines_starting(block, &["# From"]);
        *block = format!(
            "# Not drafted: the draft would be larger than `statuskit check` reads ({} MiB).\n{header}",
            status_schema::read::MAX_SCHEMA_BYTES / (1024 * 1024)
        );
        *name = None;
    }
}

/// A drafted status's text, with the name it was written under (none when commented out).
type Block = (Option<String>, String);

/// The draft's text, and where each block's text is in it.
type Joined = (String, Vec<std::ops::Range<usize>>);

/// The lines of `text` that start with one of `prefixes`, each ended.
fn lines_starting(text: &str, prefixes: &[&str]) -> String {
    text.lines()
        .filter(|l| prefixes.iter().any(|p| l.starts_with(p)))
        .fold(String::new(), |mut out, l| {
            let _ = writeln!(out, "{l}");
            out
        })
}

/// The statuses to comment out, largest first, for the rest of the draft `text` to fit
/// E051's limit, by the sizes the checker's own budget gives each.
fn over_budget(text: &str, blocks: &[Block]) -> Vec<usize> {
    let file = status_schema::SourceFile::new("draft.toml", text);
    let sizes: BTreeMap<String, usize> = status_schema::__unstable::resolved_sizes(&file)
        .into_iter()
        .collect();
    let mut live: Vec<(usize, usize)> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, (name, _))| Some((*sizes.get(name.as_ref()?)?, i)))
        .collect();
    let mut total: usize = live.iter().map(|(n, _)| n).sum();
    live.sort_unstable_by(|a, b| b.cmp(a));
    let mut out = Vec::new();
    for (n, i) in live {
        if total <= status_schema::__unstable::MAX_RESOLVED_SIZE {
            break;
        }
        total -= n;
        out.push(i);
    }
    out
}

/// The most numbered names tried for a status (`TaskStatus2`, …), past the others.
const MAX_NUMBERED: usize = 100_000;

/// The longest status name drafted.
const MAX_NAME: usize = 64;

/// A name or path as a comment shows it: its first 120 characters.
fn shortened(text: &str) -> String {
    if text.chars().count() <= 120 {
        text.to_owned()
    } else {
        let mut out: String = text.chars().take(119).collect();
        out.push('…');
        out
    }
}

/// `text` commented out, after a line saying why.
fn commented(text: &str, reason: &str) -> String {
    let mut out = format!(
        "# Not drafted: statuskit check refuses it ({}).\n",
        comment_safe(reason)
    );
    for line in text.lines() {
        let _ = writeln!(out, "# {}", comment_safe(line));
    }
    out
}

/// A drafted status that later definitions of its name extend.
#[derive(Clone)]
struct Base {
    name: String,
    text: String,
    states: Vec<State>,
}

/// A comment for a status whose states are all another's (of another name): often a role
/// of that status written as its own set (`TERMINAL_STATES`), which the schema says with
/// `terminal` instead.
fn subset_note(
    index: usize,
    all: &[Drafted<'_>],
    sets: &[BTreeSet<String>],
    supersets: &SupersetIndex<'_>,
) -> String {
    // A family's base is meant to be part of the enums that extend it.
    if family(&all[index].model().name) {
        return String::new();
    }
    let key = name_key(&all[index].model().name);
    supersets
        .strict_supersets(&sets[index])
        .into_iter()
        .flatten()
        .map(|j| &all[j])
        .find(|other| name_key(&other.model().name) != key)
        .map(|other| {
            format!(
                "# Every state here is one of `{}`'s too: if this lists a role of it (its terminal\n\
                 # or active states), say so there (`terminal`) instead of keeping a status of its own.\n",
                comment_safe(&other.model().name)
            )
        })
        .unwrap_or_default()
}

/// One drafted status: the findings it stands for (the first is its model).
struct Drafted<'a> {
    sources: Vec<&'a Finding>,
}

/// Status findings of one name and one member set (up to spelling) are one status.
fn statuses(report: &Report) -> Vec<Drafted<'_>> {
    let mut keyed: BTreeMap<(String, BTreeSet<String>), usize> = BTreeMap::new();
    let mut out: Vec<Drafted<'_>> = Vec::new();
    for finding in report.findings.iter().filter(|f| f.is_status()) {
        let key = (
            name_key(&finding.name),
            finding.keys().map(canonical).collect(),
        );
        if let Some(&i) = keyed.get(&key) {
            out[i].sources.push(finding);
        } else {
            keyed.insert(key, out.len());
            out.push(Drafted {
                sources: vec![finding],
            });
        }
    }
    // The model of each status (whose states and names the draft takes) is a class the
    // code names members of (a Python, TypeScript or Rust enum) where one is among its
    // definitions, so generated members keep the names the code uses (`CANCELLED`).
    for status in &mut out {
        status.sources.sort_by_key(|f| !has_member_names(f));
    }
    // A field, a parameter or a zod schema with exactly a named status's states (up to
    // spelling) is that status used inline, not a status of its own: its spellings become
    // the named status's aliases (the one named for its owner, `PayoutStatus` for
    // `payouts.status`, where several have its states).
    let mut named: BTreeMap<BTreeSet<String>, Vec<usize>> = BTreeMap::new();
    for (i, d) in out.iter().enumerate() {
        if !inline(d.model()) {
            named
                .entry(d.model().keys().map(canonical).collect())
                .or_default()
                .push(i);
        }
    }
    let mut merged: Vec<Option<Drafted<'_>>> = out.into_iter().map(Some).collect();
    for i in 0..merged.len() {
        let Some(drafted) = merged[i].as_ref() else {
            continue;
        };
        if !inline(drafted.model()) {
            continue;
        }
        let set: BTreeSet<String> = drafted.model().keys().map(canonical).collect();
        let owner = owner_words(&drafted.model().name);
        let target = named.get(&set).and_then(|candidates| {
            candidates
                .iter()
                .find(|&&c| {
                    merged[c].as_ref().is_some_and(|d| {
                        owner_words(&d.model().name)
                            .iter()
                            .any(|w| owner.contains(w))
                    })
                })
                .or_else(|| candidates.first())
                .copied()
        });
        if let Some(target) = target {
            if let Some(moved) = merged[i].take() {
                if let Some(into) = merged[target].as_mut() {
                    into.sources.extend(moved.sources);
                }
            }
        }
    }
    merged.into_iter().flatten().collect()
}

/// Whether a definition's name says it is a family's base (`BaseTaskStatus`), which
/// enums of other names sharing most of its states extend, as the seeds plan families.
fn family(name: &str) -> bool {
    name.rsplit('.')
        .next()
        .and_then(|n| n.strip_prefix("Base"))
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// A definition written inline where a value is used: a field, a parameter, a zod schema.
fn inline(finding: &Finding) -> bool {
    finding.name.contains('.') && finding.kind != crate::finding::Kind::PythonEnum
        || finding.kind == crate::finding::Kind::Zod
}

/// A state of a drafted status.
#[derive(Clone)]
struct State {
    name: String,
    wire: String,
    aliases: Vec<String>,
    /// The aliases the model definition itself stores beside the wire value.
    stored: Vec<String>,
}

impl Drafted<'_> {
    fn model(&self) -> &Finding {
        self.sources[0]
    }

    /// Whether the status is a type of its own (an enum, a type alias), not a collection of
    /// some states or a field's inline set: only those join a family.
    fn definition(&self) -> bool {
        let model = self.model();
        !inline(model)
            && !matches!(
                model.kind,
                crate::finding::Kind::PythonCollection | crate::finding::Kind::TypescriptArray
            )
    }

    /// A type name for the status, from its definition's name (`Task.status` gives
    /// `TaskStatus`), not yet taken.
    fn base_name(&self) -> String {
        let model = self.model();
        // A zod schema's name is its status's plus `Schema`, which the status generates.
        let own = match model.kind {
            crate::finding::Kind::Zod => model.name.strip_suffix("Schema").unwrap_or(&model.name),
            _ => &model.name,
        };
        let mut name: String = own
            .replace('.', "_")
            .to_upper_camel_case()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        // A field deep in nested types is named by its last parts, not a path of hundreds.
        if name.len() > MAX_NAME {
            let parts: Vec<&str> = own.split('.').collect();
            let tail = parts[parts.len().saturating_sub(3)..].join("_");
            name = tail
                .to_upper_camel_case()
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .take(MAX_NAME)
                .collect();
        }
        match name.chars().next() {
            Some(c) if c.is_ascii_uppercase() => name,
            _ => format!("S{name}"),
        }
    }

    fn states(&self) -> Vec<State> {
        let mut states: Vec<State> = Vec::new();
        let mut wires: BTreeSet<&str> = BTreeSet::new();
        let mut names: BTreeSet<String> = BTreeSet::new();
        // Each state by its words without separators (`DONE`, `done`, `in-progress`), and
        // by variant cluster for the values in one (`canceled`, `cancelled`): a value
        // finds the state it spells without comparing it with every state.
        let mut by_word: BTreeMap<String, usize> = BTreeMap::new();
        let mut by_cluster: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
        for member in &self.model().members {
            // An empty value is no state a schema can hold.
            if member.value.is_empty() || !wires.insert(&member.value) {
                continue;
            }
            // A second spelling of a state the definition already lists (`cancelled` after
            // `canceled` in one SQL enum): rows may hold either, so one state reads both and
            // keeps the first as its wire value.
            let (word, cluster) = spelling_keys(&member.value);
            let same = by_word.get(&word).copied().or_else(|| {
                let cluster = cluster.as_ref()?;
                by_cluster
                    .get(cluster)?
                    .iter()
                    .find(|(other, _)| one_edit_apart(other, &word))
                    .map(|&(_, i)| i)
            });
            if let Some(i) = same {
                states[i].aliases.push(member.value.clone());
                states[i].stored.push(member.value.clone());
                continue;
            }
            // Distinct values of one definition are distinct states, even where their names
            // would meet (`a.b` and `a_b`): the later one is numbered.
            let base = state_name(&member.value, &member.name, states.len());
            let mut name = base.clone();
            let mut n = 2;
            while names.contains(&name) {
                name = format!("{base}_{n}");
                n += 1;
            }
            names.insert(name.clone());
            by_word.insert(word.clone(), states.len());
            if let Some(cluster) = cluster {
                by_cluster
                    .entry(cluster)
                    .or_default()
                    .push((word, states.len()));
            }
            states.push(State {
                name,
                wire: member.value.clone(),
                aliases: Vec::new(),
                stored: Vec::new(),
            });
        }
        // The other definitions' spellings of each state, as aliases: never one that is
        // already a state's wire value or alias here (it is that state's).
        let mut by_canonical: BTreeMap<String, usize> = BTreeMap::new();
        let mut known: BTreeSet<String> = BTreeSet::new();
        for (i, state) in states.iter().enumerate() {
            by_canonical.entry(canonical(&state.wire)).or_insert(i);
            known.insert(state.wire.clone());
            known.extend(state.aliases.iter().cloned());
        }
        for source in &self.sources[1..] {
            for value in source.values() {
                if known.contains(value) {
                    continue;
                }
                // The draft parses exact case, as the code it replaces: another case is an
                // alias of its own.
                if let Some(&i) = by_canonical.get(&canonical(value)) {
                    states[i].aliases.push(value.to_owned());
                    known.insert(value.to_owned());
                }
            }
        }
        states
    }

    /// The status's TOML, named the first of its candidate names the checker accepts.
    /// The status's TOML and the name it got; no name when it is written commented out.
    fn render(
        &self,
        index: usize,
        states: &[State],
        taken: &mut BTreeSet<String>,
        tables: &Tables<'_>,
        related: Option<&Base>,
    ) -> (String, Option<String>) {
        let base = self.base_name();
        let moves = transitions(states, self.model(), tables, index);
        // The sources' own names that are statuses already, which a `typescript.object`
        // must not take.
        let own_taken: BTreeSet<String> = self
            .sources
            .iter()
            .map(|f| f.name.rsplit('.').next().unwrap_or(&f.name).to_owned())
            .filter(|n| taken.contains(n))
            .collect();
        let context = related.map(|r| r.text.as_str());
        let text_for =
            |candidate: &str| self.toml(candidate, states, moves.as_ref(), related, &own_taken);
        let last_error = match self.first_accepted(&base, taken, context, text_for) {
            Ok((name, text)) => return (text, Some(name)),
            Err(error) => error,
        };
        let text = self.toml(&base, states, moves.as_ref(), related, &own_taken);
        (commented(&text, &last_error), None)
    }

    /// Names to try, best first: the definition's, then prefixed with its file's name
    /// (`pipeline.py`'s second `TaskStatus` is `PipelineTaskStatus`), then suffixed.
    fn candidates(&self, base: &str) -> impl Iterator<Item = String> {
        let stem = module_word(&self.model().path).to_upper_camel_case();
        let stem: String = stem.chars().filter(char::is_ascii_alphanumeric).collect();
        let mut out = vec![base.to_owned()];
        if stem.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
            out.push(format!("{stem}{base}"));
        }
        out.push(format!("{base}Status"));
        out.push(format!("{base}Values"));
        // Numbered after those, lazily: a name defined a thousand times gets a thousand.
        let base = base.to_owned();
        out.into_iter()
            .chain((2..MAX_NUMBERED).map(move |n| format!("{base}{n}")))
    }

    /// The status as an extension of `base`, a status of its name drafted earlier: what it
    /// adds, what it removes, and its own spellings of the states it shares as aliases;
    /// `None` when no such extension passes the checker (it is then drafted on its own).
    fn render_extension(
        &self,
        index: usize,
        states: &[State],
        base: &Base,
        copy: bool,
        tables: &Tables<'_>,
        taken: &mut BTreeSet<String>,
    ) -> Option<(String, String, Vec<State>)> {
        let mine: BTreeMap<String, &State> =
            states.iter().map(|s| (canonical(&s.wire), s)).collect();
        let theirs: BTreeMap<String, &State> = base
            .states
            .iter()
            .map(|s| (canonical(&s.wire), s))
            .collect();
        let removed: Vec<&State> = base
            .states
            .iter()
            .filter(|s| !mine.contains_key(&canonical(&s.wire)))
            .collect();
        let added: Vec<&State> = states
            .iter()
            .filter(|s| !theirs.contains_key(&canonical(&s.wire)))
            .collect();
        // Only a definition that shares most of the base's states extends it; two that share
        // a name and little else (`Order.Status`, `Ticket.Status`) are statuses of their own.
        let shared = base.states.len() - removed.len();
        if shared < 2
            || shared * 2 < base.states.len()
            || !copy && added.is_empty() && removed.is_empty()
        {
            return None;
        }
        // An extension lists the base's states, then those it adds: drafted only where that
        // is the definition's own order (`list(HealthStatus)` is API, and generated code
        // keeps the schema's order).
        let extended = base
            .states
            .iter()
            .filter(|s| mine.contains_key(&canonical(&s.wire)))
            .map(|s| canonical(&s.wire))
            .chain(added.iter().map(|s| canonical(&s.wire)));
        if !extended.eq(states.iter().map(|s| canonical(&s.wire))) {
            return None;
        }
        let mut body = String::new();
        let _ = writeln!(body, "extends = {}", toml_string(&base.name));
        if !removed.is_empty() {
            let names: Vec<String> = removed.iter().map(|s| toml_string(&s.name)).collect();
            let _ = writeln!(body, "remove = [{}]", names.join(", "));
        }
        if !added.is_empty() {
            let names: Vec<String> = added.iter().map(|s| toml_string(&s.name)).collect();
            let _ = writeln!(body, "add = [{}]", names.join(", "));
        }
        // The states as the extension names them: a shared state by the base's name, with
        // this definition's own spelling.
        let resolved: Vec<State> = states
            .iter()
            .map(|s| State {
                name: theirs
                    .get(&canonical(&s.wire))
                    .map_or_else(|| s.name.clone(), |b| b.name.clone()),
                wire: s.wire.clone(),
                aliases: s.aliases.clone(),
                stored: s.stored.clone(),
            })
            .collect();
        // The exact strings this definition stores: an added state's where its name does
        // not say it (or the base has a case rule the extension would inherit), a shared
        // state's where the base spells it otherwise (`canceled` for the base's
        // `cancelled`). The base's spelling is not made an alias: an extension of this one
        // could not then take it back as its own wire value.
        let ruled = base.text.contains("rename_all");
        let mut wires: Vec<String> = Vec::new();
        let mut aliases: Vec<String> = Vec::new();
        for state in &resolved {
            let shared = theirs.get(&canonical(&state.wire));
            let own_spelling = match shared {
                None => ruled || state.wire != state.name,
                Some(shared) => shared.wire != state.wire,
            };
            if own_spelling {
                wires.push(format!("{} = {}", state.name, toml_string(&state.wire)));
            }
            let inherited = shared.map(|b| &b.aliases);
            for alias in &state.aliases {
                if !inherited.is_some_and(|a| a.contains(alias)) {
                    aliases.push(format!(
                        "{} = {}",
                        toml_string(alias),
                        toml_string(&state.name)
                    ));
                }
            }
        }
        if !wires.is_empty() {
            let _ = writeln!(body, "wire = {{ {} }}", wires.join(", "));
        }
        if !aliases.is_empty() {
            let _ = writeln!(body, "aliases = {{ {} }}", aliases.join(", "));
        }
        // Its own transition table, merged into the base's; its initial and terminal
        // states replace the base's.
        let moves = transitions(&resolved, self.model(), tables, index);
        if let Some(moves) = &moves {
            moves.write(&mut body);
        }
        let text_for = |candidate: &str| {
            let mut text = self.sources_comment();
            let _ = writeln!(text, "[status.{candidate}]");
            text.push_str(&body);
            text
        };
        let (name, text) = self
            .first_accepted(&self.base_name(), taken, Some(&base.text), text_for)
            .ok()?;
        Some((name, text, resolved))
    }

    /// The first untaken candidate name (from `base`) under which `text_for(name)` passes
    /// the checker, after `context` (the statuses it builds on), with its text, and taken;
    /// why not where none does. Another name is tried only where the name was refused.
    fn first_accepted(
        &self,
        base: &str,
        taken: &mut BTreeSet<String>,
        context: Option<&str>,
        text_for: impl Fn(&str) -> String,
    ) -> Result<(String, String), String> {
        let mut last_error = String::new();
        for candidate in self.candidates(base) {
            if taken.contains(&candidate) {
                continue;
            }
            let text = text_for(&candidate);
            let checked = match context {
                Some(context) => check(&format!("{context}\n{text}")),
                None => check(&text),
            };
            match checked {
                Ok(()) => {
                    taken.insert(candidate.clone());
                    return Ok((candidate, text));
                }
                Err((error, about_the_name)) => {
                    last_error = error;
                    if !about_the_name {
                        break;
                    }
                }
            }
        }
        if last_error.is_empty() {
            "every name tried is taken".clone_into(&mut last_error);
        }
        Err(last_error)
    }

    /// A comment line per definition the status stands for.
    fn sources_comment(&self) -> String {
        let mut out = String::new();
        for source in &self.sources {
            let _ = writeln!(
                out,
                "# From {} `{}` at {}:{}",
                source.kind.name(),
                comment_safe(&shortened(&source.name)),
                comment_safe(&shortened(&source.path)),
                source.line
            );
        }
        out
    }

    fn toml(
        &self,
        name: &str,
        states: &[State],
        moves: Option<&Moves>,
        related: Option<&Base>,
        taken: &BTreeSet<String>,
    ) -> String {
        let mut out = self.sources_comment();
        let _ = writeln!(out, "[status.{name}]");
        let names: Vec<String> = states.iter().map(|s| toml_string(&s.name)).collect();
        let _ = writeln!(out, "states = [{}]", names.join(", "));
        // Keep the exact strings: a case rule where one fits every state, else each wire.
        let screaming = states
            .iter()
            .all(|s| s.wire == s.name.to_shouty_snake_case());
        let differing: Vec<&State> = states.iter().filter(|s| s.wire != s.name).collect();
        if screaming && !differing.is_empty() {
            out.push_str("rename_all = \"SCREAMING_SNAKE_CASE\"\n");
        } else if !differing.is_empty() {
            let wires: Vec<String> = differing
                .iter()
                .map(|s| format!("{} = {}", s.name, toml_string(&s.wire)))
                .collect();
            let _ = writeln!(out, "wire = {{ {} }}", wires.join(", "));
        }
        let aliases: Vec<String> = states
            .iter()
            .flat_map(|s| s.aliases.iter().map(move |a| (a, &s.name)))
            .map(|(alias, state)| format!("{} = {}", toml_string(alias), toml_string(state)))
            .collect();
        out.push_str(&self.shape_lines(name, taken));
        for state in states.iter().filter(|s| !s.stored.is_empty()) {
            let _ = writeln!(
                out,
                "# `{}` stores both {}: one state here (a guess;\n\
                 # make two if they differ). Generated code reads each and writes `{}`.",
                comment_safe(&self.model().name),
                comment_safe(
                    &std::iter::once(&state.wire)
                        .chain(&state.stored)
                        .map(|v| format!("`{v}`"))
                        .collect::<Vec<_>>()
                        .join(" and ")
                ),
                comment_safe(&state.wire)
            );
        }
        if !aliases.is_empty() {
            out.push_str(
                "# Aliases: spellings other definitions store or send. Generated code reads them and\n\
                 # writes the state's wire value (code that sent an alias sends the wire value once\n\
                 # it uses the generated code); `statuskit gen sql --column` rewrites stored rows.\n",
            );
            let meanings: Vec<String> = states
                .iter()
                .flat_map(|s| {
                    s.aliases
                        .iter()
                        .filter(|a| !close_spelling(a, &s.wire))
                        .map(move |a| {
                            format!("`{}` for `{}`", comment_safe(a), comment_safe(&s.wire))
                        })
                })
                .collect();
            if !meanings.is_empty() {
                let _ = writeln!(
                    out,
                    "# A guess that these are other words for one state, not other states: {}.",
                    meanings.join(", ")
                );
            }
            let _ = writeln!(out, "aliases = {{ {} }}", aliases.join(", "));
        }
        if let Some(related) = related {
            out.push_str(&into_lines(states, related));
        }
        match moves {
            Some(moves) => moves.write(&mut out),
            None => {
                out.push_str("# No transition table found in the code: a plain set of values.\n");
            }
        }
        out
    }
}

/// `into.<Other>` for a status with another type's states under another name (`JobState`
/// beside `JobStatus`, `completed` for `succeeded`): each state onto the other's state of
/// its spelling cluster, so the two convert rather than drift apart.
fn into_lines(states: &[State], related: &Base) -> String {
    let theirs: BTreeMap<String, &str> = related
        .states
        .iter()
        .map(|s| (canonical(&s.wire), s.name.as_str()))
        .collect();
    let pairs: Vec<String> = states
        .iter()
        .filter_map(|s| {
            let other = theirs.get(&canonical(&s.wire))?;
            (*other != s.name).then(|| format!("{} = {}", s.name, toml_string(other)))
        })
        .collect();
    let mapping = if pairs.is_empty() {
        "{}".to_owned()
    } else {
        format!("{{ {} }}", pairs.join(", "))
    };
    format!(
        "# The same states as `{}` under another name (a guess that they are one lifecycle):\n\
         # it converts into it. Keep one of the two if they are.\ninto.{} = {mapping}\n",
        comment_safe(&related.name),
        related.name,
    )
}

/// Whether statuskit's checker accepts a status on its own; the first error if not, and
/// whether it is about the status's name.
fn check(status: &str) -> Result<(), (String, bool)> {
    let text = format!("schema_version = 1\n{DEFAULTS}{status}");
    let file = status_schema::SourceFile::new("draft.toml", text);
    let analysis = status_schema::analyze(&file);
    match analysis
        .diagnostics
        .iter()
        .find(|d| d.severity() == status_schema::Severity::Error)
    {
        Some(error) => {
            let about_the_name = matches!(error.code.id(), "E010" | "E017" | "E018" | "E019");
            Err((
                format!("{} {}", error.code.id(), error.message),
                about_the_name,
            ))
        }
        None => Ok(()),
    }
}

/// What every drafted status starts from: exact case, as every definition the audit reads
/// parses (a Python enum, zod, Prisma, a TypeScript union, a SQL enum).
const DEFAULTS: &str = "\n# Exact case, as the code the statuses replace parses; `true` reads any case.\n[defaults]\ncase_insensitive = false\n";

/// Text for a `#` comment: one line, every control or bidirectional character shown as a
/// visible escape, as diagnostics show them.
fn comment_safe(text: &str) -> String {
    status_schema::diagnostic::render::one_line_safe(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Statuses that each pass alone but together resolve past E051's limit: the draft
    /// comments out the largest until the rest passes, and says why.
    #[test]
    fn a_draft_too_large_as_a_whole_comments_out_statuses() {
        let block = |n: usize| {
            let states: Vec<String> = (0..600).map(|i| format!("\"s{i}\"")).collect();
            let states = states.join(", ");
            format!("[status.S{n}]\nstates = [{states}]\ntransitions = {{ \"*\" = [{states}] }}\n")
        };
        let blocks = (1..=3).map(|n| (Some(format!("S{n}")), block(n))).collect();
        let text = whole(blocks, None);
        let file = status_schema::SourceFile::new("draft.toml", text.as_str());
        assert!(!status_schema::analyze(&file).diagnostics.has_errors());
        assert!(text.contains("# Not drafted: statuskit check refuses it (E051"));
        let kept = text.lines().filter(|l| l.starts_with("[status.")).count();
        assert_eq!(kept, 2, "one of three is commented out");
    }

    /// Past E051's limit, the largest statuses go in one round, not one a round, sized as
    /// the checker's budget sizes them (`*` expanded: the text alone would not tell).
    #[test]
    fn over_budget_takes_the_largest_at_once() {
        let block = |name: &str, states: usize| {
            let list: Vec<String> = (0..states).map(|i| format!("\"s{i}\"")).collect();
            let list = list.join(", ");
            format!("[status.{name}]\nstates = [{list}]\ntransitions = {{ \"*\" = [{list}] }}\n")
        };
        let blocks: Vec<Block> = vec![
            (Some("Small".to_owned()), block("Small", 3)),
            (Some("Wide".to_owned()), block("Wide", 700)),
            (None, commented(&block("Gone", 900), "E040 …")),
            (Some("Wider".to_owned()), block("Wider", 800)),
        ];
        let text: String = blocks.iter().map(|(_, t)| t.as_str()).collect();
        // 490,700 + 640,800 items: past the million, and the wider alone fits.
        assert_eq!(over_budget(&text, &blocks), [3]);
    }

    /// A draft past what `check` reads loses the bodies of commented-out statuses, then the
    /// largest statuses, each saying why.
    #[test]
    fn a_draft_stays_within_the_read_limit() {
        let big = |name: &str, mib: usize| {
            format!(
                "# From x `{name}` at a.py:1\n[status.{name}]\nstates = [\"{}\"]\n",
                "a".repeat(mib << 20)
            )
        };
        let mut blocks: Vec<Block> = vec![
            (Some("Small".to_owned()), big("Small", 1)),
            (None, commented(&big("Gone", 6), "E040 …")),
            (Some("Large".to_owned()), big("Large", 9)),
            (Some("Medium".to_owned()), big("Medium", 5)),
        ];
        let join = |blocks: &[Block]| -> Joined {
            (blocks.iter().map(|(_, t)| t.as_str()).collect(), Vec::new())
        };
        let text = within_read_limit(join(&blocks).0, &mut blocks, &join);
        assert!(text.len() < 16 << 20);
        assert!(text.contains("[status.Small]") && text.contains("[status.Medium]"));
        assert!(!text.contains("[status.Large]") && text.contains("# From x `Large`"));
        assert!(text.contains("# Not drafted: the draft would be larger"));
        assert!(text.contains("# # From x `Gone`") && !text.contains("# states"));
    }

    #[test]
    fn spellings_of_one_state() {
        assert!(close_spelling("canceled", "cancelled"));
        assert!(close_spelling("DONE", "done"));
        assert!(close_spelling("in-progress", "IN_PROGRESS"));
        assert!(!close_spelling("done", "completed"));
        assert!(!close_spelling("open", "opened"));
        assert!(one_edit_apart("abc", "abd"));
        assert!(one_edit_apart("abc", "abxc"));
        assert!(!one_edit_apart("abc", "cab"));
    }

    #[test]
    fn a_second_definition_is_named_by_its_module() {
        assert_eq!(module_word("db/schema.sql"), "db");
        assert_eq!(module_word("src/orders/models.py"), "orders");
        assert_eq!(module_word("web/src/billing.ts"), "billing");
        assert_eq!(module_word("src/index.ts"), "index");
        assert_eq!(module_word("db/migrations/001_init.sql"), "db");
    }
}
