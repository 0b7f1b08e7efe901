"""What an import can leave in a stage: no name, or dates its own words contradict.

An old plan read back from Word or PDF can lose a stage's name to its numbering (“（三）”) and
take its window from the wrong month, while the stage's name or tasks, or the body, still say
“2026年6月1日至10月31日”. The schema sees a well-formed stage; these rules read its words.
A 〔待填：阶段名称〕 blank is a draft's honest gap and is listed with the other blanks instead.
"""

from __future__ import annotations

import re

from civplan.check.rules.registry import ERROR, body_lines, rule
from civplan.model.blank import has_blank
from civplan.model.lifecycle import day_spans, parse_date

# What is left of a name once numbering, brackets, punctuation and spaces are set aside: a
# name made only of them (“（三）”, “1.”, “第二阶段：”) names nothing.
NUMBERING = re.compile(r"^[\s（(]*第?[一二三四五六七八九十\d]+(?:阶段|步)?[）)]?")
DATES_IN_BRACKETS = re.compile(r"[（(][^）)]*[）)]")


def _bare(name: str) -> str:
    return re.sub(r"[\W_]", "", NUMBERING.sub("", name.strip()))


@rule("stage-name-empty", "阶段必须有名称（导入时丢失的阶段名称不能留空）", ERROR)
def stage_without_name(plan, mode):
    for index, stage in _stages(plan):
        name = str(stage.get("name") or "")
        if not has_blank(name) and not _bare(name):
            shown = f"只有“{name.strip()}”" if name.strip() else "是空的"
            yield (
                plan.line_of(("stages", index, "name")),
                f"第{index + 1}个阶段的名称{shown}，说不出这一阶段做什么。请写上阶段名称，"
                "例如“宣传发动”“全面实施”；一时定不下来就写“〔待填：阶段名称〕”。",
            )


@rule("stage-text-dates", "阶段的起止日期要与它自己文字里写的日期一致", ERROR)
def stage_dates_against_text(plan, mode):
    stages = list(_stages(plan))
    body = list(body_lines(plan))
    for index, stage in stages:
        start, end = parse_date(stage.get("start")), parse_date(stage.get("end"))
        if not start or not end:
            continue  # a blank date is a draft's gap; a wrong one the schema reports
        for where, span in _own_words(stage, body):
            first, last, words = span
            if (first, last) != (start, end):
                yield (
                    plan.line_of(("stages", index, "start")),
                    f"阶段“{_name(stage, index)}”的{where}写的是“{words}”，"
                    f"而它的开始日期是 {start}、结束日期是 {end}，两者不一致。"
                    "请按实际安排改正 start 和 end，或改正这段文字。",
                )
                break


def _stages(plan):
    for index, stage in enumerate(plan.get("stages", default=[]) or []):
        if isinstance(stage, dict):
            yield index, stage


def _name(stage, index) -> str:
    name = str(stage.get("name") or "").strip()
    return name if name and not has_blank(name) else f"第{index + 1}个阶段"


def _own_words(stage, body):
    """(where, span) of every day span the stage writes of itself: in its name, in a task that
    spans more than its window (a task inside it may keep its own shorter dates), and in a body
    line that names the stage and spans more than its window, or that shares one end of the
    window but not the other (“6月1日至10月31日” against 06-01 … 06-30)."""
    name = str(stage.get("name") or "")
    for span in day_spans(name):
        yield "名称", span
    start, end = parse_date(stage.get("start")), parse_date(stage.get("end"))
    for number, task in enumerate(stage.get("tasks") or [], 1):
        for span in day_spans(str(task)):
            if span[0] < start or span[1] > end:
                yield f"第{number}项任务", span
    core = _bare(DATES_IN_BRACKETS.sub("", name))
    for line, text in body:
        for span in day_spans(text):
            named = len(core) >= 2 and not has_blank(name) and core in text
            outside = span[0] < start or span[1] > end
            if (named and outside) or (span[0] == start) != (span[1] == end):
                yield f"正文第 {line} 行", span
