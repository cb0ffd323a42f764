//! SQLAlchemy 2 column types (`gen python --sqlalchemy`): per status a `TypeDecorator` that
//! writes the wire value and reads every spelling, and the map a declarative base takes so
//! that a plain `Mapped[TaskStatus]` column uses it.
//!
//! SQLAlchemy's own `Enum(TaskStatus)` stores member *names* (`CANCELLED`), and with
//! `values_callable` it looks rows up in its own table, never calling `_missing_`, so a
//! legacy row (`canceled`) raises `LookupError`. A `TypeDecorator` over `String` fixes both,
//! but on PostgreSQL the psycopg 3 dialect casts every bound string to `VARCHAR`, which an
//! enum column refuses; so there the column's type is the enum type `gen sql` creates, by
//! name, and the cast is to it.

use std::fmt::Write;

use crate::Schema;
use crate::escape::python::string as quoted;
use crate::model::Status;

/// Declared once per module: the PostgreSQL enum type named in casts.
pub(super) const PRELUDE: &str = r#"

class _EnumTypeName(UserDefinedType[str]):
    """A PostgreSQL enum type by name: what SQLAlchemy casts a bound status to."""

    cache_ok = True

    def __init__(self, name: str) -> None:
        self.name = name

    def get_col_spec(self, **kw: Any) -> str:
        return self.name

    def literal_processor(self, dialect: Dialect) -> Any:
        # A value written into SQL text (`literal_binds`, Alembic's offline mode) is a
        # string literal, as for VARCHAR. (String's method is not annotated.)
        varchar: Any = String().literal_processor
        return varchar(dialect)


# Operators that read a status as text and take a pattern or a fragment of text, not a
# status to parse.
_TEXT_OPERATORS: Final = frozenset({
    operators.like_op,
    operators.not_like_op,
    operators.ilike_op,
    operators.not_ilike_op,
    operators.startswith_op,
    operators.not_startswith_op,
    operators.endswith_op,
    operators.not_endswith_op,
    operators.contains_op,
    operators.not_contains_op,
    operators.match_op,
    operators.not_match_op,
    operators.regexp_match_op,
    operators.not_regexp_match_op,
})


class _StatusComparator(TypeDecorator.Comparator[Any]):
    """`like`, `startswith` and the rest compare the column as text: PostgreSQL has no
    pattern operators on an enum type, and a pattern is no status to parse."""

    def operate(self, op: OperatorType, *other: Any, **kwargs: Any) -> ColumnElement[Any]:
        if op in _TEXT_OPERATORS:
            as_text: Any = cast(self.expr, String())
            result: ColumnElement[Any] = op(as_text, *other, **kwargs)
            return result
        return super().operate(op, *other, **kwargs)
"#;

/// `class TaskStatusType(TypeDecorator[TaskStatus])`.
pub(super) fn column_type(out: &mut String, status: &Status) {
    let name = &status.name;
    let class = crate::naming::py_sqlalchemy_type(name);
    // VARCHAR's length counts characters, on every database SQLAlchemy knows.
    let length = status
        .states
        .iter()
        .map(|s| s.wire.chars().count())
        .max()
        .unwrap_or(1)
        .max(1);
    // SQL text, written by the SQL target's identifier writer, then as a Python string.
    let sql_type = quoted(&super::super::sql::type_name(status));
    let _ = writeln!(
        out,
        r#"class {class}(TypeDecorator[{name}]):
    """A column of `{name}`: writes the wire value, reads every spelling `{name}.{prefix}parse` reads.

    On PostgreSQL the column is the enum type `statuskit gen sql` creates (`sql_type`); pass
    `text=True` for a column made with `gen sql --text`. Elsewhere it is a VARCHAR.
    """

    impl = String({length})
    cache_ok = True
    comparator_factory = _StatusComparator
    sql_type: Final = {sql_type}

    # Not keyword-only: SQLAlchemy's statement cache keys a type on its positional
    # arguments, and a `text=True` column must not reuse an enum column's compiled SQL.
    def __init__(self, text: bool = False) -> None:
        super().__init__()
        self.text = text

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql" and not self.text:
            return dialect.type_descriptor(_EnumTypeName(self.sql_type))
        return dialect.type_descriptor(String({length}))

    def process_bind_param(self, value: {name} | str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        # A member of a plain `Enum` is no string to parse.
        return (value if isinstance(value, {name}) else {name}.{prefix}parse(value)).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> {name} | None:
        return None if value is None else {name}.{prefix}parse(value)"#,
        prefix = status.shape.python_helper_prefix()
    );
}

/// `def sqlalchemy_types(...)`: every status's column type, by status class.
pub(super) fn type_map(out: &mut String, schema: &Schema) {
    let _ = writeln!(
        out,
        r#"def sqlalchemy_types(*, text: bool = False) -> dict[type, TypeEngine[Any]]:
    """Every status's column type, for a declarative base's `type_annotation_map`.

    `class Base(DeclarativeBase): type_annotation_map = sqlalchemy_types()` makes a plain
    `status: Mapped[TaskStatus]` column store wire values; `text=True` for `gen sql --text`.
    """
    return {{"#
    );
    for status in &schema.statuses {
        let _ = writeln!(
            out,
            "        {}: {}(text=text),",
            status.name,
            crate::naming::py_sqlalchemy_type(&status.name)
        );
    }
    out.push_str("    }\n");
}
