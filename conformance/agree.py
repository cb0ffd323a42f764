"""Parses each input with the generated Python module's enums and prints what each status
made of it: the wire value, or null where it refused. For the cross-target agreement test.
Usage: python3 agree.py DIR inputs.json [suggest] (DIR holds statuses.py). With `suggest`:
the spelling `parse`'s error suggests for each input, or null."""

import importlib
import json
import sys

sys.path.insert(0, sys.argv[1])
mod = importlib.import_module("statuses")
statuses = json.load(open(sys.argv[2], encoding="utf-8"))["statuses"]
out = {}
for status in statuses:
    cls = getattr(mod, status["name"])
    results: list[str | None] = []
    for text in status["inputs"]:
        if sys.argv[3:] == ["suggest"]:
            try:
                cls.parse(text)
                results.append(None)
            except mod.ParseError as error:
                results.append(error.suggestion)
            continue
        try:
            results.append(cls(text).value)
        except ValueError:
            results.append(None)
    out[status["name"]] = results
print(json.dumps(out))
