//! Resolution: [`RawSchema`] → [`Schema`].
//!
//! Follows `extends` (bases first), applies inheritance, numbers states, resolves every
//! reference, expands `*`, and tabulates conversions. Reference problems found on the way
//! (unknown states and statuses, cycles, `add`/`remove` mistakes, `*` as a target) are
//! reported here because the model cannot hold them; rules about a well-formed model live
//! in [`crate::check`].
//!
//! Resolution is linear in the size of the model it builds, and that size is bounded
//! before building: `extends` chains stop at [`MAX_EXTENDS_DEPTH`], and the whole model at
//! [`MAX_RESOLVED_SIZE`] items, each refused with its own error.

mod budget;
mod conversions;
mod draft;
mod materialize;
mod order;

use crate::diagnostic::Diagnostics;
use crate::model::Schema;
use crate::raw::RawSchema;

pub use budget::MAX_RESOLVED_SIZE;
pub use order::MAX_EXTENDS_DEPTH;

/// Each status of `raw` with the items it resolves to, as E051's budget counts them.
pub fn resolved_sizes(raw: &RawSchema) -> Vec<(String, usize)> {
    let lineage = order::lineage(raw, &mut Diagnostics::new());
    raw.statuses
        .iter()
        .map(|s| s.name.value.clone())
        .zip(budget::status_totals(raw, &lineage))
        .collect()
}

/// Resolves `raw` into the model, reporting what cannot be resolved. The result is always a
/// model, possibly missing the parts that were in error, so that checks can still run on
/// the rest and report everything in one pass.
pub fn resolve(raw: &RawSchema, diagnostics: &mut Diagnostics) -> Schema {
    let lineage = order::lineage(raw, diagnostics);
    // Refused before anything is built: a schema past the budget would take more time and
    // memory to resolve than any real schema needs (see `budget`).
    if !budget::within(raw, &lineage, diagnostics) {
        return Schema::new(Vec::new(), Vec::new());
    }
    let count = raw.statuses.len();

    let mut drafts: Vec<Option<draft::Draft>> = vec![None; count];
    for &i in &lineage.order {
        let base = if lineage.broken[i] {
            None
        } else {
            lineage.base[i].and_then(|b| drafts[b].as_ref())
        };
        let since = diagnostics.len();
        drafts[i] = Some(draft::draft(
            i,
            &raw.statuses[i],
            base,
            lineage.broken[i],
            &raw.defaults,
            diagnostics,
        ));
        // What resolving one status finds is about it: a front end that shows one status
        // (the derive) draws its own mistakes in full.
        diagnostics.about_status(since, &raw.statuses[i].name.value);
    }

    let statuses: Vec<_> = drafts
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let d = d.as_ref()?;
            let extends = lineage.base[i].map(|b| raw.statuses[b].name.value.clone());
            let since = diagnostics.len();
            let mut status = materialize::materialize(
                i,
                &raw.statuses[i],
                d,
                extends,
                lineage.broken[i],
                &raw.statuses,
                diagnostics,
            );
            diagnostics.about_status(since, &raw.statuses[i].name.value);
            status.shape = crate::shape::Shape::merged(&raw.defaults.shape, &raw.statuses[i].shape);
            Some(status)
        })
        .collect();

    let conversions = conversions::conversions(raw, &statuses, &lineage, diagnostics);
    let mut schema = Schema::new(statuses, conversions);
    schema.outputs = outputs(raw);
    schema.migrations = migrations(raw);
    schema.lint = raw.lint.as_ref().map(|table| {
        let spanned = |name: &crate::raw::Name| (name.value.clone(), name.span);
        let list = |names: &Option<crate::raw::NameList>| {
            names.iter().flat_map(|l| &l.value).map(spanned).collect()
        };
        crate::model::LintConfig {
            paths: list(&table.paths),
            exclude: list(&table.exclude),
            rules: table
                .rules
                .iter()
                .map(|pair| (spanned(&pair.key), spanned(&pair.value)))
                .collect(),
        }
    });
    schema
}

/// `[migrations]` as written, when it has `dir` and `style` (a missing one is already
/// reported); the checker validates it against the model.
fn migrations(raw: &RawSchema) -> Option<crate::model::Migrations> {
    let spanned = |name: &crate::raw::Name| (name.value.clone(), name.span);
    let table = raw.migrations.as_ref()?;
    Some(crate::model::Migrations {
        dir: spanned(table.dir.as_ref()?),
        style: spanned(table.style.as_ref()?),
        storage: table.storage.as_ref().map(spanned),
        columns: table
            .columns
            .iter()
            .map(|pair| (spanned(&pair.key), spanned(&pair.value)))
            .collect(),
        span: table.span,
    })
}

/// `[[generate]]` entries as written, those with both `target` and `out` (a missing one is
/// already reported); the checker validates them against the model.
fn outputs(raw: &RawSchema) -> Vec<crate::model::Output> {
    let spanned = |name: &crate::raw::Name| (name.value.clone(), name.span);
    raw.generate
        .iter()
        .filter_map(|entry| {
            Some(crate::model::Output {
                target: spanned(entry.target.as_ref()?),
                out: spanned(entry.out.as_ref()?),
                statuses: entry
                    .statuses
                    .iter()
                    .flat_map(|list| &list.value)
                    .map(spanned)
                    .collect(),
                columns: entry
                    .columns
                    .iter()
                    .flat_map(|list| &list.value)
                    .map(spanned)
                    .collect(),
                text: entry.text.as_ref().filter(|t| t.value).map(|t| t.span),
                zod: entry.zod.as_ref().map(|t| (t.value, t.span)),
                sqlalchemy: entry
                    .sqlalchemy
                    .as_ref()
                    .filter(|t| t.value)
                    .map(|t| t.span),
                span: entry.span,
            })
        })
        .collect()
}
