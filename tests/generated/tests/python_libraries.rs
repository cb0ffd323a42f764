//! The generated Python in the libraries Python teams use, run for real (pinned in
//! `conformance/requirements.txt`, installed into `conformance/.venv` by
//! `scripts/setup-tools`):
//! - Pydantic v2: a model field of a status type reads every spelling and dumps the wire
//!   value, with nothing generated for it (`conformance/check-pydantic.py`);
//! - SQLAlchemy 2 with `gen python --sqlalchemy`: a plain `Mapped[Status]` column on SQLite,
//!   and on PostgreSQL (psycopg 3) on the columns the `sql` target's migration makes, enum
//!   and text storage (`conformance/check-sqlalchemy.py`).

mod support;

use std::path::Path;
use std::process::Command;

use status_schema::targets::{Column, Storage, Target};
use status_schema::{Schema, SourceFile};
use support::generate::{generate, generate_sql, generate_sqlalchemy};
use support::postgres::Postgres;
use support::tools::{run, tool, venv_python};

fn load(relative: &str) -> Schema {
    let text = std::fs::read_to_string(format!("../../{relative}")).expect("schema");
    status_schema::analyze(&SourceFile::new("statuses.toml", text))
        .schema
        .expect("valid")
}

#[test]
fn root_schema_in_pydantic_and_sqlalchemy() {
    conforms("root", &load("statuses.toml"));
}

#[test]
fn hostile_text_stays_inert_in_pydantic_and_sqlalchemy() {
    conforms("hostile", &load("status-schema/tests/hostile/hostile.toml"));
}

/// Key words PostgreSQL takes only quoted as a type name, and a name cut to 63 bytes: the
/// migration's types and the column types' casts agree on each.
#[test]
fn postgres_key_word_type_names_in_sqlalchemy() {
    conforms("keywords", &load("tests/generated/tests/keywords.toml"));
}

fn conforms(name: &str, schema: &Schema) {
    let dir = std::env::temp_dir().join(format!(
        "statuskit-python-libraries-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("work directory");
    let write = |file: &str, text: String| std::fs::write(dir.join(file), text).expect(file);
    write(
        "facts.json",
        generate(Target::Json, schema, "statuses.toml"),
    );
    write("statuses.py", generate_sqlalchemy(schema, "statuses.toml"));
    let python = venv_python();

    // The module with its SQLAlchemy import is as strict as without, and still behaves.
    run(Command::new(tool(".venv/bin/mypy"))
        .args(["--strict", "statuses.py"])
        .current_dir(&dir));
    for script in ["check.py", "check-pydantic.py"] {
        expect_passed(&run(Command::new(&python)
            .arg(tool(script))
            .args(["facts.json", "."])
            .current_dir(&dir)));
    }
    expect_passed(&run(Command::new(&python)
        .arg(tool("check-sqlalchemy.py"))
        .args(["facts.json", ".", "sqlite:///sqlite.db", "sqlite"])
        .current_dir(&dir)));

    // Each status's table `sa_<index>` bound to it, as the script names them.
    let columns: Vec<Column> = schema
        .statuses()
        .iter()
        .enumerate()
        .map(|(i, status)| Column {
            table: format!("sa_{i}"),
            column: "status".into(),
            status: status.name().to_owned(),
        })
        .collect();
    let server = Postgres::start();
    for (storage, variant) in [(Storage::Enum, "enum"), (Storage::Text, "text")] {
        let sql = generate_sql(schema, "statuses.toml", storage, columns.clone()).expect("sql");
        write(&format!("{variant}.sql"), sql);
        let database = format!("sqlalchemy_{variant}");
        create_database(&server, &dir, &database);
        let base = server.url.rsplit_once('/').expect("url").0;
        let url = format!(
            "{}/{database}",
            base.replacen("postgres://", "postgresql+psycopg://", 1)
        );
        expect_passed(&run(Command::new(&python)
            .arg(tool("check-sqlalchemy.py"))
            .args(["facts.json", ".", &url, variant, &format!("{variant}.sql")])
            .current_dir(&dir)));
    }
    let _ = std::fs::remove_dir_all(dir);
}

fn create_database(server: &Postgres, dir: &Path, name: &str) {
    run(Command::new(server.program("psql"))
        .args([
            "-X",
            "-q",
            &server.url,
            "-c",
            &format!("CREATE DATABASE {name}"),
        ])
        .current_dir(dir));
}

fn expect_passed(out: &str) {
    assert!(out.contains("checks passed"), "{out}");
}
