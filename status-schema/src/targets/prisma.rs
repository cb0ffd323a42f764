//! Prisma: an `enum` block per status, values mapped to wire values, the type mapped to
//! the PostgreSQL type the `sql` target creates.

use std::fmt::Write;

use super::{generated_line, quoted, snake};
use crate::Schema;

/// The enum blocks, to paste into (or include beside) `schema.prisma`.
pub fn generate(schema: &Schema, schema_name: &str) -> String {
    let mut out = format!("// {}\n", generated_line(schema_name));
    for status in &schema.statuses {
        out.push('\n');
        if let Some(doc) = &status.doc {
            for line in doc.trim().lines() {
                let _ = writeln!(out, "/// {line}");
            }
        }
        if let Some(note) = &status.deprecated {
            let _ = writeln!(
                out,
                "/// Deprecated{}",
                if note.is_empty() {
                    ".".to_owned()
                } else {
                    format!(": {note}")
                }
            );
        }
        let _ = writeln!(out, "enum {} {{", status.name);
        for state in &status.states {
            if let Some(doc) = &state.doc {
                for line in doc.trim().lines() {
                    let _ = writeln!(out, "  /// {line}");
                }
            }
            if state.wire == state.name {
                let _ = writeln!(out, "  {}", state.name);
            } else {
                let _ = writeln!(out, "  {} @map({})", state.name, quoted(&state.wire));
            }
        }
        let _ = writeln!(out, "\n  @@map({})\n}}", quoted(&snake(&status.name)));
    }
    out
}
