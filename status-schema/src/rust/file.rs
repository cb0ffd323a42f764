//! Generated Rust as a file: what build.rs mode writes (printed straight from the tokens)
//! and what `statuskit gen rust` prints (formatted by prettyplease, for committing).

use super::{TokenOptions, items};
use crate::model::Schema;

/// Every status of `schema` as source, under an `@generated` header naming the schema
/// file, and a check that the runtime is one this generator writes for: build.rs mode's
/// file, each item printed from its tokens with its own lines and indentation (no
/// formatter compiled into the build script). The same schema and options always give the
/// same bytes.
pub fn file(schema: &Schema, options: &TokenOptions, schema_name: &str) -> String {
    write(schema, options, schema_name, super::print::print)
}

/// [`file`], formatted by prettyplease as rustfmt would lay it out: `statuskit gen rust`'s
/// output, which is committed and held to `cargo fmt --check`.
#[cfg(feature = "targets")]
pub fn formatted_file(schema: &Schema, options: &TokenOptions, schema_name: &str) -> String {
    write(schema, options, schema_name, unparse)
}

fn write(
    schema: &Schema,
    options: &TokenOptions,
    schema_name: &str,
    print: fn(proc_macro2::TokenStream) -> String,
) -> String {
    let body: String = items(schema, options)
        .map(print)
        .collect::<Vec<_>>()
        .join("\n");
    format!(
        "// {}\n\n{}\n{body}",
        crate::escape::one_line(&crate::generated_line(schema_name)),
        version_check(),
    )
}

/// The first item of a generated file: `statuskit` expands it to nothing when it runs code
/// from this version of the generator, and to a `compile_error!` naming both versions when
/// it does not. It is expanded before anything in the file is resolved, so a mismatch is
/// reported with this message first rather than only as missing items of `__private`.
fn version_check() -> String {
    format!(
        "::statuskit::__generated_by_status_schema!({:?});\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// Formats generated items with prettyplease.
///
/// The generator only emits items that parse, so the fallback (a `compile_error!` with
/// syn's message) exists to keep this infallible rather than to be seen: the message
/// stands in for the item.
#[cfg(feature = "targets")]
fn unparse(tokens: proc_macro2::TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens) {
        Ok(file) => prettyplease::unparse(&file),
        Err(error) => format!("compile_error!({:?});\n", error.to_string()),
    }
}
