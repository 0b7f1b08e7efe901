"""The change notes (revisions) a plan shows the public: newest first, never before the plan.

These rules read only the plan's own text, so they stay in the one check chain with every other
rule (the registry imports its rule modules from this package, and the check runs before
civplan.history, which needs it). What a change must add to the notes, compared with the plan's
version in git, is civplan.history.notes."""

from __future__ import annotations

from civplan.check.rules.registry import rule
from civplan.model.lifecycle import checked_day, parse_date


def _dated(plan):
    for index, item in enumerate(plan.get("revisions", default=[]) or []):
        if isinstance(item, dict) and parse_date(item.get("date")):
            yield index, parse_date(item["date"])


@rule("revision-order", "修改说明按日期从新到旧排列，最新的写在最前面，且不早于成文日期")
def revisions_newest_first(plan, mode):
    dated = list(_dated(plan))
    for (_, newer), (index, older) in zip(dated, dated[1:], strict=False):
        if older > newer:
            yield (
                plan.line_of(("revisions", index, "date")),
                f"修改说明的日期 {older} 比前一条 {newer} 晚。最新的修改说明写在最前面：请把这一条移到前面。",
            )
    issued = parse_date(plan.meta.get("issued"))
    for index, when in dated:
        if issued and when < issued:
            yield (
                plan.line_of(("revisions", index, "date")),
                f"修改说明的日期 {when} 早于成文日期 {issued}。方案印发以后才有修改，请核对日期。",
            )


@rule("future-date", "修改说明的日期不能在今天之后")
def no_note_from_the_future(plan, mode):
    # a note dated ahead would sit on top of the home page and the feeds until that day
    today = checked_day()
    for index, when in _dated(plan):
        if when > today:
            yield (
                plan.line_of(("revisions", index, "date")),
                f"修改说明的日期 {when.isoformat()} 在今天之后。"
                "修改说明写的是已经做出的修改，日期请写修改的那一天。",
            )
