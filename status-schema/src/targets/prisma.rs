//! Prisma: an `enum` block per status, values mapped to wire values, the type mapped to
//! the PostgreSQL type the `sql` target creates.

use std::fmt::Write;

use super::generated_line;
use crate::Schema;
use crate::escape::prisma::{comment, doc, string};

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
        for state in &status.states {
            if let Some(text) = &state.doc {
                out.push_str(&doc("  ", text));
            }
            if state.wire == state.name {
                let _ = writeln!(out, "  {}", state.name);
            } else {
                let _ = writeln!(out, "  {} @map({})", state.name, string(&state.wire));
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
