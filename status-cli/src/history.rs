//! A schema's migration history (`[migrations]`), read from its directory: statuskit's own
//! files in the runner's order, and the versions of every migration there (a team's own
//! too), so that the next file sorts after all of them. Only statuskit's files are opened.

use std::path::{Path, PathBuf};

use status_schema::Schema;
use status_schema::model::Migrations;
use status_schema::targets::history::{self, Found, Head};

use crate::confine::Root;

/// The history as found.
pub(crate) struct History {
    /// statuskit's files, in the order the runner applies them.
    pub(crate) found: Vec<Found>,
    /// The version of every migration file there, with the width it is written in.
    pub(crate) versions: Vec<(u128, usize)>,
    /// The last name of a migration file there, byte by byte: runners that apply files in
    /// the order of their names (psql with a glob, dbmate) apply the next one after it.
    pub(crate) last_name: Option<String>,
    /// statuskit's files whose names the runner does not read as migrations.
    pub(crate) unnamed: Vec<String>,
    /// The directory as the user reads it.
    pub(crate) shown: PathBuf,
}

/// The history of `migrations`, whose directory is relative to `root` (shown under `base`).
pub(crate) fn read(root: &Root, base: &Path, migrations: &Migrations) -> Result<History, String> {
    let shown = base.join(migrations.dir());
    let style = migrations.style();
    let entries = root
        .listing(Path::new(migrations.dir()))
        .map_err(|why| format!("the migration history `{}` {why}", shown.display()))?;
    let mut ours = Vec::new();
    let mut versions = Vec::new();
    let mut unnamed = Vec::new();
    let mut last_name: Option<String> = None;
    for entry in entries {
        // Runners read names lossily (sqlx does): a name that is not UTF-8 still counts.
        let lossy = entry.name.to_string_lossy();
        let version = history::version(style, &lossy);
        if let Some(version) = version {
            versions.push((version, history::version_width(style, &lossy)));
            if last_name.as_deref().is_none_or(|last| *last < *lossy) {
                last_name = Some(lossy.clone().into_owned());
            }
        }
        let Some(bytes) = entry.ours else {
            continue;
        };
        let (Some(version), Some(name)) = (version, entry.name.to_str()) else {
            unnamed.push(lossy.into_owned());
            continue;
        };
        let read = String::from_utf8(bytes)
            .map_err(|_| history::Unreadable::NoTrailer)
            .and_then(|text| history::read(&text));
        ours.push((version, name.to_owned(), read));
    }
    ours.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    Ok(History {
        found: ours
            .into_iter()
            .map(|(_, name, read)| Found { name, read })
            .collect(),
        versions,
        last_name,
        unnamed,
        shown,
    })
}

impl History {
    /// Where the history stands, or every problem that stops it from being continued.
    pub(crate) fn head(&self) -> Result<Head, Vec<String>> {
        let mut problems: Vec<String> = self
            .unnamed
            .iter()
            .map(|name| {
                format!(
                    "`{name}` is a migration statuskit wrote, under a name its runner does not read as a migration (or that is not UTF-8): restore its name"
                )
            })
            .collect();
        match history::newest(&self.found) {
            Ok(head) if problems.is_empty() => Ok(head),
            Ok(_) => Err(problems),
            Err(more) => {
                problems.extend(more);
                Err(problems)
            }
        }
    }

    /// What `gen --check` reports about the history of `schema`: problems in it, or the
    /// schema changed since its newest step; `command` writes the next one.
    pub(crate) fn problems(&self, schema: &Schema, command: &str) -> Vec<String> {
        let shown = self.shown.display();
        let head = match self.head() {
            Ok(head) => head,
            Err(problems) => {
                return problems
                    .into_iter()
                    .map(|p| format!("migration history `{shown}`: {p}"))
                    .collect();
            }
        };
        let before = match history::recorded(&head) {
            Ok(before) => before,
            Err(why) => return vec![format!("migration history `{shown}`: {why}")],
        };
        if let Some(why) = before
            .as_ref()
            .and_then(|b| history::unsupported(b, schema))
        {
            return vec![format!("migration history `{shown}`: {why}")];
        }
        if !history::changed(schema, before.as_ref()) {
            return Vec::new();
        }
        vec![match &head.file {
            Some(file) => format!(
                "the schema changed since the newest migration in `{shown}` (`{file}`): write the next one with `{command}`"
            ),
            None => format!(
                "the migration history `{shown}` has no migration of statuskit's yet: write the first with `{command}`"
            ),
        }]
    }
}
