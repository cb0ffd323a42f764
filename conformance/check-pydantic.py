"""Pins what Pydantic v2 does with the generated enums, with nothing generated for it: a
model field of a status type accepts every spelling the facts list (aliases, the case rule,
the fallback, through the enum's `_missing_`) from Python and from JSON, refuses the rest
with a ValidationError, dumps the wire value, and its JSON Schema lists the wire values.

Usage: python check-pydantic.py facts.json DIRECTORY  (DIRECTORY holds statuses.py)
"""

import json
import sys

from pydantic import ValidationError, create_model

from facts import check, expected, inputs, load
import facts as counter

facts, mod = load(sys.argv[1], sys.argv[2])

for status in facts["statuses"]:
    cls = getattr(mod, status["name"])
    name = status["name"]
    model = create_model(f"{name}Body", status=(cls, ...))
    for text in inputs(status):
        want = expected(status, text)
        for how, validate in [
            ("python", lambda: model(status=text)),
            ("json", lambda: model.model_validate_json(json.dumps({"status": text}))),
        ]:
            if want is None:
                try:
                    validate()
                except ValidationError as error:
                    check(error.errors()[0]["loc"] == ("status",), f"{name}: {how} error located")
                else:
                    raise AssertionError(f"{name}: {how} should refuse {text!r}")
            else:
                body = validate()
                check(body.status is cls(want), f"{name}: {how} {text!r} -> {want!r}")
                check(body.model_dump(mode="json") == {"status": want}, f"{name}: dumps the wire value")
                check(json.loads(body.model_dump_json()) == {"status": want}, f"{name}: JSON wire value")
    for other in [42, None, b"x", [status["states"][0]["wire"]]]:
        try:
            model(status=other)
        except ValidationError:
            check(True, "refused")
        else:
            raise AssertionError(f"{name}: should refuse {other!r}")
    schema = model.model_json_schema()
    definition = schema["$defs"][name]
    check(definition["enum"] == [s["wire"] for s in status["states"]], f"{name}: JSON Schema enum")
    check(definition["type"] == "string", f"{name}: JSON Schema type")

print(f"pydantic: {counter.checks} checks passed over {len(facts['statuses'])} statuses")
