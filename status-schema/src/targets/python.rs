//! Python 3.11+: per status a `StrEnum` whose `_missing_` applies aliases, the case rule and
//! the fallback, with the lifecycle as methods; events as a second `StrEnum`; conversions as
//! functions. Passes `mypy --strict`. With [`PythonOptions::sqlalchemy`], per status a
//! SQLAlchemy 2 column type too.

use std::fmt::Write;

use heck::ToShoutySnakeCase;

use super::generated_line;
use crate::Schema;
use crate::escape::python::{comment, docstring, string as quoted};
use crate::model::{Conversion, StateId, Status};
use crate::shape::PythonBase;

mod sqlalchemy;

/// What the Python module holds beyond its enums and functions.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct PythonOptions {
    /// Per status a SQLAlchemy 2 column type, `TaskStatusType`, that writes the wire value
    /// and reads every spelling `parse` reads (SQLAlchemy's own `Enum` stores member names
    /// and does not call `_missing_`), and `sqlalchemy_types()` for a declarative base's
    /// `type_annotation_map`, so a plain `Mapped[TaskStatus]` column uses them. The module
    /// then imports `sqlalchemy`.
    pub sqlalchemy: bool,
}

/// The module.
pub fn generate(schema: &Schema, schema_name: &str, options: &PythonOptions) -> String {
    let mut out = comment(&generated_line(schema_name));
    let _ = write!(
        out,
        "\"\"\"{}\"\"\"\n\nfrom __future__ import annotations\n\n",
        docstring(&format!(
            "Statuses generated from `{schema_name}` by statuskit."
        ))
    );
    imports(&mut out, schema);
    if options.sqlalchemy {
        out.push_str("from typing import Any, Final\n");
        out.push_str(SQLALCHEMY_IMPORTS);
    } else {
        out.push_str("from typing import Final\n");
    }
    mixin_imports(&mut out, schema);
    // `from statuses import *` brings the statuses and nothing else (not `Final`, nor the
    // helpers): what a hand-written module of enums exports. Everything else is there to
    // import by name.
    let names: Vec<String> = schema.statuses.iter().map(|s| quoted(&s.name)).collect();
    let _ = writeln!(out, "\n__all__ = [{}]", names.join(", "));
    out.push_str(PRELUDE);
    if options.sqlalchemy {
        out.push_str(sqlalchemy::PRELUDE);
    }
    let mixins = mixins(schema);
    for status in &schema.statuses {
        out.push_str("\n\n");
        status_block(&mut out, status, &mixins);
        if options.sqlalchemy {
            out.push_str("\n\n");
            sqlalchemy::column_type(&mut out, status);
        }
    }
    for conversion in &schema.conversions {
        if let Some((from, to)) = schema.endpoints(conversion) {
            out.push_str("\n\n");
            conversion_fn(&mut out, conversion, from, to);
        }
    }
    if options.sqlalchemy {
        out.push_str("\n\n");
        sqlalchemy::type_map(&mut out, schema);
    }
    out
}

/// `enum`'s classes the statuses derive from (events are `StrEnum`s).
fn imports(out: &mut String, schema: &Schema) {
    let bases = || schema.statuses.iter().map(|s| s.shape.python_base());
    let str_enum = bases().any(|b| b == PythonBase::StrEnum)
        || schema.statuses.iter().any(|s| !s.events.is_empty());
    let enum_ = bases().any(|b| b != PythonBase::StrEnum);
    let names: Vec<&str> = [(enum_, "Enum"), (str_enum, "StrEnum")]
        .into_iter()
        .filter_map(|(used, name)| used.then_some(name))
        .collect();
    if !names.is_empty() {
        let _ = writeln!(out, "from enum import {}", names.join(", "));
    }
}

/// Each project mixin (`python.mixin`), once, in the order statuses name them.
fn mixins(schema: &Schema) -> Vec<(&str, &str)> {
    let mut mixins: Vec<(&str, &str)> = Vec::new();
    for mixin in schema
        .statuses
        .iter()
        .filter_map(|s| s.shape.python_mixin())
    {
        if !mixins.contains(&mixin) {
            mixins.push(mixin);
        }
    }
    mixins
}

/// The name a mixin is imported as: its class may be called anything (`Enum`, `str`,
/// `Final`, a helper's name), so the module binds it to a name of its own, which no other
/// generated name takes (the tables are upper case). The class keeps its own `__name__`.
fn mixin_alias(index: usize) -> String {
    format!("_mixin_{}", index + 1)
}

/// The mixins' imports, after the standard library's.
fn mixin_imports(out: &mut String, schema: &Schema) {
    let mixins = mixins(schema);
    if !mixins.is_empty() {
        out.push('\n');
    }
    for (index, (module, class)) in mixins.into_iter().enumerate() {
        let _ = writeln!(
            out,
            "from {module} import {class} as {}",
            mixin_alias(index)
        );
    }
}

