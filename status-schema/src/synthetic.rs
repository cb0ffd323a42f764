//! Synthetic schemas of any size, for benchmarks and scale tests.
//!
//! [`schema`] writes a valid, warning-free schema that uses every feature at a steady rate
//! (extensions, `into`, aliases, labels, events, `*`), so time measured on it grows with size
//! the way a real schema's would.

use core::fmt::Write;

/// The shape of a synthetic schema.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// How many statuses.
    pub statuses: usize,
    /// States per base status (at least 3).
    pub states: usize,
    /// Declared transitions per base status (at most `(states - 1) * (states - 1)`).
    pub transitions: usize,
}

/// A schema of the given shape, as TOML text. Every third status extends the one before it;
/// every fifth converts `into` the one before it.
pub fn schema(shape: Shape) -> String {
    let k = shape.states.max(3);
    let mut out = String::from("schema_version = 1\n\n[defaults]\nrename_all = \"snake_case\"\n");
    for i in 0..shape.statuses {
        let _ = writeln!(out, "\n[status.S{i}]");
        if i % 3 == 2 {
            let _ = writeln!(out, "extends = \"S{}\"", i - 1);
            let _ = writeln!(out, "add = [\"extra\"]");
            let _ = writeln!(
                out,
                "transitions = {{ s0 = [\"extra\"], extra = [\"s1\"] }}"
            );
            let _ = writeln!(out, "aliases = {{ legacy_extra = \"extra\" }}");
            continue;
        }
        let states: Vec<String> = (0..k).map(|j| format!("\"s{j}\"")).collect();
        let _ = writeln!(out, "doc = \"Synthetic status {i}.\"");
        let _ = writeln!(out, "states = [{}]", states.join(", "));
        let _ = writeln!(out, "initial = \"s0\"\nterminal = [\"s{}\"]", k - 1);
        let _ = writeln!(out, "aliases = {{ old_s0 = \"s0\", old_s1 = \"s1\" }}");
        let _ = writeln!(out, "labels = {{ s0 = \"Start\" }}");
        if i % 5 == 4 {
            let _ = writeln!(out, "into.S{} = {{ s0 = \"s1\" }}", i - 1);
        }
        let _ = writeln!(out, "[status.S{i}.events]");
        let _ = writeln!(out, "advance = {{ from = \"s0\", to = \"s1\" }}");
        let _ = writeln!(out, "abort = {{ from = \"*\", to = \"s{}\" }}", k - 1);
        let _ = writeln!(out, "[status.S{i}.transitions]");
        // Sources are every state but the terminal last one; source `a` reaches `a + d` for
        // d = 1, 2, …, so `a → a + 1` makes every state reachable and all edges are distinct.
        let sources = k - 1;
        let mut per_source = vec![Vec::new(); sources];
        for t in 0..shape.transitions.min(sources * sources) {
            let from = t % sources;
            let d = 1 + t / sources;
            per_source[from].push(format!("\"s{}\"", (from + d) % k));
        }
        for (from, targets) in per_source.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            let _ = writeln!(out, "s{from} = [{}]", targets.join(", "));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_schemas_are_valid_and_clean() {
        let text = schema(Shape {
            statuses: 12,
            states: 6,
            transitions: 20,
        });
        let file = crate::SourceFile::new("synthetic.toml", text);
        let analysis = crate::analyze(&file);
        let rendered = crate::diagnostic::render::to_string(&file, analysis.diagnostics.as_slice());
        assert!(analysis.diagnostics.is_empty(), "{rendered}");
        let schema = analysis.schema.unwrap();
        assert_eq!(schema.statuses.len(), 12);
        // s1..s4 already reach s5 by declared edges; `abort` adds only s0 → s5.
        assert_eq!(schema.statuses[0].transitions.len(), 20 + 1);
    }
}
