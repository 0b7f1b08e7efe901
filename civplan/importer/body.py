"""The body of an imported plan: every word of the source, in its order, under headings.

A stretch the source headed keeps its own heading (“## 三、组织领导”); a stretch placed by its
content gets the standard one (“## 组织领导”); text that could not be placed stays where it was,
under “## 未归类内容” unless it opens the plan.
"""

from __future__ import annotations

from civplan.importer.cues import heading_of
from civplan.importer.text import Unit

UNPLACED_HEADING = "未归类内容"


def body(units: list[Unit]) -> str:
    """The source's words in source order, under its own headings or the standard ones."""
    lines: list[str] = []
    previous: str | None = "start"
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
        lines += [para.raw for para in unit.paras]
        previous = unit.section
    return "\n\n".join(lines) + "\n"
