//! Generates, in build.rs mode, the root schema and the representative fixture that
//! `status-schema`'s snapshots pin; and the list of generated types, so tests can visit
//! every status without naming them by hand.

use std::fmt::Write;
use std::path::Path;

fn main() {
    status_schema::build::compile("../../statuses.toml").unwrap();
    status_schema::build::compile("../../status-schema/tests/rust/representative.toml").unwrap();
    let out_dir = std::env::var("OUT_DIR").unwrap();
    for (schema, module) in [
        ("../../statuses.toml", "root"),
        ("../../status-schema/tests/rust/representative.toml", "representative"),
    ] {
        std::fs::write(
            Path::new(&out_dir).join(format!("visit_{module}.rs")),
            visit_body(schema, module),
        )
        .unwrap();
    }
}

/// `{ visitor.visit::<module::A>(); … }` over every status of `schema`.
fn visit_body(schema: &str, module: &str) -> String {
    let text = std::fs::read_to_string(schema).unwrap();
    let file = status_schema::SourceFile::new(schema, text);
    let model = status_schema::analyze(&file).schema.expect("valid schema");
    let mut body = String::from("{\n");
    for status in &model.statuses {
        writeln!(body, "    visitor.visit::<crate::{module}::{}>();", status.name).unwrap();
    }
    body.push('}');
    body
}
