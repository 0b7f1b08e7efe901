"""Outline numbering in the body: 一、 (一) 1. (1) and 一是/二是 must run without gaps or restarts."""

from __future__ import annotations

import re

from civplan.check.rules.registry import body_lines, rule
from civplan.model.numerals import NUMERAL, OUTLINE, to_chinese, to_int

CN = NUMERAL
LEVELS = OUTLINE
SHI = re.compile(rf"(?:^|[。；;，,、：:\s])({CN})是")
HEADING = re.compile(r"^#{1,6}\s+")
MACRO_LINE = re.compile(r"^\s*\{\{.*\}\}\s*$")


def _label(level: int, n: int) -> str:
    fmt, chinese = LEVELS[level][1], LEVELS[level][2]
    return fmt.format(to_chinese(n) if chinese else n)


def _judge(last: int | None, n: int, restart_ok: bool) -> str | None:
    if last is None:
        return None if n == 1 else "start"
    if n == last + 1 or (n == 1 and restart_ok):
        return None
    if n == 1:
        return "restart"
    return "back" if n <= last else "gap"


def _message(kind: str, shown, last, n: int) -> str:
    if kind == "start":
        return f"编号从“{shown(n)}”开始，前面缺少“{shown(1)}”。请从“{shown(1)}”开始编号。"
    if kind == "gap":
        missing = "”“".join(shown(k) for k in range(last + 1, n))
        return f"编号不连续：“{shown(n)}”前面缺少“{missing}”。请补上缺少的部分或重新编号。"
    if kind == "back":
        return f"编号倒退或重复：“{shown(n)}”接在“{shown(last)}”之后。请按顺序重新编号。"
    return f"编号在“{shown(last)}”之后又从“{shown(1)}”重新开始，但前面没有新的上一级标题。请接着编号或补上上一级标题。"


@rule("numbering", "正文的层次编号（一、（一）1.（1）和一是、二是）不能跳号、倒退或无故重新开始")
def outline_numbering(plan, mode):
    outline = _Outline()
    last_shi: int | None = None
    for line, raw in body_lines(plan):
        if MACRO_LINE.match(raw):
            continue
        text = raw.strip()
        if HEADING.match(text):
            text, last_shi = HEADING.sub("", text), None
            # A numbered heading (## 二、…) continues the outline; an unnumbered one restarts it.
            if not any(pattern.match(text) for pattern, _, _ in LEVELS):
                outline = _Outline()
        level, n = _item(text)
        if level is None:
            if text:
                outline.loose()
        else:
            kind = outline.judge(level, n)
            if kind:
                yield line, _message(kind, lambda k, lv=level: _label(lv, k), outline.before, n)
            last_shi = None
        for found in SHI.finditer(text):
            n = to_int(found.group(1))
            kind = _judge(last_shi, n, restart_ok=True)
            if kind:
                yield line, _message(kind, lambda k: f"{to_chinese(k)}是", last_shi, n)
            last_shi = n


def _item(text: str) -> tuple[int | None, int]:
    for level, (pattern, _, _) in enumerate(LEVELS):
        found = pattern.match(text)
        if found:
            return level, to_int(found.group(1))
    return None, 0


class _Outline:
    """The last number at each level, and how the numbers under a new parent may go on.

    Under a new parent item a list may restart at 1 (“（二）” then “1.”) or run on from the
    list under the parent before (items 1–15 numbered across （一）…（六）): both are house
    styles of real plans. A gap, a repeat, or a restart in the middle of one list is a defect.
    """

    def __init__(self):
        self.last: list[int | None] = [None] * len(LEVELS)
        self.carry: list[int | None] = [None] * len(LEVELS)  # last number under the previous parent
        self.broken: list[bool] = [False] * len(LEVELS)  # a paragraph since the last item
        self.before: int | None = None  # the number before the one judged last

    def loose(self) -> None:
        self.broken = [True] * len(LEVELS)

    def judge(self, level: int, n: int) -> str | None:
        last, carry, broken = self.last[level], self.carry[level], self.broken[level]
        kind = None
        if last is None:
            if carry is not None and n > carry + 1:
                kind = "gap"  # running on from the list under the parent before
            elif n not in (1, (carry or 0) + 1):
                kind = "start"
        elif n == last + 1:
            pass
        elif n == 1:
            # Arabic lists may start again after a paragraph; 一、（一） need a new parent
            kind = None if broken and not LEVELS[level][2] else "restart"
        else:
            kind = "back" if n <= last else "gap"
        self._record(level, n)
        return kind

    def _record(self, level: int, n: int) -> None:
        self.before = self.last[level] if self.last[level] is not None else self.carry[level]
        self.last[level] = n
        self.broken[level] = False
        for lower in range(level + 1, len(LEVELS)):
            if self.last[lower] is not None:
                self.carry[lower] = self.last[lower]
            self.last[lower] = None
            self.broken[lower] = False
