"""The body of an imported plan: every word of the source, in its order, under headings.

A stretch the source headed keeps its own heading (“## 三、组织领导”); a stretch placed by its
content gets the standard one (“## 组织领导”); text that could not be placed stays where it was,
under “## 未归类内容” unless it opens the plan.

The sections whose content moved into the metadata (组织领导, 实施步骤, 保障措施, 监督举报) also
get their macro (see civplan.site.sections.PLAN_MACROS) right under the section's heading, and a section
the source lacks is added at the end with its macro: a filled import is then a complete plan.
The source's own words stay below the macro for the editor to compare and then delete.
"""

from __future__ import annotations

from civplan.importer.cues import heading_of
from civplan.importer.text import Unit

UNPLACED_HEADING = "未归类内容"
MACROS = {
    "group": "leading_group",
    "stages": "stages",
    "guarantees": "guarantees",
    "supervision": "supervision",
}


def body(units: list[Unit]) -> str:
    """The source's words in source order, under its own headings or the standard ones."""
    lines: list[str] = []
    previous: str | None = "start"
    called: set[str] = set()
    for unit in units:
        if unit.section == "title":
            continue
        if unit.heading is not None:
            lines.append(f"## {unit.heading.raw.lstrip('#').strip()}")
        elif unit.section != previous:
            if unit.section:
                lines.append(f"## {heading_of(unit.section)}")
            elif lines:
                lines.append(f"## {UNPLACED_HEADING}")
        if unit.section in MACROS and unit.section not in called:
            lines.append(_call(unit.section))
            called.add(unit.section)
        lines += [para.raw for para in unit.paras]
        previous = unit.section
    for section in MACROS:
        if section not in called:
            lines += [f"## {heading_of(section)}", _call(section)]
    return "\n\n".join(lines) + "\n"


def _call(section: str) -> str:
    return f"{{{{ {MACROS[section]}() }}}}"
