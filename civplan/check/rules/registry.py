"""The registry of rules and what rule modules read plans with: a rule module imports this, the
package imports the rule modules, and nothing imports back (no cycle: tests/test_layout.py).

A rule reads the metadata through `plan.get` and the body through `body_lines`, so that every
finding carries the line an editor has to change.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from civplan.model.loader import Plan
from civplan.model.problem_ids import IDS, register
from civplan.model.problems import ERROR, WARNING, Problem

__all__ = [
    "ERROR",
    "WARNING",
    "PLAN",
    "TEMPLATE",
    "RULES",
    "Rule",
    "rule",
    "rule_problems",
    "strings",
    "texts",
    "body_lines",
]

PLAN, TEMPLATE = "plan", "template"

Finding = tuple[int, str]


@dataclass(frozen=True)
class Rule:
    id: str
    check: Callable[[Plan, str], Iterable[Finding]]
    stops_build: bool = True
    """False for a warning that only the passing of time brings (a deadline passed without a
    report): `civplan check` prints it, the strict site build only logs it as information, so
    that a site never stops building overnight with no file changed."""

    @property
    def title(self) -> str:
        return IDS[self.id].title

    @property
    def severity(self) -> str:
        """The registry's (civplan.model.problem_ids): an id's severity is said once."""
        return IDS[self.id].severity


RULES: dict[str, Rule] = {}


def rule(rule_id: str, title: str, severity: str = ERROR, stops_build: bool = True):
    """Register a rule function `(plan, mode) -> findings` under an id, and the id in the one
    registry of problem ids (civplan.model.problem_ids) with every other."""

    def add(check):
        register(rule_id, title, severity)
        RULES[rule_id] = Rule(rule_id, check, stops_build)
        return check

    return add


def rule_problems(plan: Plan, mode: str = PLAN, tolerant: bool = False) -> list[Problem]:
    """Run every rule. `tolerant`: the schema already reported wrong types, so a rule that trips
    over one (a list where a name belongs) is skipped instead of ending the check."""
    problems = []
    seen: set[tuple[int, str]] = set()  # one problem of a rule is printed once per line
    for r in RULES.values():
        try:
            for line, message in r.check(plan, mode):
                if (line, r.id) not in seen:
                    seen.add((line, r.id))
                    problems.append(Problem(plan.path, line, message, r.id, r.severity))
        except (TypeError, AttributeError, KeyError, IndexError, ValueError):
            if not tolerant:
                raise
    return problems


def strings(plan: Plan) -> Iterator[tuple[tuple, str]]:
    """Every text value of the metadata with its field path."""
    return ((where, text) for _, text, where in plan.texts if where is not None)


def texts(plan: Plan, pattern: re.Pattern | None = None) -> list[tuple[int, str, tuple | None]]:
    """(line, text, field path or None) of every text an editor wrote; with `pattern`, only the
    texts it matches (one search over the whole plan first, so most plans cost one regex)."""
    if pattern is None:
        return plan.texts
    if not pattern.search(plan.all_text):
        return []
    return [item for item in plan.texts if pattern.search(item[1])]


def body_lines(plan: Plan) -> Iterator[tuple[int, str]]:
    for offset, text in enumerate(plan.body.split("\n")):
        yield plan.body_line + offset, text
