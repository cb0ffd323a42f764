//! Which status a place holds, from evidence, strongest first:
//!
//! 1. its declared type: a status of the schema (the generated class), or a hand-written
//!    definition that is a copy of one (a type naming anything else says the place holds
//!    that, and ends the search);
//! 2. a column the schema binds (`[[generate]] column`, `[migrations] columns`), matched by
//!    table (a SQL use) or by the model or variable named like the table (`Order`,
//!    `order` for `orders`);
//! 3. its name: `order.status` is `OrderStatus`'s, `jobs.state` `JobState`'s,
//!    `payment_status` `PaymentStatus`'s, only where the schema has a status of exactly
//!    that name, and until two values or more, none of them the status's (nor a near miss
//!    of one), say the place holds something else;
//! 4. the other literals used with it in the same function: two different states of one
//!    status at least, and no fewer than the values that spell none.
//!
//! Each answer carries the sentence that says why, shown with the finding.

use std::collections::{BTreeSet, HashMap};

use heck::{ToPascalCase, ToSnakeCase};
use status_schema::model::{Schema, Status};

use crate::finding::Finding;
use crate::uses::{LiteralUse, Place};

/// How a place is known to hold a status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Strength {
    /// Its declared type, or a column the schema binds.
    Declared,
    /// Its name.
    Named,
}

/// What a place holds: the status, why, and how strongly; or a type that is no status.
pub(super) enum Holds<'s> {
    Status(&'s Status, String, Strength),
    /// Declared with a type that is no status and no copy of one.
    Other,
    Unknown,
}

pub(super) struct Evidence<'s> {
    schema: &'s Schema,
    /// Type names → the status they are, with the sentence saying so: the statuses
    /// themselves and the tree's copies of them.
    types: HashMap<String, (&'s Status, String)>,
    /// Every other definition name in the tree: a place of such a type holds that.
    other_types: BTreeSet<String>,
    /// `(table, column, status, where bound)`, the table without its schema.
    columns: Vec<(String, String, &'s Status, &'static str)>,
}

impl<'s> Evidence<'s> {
    pub(super) fn new(schema: &'s Schema, findings: &[Finding]) -> Self {
        let mut types = HashMap::new();
        for status in schema.statuses() {
            types.insert(
                status.name().to_owned(),
                (status, format!("declared `{}`", status.name())),
            );
        }
        let mut other_types = BTreeSet::new();
        // A definition inside a class (`Delivery.STATUS_CHOICES`) is named by what the class
        // body calls it (`choices=STATUS_CHOICES`), where no other definition has that name.
        let mut inner: HashMap<&str, usize> = HashMap::new();
        for finding in findings {
            if let Some((_, last)) = finding.name.rsplit_once('.') {
                *inner.entry(last).or_default() += 1;
            }
        }
        for finding in findings {
            let name = match finding.name.rsplit_once('.') {
                Some((_, last)) if inner.get(last) == Some(&1) => last,
                Some(_) => continue,
                None => finding.name.as_str(),
            };
            if types.contains_key(name) {
                continue;
            }
            let values: Vec<&str> = finding.values().collect();
            match super::definitions::matched(schema, &finding.name, &values) {
                Some((status, _)) => {
                    types.insert(
                        name.to_owned(),
                        (
                            status,
                            format!(
                                "declared `{}` ({}:{}), a copy of `{}`",
                                finding.name,
                                finding.path,
                                finding.line,
                                status.name()
                            ),
                        ),
                    );
                }
                None => {
                    other_types.insert(name.to_owned());
                }
            }
        }
        let mut columns = Vec::new();
        let mut bind = |binding: &str, status: &str, by: &'static str| {
            let Some((table, column)) = binding.rsplit_once('.') else {
                return;
            };
            let table = table.rsplit('.').next().unwrap_or(table);
            if let Some(status) = schema.status(status) {
                columns.push((table.to_owned(), column.to_owned(), status, by));
            }
        };
        for output in schema.outputs() {
            for binding in output.columns() {
                if let Some((place, status)) = binding.split_once('=') {
                    bind(place.trim(), status.trim(), "[[generate]] column");
                }
            }
        }
        if let Some(migrations) = schema.migrations() {
            for (place, status) in migrations.columns() {
                bind(place, status, "[migrations] columns");
            }
        }
        Self {
            schema,
            types,
            other_types,
            columns,
        }
    }

    /// The schema's `[migrations] dir`, relative to the schema.
    pub(super) fn migrations_dir(&self) -> Option<&'s str> {
        self.schema
            .migrations()
            .map(status_schema::model::Migrations::dir)
    }

    /// What `place` holds, by its type, a bound column or its name.
    pub(super) fn of(&self, place: &Place) -> Holds<'s> {
        if let Some(typed) = &place.typed {
            let pascal = typed.to_pascal_case();
            if let Some((status, why)) = self.types.get(typed).or_else(|| self.types.get(&pascal)) {
                return Holds::Status(
                    status,
                    format!("`{}` is {why}", place.text),
                    Strength::Declared,
                );
            }
            if self.other_types.contains(typed) {
                return Holds::Other;
            }
        }
        if let Some(owner) = &place.owner {
            let owner_snake = owner.to_snake_case();
            for (table, column, status, by) in &self.columns {
                let table_snake = table.to_snake_case();
                let names_table =
                    owner_snake == table_snake || plural(&owner_snake).contains(&table_snake);
                if names_table && column.eq_ignore_ascii_case(&place.field) {
                    let binds = format!(
                        "the schema's `{by}` binds `{table}.{column}` to `{}`",
                        status.name()
                    );
                    let why = if place
                        .text
                        .eq_ignore_ascii_case(&format!("{table}.{column}"))
                    {
                        binds
                    } else if owner_snake == table_snake {
                        format!("`{}` is column `{table}.{column}`: {binds}", place.text)
                    } else {
                        let of = if place.text.contains(owner.as_str()) {
                            String::new()
                        } else {
                            format!(" of `{owner}`")
                        };
                        format!(
                            "`{}`{of} is column `{table}.{column}` by its name: {binds}",
                            place.text
                        )
                    };
                    return Holds::Status(status, why, Strength::Declared);
                }
            }
        }
        for name in names(place) {
            if let Some(status) = self.schema.status(&name) {
                let of = match &place.owner {
                    Some(owner) if !place.text.contains(owner.as_str()) => {
                        format!(" of `{owner}`")
                    }
                    _ => String::new(),
                };
                return Holds::Status(
                    status,
                    format!("`{}`{of} is named like `{}`", place.text, status.name()),
                    Strength::Named,
                );
            }
        }
        Holds::Unknown
    }

    /// The status the literals used with one place in one function are the states of, if
    /// they say so clearly: two different states of it at least, as many as the values
    /// that spell none of its, and no other status with as many.
    pub(super) fn of_siblings(&self, uses: &[&LiteralUse]) -> Option<(&'s Status, String)> {
        let values: BTreeSet<&str> = uses.iter().map(|u| u.value.as_str()).collect();
        let mut best: Option<(&Status, Vec<&str>)> = None;
        let mut tie = false;
        for status in self.schema.statuses() {
            let known: Vec<&str> = values
                .iter()
                .copied()
                .filter(|v| status.spelled(v).is_some())
                .collect();
            let states: BTreeSet<_> = known.iter().filter_map(|v| status.spelled(v)).collect();
            if states.len() < 2 || known.len() * 2 < values.len() {
                continue;
            }
            match &best {
                Some((_, held)) if held.len() == known.len() => tie = true,
                Some((_, held)) if held.len() > known.len() => {}
                _ => {
                    best = Some((status, known));
                    tie = false;
                }
            }
        }
        if tie {
            return None;
        }
        let (status, known) = best?;
        let shown: Vec<String> = known.iter().take(4).map(|v| format!("`{v}`")).collect();
        Some((
            status,
            format!(
                "`{}` is also compared with or given {}, values of `{}`, in the same {}",
                uses[0].place.text,
                shown.join(", "),
                status.name(),
                if uses[0].scope.is_empty() {
                    "file"
                } else {
                    "function"
                }
            ),
        ))
    }
}

