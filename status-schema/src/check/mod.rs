//! Checks: the rules a resolved model must satisfy, one small function per rule.
//!
//! Each rule reads the model and pushes diagnostics; none stops the others. To add a rule,
//! write a `fn(&Context, &Status, &mut Diagnostics)` in the module its subject belongs to,
//! give it a [`Code`](crate::diagnostic::Code) in the catalog, and list it in [`RULES`].

mod generated;
mod lifecycle;
mod lint;
mod migrations;
mod names;
mod outputs;
mod postgres_types;
mod text;
mod wire;

use std::collections::HashMap;

use crate::diagnostic::Diagnostics;
use crate::model::{Schema, Status};

pub(crate) use generated::{TYPESCRIPT_KEYWORDS, TYPESCRIPT_PRELUDE, TYPESCRIPT_RESERVED};
pub(crate) use text::written_text;

/// What a rule may look at: the resolved model, and what the schema declares in all.
pub(crate) struct Context<'a> {
    /// The resolved model.
    pub schema: &'a Schema,
    /// Whether loading and resolution found no errors, so nothing was dropped from the
    /// model. Lifecycle warnings about a half-read status would be noise, as rustc skips its
    /// lints after earlier errors; they run only when this is set.
    pub complete: bool,
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
}

/// A rule: looks at one status (with the schema around it) and reports what is wrong.
pub(crate) type Rule = fn(&Context<'_>, &Status, &mut Diagnostics);

/// Every rule, in the order they run.
const RULES: &[Rule] = &[
    names::status_name,
    names::state_names,
    names::event_names,
    names::state_variants,
    names::event_variants,
    generated::generated_names,
    generated::reserved_names,
    generated::typescript_enum_members,
    names::snake_names,
    lifecycle::terminal_exit,
    lifecycle::no_initial,
    lifecycle::unreachable,
    lifecycle::dead_end,
    lifecycle::event_applies_nowhere,
    wire::empty_spellings,
    wire::duplicate_wire,
    wire::aliases,
    wire::reserved_in_use,
    text::derived_wire_length,
];

/// Runs every rule over every status. `complete` says that loading and resolution found no
/// errors (see [`Context::complete`]).
pub(crate) fn check(schema: &Schema, complete: bool, diagnostics: &mut Diagnostics) {
    let mut cx = Context {
        schema,
        complete,
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
        let since = diagnostics.len();
        for rule in RULES {
            rule(&cx, status, diagnostics);
        }
        diagnostics.about_status(since, &status.name);
    }
    outputs::outputs(schema, diagnostics);
    migrations::migrations(schema, diagnostics);
    lint::lint(schema, diagnostics);
}
