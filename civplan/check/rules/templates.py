"""Templates and the plans copied from them: a template says what it is for; a plan does not."""

from __future__ import annotations

from civplan.check.rules.registry import PLAN, TEMPLATE, rule
from civplan.model import lifecycle


@rule("template-info", "模板必须写明编号、版本和模板说明；方案中不能保留模板说明")
def template_info(plan, mode):
    if mode == TEMPLATE:
        for key, what in (
            ("template", "模板编号和版本（template: id、version）"),
            ("template_info", "模板说明（template_info: purpose、changelog）"),
        ):
            if not plan.meta.get(key):
                yield 2, f"模板缺少{what}。请在元数据中补上。"
        if plan.meta.get("status") != lifecycle.DRAFT:
            yield (
                plan.line_of(("status",)),
                "模板的状态必须是“草案”，这样复制出的方案在填完之前不会发布。",
            )
    elif mode == PLAN and plan.meta.get("template_info"):
        yield (
            plan.line_of(("template_info",)),
            ("方案中不能保留 template_info（模板说明），它只属于模板。请删除这一组字段。"),
        )


@rule("template-version", "模板修订记录的第一条应是当前版本")
def changelog_matches_version(plan, mode):
    if mode != TEMPLATE:
        return
    version = plan.get("template", "version")
    latest = plan.get("template_info", "changelog", 0, "version")
    if version and latest and version != latest:
        yield (
            plan.line_of(("template_info", "changelog", 0, "version")),
            (
                f"模板版本是 {version}，但修订记录最前面一条是 {latest}。请把本次修订写在 changelog 的第一条。"
            ),
        )
