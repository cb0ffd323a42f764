//! How findings relate: one name defined in several places, one member set under several
//! names, a member set inside another (a base and its extension), and member sets that
//! differ only in spelling (`canceled`/`cancelled`, `success`/`completed`, `DONE`/`done`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::finding::Finding;
use crate::score::{normalise, words};

/// Findings that belong together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// How they relate.
    pub kind: GroupKind,
    /// What the group is about: the shared name, or the first finding's.
    pub name: String,
    /// Indexes into the findings grouped.
    pub findings: Vec<usize>,
    /// The differences, for people: members only some have, variant spellings.
    pub note: String,
}

/// How the findings of a [`Group`] relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum GroupKind {
    /// One name (ignoring case and `Enum`/`Type` suffixes), defined in several places.
    SameName,
    /// One member set under several names.
    SameMembers,
    /// The first finding's members are all in each of the others, which add some: a base
    /// and its extensions.
    Subset,
    /// Members that differ only in spelling or case.
    SpellingVariants,
}

impl GroupKind {
    /// The name in reports and in the JSON contract.
    pub const fn name(self) -> &'static str {
        match self {
            GroupKind::SameName => "same-name",
            GroupKind::SameMembers => "same-members",
            GroupKind::Subset => "subset",
            GroupKind::SpellingVariants => "spelling-variants",
        }
    }
}

/// Spellings of one state that codebases use for it; the first is the one drafts keep.
const VARIANTS: &[&[&str]] = &[
    &["cancelled", "canceled", "cancel"],
    &[
        "completed",
        "complete",
        "done",
        "finished",
        "success",
        "succeeded",
        "successful",
    ],
    &["failed", "fail", "failure", "errored"],
    &["in_progress", "inprogress", "in_process"],
    &["timeout", "timed_out"],
    &["not_started", "notstarted"],
];

/// The spelling a draft keeps for `value`: its variant cluster's first, or itself.
pub(crate) fn canonical(value: &str) -> String {
    let normal = normalise(value);
    VARIANTS
        .iter()
        .find(|cluster| cluster.contains(&normal.as_str()))
        .map_or(normal, |cluster| cluster[0].to_owned())
}

/// The most definitions, or states, a group's note names.
const NOTE_ITEMS: usize = 10;

/// `items` joined, the first few of them, with how many more there are.
fn capped(items: &[&str]) -> String {
    let mut out = items
        .iter()
        .take(NOTE_ITEMS)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > NOTE_ITEMS {
        let _ = write!(out, " and {} more", items.len() - NOTE_ITEMS);
    }
    out
}

/// Whether a normalised value is one of the variant spellings drafts know.
pub(crate) fn in_cluster(normal: &str) -> bool {
    VARIANTS.iter().any(|cluster| cluster.contains(&normal))
}

/// A name as groups compare it: all its parts, in lower-case words, without a trailing
/// `enum`, `type`, `schema` or `values` (`TaskStatusEnum`, `task_status` and a field
/// `Task.status` are one; fields `Order.status` and `Job.status` are not).
pub(crate) fn name_key(name: &str) -> String {
    let mut parts: Vec<String> = name.split('.').flat_map(words).collect();
    while parts.len() > 1
        && matches!(
            parts.last().map(String::as_str),
            Some("enum" | "type" | "schema" | "values" | "choices")
        )
    {
        parts.pop();
    }
    parts.join("_")
}

fn normal_set(finding: &Finding) -> BTreeSet<String> {
    finding.keys().map(normalise).collect()
}

fn canonical_set(finding: &Finding) -> BTreeSet<String> {
    finding.keys().map(canonical).collect()
}

/// Every group among `findings`, by kind, then by first finding.
pub fn group(findings: &[Finding]) -> Vec<Group> {
    let mut out = Vec::new();
    same_name(findings, &mut out);
    same_members(findings, &mut out);
    subsets(findings, &mut out);
    spelling_variants(findings, &mut out);
    out
}

