//! The size a schema resolves to, worked out from counts before anything is built.
//!
//! Resolution multiplies: an extension copies its base (so a large base with many
//! extensions is copied many times), `*` expands to every non-terminal state (so `"*" =
//! [every state]` over 10,000 states is 10⁸ transitions), and every status converts into
//! and from each status along its chain. A small file can therefore describe a model too
//! large to hold. Rather than represent such relations symbolically (every generator would
//! then need a second code path, and the generated code would be as large anyway), the
//! schema is refused when its resolved size passes [`MAX_RESOLVED_SIZE`], with a located
//! error, before the model is built. The count is an upper bound (states an extension
//! `remove`s and events it overrides still count), computed in time linear in the file.

use super::order::Lineage;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::raw::{Name, RawSchema, RawStatus, WILDCARD};

/// The most items a schema may resolve to: states, transitions (after expanding `*`), event
/// sources, spellings and per-state metadata, and conversion entries, summed over every
/// status. A 100,000-state status with a transition out of each state is a fifth of it;
/// the limit keeps the model under a few hundred megabytes.
pub const MAX_RESOLVED_SIZE: usize = 1_000_000;

/// What a status counts for itself, whatever its states: the generated code declares a
/// type, its tables and its helpers per status in every language, so a schema of half a
/// million one-state statuses (16 MiB of them) would ask for gigabytes of code. The limit
/// then allows some 15,000 statuses, far past any system's.
pub const STATUS_WEIGHT: usize = 64;

/// The most text a schema may resolve to, in bytes: labels, docs and event docs, counted
/// with every copy an extension inherits. Each piece is small (8 KiB of prose at most), but
/// an extension copies its base's, so 255 extensions of a base with 1,900 documented events
/// fit in 16 MiB and resolve to 4 GB of text.
pub const MAX_RESOLVED_TEXT: usize = 64 * 1024 * 1024;

/// What one status resolves to, in items, as counted for the budget.
#[derive(Clone, Copy, Default)]
struct Size {
    states: usize,
    /// Transitions named source by source, and `transitions` entries whose source is `*`.
    named_edges: usize,
    wild_edges: usize,
    /// Event sources named, and event `from` lists holding `*`.
    named_sources: usize,
    wild_sources: usize,
    /// `aliases`, `labels`, `docs` and `wire` entries.
    metadata: usize,
    /// Bytes of labels, docs and event docs.
    text: usize,
}

impl Size {
    /// The status's own items once `*` is expanded (each wildcard to at most every state).
    fn total(&self) -> usize {
        let expand =
            |named: usize, wild: usize| named.saturating_add(wild.saturating_mul(self.states));
        // Event sources are both an event's `from` and edges of the relation.
        self.states
            .saturating_add(expand(self.named_edges, self.wild_edges))
            .saturating_add(expand(self.named_sources, self.wild_sources).saturating_mul(2))
            .saturating_add(self.metadata)
    }
}

/// Checks the schema's resolved size; `false` (with an error pushed) means it is too
/// large to resolve.
pub(super) fn within(raw: &RawSchema, lineage: &Lineage, diagnostics: &mut Diagnostics) -> bool {
    let (sizes, totals) = measure(raw, lineage);
    let text = sizes
        .iter()
        .fold(0usize, |sum, s| sum.saturating_add(s.text));
    if text > MAX_RESOLVED_TEXT {
        // Point at the status whose copies hold the most: usually the base, copied.
        if let Some(largest) = (0..sizes.len()).max_by_key(|&i| sizes[i].text) {
            diagnostics.push(
                Diagnostic::new(
                    Code::SchemaTooLarge,
                    raw.statuses[largest].name.span,
                    format!(
                        "the schema resolves to {} MiB of labels and docs, past the limit of {} MiB",
                        text >> 20,
                        MAX_RESOLVED_TEXT >> 20
                    ),
                )
                .label(format!(
                    "`{}` holds {} KiB of them, with what it inherits",
                    raw.statuses[largest].name.value,
                    sizes[largest].text >> 10
                ))
                .note("each extension copies its base's labels, docs and event docs")
                .help("keep long prose in documentation the docs link to, or make fewer extensions of a documented base"),
            );
            return false;
        }
    }
    let sum = totals.iter().fold(0usize, |sum, &t| sum.saturating_add(t));
    if sum <= MAX_RESOLVED_SIZE {
        return true;
    }
    // Point at the status that contributes most: usually the one to change.
    let Some(largest) = (0..totals.len()).max_by_key(|&i| totals[i]) else {
        return true;
    };
    let mut diagnostic = too_large(
        &raw.statuses[largest],
        &sizes[largest],
        totals[largest],
        sum,
    );
    let weight = totals.len().saturating_mul(STATUS_WEIGHT);
    if weight > MAX_RESOLVED_SIZE / 2 {
        diagnostic = diagnostic.note(format!(
            "its {} statuses count {} of it by themselves: split it into schemas of their own",
            thousands(totals.len()),
            thousands(weight)
        ));
    }
    diagnostics.push(diagnostic);
    false
}

