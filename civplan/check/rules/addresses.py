"""A plan's address is its own: never one the site itself uses."""

from __future__ import annotations

from civplan.check.rules.registry import TEMPLATE, rule
from civplan.model.slug import RESERVED, slug_for


@rule("reserved-address", "方案和模板的网址标识不能占用网站自己的网址（如 index、feed、data）")
def reserved_addresses(plan, mode):
    if mode == TEMPLATE:
        taken = [(("template", "id"), plan.get("template", "id"))]
    else:
        where = ("slug",) if plan.meta.get("slug") else ("unit", "name")
        taken = [(where, slug_for(plan.meta))]
    taken += [(("former_slugs", i), s) for i, s in enumerate(plan.get("former_slugs") or [])]
    for where, address in taken:
        if address in RESERVED:
            yield (
                plan.line_of(where),
                (
                    f"网址标识“{address}”是网站自己使用的网址，方案不能占用（保留的有：{'、'.join(RESERVED)}）。"
                    "请在 slug 中写一个由单位名称拼音和年度组成的标识，例如 shilishidiyiyiyuan-2026。"
                ),
            )
