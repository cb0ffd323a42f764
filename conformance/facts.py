"""What the JSON facts of a schema say about parsing, shared by the checks of every Python
entry point (the module in check.py, SQLAlchemy in check-sqlalchemy.py, Pydantic in
check-pydantic.py), and the counter they report."""

import importlib
import json
import sys

LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
checks = 0


def check(condition, message):
    global checks
    if not condition:
        raise AssertionError(message)
    checks += 1


def load(facts_path, directory):
    """The facts, and the generated `statuses` module from `directory`."""
    facts = json.load(open(facts_path, encoding="utf-8"))
    sys.path.insert(0, directory)
    return facts, importlib.import_module("statuses")


def expected(status, text):
    """The wire value `text` parses to by the facts' rules, or None."""
    wire = {s["name"]: s["wire"] for s in status["states"]}
    for s in status["spellings"]:
        same = s["text"].translate(LOWER) == text.translate(LOWER) if status["case_insensitive"] else s["text"] == text
        if same:
            return wire[s["state"]]
    return None if status["fallback"] is None else wire[status["fallback"]]


def inputs(status):
    """Every spelling in its written, upper and lower case, and text no schema spells (the
    dotted capital I is not ASCII, so no case rule folds it to `i`)."""
    all = [v for s in status["spellings"] for v in (s["text"], s["text"].translate(UPPER), s["text"].translate(LOWER))]
    return all + ["", "definitely-not-a-state", "\u0130NITIAL"]
