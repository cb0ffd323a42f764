"""Checks the SQLAlchemy column types of a module generated with `--sqlalchemy`, in the real
SQLAlchemy, on the columns the way users get them: a plain `status: Mapped[Status]` in a
declarative base whose `type_annotation_map` is `sqlalchemy_types()`.

- PostgreSQL (psycopg 3): one table per status seeded with every spelling the facts parse
  as text, then the `sql` target's migration run on them (bound columns, enum or text
  storage); SQLAlchemy must read every row as the facts say, write wire values from members
  and from any spelling, refuse what does not parse, filter by member, and meet the
  transition trigger.
- SQLite: the same tables made by `create_all`, legacy spellings left as written: read as
  the facts say.

Usage: python check-sqlalchemy.py facts.json DIRECTORY URL enum|text|sqlite [MIGRATION.sql]
"""

import sys

from sqlalchemy import create_engine, func, select, text as sql
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from facts import LOWER, check, expected, inputs, load
import facts as counter

facts, mod = load(sys.argv[1], sys.argv[2])
url, storage = sys.argv[3], sys.argv[4]
engine = create_engine(url)


class Base(DeclarativeBase):
    type_annotation_map = mod.sqlalchemy_types(text=storage == "text")


def table(index):
    return f"sa_{index}"


# Two columns that differ only in storage are two types to SQLAlchemy's statement cache.
some = getattr(mod, facts["statuses"][0]["name"] + "Type") if facts["statuses"] else None
check(some is None or some(text=True)._static_cache_key != some()._static_cache_key, "text is in the cache key")

models = {}
for index, status in enumerate(facts["statuses"]):
    cls = getattr(mod, status["name"])
    # What a user writes: `status: Mapped[TaskStatus]`, nothing more.
    models[status["name"]] = type(
        f"{status['name']}Row",
        (Base,),
        {
            "__tablename__": table(index),
            "__annotations__": {"id": Mapped[int], "status": Mapped[cls]},
            "id": mapped_column(primary_key=True),
        },
    )

# Rows as an older writer left them: every spelling that reads as some state.
seeded = {}
with engine.begin() as db:
    for index, status in enumerate(facts["statuses"]):
        if storage == "sqlite":
            Base.metadata.tables[table(index)].create(db)
        else:
            db.execute(sql(f"CREATE TABLE {table(index)} (id integer PRIMARY KEY, status text NOT NULL)"))
        rows = [t for t in inputs(status) if expected(status, t) is not None]
        seeded[status["name"]] = rows
        for id, text in enumerate(rows):
            db.execute(sql(f"INSERT INTO {table(index)} VALUES (:id, :status)"), {"id": id, "status": text})

if storage != "sqlite":
    # The migration as a user runs it: the file as written, outside any transaction of ours.
    raw = engine.raw_connection()
    raw.driver_connection.autocommit = True
    raw.driver_connection.execute(open(sys.argv[5], encoding="utf-8").read())
    raw.close()

