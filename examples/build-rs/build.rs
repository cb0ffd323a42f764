//! Generates every status of the project's `statuses.toml` into `$OUT_DIR/statuses.rs`.
//! A bad schema fails the build with the same diagnostics `statuskit check` prints.

fn main() -> Result<(), status_schema::build::BuildError> {
    status_schema::build::Builder::new("../../statuses.toml")
        // Schema order is a meaningful order for these statuses: sort by it.
        .derive("PartialOrd")
        .derive("Ord")
        .compile()?;
    Ok(())
}
