//! Prisma: an `enum` block per status whose members are the wire values (so Prisma Client's
//! values are the ones every other target uses), the type mapped to the PostgreSQL type the
//! `sql` target creates. The output is what `prisma format` would write.

use std::fmt::Write;

use super::generated_line;
use crate::Schema;
use crate::escape::prisma::{comment, doc, string};

/// A state's enum member: its wire value, so that Prisma Client's values are the values
/// every other target reads and writes; a wire value that is no Prisma identifier (it
/// holds a space or a quote, or starts with a digit) keeps the state's name and maps it
/// with `@map`, where Prisma Client's value is then the state's name.
fn member(state: &crate::model::State) -> (String, Option<String>) {
    if is_identifier(&state.wire) {
        (state.wire.clone(), None)
    } else {
        (state.name.clone(), Some(string(&state.wire)))
    }
}

/// Whether Prisma reads `text` as one identifier: an ASCII letter, then ASCII letters,
/// digits and underscores.
fn is_identifier(text: &str) -> bool {
    text.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The enum blocks, to paste into (or include beside) `schema.prisma`.
pub fn generate(schema: &Schema, schema_name: &str) -> String {
    let mut out = comment(&generated_line(schema_name));
    for status in &schema.statuses {
        out.push('\n');
        if let Some(text) = &status.doc {
            out.push_str(&doc("", text));
        }
        if let Some(note) = &status.deprecated {
            out.push_str(&doc(
                "",
                &if note.is_empty() {
                    "Deprecated.".to_owned()
                } else {
                    format!("Deprecated: {note}")
                },
            ));
        }
        let _ = writeln!(out, "enum {} {{", status.name);
        let mut members: Vec<(String, Option<String>)> = status.states.iter().map(member).collect();
        let mut names: Vec<&str> = members.iter().map(|(name, _)| name.as_str()).collect();
        names.sort_unstable();
        if names.windows(2).any(|w| w[0] == w[1]) {
            // A wire value that is another state's name: members by state name throughout,
            // which are unique, each mapped to its wire value.
            members = status
                .states
                .iter()
                .map(|s| (s.name.clone(), Some(string(&s.wire))))
                .collect();
        }
        // `prisma format` aligns the attributes of a block in one column.
        let width = members
            .iter()
            .filter(|(_, map)| map.is_some())
            .map(|(name, _)| name.len())
            .max()
            .unwrap_or(0);
        for (state, (name, map)) in status.states.iter().zip(&members) {
            if let Some(text) = &state.doc {
                out.push_str(&doc("  ", text));
            }
            match map {
                None => {
                    let _ = writeln!(out, "  {name}");
                }
                Some(map) => {
                    let _ = writeln!(out, "  {name:width$} @map({map})");
                }
            }
        }
        let _ = writeln!(
            out,
            "\n  @@map({})\n}}",
            string(&crate::naming::sql_status_names(&status.name).0)
        );
    }
    out
}