fn same_name(findings: &[Finding], out: &mut Vec<Group>) {
    let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, f) in findings.iter().enumerate() {
        by_name.entry(name_key(&f.name)).or_default().push(i);
    }
    for (_, members) in by_name {
        if members.len() < 2 {
            continue;
        }
        // Compared by state (spellings of one are one), each named as first written.
        let sets: Vec<BTreeSet<String>> = members
            .iter()
            .map(|&i| canonical_set(&findings[i]))
            .collect();
        let mut written: BTreeMap<String, &str> = BTreeMap::new();
        for &i in &members {
            for value in findings[i].keys() {
                written.entry(canonical(value)).or_insert(value);
            }
        }
        let mut differences = Vec::new();
        for (&i, set) in members.iter().zip(&sets) {
            let missing: Vec<&str> = written
                .iter()
                .filter(|(state, _)| !set.contains(*state))
                .map(|(_, spelling)| *spelling)
                .collect();
            if !missing.is_empty() {
                differences.push(format!(
                    "{} ({}:{}) lacks {}",
                    findings[i].name,
                    findings[i].path,
                    findings[i].line,
                    capped(&missing)
                ));
            }
        }
        let spelt: BTreeSet<Vec<&str>> = members
            .iter()
            .map(|&i| {
                let mut keys: Vec<&str> = findings[i].keys().collect();
                keys.sort_unstable();
                keys
            })
            .collect();
        // A note is a line for people: a few definitions, a few states each.
        let more = differences.len().saturating_sub(NOTE_ITEMS);
        differences.truncate(NOTE_ITEMS);
        if more > 0 {
            differences.push(format!("{more} more"));
        }
        let note = if differences.is_empty() && spelt.len() == 1 {
            "the same members everywhere".to_owned()
        } else if differences.is_empty() {
            "the same states everywhere, spelt differently".to_owned()
        } else {
            differences.join("; ")
        };
        out.push(Group {
            kind: GroupKind::SameName,
            name: findings[members[0]].name.clone(),
            findings: members,
            note,
        });
    }
}

fn same_members(findings: &[Finding], out: &mut Vec<Group>) {
    let mut by_set: BTreeMap<BTreeSet<String>, Vec<usize>> = BTreeMap::new();
    for (i, f) in findings.iter().enumerate() {
        by_set.entry(normal_set(f)).or_default().push(i);
    }
    for (_, members) in by_set {
        let names: BTreeSet<String> = members
            .iter()
            .map(|&i| name_key(&findings[i].name))
            .collect();
        if members.len() < 2 || names.len() < 2 {
            continue;
        }
        let first = capped(&findings[members[0]].keys().collect::<Vec<_>>());
        out.push(Group {
            kind: GroupKind::SameMembers,
            name: findings[members[0]].name.clone(),
            findings: members,
            note: format!("{} names for {{{}}}", names.len(), first),
        });
    }
}

/// For each finding of two or more members, the findings whose members strictly include
/// its own (compared by variant cluster, so `canceled` and `cancelled` match).
fn subsets(findings: &[Finding], out: &mut Vec<Group>) {
    let sets: Vec<BTreeSet<String>> = findings.iter().map(canonical_set).collect();
    let index = SupersetIndex::new(&sets);
    let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, f) in findings.iter().enumerate() {
        by_name.entry(name_key(&f.name)).or_default().push(i);
    }
    // Each distinct set once: the first finding with it stands for the others.
    let mut seen: BTreeSet<&BTreeSet<String>> = BTreeSet::new();
    for (i, base) in sets.iter().enumerate() {
        if base.len() < 2 || !seen.insert(base) {
            continue;
        }
        // Where every state of it is too common to say, the definitions of its own name.
        let supersets = index.strict_supersets(base).unwrap_or_else(|| {
            by_name
                .get(&name_key(&findings[i].name))
                .into_iter()
                .flatten()
                .copied()
                .filter(|&j| sets[j].len() > base.len() && base.is_subset(&sets[j]))
                .collect()
        });
        if supersets.is_empty() {
            continue;
        }
        let added: BTreeSet<&str> = supersets
            .iter()
            .flat_map(|&j| sets[j].difference(base).map(String::as_str))
            .collect();
        let mut members = vec![i];
        members.extend(supersets);
        out.push(Group {
            kind: GroupKind::Subset,
            name: findings[i].name.clone(),
            findings: members,
            note: format!(
                "{} is in each of the others, which add {}",
                findings[i].name,
                capped(&added.into_iter().collect::<Vec<_>>())
            ),
        });
    }
}

/// The most distinct sets a superset query looks through.
pub(crate) const SUPERSET_SCAN: usize = 256;