const SQLALCHEMY_IMPORTS: &str = "
from sqlalchemy import cast
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.operators import OperatorType
from sqlalchemy.types import String, TypeDecorator, TypeEngine, UserDefinedType
";

const PRELUDE: &str = r#"
# The schema's case rule ignores ASCII case and nothing else (str.lower would fold "İ").
_ASCII_LOWER: Final = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


class StatusError(ValueError):
    """Base of the errors generated statuses raise."""


def _distance(a: bytes, b: bytes) -> int:
    """Edits from `a` to `b`: insertions, deletions, substitutions, swaps of neighbours."""
    before: list[int] = []
    previous = list(range(len(a) + 1))
    for j in range(len(b)):
        current = [j + 1] + [0] * len(a)
        for i in range(len(a)):
            best = min(previous[i] + (a[i] != b[j]), previous[i + 1] + 1, current[i] + 1)
            if i > 0 and j > 0 and a[i] == b[j - 1] and a[i - 1] == b[j]:
                best = min(best, before[i - 1] + 1)
            current[i + 1] = best
        before, previous = previous, current
    return previous[len(a)]


def _nearest(value: str, candidates: list[str]) -> str | None:
    """The candidate `value` most likely meant: at most one edit per three bytes of the
    longer, ASCII case ignored, the first of equals; none for input over 48 bytes or past
    1,000 candidates. The rule of statuskit's Rust runtime and schema checker."""
    typed = value.encode().lower()
    if len(typed) > 48 or len(candidates) > 1000:
        return None
    best: tuple[int, str] | None = None
    for candidate in candidates:
        known = candidate.encode().lower()
        allowed = max(1, max(len(typed), len(known)) // 3)
        if abs(len(typed) - len(known)) > allowed:
            continue
        distance = _distance(typed, known)
        if distance <= allowed and (best is None or distance < best[0]):
            best = (distance, candidate)
    return None if best is None else best[1]


class ParseError(StatusError):
    """Text that is not a spelling of the status: not a wire value, not an alias."""

    def __init__(self, status: str, value: str, expected: list[str], aliases: list[str] | None = None) -> None:
        self.suggestion = _nearest(value, expected + (aliases or []))
        """The nearest spelling (wire value or alias), for a near miss."""
        hint = "" if self.suggestion is None else f"; did you mean {self.suggestion!r}?"
        super().__init__(f"unknown {status} {value!r}; expected one of {', '.join(expected)}{hint}")
        self.status = status
        self.value = value
        self.expected = expected


class TransitionError(StatusError):
    """A move the schema does not allow: a target state, or an event that does not apply."""

    def __init__(
        self,
        status: str,
        current: str,
        refused: str,
        allowed: list[str],
        applies_in: list[str] | None = None,
        terminal: bool = False,
    ) -> None:
        where = "" if not applies_in else " (it applies in " + ", ".join(f"`{s}`" for s in applies_in) + ")"
        if allowed:
            moves = f"from `{current}` it may move to " + ", ".join(f"`{s}`" for s in allowed)
        else:
            moves = f"`{current}` " + ("is terminal" if terminal else "has no moves")
        super().__init__(f"{status} cannot {refused} in `{current}`{where}; {moves}")
        self.status = status
        self.current = current
        self.refused = refused
        self.allowed = allowed
        self.applies_in = applies_in or []
        """For a refused event, the states it applies in, in schema order."""


class ConversionError(StatusError):
    """A state with no counterpart in the target status."""

    def __init__(self, source: str, state: str, target: str) -> None:
        super().__init__(f"{source} `{state}` has no counterpart in {target}")
        self.source = source
        self.state = state
        self.target = target
"#;

/// `Status.MEMBER` of a state.
fn member(status: &Status, id: StateId) -> String {
    format!(
        "{}.{}",
        status.name,
        status.state(id).name.to_shouty_snake_case()
    )
}

fn status_block(out: &mut String, status: &Status, mixins: &[(&str, &str)]) {
    let name = &status.name;
    let mut doc = status
        .doc
        .clone()
        .unwrap_or_else(|| format!("The {name} status."));
    if let Some(note) = &status.deprecated {
        let _ = write!(
            doc,
            "\n\nDeprecated{}",
            if note.is_empty() {
                ".".to_owned()
            } else {
                format!(": {note}")
            }
        );
    }
    // The data type first where a mixin is an `Enum` itself (mypy allows no `str` after
    // one), then the mixin, then the enum: `class S(str, Base, Enum)`, `class S(Base, StrEnum)`.
    let mixin = status
        .shape
        .python_mixin()
        .and_then(|m| mixins.iter().position(|&known| known == m))
        .map(mixin_alias);
    let bases = match (mixin, status.shape.python_base()) {
        (None, base) => base.name().to_owned(),
        (Some(mixin), PythonBase::StrMixin) => format!("str, {mixin}, Enum"),
        (Some(mixin), base) => format!("{mixin}, {}", base.name()),
    };
    // No docstring where the schema has no doc: the class's `__doc__` (and Pydantic's JSON
    // Schema `description`) stays what the hand-written enum's was.
    let docstring_line = if status.doc.is_some() || status.deprecated.is_some() {
        format!("    \"\"\"{}\"\"\"\n", docstring(&doc))
    } else {
        String::new()
    };
    let _ = writeln!(out, "class {name}({bases}):\n{docstring_line}");
    for state in &status.states {
        let _ = writeln!(
            out,
            "    {} = {}",
            state.name.to_shouty_snake_case(),
            quoted(&state.wire)
        );
        let text = state.doc.clone().unwrap_or_else(|| state.label.clone());
        let _ = writeln!(out, "    \"\"\"{}\"\"\"\n", docstring(&text));
    }
    methods(out, status);
    tables(out, status);
}

/// The class's methods (parsing, roles, lifecycle) and the event enum.
fn methods(out: &mut String, status: &Status) {
    let name = &status.name;
    let constant = crate::naming::py_constant(name);
    // Every helper's name, after the prefix that keeps it clear of a mixin's.
    let p = status.shape.python_helper_prefix();
    let key = if status.case_insensitive {
        "value.translate(_ASCII_LOWER)"
    } else {
        "value"
    };
    let miss = status
        .fallback
        .map_or_else(|| "None".to_owned(), |f| member(status, f));
    let _ = writeln!(
        out,
        "    @classmethod\n    def _missing_(cls, value: object) -> {name} | None:\n        \"\"\"Aliases and the case rule: `{name}(\"...\")` accepts every spelling.\"\"\"\n        if isinstance(value, str):\n            return _{constant}_SPELLINGS.get({key}, {miss})\n        return None\n"
    );
    let (expected, aliases) = super::parse_error_spellings(status, quoted);
    let _ = writeln!(
        out,
        "    @classmethod\n    def {p}parse(cls, value: str) -> {name}:\n        \"\"\"The state `value` spells, else `ParseError` (naming the nearest spelling).\"\"\"\n        try:\n            return cls(value)\n        except ValueError:\n            raise ParseError({}, value, [{}]{aliases}) from None\n",
        quoted(name),
        expected
    );
    let _ = writeln!(
        out,
        "    @property\n    def {p}label(self) -> str:\n        \"\"\"The display name for people.\"\"\"\n        return _{constant}_LABELS[self]\n"
    );
    let _ = writeln!(
        out,
        "    @property\n    def {p}is_terminal(self) -> bool:\n        \"\"\"Whether the schema lists this state as terminal.\"\"\"\n        return self in _{constant}_TERMINAL\n"
    );
    let is_initial = status.initial.map_or_else(
        || "False".to_owned(),
        |i| format!("self is {}", member(status, i)),
    );
    let _ = writeln!(
        out,
        "    @property\n    def {p}is_initial(self) -> bool:\n        \"\"\"Whether this is the schema's initial state.\"\"\"\n        return {is_initial}\n"
    );
    // The initial state as a class method (an Enum's class attributes would be members),
    // typed as the status, as Rust's `INITIAL` and TypeScript's `initial`.
    if let Some(initial) = status.initial {
        let _ = writeln!(
            out,
            "    @classmethod\n    def {p}initial(cls) -> {name}:\n        \"\"\"Where a new item starts: `initial` in the schema.\"\"\"\n        return {}\n",
            member(status, initial)
        );
    }
    let _ = writeln!(
        out,
        "    @property\n    def {p}successors(self) -> tuple[{name}, ...]:\n        \"\"\"The states this one may move to, in schema order.\"\"\"\n        return _{constant}_SUCCESSORS[self]\n"
    );
    let _ = writeln!(
        out,
        "    def {p}can_transition_to(self, to: {name}) -> bool:\n        \"\"\"Whether the schema allows moving from this state to `to`.\"\"\"\n        return to in _{constant}_SUCCESSORS[self]\n"
    );
    let _ = writeln!(
        out,
        "    def {p}transition_to(self, to: {name}) -> {name}:\n        \"\"\"`to` if the schema allows the move, else `TransitionError`.\"\"\"\n        if to not in _{constant}_SUCCESSORS[self]:\n            raise TransitionError({}, self.value, f\"move to `{{to.value}}`\", [s.value for s in self.{p}successors], terminal=self.{p}is_terminal)\n        return to",
        quoted(name)
    );
    if !status.events.is_empty() {
        let _ = writeln!(
            out,
            "\n    def {p}apply(self, event: {name}Event) -> {name}:\n        \"\"\"The state `event` leads to from this one, else `TransitionError`.\"\"\"\n        sources, target = _{constant}_EVENTS[event]\n        if self not in sources:\n            raise TransitionError({}, self.value, f\"apply `{{event.value}}`\", [s.value for s in self.{p}successors], [s.value for s in type(self) if s in sources], self.{p}is_terminal)\n        return target",
            quoted(name)
        );
        let _ = writeln!(
            out,
            "\n\nclass {name}Event(StrEnum):\n    \"\"\"The named events of `{name}`.\"\"\"\n"
        );
        for event in &status.events {
            let _ = writeln!(
                out,
                "    {} = {}",
                event.name.to_shouty_snake_case(),
                quoted(&event.name)
            );
            if let Some(doc) = &event.doc {
                let _ = writeln!(out, "    \"\"\"{}\"\"\"", docstring(doc));
            }
        }
    }
}

/// The lookup tables the class reads, after the classes so they can name members.
fn tables(out: &mut String, status: &Status) {
    let name = &status.name;
    let constant = crate::naming::py_constant(name);
    // Tables, after the classes so they can name members.
    let _ = writeln!(
        out,
        "\n\n_{constant}_SPELLINGS: Final[dict[str, {name}]] = {{"
    );
    for spelling in status.spellings() {
        let text = if status.case_insensitive {
            spelling.text.to_ascii_lowercase()
        } else {
            spelling.text.to_owned()
        };
        let _ = writeln!(
            out,
            "    {}: {},",
            quoted(&text),
            member(status, spelling.state)
        );
    }
    let _ = writeln!(out, "}}\n_{constant}_LABELS: Final[dict[{name}, str]] = {{");
    for state in &status.states {
        let _ = writeln!(
            out,
            "    {}: {},",
            member(status, state.id),
            quoted(&state.label)
        );
    }
    let terminal: Vec<String> = status
        .terminal_states()
        .map(|s| member(status, s.id))
        .collect();
    let terminal = if terminal.is_empty() {
        "frozenset()".to_owned()
    } else {
        format!("frozenset({{{}}})", terminal.join(", "))
    };
    let _ = writeln!(
        out,
        "}}\n_{constant}_TERMINAL: Final[frozenset[{name}]] = {terminal}"
    );
    let _ = writeln!(
        out,
        "_{constant}_SUCCESSORS: Final[dict[{name}, tuple[{name}, ...]]] = {{"
    );
    for state in &status.states {
        let next: Vec<String> = status
            .successors(state.id)
            .map(|t| member(status, t))
            .collect();
        let tuple = match next.len() {
            0 => "()".to_owned(),
            1 => format!("({},)", next[0]),
            _ => format!("({})", next.join(", ")),
        };
        let _ = writeln!(out, "    {}: {tuple},", member(status, state.id));
    }
    out.push_str("}\n");
    if !status.events.is_empty() {
        let _ = writeln!(
            out,
            "_{constant}_EVENTS: Final[dict[{name}Event, tuple[frozenset[{name}], {name}]]] = {{"
        );
        for event in &status.events {
            let from: Vec<String> = event.from.iter().map(|&f| member(status, f)).collect();
            let _ = writeln!(
                out,
                "    {name}Event.{}: (frozenset({{{}}}), {}),",
                event.name.to_shouty_snake_case(),
                from.join(", "),
                member(status, event.to)
            );
        }
        out.push_str("}\n");
    }
}

fn conversion_fn(out: &mut String, conversion: &Conversion, from: &Status, to: &Status) {
    let function = crate::naming::py_conversion(&from.name, &to.name);
    let table = crate::naming::py_conversion_table(&function);
    let total = conversion.is_total();
    let value_type = if total {
        to.name.clone()
    } else {
        format!("{} | None", to.name)
    };
    let _ = writeln!(
        out,
        "{table}: Final[dict[{}, {value_type}]] = {{",
        from.name
    );
    for state in &from.states {
        let target = conversion
            .get(state.id)
            .map_or_else(|| "None".to_owned(), |t| member(to, t));
        let _ = writeln!(out, "    {}: {target},", member(from, state.id));
    }
    out.push_str("}\n\n\n");
    if total {
        let _ = writeln!(
            out,
            "def {function}(value: {}) -> {}:\n    \"\"\"`{}` → `{}`: every state has a counterpart.\"\"\"\n    return {table}[value]",
            from.name, to.name, from.name, to.name
        );
    } else {
        let _ = writeln!(
            out,
            "def {function}(value: {}) -> {}:\n    \"\"\"`{}` → `{}`, else `ConversionError` for a state with no counterpart.\"\"\"\n    result = {table}[value]\n    if result is None:\n        raise ConversionError({}, value.value, {})\n    return result",
            from.name,
            to.name,
            from.name,
            to.name,
            quoted(&from.name),
            quoted(&to.name)
        );
    }
}
