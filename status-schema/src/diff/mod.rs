//! `statuskit diff`: what changes between two versions of a schema, and who it breaks.
//!
//! Every change is one [`Change`]: a diagnostic with a `B…` code, placed in the schema
//! where the changed thing is (the new one, or the old one for what was removed), and one
//! [`Category`], as `buf breaking` sorts its rules, so a team chooses what to enforce:
//!
//! - [`Category::Wire`]: values stored or sent under the old schema stop being readable, or
//!   read as something else.
//! - [`Category::Source`]: code generated from the old schema, and the code written against
//!   it, stops compiling or changes type.
//! - [`Category::Behaviour`]: what the lifecycle allows changes.
//!
//! The rules read only the two checked models: a state is the same state when it has the
//! same name; a value stays readable when the new status spells it (as a wire value or an
//! alias, under its case rule) as the same state, or retires it in `reserved`. Comparing is
//! linear in the two schemas' sizes.

mod rules;

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::Schema;

/// Who a change breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Category {
    /// Stored or transmitted values stop being readable, or change meaning.
    Wire,
    /// Generated code, and code written against it, stops compiling or changes type.
    Source,
    /// The lifecycle allows something else.
    Behaviour,
}

impl Category {
    /// Every category.
    pub const ALL: &'static [Category] = &[Category::Wire, Category::Source, Category::Behaviour];

    /// `wire`, `source` or `behaviour`, as `--deny` takes it.
    pub const fn name(self) -> &'static str {
        match self {
            Category::Wire => "wire",
            Category::Source => "source",
            Category::Behaviour => "behaviour",
        }
    }

    /// The category of a diff rule's code; `None` for a code that is not a diff rule.
    pub fn of(code: Code) -> Option<Category> {
        rules::category(code)
    }
}

/// Which schema a change's span is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Side {
    /// The old schema: for what was removed.
    Old,
    /// The new schema.
    New,
}

/// One change between two schemas.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Change {
    /// Who it breaks.
    pub category: Category,
    /// Which schema [`Self::diagnostic`]'s spans are in.
    pub side: Side,
    /// What changed, with a `B…` code; an error when its category or rule is denied, a
    /// warning when not, a note for what breaks nobody (an added move).
    pub diagnostic: Diagnostic,
}

/// What fails a diff: denied categories, and rules allowed in spite of them.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Policy {
    /// Categories whose changes fail. `wire` and `source` by default.
    pub deny: Vec<Category>,
    /// Rules that never fail, by code (`B105`) or name (`state-added`).
    pub allow: Vec<String>,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            deny: vec![Category::Wire, Category::Source],
            allow: Vec::new(),
        }
    }
}

impl Policy {
    /// Whether a change of rule `code` fails under this policy.
    pub fn denies(&self, code: Code) -> bool {
        let allowed = self
            .allow
            .iter()
            .any(|rule| rule == code.id() || rule == code.name());
        !allowed
            && rules::category(code).is_some_and(|c| self.deny.contains(&c))
            && !rules::informational(code)
    }
}

/// Every change from `old` to `new`, in a stable order (old schema's status order, then
/// rule by rule), each an error if `policy` denies it.
pub fn diff(old: &Schema, new: &Schema, policy: &Policy) -> Vec<Change> {
    let mut changes = rules::changes(old, new);
    for change in &mut changes {
        let code = change.diagnostic.code;
        let severity = if rules::informational(code) {
            Severity::Note
        } else if policy.denies(code) {
            Severity::Error
        } else {
            Severity::Warning
        };
        change.diagnostic.set_severity(severity);
    }
    changes
}
