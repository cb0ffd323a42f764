//! Writes the four crates `benches/compile-time.sh` builds, each holding seed 000's
//! statuses: statuskit's derive, statuskit's build.rs mode, the runtime alone holding
//! committed `statuskit gen rust` output (the floor: no generator compiled at all), and
//! strum's derives with a hand-written transition `match`. Usage:
//! `write-compile-crates OUT_DIR STATUSKIT_ROOT`.

#[allow(dead_code)] // the build script uses the rest
#[path = "../../codegen.rs"]
mod codegen;

use std::fmt::Write;
use std::path::Path;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(out), Some(root)) = (args.next(), args.next()) else {
        eprintln!("usage: write-compile-crates OUT_DIR STATUSKIT_ROOT");
        std::process::exit(2);
    };
    let out = Path::new(&out);
    let root = std::fs::canonicalize(&root).expect("statuskit root");
    let root = root.display();
    let schema = codegen::load(&format!("{root}/statuses.toml"));
    let statuses: Vec<_> = codegen::SEED_000
        .iter()
        .map(|n| schema.status(n).expect("declared"))
        .collect();

    // statuskit's derive: the enums by hand, everything else from the schema.
    let mut derive = String::new();
    for status in &statuses {
        let variants: String = status
            .states()
            .iter()
            .map(|s| format!("    {},\n", s.variant()))
            .collect();
        let _ = writeln!(
            derive,
            "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, statuskit::StatusMachine)]\n#[status(schema = \"statuses.toml\")]\npub enum {} {{\n{variants}}}\n",
            status.name()
        );
    }
    write_crate(
        out,
        "derive",
        &format!("statuskit = {{ path = \"{root}\", features = [\"derive\"] }}"),
        "",
        None,
        &derive,
    );
    std::fs::copy(
        format!("{root}/statuses.toml"),
        out.join("derive/statuses.toml"),
    )
    .expect("schema");

    // build.rs mode.
    let only: Vec<String> = codegen::SEED_000.iter().map(|n| format!("{n:?}")).collect();
    let build = format!(
        "fn main() {{\n    status_schema::build::Builder::new(\"statuses.toml\").only([{}]).compile().unwrap();\n}}\n",
        only.join(", ")
    );
    write_crate(
        out,
        "buildrs",
        &format!("statuskit = {{ path = \"{root}\" }}"),
        &format!("status-schema = {{ path = \"{root}/status-schema\" }}"),
        Some(&build),
        "#![allow(deprecated)]\ninclude!(concat!(env!(\"OUT_DIR\"), \"/statuses.rs\"));\n",
    );
    std::fs::copy(
        format!("{root}/statuses.toml"),
        out.join("buildrs/statuses.toml"),
    )
    .expect("schema");

    // The runtime alone, holding what `statuskit gen rust` writes for the same statuses, as
    // a crate that commits its generated file does.
    let generated = status_schema::build::Builder::new(format!("{root}/statuses.toml"))
        .only(codegen::SEED_000.iter().copied())
        .generate()
        .expect("generated");
    write_crate(
        out,
        "runtime",
        &format!("statuskit = {{ path = \"{root}\" }}"),
        "",
        None,
        &format!("#![allow(deprecated)]\n{generated}"),
    );

    // strum, plus the transition table people write by hand next to it.
    let mut strum = String::new();
    for status in &statuses {
        strum.push_str(&codegen::strum_enum(status, true));
        let _ = writeln!(
            strum,
            "impl {} {{\n{}}}\n",
            status.name(),
            codegen::can_transition_fn(status)
        );
    }
    write_crate(
        out,
        "strum",
        "strum = { version = \"0.28.0\", features = [\"derive\"] }",
        "",
        None,
        &strum,
    );
}

fn write_crate(
    out: &Path,
    name: &str,
    dependency: &str,
    build_dependency: &str,
    build: Option<&str>,
    lib: &str,
) {
    let dir = out.join(name);
    std::fs::create_dir_all(dir.join("src")).expect("crate dir");
    let build_section = if build_dependency.is_empty() {
        String::new()
    } else {
        format!("\n[build-dependencies]\n{build_dependency}\n")
    };
    std::fs::write(
        dir.join("Cargo.toml"),
        format!("[package]\nname = \"compile-{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[workspace]\n\n[dependencies]\n{dependency}\n{build_section}"),
    )
    .expect("manifest");
    if let Some(build) = build {
        std::fs::write(dir.join("build.rs"), build).expect("build.rs");
    }
    std::fs::write(
        dir.join("src/lib.rs"),
        format!("#![allow(dead_code)]\n{lib}"),
    )
    .expect("lib.rs");
}
