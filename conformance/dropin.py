"""What code using a hand-written module of enums observes, compared with what it observes
of the module statuskit generates from `audit --draft` of that code: members in order and
their names, str(), f-strings, repr(), equality with values, isinstance, the classes
above, which spellings construct a member, json.dumps, Pydantic, and the project base's
methods. Prints each difference; exits 1 if there is one.
Usage: python3 dropin.py HAND_ROOT GENERATED.py MODULE… (HAND_ROOT on the path)."""

import importlib
import importlib.util
import json
import sys
from enum import Enum

import pydantic

hand_root, generated_path, *modules = sys.argv[1:]
sys.path.insert(0, hand_root)
spec = importlib.util.spec_from_file_location("generated_statuses", generated_path)
assert spec is not None and spec.loader is not None
generated = importlib.util.module_from_spec(spec)
spec.loader.exec_module(generated)

hand: dict[str, type[Enum]] = {}
for name in modules:
    module = importlib.import_module(name)
    for value in vars(module).values():
        if isinstance(value, type) and issubclass(value, Enum) and value.__module__ == name and len(value) > 0:
            hand[value.__name__] = value


def attempt(make):
    try:
        return repr(make())
    except Exception as error:  # noqa: BLE001: the kind of failure is the observation
        return type(error).__name__


def observe(cls: type[Enum], methods: list[str]) -> dict[str, object]:
    members = list(cls)
    values = [m.value for m in members]
    spellings = sorted({v for value in values for v in (value, value.upper(), value.lower(), value.title())})
    adapter = pydantic.TypeAdapter(cls)
    return {
        "members": [(m.name, m.value) for m in members],
        "str": [str(m) for m in members],
        "format": [f"{m}" for m in members],
        "repr": [repr(m) for m in members],
        "equals its value": [m == m.value for m in members],
        "is a str": [isinstance(m, str) for m in members],
        "classes above": [c.__qualname__ for c in cls.__mro__[1:]],
        "constructs": {s: attempt(lambda s=s: cls(s).name) for s in spellings},
        "json": [attempt(lambda m=m: json.dumps(m)) for m in members],
        "pydantic reads": {s: attempt(lambda s=s: adapter.validate_python(s).name) for s in spellings},
        "pydantic writes": [attempt(lambda m=m: adapter.dump_json(m).decode()) for m in members],
    } | {
        # What the code calls on a member: the hand-written class's own methods (the
        # generated one may have more, which no code used).
        f"{method}()": [attempt(lambda m=m: getattr(m, method)()) for m in members]
        for method in methods
    }


differences = 0
for name, cls in sorted(hand.items()):
    ours = getattr(generated, name, None)
    if ours is None:
        print(f"{name}: not generated")
        differences += 1
        continue
    methods = sorted(
        n for n in vars(cls) | {k: v for base in cls.__mro__[1:-1] if base.__module__ != "enum" for k, v in vars(base).items()}
        if not n.startswith("_") and callable(getattr(cls, n, None)) and n not in cls.__members__
    )
    want, got = observe(cls, methods), observe(ours, methods)
    for key in want:
        if want[key] != got[key]:
            print(f"{name} {key}: hand-written {want[key]!r}, generated {got[key]!r}")
            differences += 1
print(f"drop-in: {len(hand)} enums compared, {differences} differences")
sys.exit(1 if differences else 0)
