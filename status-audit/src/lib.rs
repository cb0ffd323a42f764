//! Finds the status enums a codebase already has, and drafts a `statuses.toml` from them:
//! the way into statuskit for a team whose statuses are scattered across Python `Enum`s,
//! `Literal[...]` annotations, string sets, TypeScript unions, zod enums, Prisma enums, SQL
//! types and `CHECK` constraints, and Rust enums.
//!
//! [`audit`] walks a directory (as git sees it: `.gitignore` honoured, `node_modules` and
//! virtual environments skipped), parses each source file with a real parser (tree-sitter
//! for Python and TypeScript/JavaScript, sqlparser for SQL, syn for Rust, a tokenizer for
//! Prisma), and reports every enum-like definition as a [`Finding`]: where it is, what it
//! is called, its members with the values the code stores, and a score saying how much it
//! looks like a status. [`group`] relates findings (one name in several places, one member
//! set under several names, subsets, spelling variants), and [`draft`] writes a schema that
//! `statuskit check` accepts.
//!
//! The same walk keeps the string literals the code uses as a place's value
//! ([`Report::uses`], [`LiteralUse`]) and the types fields are declared with
//! ([`Report::fields`]); [`lint()`] holds literals, definitions and transition tables against
//! a schema, for `statuskit lint`.
//!
//! # The JSON report
//!
//! `statuskit audit --format json` prints [`Report::to_json`], a versioned contract:
//!
//! ```json
//! {
//!   "format": "statuskit-audit",
//!   "version": 1,
//!   "findings": [{
//!     "path": "app/models.py", "line": 12, "end_line": 18,
//!     "name": "TaskStatus", "kind": "python-enum",
//!     "members": [{"name": "PENDING", "value": "pending"}],
//!     "score": 95, "is_status": true,
//!     "python_base": "StrEnum", "python_mixin": null
//!   }],
//!   "groups": [{"kind": "same-name", "name": "TaskStatus", "findings": [0, 3],
//!               "note": "…"}],
//!   "transition_tables": [{"path": "app/flow.py", "line": 40, "name": "VALID_TRANSITIONS",
//!                          "owner": "TaskStatus",
//!                          "moves": [{"from": "pending", "to": ["running"]}]}],
//!   "rejected": [{"path": "web/colors.ts", "line": 3, "name": "statusColors",
//!                 "what": "definition", "reason": "an object keyed by states holding CSS classes: …"}],
//!   "errors": [{"path": "broken.py", "message": "…"}]
//! }
//! ```
//!
//! - `path` is relative to the audited directory, with `/` separators; `line` and
//!   `end_line` are 1-based and inclusive.
//! - `kind` is one of [`Kind::name`]'s values.
//! - `members` are in source order; `value` is what the code stores (a Python enum's value,
//!   a TypeScript enum's initializer, a Prisma `@map`, a Rust variant after serde/strum
//!   renames), or the member's name where the code gives no other.
//! - `python_base` is a Python enum's base as the schema's `python.base` names it
//!   (`StrEnum`, `str, Enum`, `Enum`, or `IntEnum`), and `python_mixin` the project class
//!   it derives from (`module:Class`, followed through the package's imports into other
//!   modules); both `null` elsewhere.
//! - `score` is 0 to 100; `is_status` is `score >= 50`. Without `--all` only findings that
//!   are statuses are listed, and groups index into that list.
//! - `groups[].findings` are indexes into `findings`; `kind` is one of `same-name`,
//!   `same-members`, `subset`, `spelling-variants`.
//! - `transition_tables[].owner` is the enum whose members the table names
//!   (`TaskStatus.PENDING`), or `null` where it writes strings or members of several.
//! - `rejected` lists what has the shape of a status definition or a transition table but
//!   is something else, with the reason (`what` is `definition` or `transition-table`): a
//!   test's copy of states, an object from states to colours or labels, a map of
//!   prerequisites or imports, a table naming no one enum's states or that nothing uses to
//!   decide moves. They are in neither `findings` nor `transition_tables`.
//! - Fields may be added within a version; none is removed or changes meaning.

mod bases;
mod draft;
mod finding;
mod group;
mod languages;
mod lint;
mod precision;
mod report;
mod score;
mod uses;
mod walk;

pub use draft::draft;
pub use finding::{Finding, Kind, Member, Move, Shape, TransitionTable};
pub use group::{Group, GroupKind, group};
pub use lint::{Fix, LintFinding, lint};
pub use precision::Rejected;
pub use report::Report;
pub use uses::{DeclaredField, How, LiteralUse, Place};
pub use walk::{Options, audit};
