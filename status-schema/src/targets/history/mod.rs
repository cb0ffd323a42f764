//! A migration history: the files `statuskit migrate new` writes into `[migrations]` `dir`,
//! one step per schema change, each applied once by the team's migration runner and never
//! rewritten.
//!
//! Every step migrates from the model the step before it recorded (the first, from the
//! database as it is) to the schema now, through the same rules as `gen sql --since`: no
//! stored row changes meaning unless the schema says so. Its last file records the model it
//! leaves (its record), and every file carries the digest of the record it starts from and
//! a checksum of itself: [`newest`] reads a history back, refusing a file edited after it
//! was written, a step missing between two others, or two steps written from the same one
//! (two branches merged), and [`changed`] tells whether the schema moved past it.
//!
//! A step whose enum types gain values has two files: PostgreSQL cannot use a value in the
//! transaction that adds it, and runners apply each file in one transaction.

mod file;
mod names;
mod record;

pub use file::{Origin, Read, Unreadable, read};
pub use names::{
    file_name, max_version, next_versions, timestamp, valid_name, version, version_width,
};

use super::GenerateError;
use super::sql::{Column, SqlOptions, Storage};
use crate::escape::sql::comment;
use crate::model::{MigrationStyle, Schema};
use crate::source::SourceFile;

/// A history file as found in the directory: its name, and what reading it gave.
#[derive(Clone, Debug)]
pub struct Found {
    /// The file's name.
    pub name: String,
    /// Its trailer, or why it cannot be read.
    pub read: Result<Read, Unreadable>,
}

/// Where the history stands: what the next step migrates from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    /// The newest step's last file, `None` for an empty history.
    pub file: Option<String>,
    /// The model it recorded; `None` for an empty history (the database as it is).
    pub record: Option<String>,
}

impl Head {
    /// Where the next step starts.
    pub fn from(&self) -> Origin {
        match &self.record {
            Some(record) => Origin::Record(file::digest(record)),
            None => Origin::Database,
        }
    }
}

/// The history `files` make (statuskit's files of the directory, in the runner's order),
/// checked: each file as it was written, each step starting from the one before it, and the
/// last step whole.
///
/// # Errors
///
/// Every problem found, one sentence each, naming the file.
pub fn newest(files: &[Found]) -> Result<Head, Vec<String>> {
    let mut problems = Vec::new();
    let mut head = Head {
        file: None,
        record: None,
    };
    let mut open_step: Option<(&str, &Read)> = None;
    // After a file that cannot be read, where the next step should start is unknown until a
    // step records a model again: its files are not blamed for the unreadable one (they may
    // well be good, applied migrations).
    let mut after_unreadable = false;
    let mut head_unknown = false;
    for found in files {
        let read = match &found.read {
            Ok(read) => read,
            Err(unreadable) => {
                after_unreadable = true;
                head_unknown = true;
                open_step = None;
                problems.push(unreadable_problem(&found.name, unreadable));
                continue;
            }
        };
        let checked = !std::mem::take(&mut after_unreadable);
        if !head_unknown && read.from != head.from() {
            let expected = match &head.file {
                Some(file) => format!("the model `{file}` recorded"),
                None => "the database as it was (the history's first step)".to_owned(),
            };
            problems.push(format!(
                "`{}` does not migrate from {expected}: it was written from another state of the history (two branches each added a migration, or one was removed); remove the files of the later step, if no database applied them, and write it again with `statuskit migrate new`",
                found.name
            ));
        }
        match (open_step, read.part) {
            _ if !checked => {}
            (Some((first, _)), (1, _)) => {
                problems.push(format!(
                    "`{first}` is the first part of a step whose second part is missing"
                ));
            }
            (None, (part, _)) if part > 1 => {
                problems.push(format!(
                    "`{}` is part {part} of a step whose earlier part is missing",
                    found.name
                ));
            }
            _ => {}
        }
        if read.part.0 < read.part.1 {
            open_step = Some((&found.name, read));
            continue;
        }
        open_step = None;
        match &read.record {
            Some(record) => {
                head_unknown = false;
                head = Head {
                    file: Some(found.name.clone()),
                    record: Some(record.clone()),
                };
            }
            None => problems.push(format!("`{}` ends a step but records no model", found.name)),
        }
    }
    if let Some((first, _)) = open_step {
        problems.push(format!(
            "`{first}` is the first part of a step whose second part is missing"
        ));
    }
    if problems.is_empty() {
        Ok(head)
    } else {
        Err(problems)
    }
}