with Session(engine) as session:
    for index, status in enumerate(facts["statuses"]):
        name, cls, model = status["name"], getattr(mod, status["name"]), models[status["name"]]
        rows = seeded[name]
        # The migration made the column the status's own enum type, the one the column type
        # names in its casts (format_type quotes a name as SQL needs it, as the type does).
        if storage == "enum":
            made = session.scalar(sql(
                "SELECT format_type(atttypid, NULL) FROM pg_attribute"
                f" WHERE attrelid = '{table(index)}'::regclass AND attname = 'status'"
            ))
            check(made == getattr(mod, name + "Type").sql_type, f"{name}: column is {made}")
        # Reads: every row as the facts say, whatever the migration did or did not rewrite.
        for row in session.scalars(select(model).order_by(model.id)):
            check(row.status is cls(expected(status, rows[row.id])), f"{name}: row {rows[row.id]!r} reads")
        # Filters compare with the stored value: wire values after the migration.
        if storage != "sqlite":
            for state in status["states"]:
                want = sum(1 for t in rows if expected(status, t) == state["wire"])
                got = session.scalar(select(func.count()).where(model.status == cls(state["wire"])))
                check(got == want, f"{name}: where status == {state['wire']!r}")
            members = [cls(s["wire"]) for s in status["states"]]
            got = session.scalar(select(func.count()).where(model.status.in_(members)))
            check(got == len(rows), f"{name}: in_ every member")
        # Patterns are text, not a status to parse (a fallback would swallow them), and the
        # column is compared as text (PostgreSQL has no LIKE on an enum type): the rows whose
        # stored value starts with the first wire value, as the database compares.
        prefix = status["states"][0]["wire"]
        stored = session.scalars(sql(f"SELECT CAST(status AS TEXT) FROM {table(index)}")).all()
        fold = (lambda t: t.translate(LOWER)) if storage == "sqlite" else (lambda t: t)
        want = sum(1 for v in stored if fold(v).startswith(fold(prefix)))
        got = session.scalar(select(func.count()).where(model.status.startswith(prefix, autoescape=True)))
        check(got == want, f"{name}: startswith {prefix!r}: {got} rows, not {want}")
        # Written into SQL text (literal_binds, Alembic's offline mode) as a string literal.
        member = cls(status["states"][0]["wire"])
        compiled = str(select(model.id).where(model.status == member).compile(engine, compile_kwargs={"literal_binds": True}))
        check("WHERE" in compiled, f"{name}: literal_binds compiles")
        # Writes: a member, or any spelling, stores the wire value.
        start = len(rows)
        written = [t for t in inputs(status) if expected(status, t) is not None]
        session.add_all(model(id=start + i, status=t) for i, t in enumerate(written))
        session.commit()
        stored = session.execute(
            sql(f"SELECT id, CAST(status AS TEXT) FROM {table(index)} WHERE id >= :start ORDER BY id"), {"start": start}
        ).all()
        for (id, value), text in zip(stored, written):
            check(value == expected(status, text), f"{name}: {text!r} stored as {value!r}")
        # What does not parse is refused before it reaches the database.
        if status["fallback"] is None:
            session.add(model(id=10**6, status="definitely-not-a-state"))
            try:
                session.flush()
            except StatementError as error:
                check(isinstance(error.orig, mod.ParseError), f"{name}: refused by parse")
            else:
                raise AssertionError(f"{name}: an unknown spelling was written")
            session.rollback()
        # A legacy row that no migration reached (SQLite) reads through the same rules.
        if storage == "sqlite":
            session.execute(sql(f"INSERT INTO {table(index)} VALUES (-1, 'definitely-not-a-state')"))
            try:
                got = session.scalars(select(model).where(model.id == -1)).one().status
            except mod.ParseError:
                check(status["fallback"] is None, f"{name}: unknown row refused")
            else:
                fallback = {s["name"]: s["wire"] for s in status["states"]}[status["fallback"]]
                check(got is cls(fallback), f"{name}: unknown row reads as the fallback")
            session.rollback()
        # The trigger on the bound column: a legal move is written, an illegal one refused.
        if storage != "sqlite" and status["transitions"]:
            wire = {s["name"]: s["wire"] for s in status["states"]}
            allowed = {(f, t) for f, t in status["transitions"]}
            first, then = status["transitions"][0]
            row = session.get(model, start + written.index(next(t for t in written if expected(status, t) == wire[first])))
            row.status = cls(wire[then])
            session.commit()
            check(session.scalar(select(model.status).where(model.id == row.id)) is cls(wire[then]), f"{name}: legal move")
            refused = next((s["name"] for s in status["states"] if (then, s["name"]) not in allowed and s["name"] != then), None)
            if refused is not None:
                row.status = cls(wire[refused])
                try:
                    session.commit()
                except DBAPIError as error:
                    check("cannot move" in str(error.orig), f"{name}: trigger refuses {then} -> {refused}: {error.orig}")
                else:
                    raise AssertionError(f"{name}: {then} -> {refused} was written")
                session.rollback()

print(f"sqlalchemy ({storage}): {counter.checks} checks passed over {len(facts['statuses'])} statuses")