/// What each status of `raw` resolves to, in the items the budget counts (in schema
/// order): what the E051 check sums, for a caller deciding which statuses to leave out
/// (`statuskit audit --draft`).
pub(super) fn status_totals(raw: &RawSchema, lineage: &Lineage) -> Vec<usize> {
    measure(raw, lineage).1
}

/// Each status's own size, and its total with conversions.
fn measure(raw: &RawSchema, lineage: &Lineage) -> (Vec<Size>, Vec<usize>) {
    let count = raw.statuses.len();
    let mut sizes = vec![Size::default(); count];
    for &i in &lineage.order {
        let status = &raw.statuses[i];
        let inherited = match lineage.base[i] {
            Some(b) if !lineage.broken[i] => sizes[b],
            _ => Size::default(),
        };
        sizes[i] = own(status, inherited);
    }

    // Conversions: each status maps every state onto each of its `into` targets, its
    // ancestors and its descendants (chains are at most `MAX_EXTENDS_DEPTH` deep here).
    let mut targets: Vec<usize> = raw.statuses.iter().map(|s| s.into.len()).collect();
    for i in (0..count).filter(|&i| !lineage.broken[i]) {
        let mut ancestor = lineage.base[i];
        let mut steps = 0;
        while let Some(a) = ancestor.filter(|_| steps < count) {
            targets[i] += 1;
            targets[a] += 1;
            ancestor = lineage.base[a];
            steps += 1;
        }
    }

    let totals: Vec<usize> = (0..count)
        .map(|i| {
            sizes[i]
                .total()
                .saturating_add(STATUS_WEIGHT)
                .saturating_add(sizes[i].states.saturating_mul(targets[i]))
        })
        .collect();
    (sizes, totals)
}

/// A status's size: what it inherits plus its own keys.
fn own(status: &RawStatus, inherited: Size) -> Size {
    let lists = [&status.states, &status.add];
    let declared = lists
        .iter()
        .filter_map(|l| l.as_ref())
        .map(|l| l.value.len())
        .sum::<usize>();
    let (mut named_edges, mut wild_edges) = (0usize, 0usize);
    for transition in &status.transitions {
        if transition.from.value == WILDCARD {
            wild_edges += transition.to.len();
        } else {
            named_edges += transition.to.len();
        }
    }
    let (mut named_sources, mut wild_sources) = (0usize, 0usize);
    for event in &status.events {
        let wild = event.from.iter().filter(|f| f.value == WILDCARD).count();
        wild_sources += wild;
        named_sources += event.from.len() - wild;
    }
    let metadata =
        status.aliases.len() + status.labels.len() + status.docs.len() + status.wire.len();
    let text = status
        .labels
        .iter()
        .chain(&status.docs)
        .map(|pair| pair.value.value.len())
        .chain(
            status
                .events
                .iter()
                .filter_map(|e| e.doc.as_ref().map(|d| d.value.len())),
        )
        .fold(0usize, usize::saturating_add);
    Size {
        states: inherited.states.saturating_add(declared),
        named_edges: inherited.named_edges.saturating_add(named_edges),
        wild_edges: inherited.wild_edges.saturating_add(wild_edges),
        named_sources: inherited.named_sources.saturating_add(named_sources),
        wild_sources: inherited.wild_sources.saturating_add(wild_sources),
        metadata: inherited.metadata.saturating_add(metadata),
        text: inherited.text.saturating_add(text),
    }
}

fn too_large(status: &RawStatus, size: &Size, total: usize, sum: usize) -> Diagnostic {
    let wildcard = status
        .transitions
        .iter()
        .map(|t| &t.from)
        .chain(status.events.iter().flat_map(|e| &e.from))
        .find(|f| f.value == WILDCARD);
    let expand = |named: usize, wild: usize| named.saturating_add(wild.saturating_mul(size.states));
    let edges = expand(size.named_edges, size.wild_edges)
        .saturating_add(expand(size.named_sources, size.wild_sources));
    let mut diagnostic = Diagnostic::new(
        Code::SchemaTooLarge,
        status.name.span,
        format!(
            "the schema resolves to {} items, past the limit of {}",
            thousands(sum),
            thousands(MAX_RESOLVED_SIZE)
        ),
    )
    .label(format!(
        "`{}` alone resolves to {} ({} states; transitions and event sources: up to {})",
        status.name.value,
        thousands(total),
        thousands(size.states),
        thousands(edges)
    ))
    .note(
        "items are states, transitions with `*` expanded, event sources, spellings and \
         metadata, and conversion entries, counted over every status with what it inherits, \
         and 64 for each status itself (the code generated for it)",
    );
    let wild = size
        .wild_edges
        .saturating_add(size.wild_sources)
        .saturating_mul(size.states);
    if let Some(Name { span, .. }) = wildcard.filter(|_| wild > MAX_RESOLVED_SIZE / 2) {
        diagnostic = diagnostic
            .secondary(
                *span,
                "`*` expands to every non-terminal state, for each target",
            )
            .help(
                "name the source states of the transitions into each target, or split the status",
            );
    } else {
        diagnostic = diagnostic.help("split the schema, or make the largest status smaller");
    }
    diagnostic
}

/// `1,000,000`: large counts read more easily grouped.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}
