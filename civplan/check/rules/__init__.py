"""Rules beyond the schema: what real plans get wrong. Each rule has an id, a severity and a
Chinese title (the site's rules page lists them), and yields (line, message) for one plan.

The registry and the helpers rules read plans with live in civplan.check.rules.registry; this
package imports every rule module, which registers its rules there.
"""

from __future__ import annotations

import importlib

from civplan.check.rules.registry import (
    ERROR,
    PLAN,
    RULES,
    TEMPLATE,
    WARNING,
    Rule,
    body_lines,
    rule,
    rule_problems,
    strings,
    texts,
)
from civplan.model.problem_ids import IDS

__all__ = [
    "IDS",
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

MODULES = (
    "addresses",
    "blanks",
    "contacts",
    "dates",
    "garble",
    "invisible",
    "limits",
    "link_text",
    "lost_start",
    "numbering",
    "people",
    "privacy",
    "progress",
    "revisions",
    "safety",
    "sections",
    "stage_text",
    "templates",
)
"""Every rule module, in the order the rules page lists them. Importing one registers its rules;
a test fails when a module in this folder is missing here, so no rule is silently left out."""

for _module in MODULES:
    importlib.import_module(f"civplan.check.rules.{_module}")
