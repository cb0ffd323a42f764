//! Generating a target in a test: the options every test passes, spelt once.
#![allow(dead_code)] // each test binary uses part of it

use status_schema::Schema;
use status_schema::targets::{Column, GenerateError, Options, SqlOptions, Storage, Target};

/// `target`'s output for `schema` with default options, which every target accepts.
pub fn generate(target: Target, schema: &Schema, name: &str) -> String {
    target
        .generate(schema, name, &Options::default())
        .expect("default options generate every target")
}

/// The SQL target with `storage` and `columns` bound.
pub fn generate_sql(
    schema: &Schema,
    name: &str,
    storage: Storage,
    columns: Vec<Column>,
) -> Result<String, GenerateError> {
    let mut options = Options::default();
    options.sql = SqlOptions::new(storage, columns);
    Target::Sql.generate(schema, name, &options)
}

/// The TypeScript target with a zod schema per status, for zod's `major` version.
pub fn generate_zod(schema: &Schema, name: &str, major: u8) -> String {
    let mut options = Options::default();
    options.typescript.zod = Some(major);
    Target::Typescript
        .generate(schema, name, &options)
        .expect("TypeScript generates")
}

/// The Python target with a SQLAlchemy column type per status.
pub fn generate_sqlalchemy(schema: &Schema, name: &str) -> String {
    let mut options = Options::default();
    options.python.sqlalchemy = true;
    Target::Python
        .generate(schema, name, &options)
        .expect("Python generates")
}