/// `order` → `orders`; `category` → `categories`; `status` → `statuses`.
fn plural(word: &str) -> Vec<String> {
    let mut out = vec![format!("{word}s"), format!("{word}es")];
    if let Some(stem) = word.strip_suffix('y') {
        out.push(format!("{stem}ies"));
    }
    out
}

/// The status names a place is named like, exactly: `order.status` → `OrderStatus`;
/// `jobs.state` → `JobState`; `payment_status` → `PaymentStatus`.
fn names(place: &Place) -> Vec<String> {
    let field = place.field.to_snake_case();
    let mut out = Vec::new();
    if let Some(owner) = &place.owner {
        let owner = owner.to_snake_case();
        let singular = owner
            .strip_suffix("ies")
            .map(|s| format!("{s}y"))
            .or_else(|| owner.strip_suffix('s').map(str::to_owned));
        for owner in std::iter::once(owner.clone()).chain(singular) {
            out.push(format!("{owner}_{field}").to_pascal_case());
        }
    }
    // What holds it, by its type: `o: Order` makes `o.status` `OrderStatus`'s.
    if let Some(owner_type) = &place.owner_type {
        let owner = owner_type.to_snake_case();
        out.push(format!("{owner}_{field}").to_pascal_case());
    }
    // A field that names its status itself: `payment_status`, `orderStatus`.
    if field.contains('_') && (field.ends_with("_status") || field.ends_with("_state")) {
        out.push(field.to_pascal_case());
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|name| seen.insert(name.clone()));
    out
}

#[cfg(test)]
mod tests {
    use super::names;
    use crate::uses::Place;

    fn place(owner: Option<&str>, field: &str) -> Place {
        Place {
            text: String::new(),
            owner: owner.map(str::to_owned),
            field: field.to_owned(),
            typed: None,
            owner_type: None,
        }
    }

    #[test]
    fn names_join_owner_and_field() {
        assert!(names(&place(Some("order"), "status")).contains(&"OrderStatus".to_owned()));
        assert!(names(&place(Some("orders"), "status")).contains(&"OrderStatus".to_owned()));
        assert!(names(&place(Some("jobs"), "state")).contains(&"JobState".to_owned()));
        assert!(!names(&place(Some("job"), "state")).contains(&"JobStatus".to_owned()));
        assert!(names(&place(Some("categories"), "state")).contains(&"CategoryState".to_owned()));
        assert_eq!(names(&place(None, "paymentStatus")), ["PaymentStatus"]);
        assert!(names(&place(None, "status")).is_empty());
        assert!(names(&place(None, "color")).is_empty());
    }
}
