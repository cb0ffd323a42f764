"""Checks the generated Python module against the JSON facts of the same schema: every
spelling (and its other cases) parses as the facts say, every pair of states is allowed
exactly when the facts list the transition, every event in every state, every conversion.

Usage: python3 check.py facts.json DIRECTORY  (DIRECTORY holds statuses.py)
"""

import re
import sys

from facts import check, expected, inputs, load
import facts as counter

facts, mod = load(sys.argv[1], sys.argv[2])

# `from statuses import *` brings exactly the statuses, as a hand-written module would.
star = {}
exec(f"from {mod.__name__} import *", star)
exported = sorted(name for name in star if not name.startswith("__"))
check(exported == sorted(s["name"] for s in facts["statuses"]), "import * gives exactly the statuses")


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


for status in facts["statuses"]:
    cls = getattr(mod, status["name"])
    # The helpers' names, after `python.helper_prefix` (found by the one `…parse` method).
    prefix = next(n[: -len("parse")] for n in vars(cls) if n.endswith("parse"))

    def h(obj, name, prefix=prefix):
        return getattr(obj, prefix + name)
    wire = {s["name"]: s["wire"] for s in status["states"]}
    check([m.value for m in cls] == [s["wire"] for s in status["states"]], f"{status['name']}: members in order")
    for state in status["states"]:
        member = cls(state["wire"])
        check(h(member, "label") == state["label"], f"{status['name']}.{state['name']}: label")
        check(h(member, "is_terminal") == state["terminal"], f"{status['name']}.{state['name']}: terminal")
        check(h(member, "is_initial") == state["initial"], f"{status['name']}.{state['name']}: initial")
    if status["initial"] is None:
        check(not hasattr(cls, prefix + "initial"), f"{status['name']}: no initial")
    else:
        check(h(cls, "initial")() == cls(wire[status["initial"]]), f"{status['name']}: initial")

    for text in inputs(status):
        want = expected(status, text)
        if want is None:
            try:
                h(cls, "parse")(text)
            except mod.ParseError as error:
                check(repr(text) in str(error), f"{status['name']}: error names {text!r}")
            else:
                raise AssertionError(f"{status['name']}: {text!r} should not parse")
        else:
            check(h(cls, "parse")(text).value == want, f"{status['name']}: parse({text!r})")
            check(cls(text).value == want, f"{status['name']}: {status['name']}({text!r})")

    allowed = {(f, t) for f, t in status["transitions"]}
    for a in status["states"]:
        for b in status["states"]:
            ok = (a["name"], b["name"]) in allowed
            x, y = cls(a["wire"]), cls(b["wire"])
            check(h(x, "can_transition_to")(y) == ok, f"{status['name']}: {a['name']} -> {b['name']}")
            try:
                check(h(x, "transition_to")(y) is y and ok, "transition_to")
            except mod.TransitionError:
                check(not ok, f"{status['name']}: {a['name']} -> {b['name']} refused")

    if status["events"]:
        events = getattr(mod, status["name"] + "Event")
        for event in status["events"]:
            e = events(event["name"])
            for state in status["states"]:
                member = cls(state["wire"])
                if state["name"] in event["from"]:
                    check(h(member, "apply")(e).value == wire[event["to"]], f"{status['name']}: {event['name']} in {state['name']}")
                else:
                    try:
                        h(member, "apply")(e)
                    except mod.TransitionError:
                        check(True, "refused")
                    else:
                        raise AssertionError(f"{status['name']}: {event['name']} should not apply in {state['name']}")

by_name = {s["name"]: s for s in facts["statuses"]}
for conversion in facts["conversions"]:
    fn = getattr(mod, f"{snake(conversion['from'])}_to_{snake(conversion['to'])}")
    source, target = getattr(mod, conversion["from"]), getattr(mod, conversion["to"])
    to_wire = {s["name"]: s["wire"] for s in by_name[conversion["to"]]["states"]}
    for state in by_name[conversion["from"]]["states"]:
        want = conversion["map"][state["name"]]
        if want is None:
            try:
                fn(source(state["wire"]))
            except mod.ConversionError:
                check(True, "no counterpart")
            else:
                raise AssertionError(f"{conversion['from']}.{state['name']} should have no counterpart")
        else:
            check(fn(source(state["wire"])) is target(to_wire[want]), f"{conversion['from']}.{state['name']}")

print(f"python: {counter.checks} checks passed over {len(facts['statuses'])} statuses and {len(facts['conversions'])} conversions")
