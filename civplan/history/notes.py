"""Change notes of a plan (the `revisions` list of its metadata), and the rule that a change to a
published plan adds one.

A note is written by the plan's editor for the public: the site shows it on the home page and the
history page, and `civplan changes` (CI runs it on every pull request) refuses a change to a
published plan that adds none. The order and dates of the notes a plan holds are checked with
every other rule of the plan's text (civplan/check/rules/revisions.py).
"""

from __future__ import annotations

from civplan.model import lifecycle
from civplan.model.loader import Plan
from civplan.model.problems import Problem

RULE = "revision-note"
EXAMPLE = 'revisions: [{date: "2026-05-20", note: 采纳公示意见，导诊志愿者由每天2人增加到4人。}]'


def notes(meta: dict) -> list[dict]:
    """The well-formed entries of `revisions`, newest first as the editor wrote them."""
    items = meta.get("revisions") or []
    return (
        [r for r in items if isinstance(r, dict) and r.get("note")]
        if isinstance(items, list)
        else []
    )


def added_notes(old: dict | None, new: dict) -> list[dict]:
    """Entries of `new`'s revisions that `old` did not have (all of them for a first version)."""
    known = {(str(r.get("date")), r.get("note")) for r in notes(old or {})}
    return [r for r in notes(new) if (str(r.get("date")), r.get("note")) not in known]


def missing_note(old: Plan | None, new: Plan, old_text: str, new_text: str) -> Problem | None:
    """The problem of a changed plan that was published at the base and adds no change note."""
    if old is None or not lifecycle.is_published(old.meta) or old_text == new_text:
        return None
    if added_notes(old.meta, new.meta):
        return None
    line = new.lines.get(("revisions",), 2)
    command = f'make note FILE={new.path} NOTE="采纳公示意见，导诊志愿者由每天2人增加到4人。"'
    return Problem(
        new.path,
        line,
        "这个方案已经发布，修改时要在元数据“修改说明”（revisions）的最前面新增一条，"
        "写明日期和公众看得懂的修改内容，网站的首页和修订记录页会显示它。"
        f"运行 {command}（把引号中的话换成这次改了什么）会加上今天的一条，文件的其他内容不变；"
        f"也可以手工写，例如 {EXAMPLE}。请把说明和修改放在同一次提交中。",
        RULE,
    )
