"""A project's own base for its state enums, as a Python pipeline has it: methods its code
calls on every state, which the generated class must inherit and never shadow."""

from enum import Enum


class BaseState(Enum):
    """Every state machine of the pipeline derives from this."""

    def is_terminal(self) -> bool:
        """The project's own terminal rule (a method, called with parentheses)."""
        return str(self.value) in {"succeeded", "failed", "done"}

    def describe(self) -> str:
        """How the project logs a state."""
        return f"{type(self).__name__}:{self.value}"
