//! Checks: the rules a resolved model must satisfy, one small function per rule.
//!
//! Each rule reads the model and pushes diagnostics; none stops the others. To add a rule,
//! write a `fn(&Schema, &Status, &mut Diagnostics)` in the module its subject belongs to,
//! give it a [`Code`](crate::diagnostic::Code) in the catalog, and list it in [`RULES`].

mod generated;
mod lifecycle;
mod names;
mod text;
mod wire;

use std::collections::HashMap;

use crate::diagnostic::Diagnostics;
use crate::model::{Schema, Status};
use crate::raw::{RawSchema, RawStatus};

/// What a rule may look at: the resolved model, and what was written, so that a rule can
/// tell "missing" from "written but in error" and stay quiet about the latter.
pub struct Context<'a> {
    /// The resolved model.
    pub schema: &'a Schema,
    /// The schema as written.
    pub raw: &'a RawSchema,
    /// Whether loading and resolution found no errors, so nothing was dropped from the
    /// model. Lifecycle warnings about a half-read status would be noise, as rustc skips its
    /// lints after earlier errors; they run only when this is set.
    pub complete: bool,
    raw_statuses: HashMap<&'a str, &'a RawStatus>,
    /// The first status (in declaration order) to take each snake_case name, and each
    /// derived PostgreSQL type and function name.
    snake_names: HashMap<String, &'a Status>,
    sql_names: HashMap<String, &'a Status>,
    /// Every top-level name each generated module declares, and which repeat which.
    declared_names: Vec<generated::Declared>,
    repeated_names: Vec<(usize, usize)>,
}

impl<'a> Context<'a> {
    /// The status called `name` ([`Schema::status`], indexed, so rules stay linear).
    pub fn status(&self, name: &str) -> Option<&'a Status> {
        self.schema.status(name)
    }

    /// The first status, in declaration order, whose snake_case name is `snake`.
    pub fn first_with_snake_name(&self, snake: &str) -> Option<&'a Status> {
        self.snake_names.get(snake).copied()
    }

    /// The first status, in declaration order, whose PostgreSQL type or transition function
    /// is named `name`.
    pub fn first_with_sql_name(&self, name: &str) -> Option<&'a Status> {
        self.sql_names.get(name).copied()
    }

    /// Every top-level name the generated modules declare, in declaration order.
    fn declared_names(&self) -> &[generated::Declared] {
        &self.declared_names
    }

    /// Pairs of positions in [`Self::declared_names`]: a later declaration of a name, and
    /// the first.
    fn repeated_names(&self) -> &[(usize, usize)] {
        &self.repeated_names
    }

    /// The written form of `status`.
    pub fn raw_status(&self, status: &Status) -> Option<&'a RawStatus> {
        self.raw_statuses.get(status.name.as_str()).copied()
    }
}

/// A rule: looks at one status (with the schema around it) and reports what is wrong.
pub type Rule = fn(&Context<'_>, &Status, &mut Diagnostics);

/// Every rule, in the order they run.
pub const RULES: &[Rule] = &[
    names::status_name,
    names::state_names,
    names::event_names,
    names::state_variants,
    names::event_variants,
    generated::generated_names,
    generated::reserved_names,
    names::snake_names,
    lifecycle::terminal_exit,
    lifecycle::no_initial,
    lifecycle::unreachable,
    lifecycle::dead_end,
    wire::empty_spellings,
    wire::duplicate_wire,
    wire::aliases,
    text::text_policy,
];

/// Runs every rule over every status.
pub fn check(schema: &Schema, raw: &RawSchema, diagnostics: &mut Diagnostics) {
    let mut cx = Context {
        schema,
        raw,
        complete: !diagnostics.has_errors(),
        raw_statuses: raw.statuses.iter().map(|s| (s.name.as_str(), s)).collect(),
        snake_names: HashMap::new(),
        sql_names: HashMap::new(),
        declared_names: generated::declared(schema),
        repeated_names: Vec::new(),
    };
    cx.repeated_names = generated::repeats(&cx.declared_names);
    for status in schema
        .statuses
        .iter()
        .filter(|s| crate::naming::is_type_name(&s.name))
    {
        cx.snake_names
            .entry(crate::naming::snake_name(&status.name))
            .or_insert(status);
        let (ty, function) = crate::naming::sql_status_names(&status.name);
        for name in [ty, function] {
            cx.sql_names.entry(name).or_insert(status);
        }
    }
    for status in &schema.statuses {
        for rule in RULES {
            rule(&cx, status, diagnostics);
        }
    }
}