/// Finds the sets that strictly include a given one without comparing every pair: each
/// distinct set is stored once, under each of its members, and a query looks only at the
/// sets filed under its rarest member (a state few definitions have), which every superset
/// must also have. A query whose rarest member is in more than [`SUPERSET_SCAN`] distinct
/// sets is not answered: on a tree of 80,000 definitions a set of common states
/// (`pending`, `done`) is in thousands of others, the answer as large as the question is
/// quadratic, and no reader could use it. Callers fall back to a narrower bucket (the
/// definitions of one name).
pub(crate) struct SupersetIndex<'a> {
    /// Each distinct set, with the positions in `sets` that hold it, in order.
    distinct: Vec<(&'a BTreeSet<String>, Vec<usize>)>,
    /// Each member, with the distinct sets that have it.
    by_member: BTreeMap<&'a str, Vec<usize>>,
}

impl<'a> SupersetIndex<'a> {
    pub(crate) fn new(sets: &'a [BTreeSet<String>]) -> Self {
        let mut ids: BTreeMap<&BTreeSet<String>, usize> = BTreeMap::new();
        let mut distinct: Vec<(&BTreeSet<String>, Vec<usize>)> = Vec::new();
        let mut by_member: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, set) in sets.iter().enumerate() {
            let id = *ids.entry(set).or_insert_with(|| {
                distinct.push((set, Vec::new()));
                distinct.len() - 1
            });
            if distinct[id].1.is_empty() {
                for member in set {
                    by_member.entry(member).or_default().push(id);
                }
            }
            distinct[id].1.push(i);
        }
        Self {
            distinct,
            by_member,
        }
    }

    /// The positions of the sets that include `base` and add to it, in order; `None` when
    /// its rarest member is too common to look through.
    pub(crate) fn strict_supersets(&self, base: &BTreeSet<String>) -> Option<Vec<usize>> {
        let rarest = base
            .iter()
            .map(|m| {
                self.by_member
                    .get(m.as_str())
                    .map_or(&[][..], Vec::as_slice)
            })
            .min_by_key(|ids| ids.len())
            .unwrap_or(&[]);
        if rarest.len() > SUPERSET_SCAN {
            return None;
        }
        let mut out: Vec<usize> = rarest
            .iter()
            .map(|&id| &self.distinct[id])
            .filter(|(set, _)| set.len() > base.len() && base.is_subset(set))
            .flat_map(|(_, at)| at.iter().copied())
            .collect();
        out.sort_unstable();
        Some(out)
    }
}

/// Findings whose members are the same once spelling variants and case are set aside, but
/// not as written.
fn spelling_variants(findings: &[Finding], out: &mut Vec<Group>) {
    let mut by_set: BTreeMap<BTreeSet<String>, Vec<usize>> = BTreeMap::new();
    for (i, f) in findings.iter().enumerate() {
        by_set.entry(canonical_set(f)).or_default().push(i);
    }
    for (_, members) in by_set {
        let written: BTreeSet<Vec<&str>> = members
            .iter()
            .map(|&i| {
                let mut values: Vec<&str> = findings[i].keys().collect();
                values.sort_unstable();
                values
            })
            .collect();
        if members.len() < 2 || written.len() < 2 {
            continue;
        }
        // Each canonical state with the spellings of it that differ between findings.
        let mut spellings: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
        for &i in &members {
            for value in findings[i].keys() {
                spellings.entry(canonical(value)).or_default().insert(value);
            }
        }
        let variants: Vec<String> = spellings
            .into_iter()
            .filter(|(_, s)| s.len() > 1)
            .map(|(_, s)| s.into_iter().collect::<Vec<_>>().join(" / "))
            .collect();
        out.push(Group {
            kind: GroupKind::SpellingVariants,
            name: findings[members[0]].name.clone(),
            findings: members,
            note: capped(&variants.iter().map(String::as_str).collect::<Vec<_>>()),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_and_names() {
        assert_eq!(canonical("CANCELED"), "cancelled");
        assert_eq!(canonical("Succeeded"), "completed");
        assert_eq!(canonical("queued"), "queued");
        assert_eq!(name_key("TaskStatusEnum"), "task_status");
        assert_eq!(name_key("Task.status"), "task_status");
        assert_ne!(name_key("Order.status"), name_key("Job.status"));
        for cluster in VARIANTS {
            for v in *cluster {
                assert_eq!(normalise(v), *v, "written normalised");
            }
        }
    }
}
