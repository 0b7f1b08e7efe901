"""Stages of an imported plan: name, months and tasks of each numbered step.

Months are read as plans write them — “3-4月”, “4月份-9月份”, “20xx年2月”, “三月至五月”,
“11月至次年1月” — and dated in the plan's year. Without a year the dates keep their months and
leave the year a blank: 〔待填：年份〕-03-01.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date

from civplan.importer.outline import CN, Para, number
from civplan.importer.values import Finding, at_least, meta_text
from civplan.model.blank import PLACEHOLDER_YEAR, blank
from civplan.model.blank import YEAR as YEAR_TEXT
from civplan.model.lifecycle import DAY_SPAN as DAYS

MONTH = r"(\d{1,2}|十[一二]?|[一二三四五六七八九])"
YEAR = rf"(?:({YEAR_TEXT}|{PLACEHOLDER_YEAR})\s*年\s*)?"
RANGE = re.compile(
    rf"{YEAR}{MONTH}\s*(?:月份?)?(?:[上中下]旬|初|底|中)?\s*(?:[-—–~～至到]+)\s*"
    rf"{YEAR}(次年)?\s*{MONTH}\s*月份?"
)
SINGLE = re.compile(rf"{YEAR}{MONTH}\s*月份?")
# Parts of a year that plans write instead of months: (first month, last month); 0 = not said
PERIODS = [
    (re.compile(rf"{YEAR}上半年"), 1, 6),
    (re.compile(rf"{YEAR}下半年"), 7, 12),
    (re.compile(rf"{YEAR}全年"), 1, 12),
    (re.compile(rf"{YEAR}(?:第一|一)季度"), 1, 3),
    (re.compile(rf"{YEAR}(?:第二|二)季度"), 4, 6),
    (re.compile(rf"{YEAR}(?:第三|三)季度"), 7, 9),
    (re.compile(rf"{YEAR}(?:第四|四)季度"), 10, 12),
    (re.compile(rf"{YEAR}(?:年底|年末|年终)前?"), 0, 12),
]
LEAD_IN = re.compile(r"^(?:期间|以前|之前|前|内|起|开始|止)?[，,、:：\s]*")
NAMED_STEP = re.compile(r"^(.{2,20}?(?:阶段|环节))")
BRACKETED = re.compile(r"[（(【\[][^）)】\]]*?\d[^）)】\]]*?[）)】\]]")
INLINE_LIST = re.compile(rf"(?:^|(?<=[。；;，,：:\s]))({CN})是")
SENTENCES = re.compile(r"(?<=[。；;！？])")
TASK_MIN = 2


@dataclass(frozen=True)
class Months:
    start: int
    end: int
    year: int | None  # a four-digit year written with the months
    next_year: bool  # the range runs into the next year (“11月至次年1月”)
    text: str
    days: tuple[str, str] | None = None  # ISO dates when the days are written too


@dataclass(frozen=True)
class Stage:
    line: int
    name: str
    months: Months | None
    tasks: tuple[str, ...]


def months_in(text: str) -> Months | None:
    """The first month range (or single month) written in a text."""
    days = _days(text)
    if days:
        return days
    for pattern in (RANGE, SINGLE):
        found = pattern.search(text)
        if not found:
            continue
        groups = found.groups()
        start, end = _month(groups[1]), _month(groups[-1])
        if not (1 <= start <= 12 and 1 <= end <= 12):
            continue
        year = groups[0] if groups[0] and groups[0].isdigit() else None
        next_year = pattern is RANGE and (bool(groups[3]) or end < start)
        return Months(start, end, int(year) if year else None, next_year, found.group(0))
    for pattern, start, end in PERIODS:
        found = pattern.search(text)
        if found:
            year = found.group(1) if found.group(1) and found.group(1).isdigit() else None
            return Months(start, end, int(year) if year else None, False, found.group(0))
    return None


def _days(text: str) -> Months | None:
    """A range of whole dates, when both are real days of the calendar."""
    found = DAYS.search(text)
    if not found:
        return None
    year, month, day, end_year, end_month, end_day = found.groups()
    try:
        start = date(int(year), int(month), int(day))
        end = date(int(end_year or year), int(end_month), int(end_day))
    except ValueError:
        return None
    if end < start:
        return None
    return Months(
        start.month,
        end.month,
        start.year,
        end.year > start.year,
        found.group(0),
        (start.isoformat(), end.isoformat()),
    )


def _month(text: str) -> int:
    return number(text) if text else 0


def stages(items: list[tuple[Para, list[Para]]]) -> tuple[list[Stage], list[Finding]]:
    """A stage for each numbered item of the stages section, with the paragraphs under it."""
    found = []
    for item, under in items:
        months = months_in(item.head) or months_in(item.rest)
        found.append(Stage(item.line, _name(item, months), months, _tasks(item, under)))
    return found, _findings(found)


def _name(item: Para, months: Months | None) -> str:
    """The words that name the step: “宣传发动阶段” of “（一）宣传发动阶段（3月）。…”; never a
    fragment of its first sentence (“期间，全局一盘棋…” of “20xx年3月至12月期间，全局…”)."""
    name = BRACKETED.sub("", item.head)
    if months:
        name = name.replace(months.text, "", 1)
    name = meta_text(LEAD_IN.sub("", name.replace("()", "").replace("（）", "").strip()))
    named = NAMED_STEP.match(name)
    if named:
        return named.group(1)
    if 2 <= len(name) <= 12 and not re.search(r"[，,。；;]", name) and _short(item, months):
        return name
    if item.marker and item.marker.kind == "第一阶段":
        return f"第{item.marker.label.strip('（）()、.．:：第阶段步部分 ')}阶段"
    return blank("阶段名称")


def _short(item: Para, months: Months | None) -> bool:
    """A heading once its dates are set aside: “全面实施（2026年6月1日至2026年10月31日）”."""
    if item.short:
        return True
    rest = BRACKETED.sub("", item.rest.replace(months.text, "", 1) if months else item.rest)
    return replace(item, rest=rest).short


def _tasks(item: Para, under: list[Para]) -> tuple[str, ...]:
    text = item.rest[len(item.head) :].lstrip("。；;：: ")
    texts = [text] + [p.rest if p.marker else p.text for p in under]  # “1.” is not the task
    tasks: list[str] = []
    for chunk in texts:
        pieces = INLINE_LIST.split(chunk)
        if len(pieces) > 1:  # “一是……二是……”: one task each
            tasks += [pieces[0]] + pieces[2::2]
        else:
            tasks += SENTENCES.split(chunk)
    cleaned = [meta_text(task) for task in tasks]
    kept = tuple(task for task in cleaned if len(task) >= TASK_MIN)
    return kept or (at_least(meta_text(item.head), TASK_MIN, "阶段任务"),)


def stage_meta(stage: Stage, year: int | None) -> dict:
    start, end = _dates(stage.months, year)
    return {"name": stage.name, "start": start, "end": end, "tasks": list(stage.tasks)}


def _dates(months: Months | None, year: int | None) -> tuple[str, str]:
    if months is None:
        return blank("开始日期"), blank("结束日期")
    if months.days:
        return months.days
    year = months.year or year
    end_year = year + 1 if year and months.next_year else year
    start = f"{year or blank('年份')}-{months.start:02d}-01" if months.start else blank("开始日期")
    last_day = calendar.monthrange(end_year or 2001, months.end)[1]
    return start, f"{end_year or blank('年份')}-{months.end:02d}-{last_day:02d}"


def _findings(found: list[Stage]) -> list[Finding]:
    return [
        Finding(
            stage.line,
            f"stages[{index}]",
            f"{stage.name}（{_months_label(stage.months)}"
            + (f"，依据“{stage.months.text}”）" if stage.months else "）"),
        )
        for index, stage in enumerate(found)
    ]


def _months_label(months: Months | None) -> str:
    if months is None:
        return "原文没有写月份"
    if not months.start:
        span = f"{months.end}月底前"
    elif months.start == months.end:
        span = f"{months.start}月"
    else:
        span = f"{months.start}—{months.end}月"
    return f"{months.year}年{span}" if months.year else span
