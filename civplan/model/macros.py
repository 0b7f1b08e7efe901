"""The section macros a plan body may call, e.g. `{{ stages() }}`, and the section each writes.

The names are a fact of the model: the check allows these and nothing else, the site and the
Word export each have one writer per name (a test keeps them in step), and a published plan
must call the ones readers rely on.
"""

from __future__ import annotations

MACROS: dict[str, str] = {
    "leading_group": "组织领导",
    "stages": "实施步骤",
    "guarantees": "保障措施",
    "supervision": "监督举报",
    "goals": "创建目标",
    "measures": "主要任务",
    "rewards": "奖惩措施",
    "basis": "依据",
}
"""Macro name → the usual heading of the section it writes."""

REQUIRED_IN_PUBLISHED = ("leading_group", "stages", "guarantees", "supervision")
"""Sections the public relies on: who leads, which stage is due, what is guaranteed, where to
report. A published plan whose body calls none of them publishes without them."""
