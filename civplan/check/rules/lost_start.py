"""Paragraphs whose beginning was lost in copying: a body paragraph cannot open with ，、。；."""

from __future__ import annotations

import re

from civplan.check.rules.registry import body_lines, rule

LOST_START = re.compile(r"^[，,、。；;]")
SHOWN = 12


@rule("lost-start", "正文的段落不能以逗号、顿号、句号或分号开头（开头的文字在复制时丢了）")
def lost_start(plan, mode):
    previous = ""
    for line, raw in body_lines(plan):
        text = raw.strip()
        # only a paragraph's first line: a soft-wrapped Markdown line may start anywhere
        if LOST_START.match(text) and not previous:
            shown = text[:SHOWN] + ("……" if len(text) > SHOWN else "")
            yield (
                line,
                f"这一段以“{text[0]}”开头（“{shown}”），段首的文字多半在复制时丢了。"
                "请对照原件补上段首，或把它并回上一段。",
            )
        previous = text
