"""The history page of a plan: every committed version, newest first, each with what it changed."""

from __future__ import annotations

from civplan.model.lifecycle import BEIJING
from civplan.site.diff import render_diff
from civplan.site.history import Version
from civplan.site.markup import e

WITHHELD = (
    '<p class="civ-diff__withheld">这一版本（或与之比较的上一版本）含有不宜公开的个人信息'
    "（如身份证号、个人手机号），按隐私规则不公开其内容，只保留修改时间。</p>"
)


def when(version: Version) -> str:
    return version.date.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


def history_page(title: str, versions: list[Version], plan_url: str) -> str:
    """HTML of the page: a list of versions with date, author, message and the rendered diff."""
    parts = [
        f'<p>本页列出<a href="{e(plan_url)}">《{e(title)}》</a>的每一次修改：修改时间（北京时间）、修改人、修改说明，'
        "以及与上一版本相比删去（删除线）和新增（下划线）的内容。</p>"
    ]
    if not versions:
        parts.append("<p>这个方案还没有提交过的修订记录。</p>")
    for index, version in enumerate(versions):
        older = versions[index + 1] if index + 1 < len(versions) else None
        if version.withheld or (older and older.withheld):
            # neither side of the comparison may be printed: one of them held personal data
            change = WITHHELD
        elif older:
            change = render_diff(older.text, version.text)
        else:
            change = '<p class="civ-diff__none">首次提交。</p>'
        parts.append(
            f'<section class="civ-version" id="v-{e(version.commit[:10])}">'
            f"<h2>{when(version)}</h2>"
            f'<p class="civ-version__message">修改说明：{e(version.message)}</p>'
            f'<p class="civ-version__meta">修改人：{e(version.author)} · 版本号 <code>{e(version.commit[:10])}</code></p>'
            f"{change}</section>"
        )
    return "\n\n" + "".join(parts) + "\n\n"
