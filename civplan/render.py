"""The shared sections of a plan, as pure functions from metadata (and today) to HTML.

Each function here is a macro a plan body may call, e.g. `{{ leading_group() }}`. The standard
wording comes from wording.yaml; every value from the metadata is escaped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache
from html import escape
from importlib import resources

import yaml

from civplan import lifecycle
from civplan.blank import BLANK


@cache
def wording() -> dict:
    return yaml.safe_load(resources.files("civplan").joinpath("wording.yaml").read_text("utf-8"))


def _e(value) -> str:
    return escape(str(value), quote=True)


def _table(columns: list[str], rows: list[list[str]]) -> str:
    """A table without a class, so that Material styles it like any Markdown table."""
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _block(css: str, inner: str) -> str:
    """A raw HTML block that Markdown passes through untouched."""
    return f'\n\n<div class="civ-{css}">{inner}</div>\n\n'


def roster(group: dict) -> list[tuple[str, dict]]:
    """(role, person) for everyone in the leading group, in the order of the roster."""
    roles = wording()["leading_group"]["roles"]
    people = []
    for key in ("head", "executive_deputy"):
        if group.get(key):
            people.append((roles[key], group[key]))
    for key in ("deputies", "members"):
        people.extend((roles[key], person) for person in group.get(key) or [])
    return people


def leading_group(meta: dict, today: date) -> str:
    words = wording()["leading_group"]
    group = meta.get("leading_group") or {}
    name = group.get("name") or words["default_name"]
    unit = (meta.get("unit") or {}).get("name", "")
    parts = [f"<p>{_e(words['intro'].format(unit=unit, group=name))}</p>"]
    rows = [
        [
            _e(role),
            f'<span class="civ-name">{_e(p.get("name", ""))}</span>',
            _e(p.get("post", "")),
            _e(p.get("duty", "")),
        ]
        for role, p in roster(group)
    ]
    parts.append(_table(words["columns"], rows))
    if group.get("members_note"):
        parts.append(f"<p>{_e(words['members_note'].format(note=group['members_note']))}</p>")
    office = group.get("office") or {}
    director = office.get("director") or {}
    parts.append(
        "<p>"
        + _e(
            words["office"].format(
                location=office.get("location", ""),
                director=director.get("name", ""),
                post=director.get("post", ""),
            )
        )
        + _e(office.get("duty") or words["office_duty"])
        + "</p>"
    )
    return _block("leading-group", "".join(parts))


def _progress(state: str) -> str:
    return f'<span class="civ-progress civ-progress--{state}">{_e(wording()["progress"][state])}</span>'


def _evidence(item: dict) -> str:
    links = [
        f'<a href="{_e(e["url"])}">{_e(e.get("title", ""))}</a>'
        if e.get("url")
        else _e(e.get("title", ""))
        for e in item.get("evidence") or []
        if isinstance(e, dict)
    ]
    return f'<p class="civ-evidence">佐证：{"、".join(links)}</p>' if links else ""


def stages(meta: dict, today: date) -> str:
    """The stages as a timeline: the stage today falls in is marked; each shows its progress."""
    words = wording()["stages"]
    items = meta.get("stages") or []
    parts = [f"<p>{_e(words['intro'].format(count=len(items)))}</p>", '<ol class="civ-timeline">']
    for stage in items:
        state = lifecycle.progress(stage, today)
        now = lifecycle.stage_state(stage, today) == lifecycle.CURRENT
        badge = f'<strong class="civ-badge">{_e(words["current_badge"])}</strong>' if now else ""
        marker = ' civ-stage--now" aria-current="step' if now else ""
        period = words["period"].format(start=stage.get("start", ""), end=stage.get("end", ""))
        done = f"（{_e(stage['done'])} 完成）" if stage.get("done") else ""
        tasks = "".join(f"<li>{_e(t)}</li>" for t in stage.get("tasks") or [])
        parts.append(
            f'<li class="civ-stage civ-stage--{state}{marker}">'
            f'<h3 class="civ-stage__name">{_e(stage.get("name", ""))}{badge}</h3>'
            f'<p class="civ-stage__period">{_e(period)}{_progress(state)}{done}</p>'
            f"<ul>{tasks}</ul>{_evidence(stage)}</li>"
        )
    parts.append("</ol>")
    return _block("stages", "".join(parts))


def guarantees(meta: dict, today: date) -> str:
    words = wording()["guarantees"]
    parts = [f"<p>{_e(words['intro'])}</p>", "<dl>"]
    for item in meta.get("guarantees") or []:
        kind = item.get("kind", "")
        standard = words["items"].get(kind, "")
        extra = f" {_e(item['text'])}" if item.get("text") else ""
        parts.append(f"<dt>{_e(kind)}</dt><dd>{_e(standard)}{extra}</dd>")
    parts.append("</dl>")
    return _block("guarantees", "".join(parts))


def supervision(meta: dict, today: date) -> str:
    words = wording()["supervision"]
    labels = words["labels"]
    contact = meta.get("supervision") or {}
    rows = []
    phones = [
        f'<a href="tel:{_e(p["number"])}">{_e(p["number"])}</a>'
        + (f"（{_e(p['label'])}）" if p.get("label") else "")
        for p in contact.get("phones") or []
        if p.get("number")
    ]
    if phones:
        rows.append((labels["phones"], "、".join(phones)))
    if contact.get("email"):
        rows.append(
            (labels["email"], f'<a href="mailto:{_e(contact["email"])}">{_e(contact["email"])}</a>')
        )
    for key in ("address", "postcode", "hours", "box"):
        if contact.get(key):
            rows.append((labels[key], _e(contact[key])))
    items = "".join(f"<dt>{_e(label)}</dt><dd>{value}</dd>" for label, value in rows)
    inner = f'<p>{_e(words["intro"])}</p><dl class="civ-contacts">{items}</dl>'
    return _block("supervision", f'<aside aria-label="监督举报">{inner}</aside>')


def goals(meta: dict, today: date) -> str:
    items = []
    for goal in meta.get("goals") or []:
        when = "".join(
            f'<span class="civ-goal__{k}">{_e(goal[k])}{"年" if k == "year" else ""}</span>'
            for k in ("year", "level")
            if goal.get(k)
        )
        items.append(f"<li>{when}{_e(goal.get('text', ''))}</li>")
    return _block("goals", f'<ol class="civ-goals">{"".join(items)}</ol>')


def measures(meta: dict, today: date) -> str:
    """The measures with their department, deadline and progress (overdue computed from dates)."""
    started = lifecycle.plan_started(meta, today)
    rows = [
        [
            _e(m.get("text", "")) + _evidence(m),
            _e(m.get("department", "")),
            _e(m.get("deadline", "—")),
            _progress(lifecycle.progress(m, today, started)),
        ]
        for m in meta.get("measures") or []
    ]
    return _block("measures", _table(["任务", "责任科室", "完成期限", "进度"], rows))


def rewards(meta: dict, today: date) -> str:
    words = wording()["rewards"]
    rows = [
        [_e(r.get("condition", "")), _e(r.get("consequence", ""))]
        for r in meta.get("rewards") or []
    ]
    return _block("rewards", f"<p>{_e(words['intro'])}</p>" + _table(words["columns"], rows))


def basis(meta: dict, today: date) -> str:
    items = [
        f"<li>《{_e(doc.get('title', '').strip('《》'))}》"
        + (f"（{_e(doc['number'])}）" if doc.get("number") else "")
        + "</li>"
        for doc in meta.get("basis") or []
    ]
    return _block("basis", f"<ul>{''.join(items)}</ul>")


PLAN_MACROS: dict[str, Callable[[dict, date], str]] = {
    "leading_group": leading_group,
    "stages": stages,
    "guarantees": guarantees,
    "supervision": supervision,
    "goals": goals,
    "measures": measures,
    "rewards": rewards,
    "basis": basis,
}
"""The macros a plan or template body may call; nothing else is allowed in its {{ … }}."""


def _region(unit: dict) -> str:
    region = unit.get("region") or {}
    return "".join(region.get(k, "") for k in ("province", "city", "county"))


def card(
    meta: dict,
    today: date,
    updated: str | None = None,
    history_url: str | None = None,
    word_url: str | None = None,
) -> str:
    """The metadata card at the top of a plan page, with the last change and a link to the history."""
    labels = wording()["card"]["labels"]
    unit = meta.get("unit") or {}
    notice = meta.get("notice") or {}
    template = meta.get("template") or {}
    values = {
        "unit": unit.get("name"),
        "kind": unit.get("kind"),
        "level": meta.get("level"),
        "mode": meta.get("mode"),
        "year": f"{meta.get('year')}—{meta['end_year']}"
        if meta.get("end_year")
        else meta.get("year"),
        "region": _region(unit),
        "parent": unit.get("parent"),
        "status": lifecycle.status(meta, today),
        "doc_number": meta.get("doc_number"),
        "issued": meta.get("issued"),
        "notice": f"{notice['start']} 至 {notice['end']}" if notice else None,
        "template": f"{template['id']} {template['version']}" if template else None,
    }
    items = [
        f'<div class="civ-card__item civ-card__{key}"><dt>{_e(labels[key])}</dt><dd>{_e(value)}</dd></div>'
        for key, value in values.items()
        if value
    ]
    if updated or history_url:
        link = f' <a href="{_e(history_url)}">查看修订记录</a>' if history_url else ""
        items.append(
            f'<div class="civ-card__item civ-card__updated"><dt>{_e(labels["updated"])}</dt>'
            f"<dd>{_e(updated or '尚未提交')}{link}</dd></div>"
        )
    download = (
        f'<p class="civ-downloads"><a href="{_e(word_url)}" download>下载 Word 文件（公文格式）</a></p>'
        if word_url
        else ""
    )
    return f'<dl class="civ-card" aria-label="方案信息">{"".join(items)}</dl>{download}\n'


def _when(moment) -> str:
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}"


def banner(meta: dict, now, successor_url: str | None = None) -> str:
    """What a reader must know first: open for comment until when, closed, finished or replaced."""
    words = wording()["banners"]
    status = lifecycle.status(meta, now)
    if status not in words:
        return ""
    window = lifecycle.notice_window(meta)
    how = (meta.get("notice") or {}).get("feedback")
    text = words[status].format(
        start=_when(window[0]) if window else "",
        end=_when(window[1]) if window else "",
        days=lifecycle.days_left(meta, now),
        feedback=words["feedback"].format(how=how.rstrip("。")) if how else "",
    )
    link = (
        f' <a href="{_e(successor_url)}">{_e(words["successor"])}</a>'
        if successor_url and status == "已被替代"
        else ""
    )
    return f'<div class="civ-banner civ-banner--{_e(status)}" role="status"><p>{_e(text)}{link}</p></div>\n'


def feedback_outcome(meta: dict) -> str:
    """What came of the comments received during the notice window."""
    outcome = meta.get("feedback_outcome")
    if not outcome:
        return ""
    words = wording()["feedback_outcome"]
    parts = [
        f'<h2 id="feedback-outcome">{_e(words["title"])}</h2>',
        f"<p>{_e(words['received'].format(count=outcome.get('received', 0)))}</p>",
    ]
    if outcome.get("adopted"):
        items = "".join(f"<li>{_e(text)}</li>" for text in outcome["adopted"])
        parts.append(f"<h3>{_e(words['adopted'])}</h3><ul>{items}</ul>")
    if outcome.get("not_adopted"):
        rows = [[_e(i.get("text", "")), _e(i.get("reason", ""))] for i in outcome["not_adopted"]]
        parts.append(f"<h3>{_e(words['not_adopted'])}</h3>" + _table(["意见", "未采纳理由"], rows))
    return f'<section class="civ-feedback-outcome">{"".join(parts)}</section>\n'


def copy_command(template_id: str, kind: str, year: int) -> str:
    return (
        f'civplan new --template {template_id} --unit "示例市某某{kind}" --year {year} --level 市级'
    )


def template_card(meta: dict, example_url: str | None, today: date) -> str:
    """The head of a template page: purpose, version, downloads, the copy command, the changelog."""
    info = meta.get("template_info") or {}
    template = meta.get("template") or {}
    template_id = template.get("id", "")
    kind = (meta.get("unit") or {}).get("kind", "单位")
    links = [
        f'<a href="{_e(template_id)}.md" download>下载 Markdown 文件</a>',
        f'<a href="{_e(template_id)}.docx" download>下载 Word 文件</a>',
    ]
    if example_url:
        links.append(f'<a href="{_e(example_url)}">查看按此模板填好的示例方案</a>')
    changes = "".join(
        f"<li>{_e(c.get('version'))}（{_e(c.get('date'))}）：{_e(c.get('note'))}</li>"
        for c in info.get("changelog") or []
    )
    return (
        '<div class="civ-template-card">'
        f'<p class="civ-purpose">{_e(info.get("purpose", ""))}</p>'
        f'<p class="civ-meta">模板编号 <code>{_e(template_id)}</code> · 版本 {_e(template.get("version", ""))}'
        f" · 单位类别 {_e(kind)}</p>"
        f'<p class="civ-links">{" · ".join(links)}</p>'
        "<p>在项目文件夹中用一条命令复制这个模板（把单位名称、年度和级别换成自己的）：</p>"
        f"<pre><code>{_e(copy_command(template_id, kind, today.year))}</code></pre>"
        f"<details><summary>修订记录</summary><ul>{changes}</ul></details>"
        '<p class="civ-blank-note">下文中黄色底色的“〔待填：…〕”是需要填写的空白；'
        "“填写说明”框只在模板中显示，复制成方案时自动删除。</p>"
        "</div>\n"
    )


def highlight_blanks(html: str) -> str:
    """Mark every blank so an editor sees at a glance what is left to fill."""
    return BLANK.sub(lambda found: f'<mark class="civ-blank">{found.group(0)}</mark>', html)
