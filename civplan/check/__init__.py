"""One plan, every problem: schema, body macros and the rules between fields."""

from __future__ import annotations

from pathlib import Path

from civplan.check.rules import PLAN, rule_problems
from civplan.check.schema_errors import schema_problems
from civplan.model.loader import Plan, load
from civplan.model.problems import Problem


def plan_problems(plan: Plan, mode: str = PLAN) -> list[Problem]:
    """Everything wrong with an already loaded plan (or template), sorted by line."""
    schema = schema_problems(plan)
    return sorted(schema + rule_problems(plan, mode, tolerant=bool(schema)), key=lambda p: p.line)


def check_file(
    path: Path, display: str | None = None, mode: str = PLAN
) -> tuple[Plan | None, list[Problem]]:
    """Load and check one file; the plan is None when it could not be read at all."""
    plan, problems = load(path, display)
    if plan is None:
        return None, problems
    return plan, problems + plan_problems(plan, mode)
