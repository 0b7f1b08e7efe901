"""Sections readers rely on: a published plan (and every template, which plans are copied from)
calls the section macros of the leading group, the stages, the guarantees and supervision."""

from __future__ import annotations

from civplan.check.macros import SIMPLE_CALL
from civplan.check.rules.registry import TEMPLATE, WARNING, body_lines, rule
from civplan.model.blank import GUIDANCE, OPTIONAL
from civplan.model.lifecycle import is_published
from civplan.model.macros import MACROS, REQUIRED_IN_PUBLISHED


@rule("sections-required", "发布的方案和模板必须有组织领导、实施步骤、保障措施和监督举报四个章节")
def sections_required(plan, mode):
    if mode != TEMPLATE and not is_published(plan.meta):
        return
    called = set(SIMPLE_CALL.findall(plan.body))
    missing = [name for name in REQUIRED_IN_PUBLISHED if name not in called]
    if not missing:
        return
    sections = "、".join(f"{MACROS[name]}（{{{{ {name}() }}}}）" for name in missing)
    why = "模板" if mode == TEMPLATE else f"状态为“{plan.meta.get('status')}”的方案"
    line = plan.line_of(("status",)) if mode != TEMPLATE else plan.body_line
    yield (
        line,
        (
            f"{why}正文缺少读者需要的章节：{sections}。请在正文中为每个章节写一个标题，"
            f"下一行单独写对应的宏，例如“## {MACROS[missing[0]]}”下一行写 {{{{ {missing[0]}() }}}}，"
            "内容由元数据生成。还没有写好的方案，请把状态保持为“草案”。"
        ),
    )


@rule(
    "optional-section",
    "发布的方案不再留“（可选）”标题和“填写说明”框：保留的可选章节去掉这两样，不开展的整节删除",
    WARNING,
)
def optional_section(plan, mode):
    """A copy keeps an optional section's guidance until the editor decides (civplan new);
    once the plan is published, what is left of that choice shows to every reader."""
    if mode == TEMPLATE or not is_published(plan.meta):
        return
    for line, text in body_lines(plan):
        if OPTIONAL.match(text):
            yield (
                line,
                "这一节的标题还带着“（可选）”。开展这项工作的，删去标题中的“（可选）”和下面的"
                "“填写说明”框；不开展的，删除整节。",
            )
        elif GUIDANCE.match(text + "\n"):
            yield (
                line,
                "正文中还有模板的“填写说明”框，读者会看到它。照说明填好后，删除这一行和下面缩进的说明文字。",
            )
