"""What code written against hand-written Python enums observes of the module generated
from status-schema/tests/shapes/shapes.toml: each status keeps its base class (`StrEnum`,
`(str, Enum)`, `Enum` on a project base), so `str()`, f-strings, equality with values,
`isinstance`, which spellings construct a member, JSON and Pydantic behave as before.
Usage: python3 check-shapes.py DIR (DIR holds statuses.py; conformance/shapes on the path)."""

import json
import sys
from enum import Enum, StrEnum
from pathlib import Path

sys.path.insert(0, sys.argv[1])
sys.path.insert(0, str(Path(__file__).parent / "shapes"))

import pydantic  # noqa: E402
from pipeline_base import BaseState  # noqa: E402
from statuses import (  # noqa: E402
    ParseError,
    PhaseState,
    RunState,
    RunStateEvent,
    TaskStatus,
    TransitionError,
)

checks = 0


def eq(actual: object, expected: object, what: str) -> None:
    global checks
    assert actual == expected, f"{what}: {actual!r} != {expected!r}"
    checks += 1


def refused(make: object, what: str) -> None:
    global checks
    try:
        make()  # type: ignore[operator]
    except ValueError:
        checks += 1
        return
    raise AssertionError(f"{what}: accepted")


# A plain Enum on the project's base: not a string, named by its class.
eq([m.value for m in RunState], ["pending", "running", "succeeded", "failed"], "order")
eq(str(RunState.PENDING), "RunState.PENDING", "str() of an Enum")
eq(f"{RunState.PENDING}", "RunState.PENDING", "f-string of an Enum")
eq(RunState.PENDING == "pending", False, "an Enum equals no string")
eq(isinstance(RunState.PENDING, BaseState), True, "isinstance of the project base")
eq(isinstance(RunState.PENDING, str), False, "not a str")
eq(RunState("pending") is RunState.PENDING, True, "constructed by value")
refused(lambda: RunState("PENDING"), "case-sensitive as the source")
# The base's methods are the project's, not shadowed by the helpers (prefixed `sk_`).
eq(RunState.SUCCEEDED.is_terminal(), True, "the base's is_terminal() method")
eq(RunState.PENDING.describe(), "RunState:pending", "the base's describe()")
eq(RunState.SUCCEEDED.sk_is_terminal, True, "the generated helper, prefixed")
eq(RunState.RUNNING.sk_apply(RunStateEvent.FINISH), RunState.SUCCEEDED, "event")
try:
    RunState.PENDING.sk_apply(RunStateEvent.FINISH)
    raise AssertionError("applied")
except TransitionError as error:
    eq(str(error), "RunState cannot apply `finish` in `pending` (it applies in `running`); from `pending` it may move to `running`", "event error")
    eq(error.applies_in, ["running"], "applies_in")

# `(str, Enum)`: equal to its value, `str()` the member's name.
eq(issubclass(PhaseState, str) and not issubclass(PhaseState, StrEnum), True, "(str, Enum)")
eq(str(PhaseState.IN_PROGRESS), "PhaseState.IN_PROGRESS", "str() of (str, Enum)")
eq(f"{PhaseState.IN_PROGRESS}", "PhaseState.IN_PROGRESS", "f-string of (str, Enum)")
eq(PhaseState.IN_PROGRESS == "IN_PROGRESS", True, "equal to its value")
eq(json.dumps(PhaseState.DONE), '"DONE"', "JSON")

# StrEnum (the default): the value everywhere.
eq(issubclass(TaskStatus, StrEnum), True, "StrEnum")
eq(str(TaskStatus.SUCCESS), "success", "str() of a StrEnum")
refused(lambda: TaskStatus("SUCCESS"), "case-sensitive by [defaults]")
try:
    TaskStatus.parse("sucess")
    raise AssertionError("parsed")
except ParseError as error:
    eq(error.suggestion, "success", "the nearest spelling")
    eq(str(error), "unknown TaskStatus 'sucess'; expected one of pending, running, success, failed; did you mean 'success'?", "message")
try:
    TaskStatus.SUCCESS.transition_to(TaskStatus.RUNNING)
except TransitionError as error:
    eq(str(error), "TaskStatus cannot move to `running` in `success`; `success` is terminal", "terminal")


# Pydantic reads and writes each as the hand-written enum did.
class Row(pydantic.BaseModel):
    run: RunState
    phase: PhaseState
    task: TaskStatus


row = Row.model_validate({"run": "running", "phase": "DONE", "task": "failed"})
eq((row.run, row.phase, row.task), (RunState.RUNNING, PhaseState.DONE, TaskStatus.FAILED), "Pydantic reads")
eq(row.model_dump(mode="json"), {"run": "running", "phase": "DONE", "task": "failed"}, "Pydantic writes")
refused(lambda: Row.model_validate({"run": "RUNNING", "phase": "DONE", "task": "failed"}), "Pydantic case rule")
eq(isinstance(RunState.PENDING, Enum), True, "an Enum")
print(f"shapes: {checks} checks passed")
