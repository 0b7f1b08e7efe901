"""Problems are values: found by the loader and validators, printed once at the edge."""

from __future__ import annotations

from dataclasses import dataclass

from civplan.model.printable import printable

ERROR = "错误"
WARNING = "警告"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, at one line, in words an editor can act on."""

    path: str
    line: int
    message: str
    rule: str
    """The problem id (civplan.model.problem_ids): the rules page explains it."""
    severity: str = ERROR

    def __str__(self) -> str:
        """The line a person reads (terminal, build log): a plan's text and a file's name
        escaped, so that neither can move the cursor, clear the screen or start a line."""
        path, message = printable(self.path), printable(self.message)
        return f"{path}:{self.line}: {self.severity} {message} [{self.rule}]"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)
