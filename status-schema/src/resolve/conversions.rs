//! Conversion tables between statuses: `into.<Other>`, extension → base, base → extension.
//!
//! For a pair (S, T), state `s` maps to: the explicit `into.T` entry for `s`; else the state
//! of T with the same name; else, when T is an ancestor further up the chain, wherever `s`
//! lands by going through S's direct base first (so an added state projected onto the base
//! keeps its projection all the way up).

use std::collections::HashMap;

use super::order::Lineage;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::{Conversion, ConversionKind, StateId, Status};
use crate::raw::{RawInto, RawSchema};
use crate::suggest;

pub(super) fn conversions(
    raw: &RawSchema,
    statuses: &[Status],
    lineage: &Lineage,
    diagnostics: &mut Diagnostics,
) -> Vec<Conversion> {
    let index: HashMap<&str, usize> = statuses
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.as_str(), i))
        .collect();
    let tables = Tables {
        raw,
        statuses,
        lineage,
        index: &index,
    };

    // Each status's extensions, direct or through a chain, in declaration order.
    let mut descendants: Vec<Vec<usize>> = vec![Vec::new(); statuses.len()];
    for d in (0..statuses.len()).filter(|&d| !lineage.broken[d]) {
        let mut ancestor = lineage.base[d];
        let mut steps = 0;
        while let Some(a) = ancestor.filter(|_| steps < statuses.len()) {
            descendants[a].push(d);
            ancestor = lineage.base[a];
            steps += 1;
        }
    }

    let mut out = Vec::new();
    for (s, status) in statuses.iter().enumerate() {
        if lineage.broken[s] {
            continue;
        }
        let mut targets: Vec<usize> = Vec::new();
        for into in &raw.statuses[s].into {
            if let Some(t) = tables.check_into(s, into, diagnostics) {
                if !targets.contains(&t) {
                    targets.push(t);
                }
            }
        }
        let mut ancestor = lineage.base[s];
        while let Some(a) = ancestor {
            if targets.contains(&a) || targets.len() > statuses.len() {
                break;
            }
            targets.push(a);
            ancestor = lineage.base[a];
        }
        for &d in &descendants[s] {
            if !targets.contains(&d) {
                targets.push(d);
            }
        }
        for t in targets {
            let kind = if lineage.is_ancestor(t, s) {
                ConversionKind::ToBase
            } else if lineage.is_ancestor(s, t) {
                ConversionKind::FromBase
            } else {
                ConversionKind::Explicit
            };
            out.push(Conversion {
                from: status.name.clone(),
                to: statuses[t].name.clone(),
                kind,
                map: tables.map(s, t, 0),
            });
        }
    }
    out
}

struct Tables<'a> {
    raw: &'a RawSchema,
    statuses: &'a [Status],
    lineage: &'a Lineage,
    index: &'a HashMap<&'a str, usize>,
}

impl Tables<'_> {
    /// Checks one `into.T` table of status `s`, reporting bad names; returns T's index.
    fn check_into(&self, s: usize, into: &RawInto, diagnostics: &mut Diagnostics) -> Option<usize> {
        let source = &self.statuses[s];
        let Some(&t) = self.index.get(into.target.as_str()) else {
            diagnostics.push(
                Diagnostic::new(
                    Code::UnknownStatus,
                    into.target.span,
                    format!("`into` names unknown status `{}`", into.target.value),
                )
                .label("no status of this name")
                .maybe_help(suggest::did_you_mean(
                    &into.target.value,
                    self.statuses.iter().map(|s| s.name.as_str()),
                )),
            );
            return None;
        };
        if t == s {
            diagnostics.push(
                Diagnostic::new(
                    Code::IntoSelf,
                    into.target.span,
                    format!("`{}` converts `into` itself", source.name),
                )
                .label("a status always converts into itself")
                .help("remove this `into` table; to rename states, use `aliases`"),
            );
            return None;
        }
        let target = &self.statuses[t];
        for pair in &into.map {
            if source.state_id(pair.key.as_str()).is_none() {
                diagnostics.push(
                    Diagnostic::new(
                        Code::UnknownState,
                        pair.key.span,
                        format!(
                            "unknown state `{}` in `into.{}`",
                            pair.key.value, target.name
                        ),
                    )
                    .label(format!("not a state of `{}`", source.name))
                    .maybe_help(suggest::did_you_mean(
                        &pair.key.value,
                        source.states.iter().map(|st| st.name.as_str()),
                    )),
                );
            }
            if !self.lineage.broken[t] && target.state_id(pair.value.as_str()).is_none() {
                diagnostics.push(
                    Diagnostic::new(
                        Code::UnknownState,
                        pair.value.span,
                        format!(
                            "`into.{}` maps onto unknown state `{}`",
                            target.name, pair.value.value
                        ),
                    )
                    .label(format!("not a state of `{}`", target.name))
                    .maybe_help(suggest::did_you_mean(
                        &pair.value.value,
                        target.states.iter().map(|st| st.name.as_str()),
                    )),
                );
            }
        }
        Some(t)
    }

    /// For each state of status `s`, its image in status `t`.
    fn map(&self, s: usize, t: usize, depth: usize) -> Vec<Option<StateId>> {
        let source = &self.statuses[s];
        let target = &self.statuses[t];
        let explicit = self.raw.statuses[s]
            .into
            .iter()
            .find(|into| into.target.value == target.name);
        let via_base = match self.lineage.base[s] {
            Some(b) if b != t && self.lineage.is_ancestor(t, s) && depth < self.statuses.len() => {
                Some((self.map(s, b, depth + 1), self.map(b, t, depth + 1)))
            }
            _ => None,
        };
        let target_ids: HashMap<&str, StateId> = target
            .states
            .iter()
            .map(|st| (st.name.as_str(), st.id))
            .collect();
        let entries: HashMap<&str, &str> = explicit
            .map(|into| {
                into.map
                    .iter()
                    .map(|p| (p.key.as_str(), p.value.as_str()))
                    .collect()
            })
            .unwrap_or_default();
        source
            .states
            .iter()
            .map(|state| {
                entries
                    .get(state.name.as_str())
                    .and_then(|to| target_ids.get(to).copied())
                    .or_else(|| target_ids.get(state.name.as_str()).copied())
                    .or_else(|| {
                        let (to_base, base_to_t) = via_base.as_ref()?;
                        let in_base = to_base.get(state.id.index()).copied().flatten()?;
                        base_to_t.get(in_base.index()).copied().flatten()
                    })
            })
            .collect()
    }
}