/// What to say about a history file that cannot be read.
fn unreadable_problem(name: &str, unreadable: &Unreadable) -> String {
    match unreadable {
        Unreadable::Edited => format!(
            "`{name}` changed after statuskit wrote it (its checksum no longer matches): a runner refuses an applied migration that changed, or never runs it again; restore it from version control, and write changes as a new migration with `statuskit migrate new`"
        ),
        Unreadable::TooLarge => format!(
            "`{name}` records a model larger than any schema statuskit reads: it is not a migration statuskit wrote; restore it from version control"
        ),
        Unreadable::NoTrailer => format!(
            "`{name}` has statuskit's header but no trailer statuskit can read (cut short, or edited): restore it from version control"
        ),
    }
}

/// The schema `head` recorded, read back (`None` for an empty history).
///
/// # Errors
///
/// When the record does not check: it names the first error, without quoting the file.
pub fn recorded(head: &Head) -> Result<Option<Schema>, String> {
    let (Some(file), Some(record)) = (&head.file, &head.record) else {
        return Ok(None);
    };
    let analysis = crate::analyze(&SourceFile::new(
        format!("{file} (recorded model)"),
        record.as_str(),
    ));
    match analysis.schema {
        Some(schema) if schema.migrations.is_some() => Ok(Some(schema)),
        _ => {
            let first = analysis
                .diagnostics
                .iter()
                .find(|d| d.severity() == crate::Severity::Error)
                .map_or_else(String::new, |d| format!(": {} {}", d.code, d.message));
            Err(format!(
                "the model `{file}` recorded does not check with this statuskit{first}"
            ))
        }
    }
}

/// Whether `schema` asks for another database than `before` (the recorded schema) left:
/// a status, state, wire value, alias, case rule, transition or doc, the storage or a
/// bound column differs. `None` (an empty history) always differs.
pub fn changed(schema: &Schema, before: Option<&Schema>) -> bool {
    let (Some(now), Some(before)) = (
        schema.migrations(),
        before.and_then(|b| Some((b, b.migrations()?))),
    ) else {
        return true;
    };
    record::model(schema, now) != record::model(before.0, before.1)
}

/// A change of `[migrations]` that no step can make, from `before` (the recorded schema) to
/// `schema`: the storage (enum types and text are not converted into each other) or the
/// style (the files there are named and marked for the runner they were written for).
pub fn unsupported(before: &Schema, schema: &Schema) -> Option<String> {
    let (was, now) = (before.migrations()?, schema.migrations()?);
    let storage = |m: &crate::model::Migrations| if m.text() { "text" } else { "enum" };
    if was.text() != now.text() {
        return Some(format!(
            "`storage` is `{}`, and the history was written for `{}` (the default is `enum`): statuskit does not convert a database between enum types and text; keep `storage = \"{}\"`",
            storage(now),
            storage(was),
            storage(was)
        ));
    }
    if was.style() != now.style() {
        return Some(format!(
            "`style` is `{}`, and the history was written for `{}`, whose runner reads its files by their names and markers: keep `style = \"{}\"`, or convert the files by hand and start a new history",
            now.style().name(),
            was.style().name(),
            was.style().name()
        ));
    }
    None
}

/// The next step: its SQL, file by file, and the record it leaves.
#[derive(Clone, Debug)]
pub struct Step {
    sql: Vec<String>,
    record: String,
    from: Origin,
    style: MigrationStyle,
}

/// One file of a step, named and written out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewFile {
    /// The file name.
    pub name: String,
    /// Its text.
    pub text: String,
}

/// The step from `head` (whose model is `before`, read by [`recorded`]) to `schema`, or
/// `None` when nothing the database holds changed. `schema` must have `[migrations]`.
///
/// # Errors
///
/// What `gen sql --since` refuses (a value whose rows would change meaning, a bound column
/// whose status is gone), a column that changed status, or a change of storage.
pub fn next_step(
    schema: &Schema,
    head: &Head,
    before: Option<&Schema>,
) -> Result<Option<Step>, GenerateError> {
    let migrations = schema
        .migrations()
        .ok_or_else(|| GenerateError::new("the schema has no `[migrations]`"))?;
    if let Some(why) = before.and_then(|before| unsupported(before, schema)) {
        return Err(GenerateError::new(why));
    }
    if !changed(schema, before) {
        return Ok(None);
    }
    let columns = columns_of(schema)?;
    let storage = if migrations.text() {
        Storage::Text
    } else {
        Storage::Enum
    };
    let style = migrations.style();
    let mut options = SqlOptions::new(storage, columns);
    options.runner_transaction = matches!(
        style,
        MigrationStyle::Sqlx | MigrationStyle::Dbmate | MigrationStyle::Flyway
    );
    if let Some(before) = before {
        let previous = columns_of(before)?;
        bindings_kept(&previous, &options.columns)?;
        options.since = Some(before.clone());
        options.since_columns = Some(previous);
    }
    let parts = super::sql::parts(schema, &options)?;
    let sql = parts.values.into_iter().chain([parts.rows]).collect();
    Ok(Some(Step {
        sql,
        record: record::record(schema, migrations),
        from: head.from(),
        style,
    }))
}

