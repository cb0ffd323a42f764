//! Every conversion of the root schema (and the fixture), in build.rs and derive mode,
//! checked state by state against the model's table: `From` exactly where the table is
//! total, `TryFrom` with an error naming source status, state and target otherwise.

use status_schema::{Schema, SourceFile};
use statuskit::StatusMachine;
use statuskit_generated_tests::{
    ConversionVisitor, conversions_derived, conversions_hostile, conversions_representative,
    conversions_root,
};

fn load(path: &str) -> Schema {
    let text = std::fs::read_to_string(path).expect("schema exists");
    status_schema::analyze(&SourceFile::new(path, text))
        .schema
        .expect("valid")
}

struct Exhaustive {
    schema: Schema,
    visited: usize,
}

impl Exhaustive {
    /// The model's target index for each source state.
    fn table<A: StatusMachine, B: StatusMachine>(&self) -> Vec<Option<usize>> {
        let conversion = self
            .schema
            .conversion(A::NAME, B::NAME)
            .expect("the schema defines it");
        let from = self.schema.status(A::NAME).expect("declared");
        from.states()
            .iter()
            .map(|s| {
                conversion
                    .get(s.id())
                    .map(status_schema::model::StateId::index)
            })
            .collect()
    }
}

impl ConversionVisitor for Exhaustive {
    fn total<A, B>(&mut self)
    where
        A: StatusMachine + Into<B>,
        B: StatusMachine,
    {
        let table = self.table::<A, B>();
        for (&state, expected) in A::ALL.iter().zip(table) {
            let converted: B = state.into();
            assert_eq!(
                Some(converted.index()),
                expected,
                "{} {state} into {}",
                A::NAME,
                B::NAME
            );
        }
        self.visited += 1;
    }

    fn partial<A, B>(&mut self)
    where
        A: StatusMachine,
        B: StatusMachine + TryFrom<A, Error = statuskit::ConversionError>,
    {
        let table = self.table::<A, B>();
        assert!(
            table.iter().any(Option::is_none),
            "partial means some state has no target"
        );
        for (&state, expected) in A::ALL.iter().zip(table) {
            match B::try_from(state) {
                Ok(converted) => assert_eq!(Some(converted.index()), expected),
                Err(error) => {
                    assert_eq!(expected, None, "{} {state} into {}", A::NAME, B::NAME);
                    assert_eq!(
                        (error.from(), error.state(), error.to()),
                        (A::NAME, state.as_str(), B::NAME)
                    );
                    assert_eq!(
                        error.to_string(),
                        format!("{} `{state}` has no counterpart in {}", A::NAME, B::NAME)
                    );
                }
            }
        }
        self.visited += 1;
    }
}

#[test]
fn root_conversions_in_build_mode() {
    let mut visitor = Exhaustive {
        schema: load("../../statuses.toml"),
        visited: 0,
    };
    conversions_root(&mut visitor);
    assert_eq!(visitor.visited, visitor.schema.conversions().len());
    assert!(visitor.visited > 20);
}

#[test]
fn root_conversions_in_derive_mode() {
    let mut visitor = Exhaustive {
        schema: load("../../statuses.toml"),
        visited: 0,
    };
    conversions_derived(&mut visitor);
    assert_eq!(visitor.visited, visitor.schema.conversions().len());
}

#[test]
fn fixture_conversions() {
    let mut visitor = Exhaustive {
        schema: load("../../status-schema/tests/rust/representative.toml"),
        visited: 0,
    };
    conversions_representative(&mut visitor);
    assert_eq!(visitor.visited, visitor.schema.conversions().len());
}

#[test]
fn hostile_conversions() {
    let mut visitor = Exhaustive {
        schema: load("../../status-schema/tests/hostile/hostile.toml"),
        visited: 0,
    };
    conversions_hostile(&mut visitor);
    assert_eq!(visitor.visited, visitor.schema.conversions().len());
}

/// Seed 003's case, by name: the legacy pipeline values map onto the workflow status.
#[test]
#[allow(deprecated)]
fn pipeline_rows_convert_into_workflow() {
    use statuskit_generated_tests::root::{PipelineStatus, WorkflowStatus};
    assert_eq!(
        WorkflowStatus::from(PipelineStatus::Success),
        WorkflowStatus::Completed
    );
    assert_eq!(
        WorkflowStatus::from(PipelineStatus::Queued),
        WorkflowStatus::Initiated
    );
    assert_eq!(
        WorkflowStatus::from(PipelineStatus::Paused),
        WorkflowStatus::Paused
    );
}
