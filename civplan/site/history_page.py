"""The history page of a plan: every committed version, newest first, each with its change notes
(civplan.site.changes: the editor's, or a neutral line) and what it changed, section by section."""

from __future__ import annotations

from civplan.model.lifecycle import BEIJING
from civplan.site.changes import Change, changes
from civplan.site.diff import render_diff
from civplan.site.history import Version
from civplan.site.markup import e

WITHHELD = (
    '<p class="civ-diff__withheld">这一版本（或与之比较的上一版本）没有通过今天的检查'
    "（例如含有身份证号、个人手机号等不宜公开的个人信息），不公开其内容，只保留修改时间。</p>"
)


def when(version: Version) -> str:
    return version.date.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


def _notes(change: Change) -> str:
    # the first note's date heads the section; further notes carry their own
    dated = [f'<span class="civ-date">{e(note.date)}</span>' for note in change.notes]
    items = "".join(
        f"<li>{dated[index] if index else ''}{e(note.text)}</li>"
        for index, note in enumerate(change.notes)
    )
    kind = "" if change.written else " civ-version__notes--computed"
    return f'<ul class="civ-version__notes{kind}">{items}</ul>'


def _section(change: Change, number: int) -> str:
    version = change.version
    if version.withheld or (change.older and change.older.withheld):
        # neither side of the comparison may be printed: one of them held personal data
        diff = WITHHELD
    elif change.older:
        diff = render_diff(change.older.text, version.text)
    else:
        diff = '<p class="civ-diff__none">这是第一个版本。</p>'
    unit = f"修改单位：{e(change.unit)} · " if change.unit else ""
    return (
        # numbered from the first version, so that a link to one stays right as more are added
        f'<section class="civ-version" id="v{number}">'
        f'<h2><span class="civ-date">{e(change.notes[0].date)}</span></h2>'
        f"{_notes(change)}"
        f'<p class="civ-version__meta">{unit}发布时间 <span class="civ-date">{when(version)}</span>'
        # no commit hash here: a citizen cannot use it and reads it as a document number; the
        # maintainers find it in data/plans.json (civplan.site.derived.maintainers)
        "（北京时间）</p>"
        f"{diff}</section>"
    )


def history_page(title: str, versions: list[Version], plan_url: str) -> str:
    """HTML of the page: a list of versions with date, unit, notes and what changed."""
    parts = [
        f'<p>本页列出<a href="{e(plan_url)}">《{e(title)}》</a>的每一次修改：修改日期、修改单位、修改说明，'
        "以及与上一版本相比按章节列出的改动（删除的内容带删除线，新增的内容带下划线）。</p>"
    ]
    if not versions:
        parts.append("<p>这个方案还没有提交过的修订记录。</p>")
    told = changes(versions)
    parts += [_section(change, len(told) - index) for index, change in enumerate(told)]
    return "\n\n" + "".join(parts) + "\n\n"
