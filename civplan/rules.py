"""Rules beyond the schema: relations between fields that JSON Schema cannot say."""

from __future__ import annotations

from collections.abc import Iterator

from civplan.lifecycle import parse_date
from civplan.loader import Plan
from civplan.problems import Problem

JINJA_MARKS = ("{{", "{%", "{#")


def rule_problems(plan: Plan) -> list[Problem]:
    problems: list[Problem] = []
    for rule in RULES:
        problems.extend(
            Problem(plan.path, plan.line_of(where), message, rule_id)
            for rule_id, where, message in rule(plan)
        )
    return problems


def _strings(value, where=()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, where + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, where + (index,))
    elif isinstance(value, str):
        yield where, value


def no_template_code_in_metadata(plan: Plan):
    """Metadata is data: {{ or {% in a value could be run by the page renderer."""
    for where, text in _strings(plan.meta):
        if any(mark in text for mark in JINJA_MARKS):
            yield (
                "meta-template-code",
                where,
                (
                    f"元数据中不能出现 {{{{、{{% 或 {{# 这样的模板符号（现在是“{text}”）。请删除这些符号。"
                ),
            )


def notice_when_in_notice(plan: Plan):
    if plan.meta.get("status") == "公示中" and not plan.meta.get("notice"):
        yield (
            "notice-required",
            ("status",),
            (
                "状态为“公示中”的方案必须写明公示期：添加 notice，包括 start（开始日期）和 end（结束日期）。"
            ),
        )


def notice_window_order(plan: Plan):
    notice = plan.meta.get("notice") or {}
    start, end = parse_date(notice.get("start")), parse_date(notice.get("end"))
    if start and end and end < start:
        yield (
            "notice-order",
            ("notice", "end"),
            (f"公示结束日期 {end} 早于开始日期 {start}。请把结束日期改为开始日期之后。"),
        )


def stage_dates(plan: Plan):
    previous = None
    for index, stage in enumerate(plan.get("stages", default=[]) or []):
        if not isinstance(stage, dict):
            continue
        start, end = parse_date(stage.get("start")), parse_date(stage.get("end"))
        name = stage.get("name", f"第{index + 1}阶段")
        if start and end and end < start:
            yield (
                "stage-order",
                ("stages", index, "end"),
                (f"阶段“{name}”的结束日期 {end} 早于开始日期 {start}。请对调或改正这两个日期。"),
            )
        if previous and start and previous[1] and start <= previous[1]:
            yield (
                "stage-overlap",
                ("stages", index, "start"),
                (
                    f"阶段“{name}”的开始日期 {start} 不晚于上一阶段“{previous[0]}”的结束日期 {previous[1]}，"
                    "阶段时间重叠或顺序颠倒。请让每个阶段在上一阶段结束之后开始。"
                ),
            )
        previous = (name, end)


RULES = [no_template_code_in_metadata, notice_when_in_notice, notice_window_order, stage_dates]
