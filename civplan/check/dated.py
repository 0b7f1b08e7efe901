"""Checks that depend on the day they run: never cached with a file's other problems (a result
from yesterday would be wrong today), run on every load of a folder instead. Cheap: a few
dates a plan."""

from __future__ import annotations

from datetime import date

from civplan.model.lifecycle import parse_date
from civplan.model.loader import Plan
from civplan.model.problems import Problem

RULE = "future-date"


def future_problems(plan: Plan, today: date) -> list[Problem]:
    """A change note dated after today: it would sit on top of the home page and the feeds
    until that day, and tell the public of a change that has not happened."""
    problems = []
    for index, entry in enumerate(plan.meta.get("revisions") or []):
        when = parse_date(entry.get("date")) if isinstance(entry, dict) else None
        if when and when > today:
            message = (
                f"修改说明的日期 {when.isoformat()} 在今天（{today.isoformat()}）之后。"
                "修改说明写的是已经做出的修改，日期请写修改的那一天。"
            )
            where = plan.line_of(("revisions", index, "date"))
            problems.append(Problem(plan.path, where, message, RULE))
    return problems
