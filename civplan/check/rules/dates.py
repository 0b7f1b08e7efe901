"""Dates that contradict each other: stages out of order, windows that end before they start."""

from __future__ import annotations

from civplan.check.rules.registry import WARNING, rule
from civplan.model import lifecycle
from civplan.model.lifecycle import NOTICE_MIN_WORKING_DAYS, notice_window, parse_date, working_days


@rule("notice-required", "状态为“公示中”的方案必须写明公示期")
def notice_when_in_notice(plan, mode):
    if plan.meta.get("status") == lifecycle.IN_NOTICE and not plan.meta.get("notice"):
        yield (
            plan.line_of(("status",)),
            (
                "状态为“公示中”的方案必须写明公示期：添加 notice，包括 start（开始日期）和 end（结束日期）。"
            ),
        )


@rule("notice-order", "公示结束日期不能早于开始日期")
def notice_window_order(plan, mode):
    window = notice_window(plan.meta)
    if window and window[1] < window[0]:
        start, end = plan.get("notice", "start"), plan.get("notice", "end")
        yield (
            plan.line_of(("notice", "end")),
            f"公示结束时间 {end} 早于开始时间 {start}。请把结束时间改为开始时间之后。",
        )


@rule(
    "notice-length",
    f"公示期不少于 {NOTICE_MIN_WORKING_DAYS} 个工作日（按国家法定节假日和调休计算）",
    WARNING,
)
def notice_window_length(plan, mode):
    window = notice_window(plan.meta)
    if window and window[0] <= window[1]:
        days = working_days(window[0].date(), window[1].date())
        if days < NOTICE_MIN_WORKING_DAYS:
            yield (
                plan.line_of(("notice", "end")),
                f"公示期 {plan.get('notice', 'start')} 至 {plan.get('notice', 'end')} 只有 {days} 个工作日"
                f"（已扣除周末和法定节假日），少于 {NOTICE_MIN_WORKING_DAYS} 个工作日。请推迟结束日期。",
            )


def _stages(plan):
    for index, stage in enumerate(plan.get("stages", default=[]) or []):
        if isinstance(stage, dict):
            start, end = parse_date(stage.get("start")), parse_date(stage.get("end"))
            yield index, stage.get("name") or f"第{index + 1}阶段", start, end


@rule("stage-dates", "每个阶段的结束日期不能早于开始日期")
def stage_start_before_end(plan, mode):
    for index, name, start, end in _stages(plan):
        if start and end and end < start:
            yield (
                plan.line_of(("stages", index, "end")),
                (f"阶段“{name}”的结束日期 {end} 早于开始日期 {start}。请对调或改正这两个日期。"),
            )


@rule("stage-order", "阶段按时间先后排列，后一阶段不能早于前一阶段开始")
def stages_in_order(plan, mode):
    previous = None
    for index, name, start, _end in _stages(plan):
        if previous and start and previous[1] and start < previous[1]:
            yield (
                plan.line_of(("stages", index, "start")),
                (
                    f"阶段“{name}”（{start} 开始）排在“{previous[0]}”（{previous[1]} 开始）之后，"
                    "却开始得更早。请按时间先后重新排列阶段。"
                ),
            )
        previous = (name, start)


@rule("stage-overlap", "相邻阶段的时间不能重叠")
def stages_do_not_overlap(plan, mode):
    previous = None
    for index, name, start, end in _stages(plan):
        if (
            previous
            and start
            and previous[1]
            and previous[2]
            and previous[1] <= start <= previous[2]
        ):
            yield (
                plan.line_of(("stages", index, "start")),
                (
                    f"阶段“{name}”的开始日期 {start} 落在上一阶段“{previous[0]}”（到 {previous[2]} 结束）之内，"
                    "两个阶段时间重叠。请让这一阶段在上一阶段结束的次日或之后开始。"
                ),
            )
        previous = (name, start, end)


@rule("stage-period", "阶段应在方案的年度之内", WARNING)
def stages_within_period(plan, mode):
    first, last = plan.get("year"), plan.get("end_year") or plan.get("year")
    if not isinstance(first, int) or not isinstance(last, int):
        return
    for index, name, start, end in _stages(plan):
        for key, day in (("start", start), ("end", end)):
            if day and not first <= day.year <= last:
                period = f"{first}年" if first == last else f"{first}—{last}年"
                yield (
                    plan.line_of(("stages", index, key)),
                    (
                        f"阶段“{name}”的日期 {day} 不在方案的年度（{period}）之内。请核对年份是否写错。"
                    ),
                )
