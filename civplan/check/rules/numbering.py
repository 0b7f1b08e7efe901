"""Outline numbering in the body: 一、 (一) 1. (1) and 一是/二是 must run without gaps or restarts."""

from __future__ import annotations

import re

from civplan.check.rules import body_lines, rule
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
    last: list[int | None] = [None] * len(LEVELS)
    last_shi: int | None = None
    for line, raw in body_lines(plan):
        if MACRO_LINE.match(raw):
            continue
        text = raw.strip()
        if HEADING.match(text):
            text, last_shi = HEADING.sub("", text), None
            # A numbered heading (## 二、…) continues the outline; an unnumbered one restarts it.
            if not any(pattern.match(text) for pattern, _, _ in LEVELS):
                last = [None] * len(LEVELS)
        for level, (pattern, _, chinese) in enumerate(LEVELS):
            found = pattern.match(text)
            if not found:
                continue
            n = to_int(found.group(1))
            kind = _judge(last[level], n, restart_ok=not chinese)
            if kind:
                yield line, _message(kind, lambda k, lv=level: _label(lv, k), last[level], n)
            last[level] = n
            last[level + 1 :] = [None] * (len(LEVELS) - level - 1)
            last_shi = None
            break
        for found in SHI.finditer(text):
            n = to_int(found.group(1))
            kind = _judge(last_shi, n, restart_ok=True)
            if kind:
                yield line, _message(kind, lambda k: f"{to_chinese(k)}是", last_shi, n)
            last_shi = n
