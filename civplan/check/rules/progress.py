"""Progress reports (measures' and stages' `progress` entries) and what a withdrawn plan owes
its readers: the report rules read the build's "now" (lifecycle.now: CIVPLAN_TODAY or the clock)."""

from __future__ import annotations

from civplan.check.rules.registry import WARNING, rule
from civplan.model import lifecycle

NAME_CHARS = 20
"""How much of a measure's text names it in a message: enough to find it in the file."""


def _name(kind: str, item: dict, index: int) -> str:
    if kind == "stages":
        return f"阶段“{item.get('name') or f'第{index + 1}阶段'}”"
    text = str(item.get("text") or f"第{index + 1}项任务")
    return f"任务“{text[:NAME_CHARS]}{'…' if len(text) > NAME_CHARS else ''}”"


def _items(plan):
    """(kind, index, item, name) of every measure and stage."""
    for kind in ("measures", "stages"):
        for index, item in enumerate(plan.get(kind, default=[]) or []):
            if isinstance(item, dict):
                yield kind, index, item, _name(kind, item, index)


def _entries(plan):
    for kind, index, item, name in _items(plan):
        for number, entry in enumerate(item.get("progress") or []):
            if isinstance(entry, dict):
                yield (kind, index, "progress", number), entry, name


@rule("progress-date", "进展记录的日期不能晚于今天")
def report_not_in_future(plan, mode):
    today = lifecycle.today()
    for where, entry, name in _entries(plan):
        day = lifecycle.parse_date(entry.get("date"))
        if day and day > today:
            yield (
                plan.line_of((*where, "date")),
                f"{name}的进展记录日期 {day} 晚于今天（{today}）。进展只能记录已经发生的事："
                "请改正日期，或到那一天再添加这条记录。",
            )


@rule("progress-note", "“已完成”和“未按期完成”的进展记录必须写明说明")
def report_has_note(plan, mode):
    for where, entry, name in _entries(plan):
        status = entry.get("status")
        if (
            status in (lifecycle.REPORTED_DONE, lifecycle.REPORTED_LATE)
            and not str(entry.get("note") or "").strip()
        ):
            why = (
                "完成了什么"
                if status == lifecycle.REPORTED_DONE
                else "没有按期完成的原因和新的完成时间"
            )
            yield (
                plan.line_of((*where, "status")),
                f"{name}的进展记录（{entry.get('date')}，{status}）没有进展说明。"
                f"请添加 note，用一两句话写明{why}。",
            )


@rule(
    "progress-missing",
    "实施中或已完成的方案，任务过了完成期限，应当有进展记录（只在检查中提示，不阻止网站生成）",
    WARNING,
    stops_build=False,
)
def report_after_deadline(plan, mode):
    # a plan in force or finished owes reports; a draft, a plan in notice or an abolished one not
    if plan.meta.get("status") not in (lifecycle.IN_FORCE, lifecycle.COMPLETED):
        return
    today = lifecycle.today()
    for index, measure in enumerate(plan.get("measures", default=[]) or []):
        if not isinstance(measure, dict):
            continue
        due = lifecycle.parse_date(measure.get("deadline"))
        if due and due < today and not measure.get("progress") and not measure.get("done"):
            yield (
                plan.line_of(("measures", index, "deadline")),
                f"{_name('measures', measure, index)}的完成期限 {due} 已过，还没有任何进展记录。"
                "请在这一项的 progress 中添加一条：日期、状态（已完成或未按期完成）和说明。",
            )


@rule("withdrawal-reason", "已废止的方案必须写明废止原因")
def withdrawn_with_reason(plan, mode):
    if plan.meta.get("status") == lifecycle.WITHDRAWN and not plan.meta.get("withdrawal_reason"):
        yield (
            plan.line_of(("status",)),
            "方案状态为“已废止”，但没有写明废止原因。请添加 withdrawal_reason，用一两句话向公众说明"
            "为什么废止；由新方案替代的，同时在 superseded_by 中填写新方案的网址标识。",
        )