/// Each column the history bound keeps its status, and is written as it was: `jobs.state`
/// and `public.jobs.state` may be one column, and a binding written anew would be taken for
/// a column set up for the first time, its rows read without what they meant before.
fn bindings_kept(previous: &[Column], now: &[Column]) -> Result<(), GenerateError> {
    let unqualified = |c: &Column| {
        let table = c.table.rsplit('.').next().unwrap_or(&c.table).to_owned();
        (table, c.column.clone())
    };
    for column in now {
        let same = |p: &&Column| p.table == column.table && p.column == column.column;
        if let Some(moved) = previous
            .iter()
            .find(same)
            .filter(|p| p.status != column.status)
        {
            return Err(GenerateError::new(format!(
                "column {}.{} held {} and is now bound to {}: statuskit does not move a column's rows from one status to another, since what they mean would change; keep the binding",
                column.table, column.column, moved.status, column.status
            )));
        }
        // Bound before as written: nothing to compare. Otherwise, a binding of the history
        // with the same table and column names, and no binding now, may be this column.
        let renamed = previous
            .iter()
            .filter(|_| !previous.iter().any(|p| same(&p)))
            .find(|p| {
                unqualified(p) == unqualified(column)
                    && !now
                        .iter()
                        .any(|n| n.table == p.table && n.column == p.column)
            });
        if let Some(before) = renamed {
            return Err(GenerateError::new(format!(
                "column {}.{} is bound where the history bound {}.{}: they may be one column, and a binding written anew is set up as a new column; write it as before",
                column.table, column.column, before.table, before.column
            )));
        }
    }
    Ok(())
}

fn columns_of(schema: &Schema) -> Result<Vec<Column>, GenerateError> {
    let Some(migrations) = schema.migrations() else {
        return Ok(Vec::new());
    };
    migrations
        .columns()
        .map(|(place, status)| {
            let (table, column) = place
                .rsplit_once('.')
                .ok_or_else(|| GenerateError::new(format!("`{place}` is not `table.column`")))?;
            Ok(Column {
                table: table.to_owned(),
                column: column.to_owned(),
                status: status.to_owned(),
            })
        })
        .collect()
}

impl Step {
    /// How many files the step has (two when enum types gain values first).
    pub fn len(&self) -> usize {
        self.sql.len()
    }

    /// Whether the step has no file (never: a step has at least one).
    pub fn is_empty(&self) -> bool {
        self.sql.is_empty()
    }

    /// The step's files, named `name` at `versions` (one per file, from
    /// [`next_versions`]), from the schema file `schema_name`.
    ///
    /// # Errors
    ///
    /// When a file would hold what its runner reads as syntax of its own (Flyway's `${`).
    pub fn files(
        &self,
        schema_name: &str,
        versions: &[String],
        name: &str,
    ) -> Result<Vec<NewFile>, GenerateError> {
        let total = u8::try_from(self.sql.len()).unwrap_or(u8::MAX);
        let mut files = Vec::new();
        for (i, (sql, version)) in self.sql.iter().zip(versions).enumerate() {
            let part = u8::try_from(i + 1).unwrap_or(u8::MAX);
            let last = part == total;
            let (file_name, what) = if last {
                (
                    names::file_name(self.style, version, name),
                    "rows rewritten, types, functions, constraints and triggers",
                )
            } else {
                (
                    names::file_name(self.style, version, &format!("{name}_values")),
                    "enum values renamed and added, committed before the next file uses them",
                )
            };
            let header = comment(&format!(
                "@generated by statuskit {} from {schema_name}. Do not edit: a runner refuses an applied migration that changed; write the next one with `statuskit migrate new`.\nMigration `{name}`, part {part} of {total}: {what}.",
                env!("CARGO_PKG_VERSION")
            ));
            let text = file::assemble(
                self.style,
                &header,
                sql,
                &self.from,
                (part, total),
                last.then_some(self.record.as_str()),
            );
            if let Some(why) = file::runner_syntax(self.style, &text) {
                return Err(GenerateError::new(format!("`{file_name}`: {why}")));
            }
            files.push(NewFile {
                name: file_name,
                text,
            });
        }
        Ok(files)
    }
}
