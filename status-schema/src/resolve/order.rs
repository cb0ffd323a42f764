//! The `extends` graph: which status each one builds on, in what order to resolve them, and
//! the unknown bases and cycles that make a status unresolvable.

use std::collections::HashMap;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::raw::RawSchema;
use crate::suggest;

/// The longest `extends` chain resolved: a status this many `extends` away from its base
/// family is the deepest allowed. Real schemas chain two or three deep; the limit exists so
/// that a 1,000-deep chain (a million conversions) is refused quickly with a reason.
pub const MAX_EXTENDS_DEPTH: usize = 16;

/// The `extends` structure of a schema, by index into `RawSchema::statuses`.
pub(super) struct Lineage {
    /// The direct base of each status, when it names a known status.
    pub base: Vec<Option<usize>>,
    /// Statuses whose chain reaches an unknown status or a cycle: resolved on their own, with
    /// reference errors inside them suppressed (they would only repeat the root cause).
    pub broken: Vec<bool>,
    /// Every status, bases before their extensions.
    pub order: Vec<usize>,
}

impl Lineage {
    /// Whether `ancestor` is somewhere up `status`'s chain (not `status` itself).
    pub fn is_ancestor(&self, ancestor: usize, status: usize) -> bool {
        let mut current = status;
        for _ in 0..self.base.len() {
            match self.base[current] {
                Some(base) if base == ancestor => return true,
                Some(base) if !self.broken[current] => current = base,
                _ => return false,
            }
        }
        false
    }
}

pub(super) fn lineage(raw: &RawSchema, diagnostics: &mut Diagnostics) -> Lineage {
    let count = raw.statuses.len();
    let index: HashMap<&str, usize> = raw
        .statuses
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.as_str(), i))
        .collect();

    let mut base = vec![None; count];
    let mut broken = vec![false; count];
    for (i, status) in raw.statuses.iter().enumerate() {
        let Some(extends) = &status.extends else {
            continue;
        };
        if let Some(&b) = index.get(extends.as_str()) {
            base[i] = Some(b);
        } else {
            broken[i] = true;
            diagnostics.push(
                Diagnostic::new(
                    Code::UnknownStatus,
                    extends.span,
                    format!(
                        "`{}` extends unknown status `{}`",
                        status.name.value, extends.value
                    ),
                )
                .label("no status of this name")
                .maybe_help(suggest::did_you_mean(
                    &extends.value,
                    raw.statuses.iter().map(|s| s.name.as_str()),
                )),
            );
        }
    }

    // Cycles: walk each chain once, colouring statuses; meeting a status that is on the
    // current walk closes a cycle, so each cycle is found exactly once.
    let mut colour = vec![Colour::Unvisited; count];
    for start in 0..count {
        let mut path = Vec::new();
        let mut current = start;
        loop {
            match colour[current] {
                Colour::Done => break,
                Colour::OnPath => {
                    let pos = path.iter().position(|&p| p == current).unwrap_or(0);
                    let cycle = &path[pos..];
                    report_cycle(raw, cycle, diagnostics);
                    for &member in cycle {
                        broken[member] = true;
                    }
                    break;
                }
                Colour::Unvisited => {
                    colour[current] = Colour::OnPath;
                    path.push(current);
                    match base[current] {
                        Some(b) => current = b,
                        None => break,
                    }
                }
            }
        }
        for p in path {
            colour[p] = Colour::Done;
        }
    }

    // Depth along `extends`, each status's worked out once from its base's, so a long
    // chain costs its length, not its length squared. A status whose chain reaches a
    // broken one is broken too; depth orders bases first.
    let mut depth: Vec<Option<usize>> = vec![None; count];
    for start in 0..count {
        let mut path = Vec::new();
        let mut current = start;
        // Up the chain to a status whose depth is known, a root, or a broken status
        // (cycles are broken by now, so this ends).
        let (mut below, mut broken_above) = loop {
            if let Some(known) = depth[current] {
                break (known, broken[current]);
            }
            path.push(current);
            match base[current] {
                Some(b) if !broken[current] => current = b,
                _ => break (0, broken[current]),
            }
        };
        // Back down: the top of `path` is the status reached last.
        let top_is_new = depth[current].is_none();
        for (i, &status) in path.iter().enumerate().rev() {
            let is_top = i + 1 == path.len() && top_is_new;
            if !is_top {
                below += 1;
            }
            broken_above |= broken[status];
            broken[status] = broken_above;
            depth[status] = Some(below);
        }
    }
    let depth: Vec<usize> = depth.into_iter().map(|d| d.unwrap_or(0)).collect();
    too_deep(raw, &base, &depth, &mut broken, diagnostics);

    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by_key(|&i| (depth[i], i));
    Lineage {
        base,
        broken,
        order,
    }
}

/// Statuses deeper than [`MAX_EXTENDS_DEPTH`] are reported where they first cross it,
/// and resolved alone (as broken), with everything that extends them.
fn too_deep(
    raw: &RawSchema,
    base: &[Option<usize>],
    depth: &[usize],
    broken: &mut [bool],
    diagnostics: &mut Diagnostics,
) {
    for (i, status) in raw.statuses.iter().enumerate() {
        if depth[i] <= MAX_EXTENDS_DEPTH || broken[i] {
            continue;
        }
        if depth[i] == MAX_EXTENDS_DEPTH + 1 {
            let span = status.extends.as_ref().map_or(status.name.span, |e| e.span);
            let root = base[i].map_or("", |b| raw.statuses[b].name.as_str());
            diagnostics.push(
                Diagnostic::new(
                    Code::ExtendsTooDeep,
                    span,
                    format!(
                        "`{}` is {} `extends` deep, past the limit of {MAX_EXTENDS_DEPTH}",
                        status.name.value, depth[i]
                    ),
                )
                .label(format!("extends `{root}`, itself at the limit"))
                .note(format!(
                    "every status converts into and from every status along its chain, so a \
                     chain of n statuses resolves to about n² conversions; past \
                     {MAX_EXTENDS_DEPTH} levels that cost buys nothing a schema needs"
                ))
                .help("extend a status nearer the base family; siblings may share a base"),
            );
        }
    }
    // Marked after reporting, so that each chain is reported once, where it crosses.
    for (i, flag) in broken.iter_mut().enumerate() {
        if depth[i] > MAX_EXTENDS_DEPTH {
            *flag = true;
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Colour {
    Unvisited,
    OnPath,
    Done,
}

fn report_cycle(raw: &RawSchema, cycle: &[usize], diagnostics: &mut Diagnostics) {
    // Start the story at the member declared first: `A → B → A`, following `extends`.
    let shift = cycle
        .iter()
        .enumerate()
        .min_by_key(|&(_, &m)| m)
        .map_or(0, |(pos, _)| pos);
    let mut members = cycle.to_vec();
    members.rotate_left(shift);
    let first = members[0];
    let names: Vec<&str> = members
        .iter()
        .chain(members.first())
        .map(|&i| raw.statuses[i].name.as_str())
        .collect();
    let span_of = |i: usize| {
        raw.statuses[i]
            .extends
            .as_ref()
            .map_or(raw.statuses[i].name.span, |e| e.span)
    };
    let mut diagnostic = Diagnostic::new(
        Code::ExtendsCycle,
        span_of(first),
        format!(
            "statuses extend each other in a cycle: {}",
            names.join(" → ")
        ),
    )
    .label("the cycle starts here")
    .help("a base family must not extend anything; remove one `extends`");
    for &member in &members[1..] {
        diagnostic = diagnostic.secondary(span_of(member), "part of the cycle");
    }
    diagnostics.push(diagnostic);
}
