"""Blanks and placeholders: a template has them on purpose, a published plan must have none."""

from __future__ import annotations

import re

from civplan.check.rules.registry import PLAN, WARNING, body_lines, rule, texts
from civplan.model import lifecycle
from civplan.model.blank import BLANK, PLACEHOLDER_MARK, PLACEHOLDER_SESSION, PLACEHOLDER_YEAR
from civplan.model.wording import roles

PLACEHOLDERS = [
    (re.compile(PLACEHOLDER_YEAR), "年份写成了“{0}”"),
    (re.compile(PLACEHOLDER_SESSION + "大"), "会议届次写成了“{0}”"),
    (re.compile(PLACEHOLDER_MARK), "出现了占位符“{0}”"),
]
ANY_PLACEHOLDER = re.compile("|".join(pattern.pattern for pattern, _ in PLACEHOLDERS))
ROLES = "|".join([*roles().values(), "办公室主任", "联系人", "负责人"])
EMPTY_ROLE = re.compile(rf"^\s*+[-*]?\s*+\**+({ROLES})\**+\s*+[:：]\s*+\**+\s*+$")
r"""Possessive: `\s*[-*]?\s*` alone splits a run of spaces every way it can, and a body of
lines indented 2,400 spaces kept check busy for a minute."""
LIST_ATTACHED = re.compile(r"名单附后|名单另附|见附件")
LIST_LINE = re.compile(r"^\s*([-*+]\s|\d+[.、]\s*|\|)")


@rule("blank", "发布的方案中不能留有待填空白（〔待填：…〕；草稿和模板可以有）")
def blanks(plan, mode):
    if mode != PLAN or plan.meta.get("status") == lifecycle.DRAFT:
        return
    for line, text, _ in texts(plan, BLANK):
        for found in BLANK.finditer(text):
            yield (
                line,
                f"还有待填空白“{found.group(0)}”。请填写实际内容后再发布；暂时填不了的，状态请保持为“草案”。",
            )


@rule("placeholder", "不能用 20xx、xx大、×× 这类占位符代替实际内容")
def placeholders(plan, mode):
    for line, text, _ in texts(plan, ANY_PLACEHOLDER):
        taken: set[int] = set()  # the “xx” of 20xx or xx大 is reported once, not twice
        for pattern, what in PLACEHOLDERS:
            for found in pattern.finditer(text):
                if taken.intersection(range(*found.span())):
                    continue
                taken.update(range(*found.span()))
                yield (
                    line,
                    (
                        f"{what.format(found.group(0))}，这是从别处复制时留下的占位符。"
                        "请写出实际内容（例如 2026年、党的二十大）；模板中的空白请写成〔待填：说明〕。"
                    ),
                )


@rule("empty-role", "“组长：”“成员：”等后面不能空着")
def empty_roles(plan, mode):
    for line, text in body_lines(plan):
        found = EMPTY_ROLE.match(text)
        if found:
            yield (
                line,
                (
                    f"“{found.group(1)}：”后面没有填写人名。领导小组成员请写在元数据 leading_group 中，"
                    "由 {{ leading_group() }} 生成名单；正文中的这一行请删除或补全。"
                ),
            )


@rule("list-attached", "写了“名单附后”就必须真的附上名单", WARNING)
def list_attached(plan, mode):
    lines = list(body_lines(plan))
    for index, (line, text) in enumerate(lines):
        if LIST_ATTACHED.search(text) and not _list_follows(lines[index + 1 :], plan.body):
            yield (
                line,
                (
                    f"正文写了“{LIST_ATTACHED.search(text).group(0)}”，但后面没有名单。"
                    "领导小组名单请写在元数据 leading_group 中并在正文用 {{ leading_group() }} 生成，再删去“名单附后”。"
                ),
            )


def _list_follows(rest, body: str) -> bool:
    return "leading_group()" in body or any(LIST_LINE.match(text) for _, text in rest)
