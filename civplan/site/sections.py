"""The shared sections of a plan, as pure functions from metadata (and today) to HTML.

Each function here is a macro a plan body may call, e.g. `{{ leading_group() }}`. The standard
wording comes from wording.yaml; every value from the metadata is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from html import escape

from civplan.model import lifecycle
from civplan.model.blank import ANY_KIND, BLANK, template_kind
from civplan.model.macros import MACROS
from civplan.model.schema import measure_columns
from civplan.model.text import tidy
from civplan.model.wording import roster, wording
from civplan.site.markup import e

DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?|\d{4}年\d{1,2}月\d{1,2}日(?: \d{1,2}:\d{2})?"
)


def nowrap_dates(html: str) -> str:
    """Escaped text with each date kept on one line: “2026-/01-26” broken at the end of a line
    reads as two numbers. Only for text this module escaped (no tags inside)."""
    return DATE.sub(lambda found: f'<span class="civ-date">{found.group(0)}</span>', html)


def doc_number(text: str) -> str:
    """A 文号 as words that never break inside: the issuer, then 〔year〕number (示县水 〔2026〕6号).
    A narrow screen may put the year on the next line, never cut “6/号” or “20/26”."""
    issuer, bracket, rest = str(text).partition("〔")
    parts = [issuer, bracket + rest] if bracket and issuer else [str(text)]
    return "<wbr>".join(f'<span class="civ-id">{e(part)}</span>' for part in parts)


def _table(columns: list[str], rows: list[list[str]]) -> str:
    """A table without a class, so that Material styles it like any Markdown table. Each cell
    carries its column's name, which the phone layout shows beside it (assets/site.css)."""
    head = "".join(f'<th scope="col">{e(c)}</th>' for c in columns)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td data-label="{e(label)}">{cell}</td>'
            for label, cell in zip(columns, row, strict=True)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _block(css: str, inner: str) -> str:
    """A raw HTML block that Markdown passes through untouched."""
    return f'\n\n<div class="civ-{css}">{inner}</div>\n\n'


def leading_group(meta: dict, today: date) -> str:
    words = wording()["leading_group"]
    group = meta.get("leading_group") or {}
    name = group.get("name") or words["default_name"]
    unit = (meta.get("unit") or {}).get("name", "")
    parts = [f"<p>{e(words['intro'].format(unit=unit, group=name))}</p>"]
    rows = [
        [
            e(role),
            f'<span class="civ-name">{e(p.get("name", ""))}</span>',
            e(p.get("post", "")),
            e(p.get("duty", "")),
        ]
        for role, p in roster(group)
    ]
    parts.append(_table(words["columns"], rows))
    if group.get("members_note"):
        parts.append(f"<p>{e(words['members_note'].format(note=group['members_note']))}</p>")
    office = group.get("office") or {}
    director = office.get("director") or {}
    parts.append(
        "<p>"
        + e(
            words["office"].format(
                location=office.get("location", ""),
                director=director.get("name", ""),
                post=director.get("post", ""),
            )
        )
        + e(office.get("duty") or words["office_duty"])
        + "</p>"
    )
    return _block("leading-group", "".join(parts))


def progress_badge(state: str) -> str:
    """未开始/进行中/已完成/逾期/日期待定 as a coloured label."""
    return (
        f'<span class="civ-progress civ-progress--{state}">{e(wording()["progress"][state])}</span>'
    )


def _evidence_links(item: dict) -> list[str]:
    return [
        f'<a href="{e(proof["url"])}">{e(proof.get("title", ""))}</a>'
        if proof.get("url")
        else e(proof.get("title", ""))
        for proof in item.get("evidence") or []
        if isinstance(proof, dict)
    ]


def _evidence(item: dict) -> str:
    links = _evidence_links(item)
    return f'<p class="civ-evidence">佐证：{"、".join(links)}</p>' if links else ""


def _reports(item: dict, today) -> str:
    """The dated progress entries of a measure or stage, newest first, folded under a summary
    that names the latest; nothing when there are none."""
    entries = lifecycle.reports(item, today)
    if not entries:
        return ""
    rows = []
    for entry in reversed(entries):
        state = lifecycle.REPORTED.get(entry.get("status"), lifecycle.NOT_STARTED)
        links = _evidence_links(entry)
        proof = (
            f'<span class="civ-report__evidence">佐证：{"、".join(links)}</span>' if links else ""
        )
        rows.append(
            f'<li class="civ-report"><span class="civ-date">{e(entry["date"])}</span>'
            f'<span class="civ-report__status civ-progress civ-progress--{state}">'
            f"{e(entry.get('status', ''))}</span>"
            f'<span class="civ-report__note">{e(entry.get("note") or "")}</span>{proof}</li>'
        )
    return (
        f'<details class="civ-reports"><summary>进展记录（{len(entries)} 条，最近一次'
        f' <span class="civ-date">{e(entries[-1]["date"])}</span>）</summary>'
        f'<ol class="civ-reports__list" reversed>{"".join(rows)}</ol></details>'
    )


def year_summaries(meta: dict, today) -> str:
    """完成 N 项，推进中 M 项，逾期 K 项 of the measures, for each year of the plan up to now."""
    lines = []
    for year in lifecycle.summary_years(meta, today):
        counts = lifecycle.year_summary(meta, year, today)
        when = "截至目前" if year == lifecycle.moment(today).year else "截至年底"
        lines.append(
            f"<li><strong>{year}年</strong>（{when}）：完成 {counts[lifecycle.DONE]} 项，"
            f"推进中 {counts[lifecycle.IN_PROGRESS]} 项，逾期 {counts[lifecycle.OVERDUE]} 项"
            + (
                f"，未开始 {counts[lifecycle.NOT_STARTED]} 项"
                if counts[lifecycle.NOT_STARTED]
                else ""
            )
            + "。</li>"
        )
    if not lines:
        return ""
    return f'<ul class="civ-year-summary" aria-label="年度任务完成情况">{"".join(lines)}</ul>'


def stages(meta: dict, today: date) -> str:
    """The stages as a timeline: the stage today falls in is marked; each shows its progress."""
    words = wording()["stages"]
    items = meta.get("stages") or []
    parts = [f"<p>{e(words['intro'].format(count=len(items)))}</p>", '<ol class="civ-timeline">']
    for stage in items:
        state = lifecycle.stage_progress(stage, today)
        now = lifecycle.stage_state(stage, today) == lifecycle.CURRENT
        badge = f'<strong class="civ-badge">{e(words["current_badge"])}</strong>' if now else ""
        marker = ' civ-stage--now" aria-current="step' if now else ""
        period = tidy(
            words["period"].format(start=stage.get("start", ""), end=stage.get("end", ""))
        )
        done = f"（{nowrap_dates(e(stage['done']))} 完成）" if stage.get("done") else ""
        tasks = "".join(f"<li>{e(t)}</li>" for t in stage.get("tasks") or [])
        parts.append(
            f'<li class="civ-stage civ-stage--{state}{marker}">'
            f'<h3 class="civ-stage__name">{e(stage.get("name", ""))}{badge}</h3>'
            f'<p class="civ-stage__period">{nowrap_dates(e(period))}{progress_badge(state)}{done}</p>'
            f"<ul>{tasks}</ul>{_evidence(stage)}{_reports(stage, today)}</li>"
        )
    parts.append("</ol>")
    return _block("stages", "".join(parts))


def guarantees(meta: dict, today: date) -> str:
    words = wording()["guarantees"]
    parts = [f"<p>{e(words['intro'])}</p>", "<dl>"]
    for item in meta.get("guarantees") or []:
        kind = item.get("kind", "")
        standard = words["items"].get(kind, "")
        extra = e(item["text"]) if item.get("text") else ""  # no space: 。 ends the standard text
        parts.append(f"<dt>{e(kind)}</dt><dd>{e(standard)}{extra}</dd>")
    parts.append("</dl>")
    return _block("guarantees", "".join(parts))


def supervision(meta: dict, today: date) -> str:
    words = wording()["supervision"]
    labels = words["labels"]
    contact = meta.get("supervision") or {}
    rows = []
    phones = [
        f'<a href="tel:{e(p["number"])}">{e(p["number"])}</a>'
        + (f"（{e(p['label'])}）" if p.get("label") else "")
        for p in contact.get("phones") or []
        if p.get("number")
    ]
    if phones:
        rows.append((labels["phones"], "、".join(phones)))
    if contact.get("email"):
        rows.append(
            (labels["email"], f'<a href="mailto:{e(contact["email"])}">{e(contact["email"])}</a>')
        )
    for key in ("address", "postcode", "hours", "box"):
        if contact.get(key):
            rows.append((labels[key], e(contact[key])))
    items = "".join(f"<dt>{e(label)}</dt><dd>{value}</dd>" for label, value in rows)
    inner = f'<p>{e(words["intro"])}</p><dl class="civ-contacts">{items}</dl>'
    # id="jubao": the target of the banner's and the page's 监督举报 links (partials/content.html)
    return _block("supervision", f'<aside id="jubao" aria-label="监督举报">{inner}</aside>')


def goals(meta: dict, today: date) -> str:
    """Each goal as a sentence: “2026年目标（市级文明单位）：年底前通过……”."""
    words = wording()["goals"]
    items = []
    for goal in meta.get("goals") or []:
        form = ("year" if goal.get("year") else "") + ("level" if goal.get("level") else "")
        lead = words[form].format(year=goal.get("year"), level=goal.get("level")) if form else ""
        label = f'<span class="civ-goal__when">{e(lead)}</span>' if lead else ""
        items.append(f"<li>{label}{e(goal.get('text', ''))}</li>")
    return _block("goals", f'<ol class="civ-goals">{"".join(items)}</ol>')


def measures(meta: dict, today: date) -> str:
    """The measures with their department, deadline and progress (overdue computed from dates)."""
    started = lifecycle.plan_started(meta, today)
    rows = [
        [
            e(m.get("text", "")) + _evidence(m) + _reports(m, today),
            e(m.get("department", "")),
            nowrap_dates(e(m.get("deadline", "—"))),
            progress_badge(lifecycle.progress(m, today, started)) + _latest(m, today),
        ]
        for m in meta.get("measures") or []
    ]
    table = _table([*measure_columns(), "进度"], rows)
    return _block("measures", year_summaries(meta, today) + table)


def _latest(item: dict, today) -> str:
    """When the status shown was last reported: a reader weighs an old report differently."""
    latest = lifecycle.latest_report(item, today)
    if not latest:
        return ""
    return f'<span class="civ-progress__when">{nowrap_dates(e(latest["date"]))} 报告</span>'


def rewards(meta: dict, today: date) -> str:
    words = wording()["rewards"]
    rows = [
        [e(r.get("condition", "")), e(r.get("consequence", ""))] for r in meta.get("rewards") or []
    ]
    return _block("rewards", f"<p>{e(words['intro'])}</p>" + _table(words["columns"], rows))


def basis(meta: dict, today: date) -> str:
    items = [
        f"<li>《{e(doc.get('title', '').strip('《》'))}》"
        + (f"（{e(doc['number'])}）" if doc.get("number") else "")
        + "</li>"
        for doc in meta.get("basis") or []
    ]
    return _block("basis", f"<ul>{''.join(items)}</ul>")


PLAN_MACROS: dict[str, Callable[[dict, date], str]] = {name: globals()[name] for name in MACROS}
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
        "notice": tidy(f"{notice['start']} 至 {notice['end']}") if notice else None,
    }
    shown = {key: nowrap_dates(e(value)) for key, value in values.items() if value}
    if "status" in shown:
        shown["status"] = f'<span class="civ-status">{shown["status"]}</span>'
    if "doc_number" in shown:
        shown["doc_number"] = doc_number(values["doc_number"])
    if template.get("id"):
        shown["template"] = _template_link(template)
    items = [
        f'<div class="civ-card__item civ-card__{key}"><dt>{e(labels[key])}</dt><dd>{value}</dd></div>'
        for key, value in shown.items()
    ]
    if updated or history_url:
        link = (
            f' <a href="{e(history_url)}" data-pagefind-ignore>查看修订记录</a>'
            if history_url
            else ""
        )
        items.append(
            f'<div class="civ-card__item civ-card__updated"><dt>{e(labels["updated"])}</dt>'
            f"<dd>{nowrap_dates(e(updated or '尚未提交'))}{link}</dd></div>"
        )
    download = (
        f'<p class="civ-downloads" data-pagefind-ignore><a href="{e(word_url)}" download>下载 Word 文件（公文格式）</a></p>'
        if word_url
        else ""
    )
    return f'<dl class="civ-card" aria-label="方案信息">{"".join(items)}</dl>{download}\n'


def _template_link(template: dict) -> str:
    """The template a plan was written from, as a link into the library (plans/<slug>/ →
    library/<id>/), in a reader's words rather than “hospital 1.0”."""
    url = f"../../library/{template['id']}/"
    version = f"（{e(template['version'])}版）" if template.get("version") else ""
    return f'<a href="{e(url)}">{e(wording()["card"]["template_link"])}</a>{version}'


def banner(meta: dict, now, successor_url: str | None = None) -> str:
    """What a reader must know first: open for comment until when, closed, finished or replaced."""
    words = wording()["banners"]
    status = lifecycle.status(meta, now)
    if status not in words:
        return ""
    window = lifecycle.notice_window(meta)
    how = (meta.get("notice") or {}).get("feedback")
    # our wording is escaped (braces kept, unlike e()), then filled with escaped values and the
    # 监督举报 link
    text = escape(words[status], quote=True).format(
        start=nowrap_dates(e(lifecycle.moment_text(window[0]))) if window else "",
        end=nowrap_dates(e(lifecycle.moment_text(window[1]))) if window else "",
        left=lifecycle.time_left(meta, now),
        feedback=e(words["feedback"].format(how=how.rstrip("。"))) if how else "",
        report=f'<a href="#jubao">{e(words["report"])}</a>',
    )
    link = (
        f' <a href="{e(successor_url)}">{e(words["successor"])}</a>'
        if successor_url and status == "已被替代"
        else ""
    )
    reason = meta.get("withdrawal_reason")
    if reason and status in ("已废止", "已被替代"):
        link = f'<span class="civ-banner__reason">{e(words["reason"].format(reason=reason))}</span>{link}'

    return (
        f'<div class="civ-banner civ-banner--{e(status)}" role="status"><p>{text}{link}</p></div>\n'
    )


def draft_banner(meta: dict) -> str:
    """Above a draft in an editor's preview: the public site will not show it."""
    if lifecycle.is_published(meta):
        return ""
    return '<div class="civ-banner civ-banner--草案" role="status"><p>草案预览：这个方案还是草案，正式网站不会发布。</p></div>\n'


def feedback_outcome(meta: dict) -> str:
    """What came of the comments received during the notice window."""
    outcome = meta.get("feedback_outcome")
    if not outcome:
        return ""
    words = wording()["feedback_outcome"]
    parts = [
        f'<h2 id="feedback-outcome">{e(words["title"])}</h2>',
        f"<p>{e(words['received'].format(count=outcome.get('received', 0)))}</p>",
    ]
    if outcome.get("adopted"):
        items = "".join(f"<li>{e(text)}</li>" for text in outcome["adopted"])
        parts.append(f"<h3>{e(words['adopted'])}</h3><ul>{items}</ul>")
    if outcome.get("not_adopted"):
        rows = [[e(i.get("text", "")), e(i.get("reason", ""))] for i in outcome["not_adopted"]]
        parts.append(f"<h3>{e(words['not_adopted'])}</h3>" + _table(["意见", "未采纳理由"], rows))
    return f'<section class="civ-feedback-outcome">{"".join(parts)}</section>\n'


def copy_command(template_id: str, kind: str, year: int) -> str:
    """What an editor pastes in the project folder: a make target, which needs no PATH."""
    return f'make new TEMPLATE={template_id} UNIT="示例市某某{kind}" YEAR={year} LEVEL=市级'


def template_card(meta: dict, example_url: str | None, today: date) -> str:
    """The head of a template page: purpose, version, downloads, the copy command, the changelog."""
    info = meta.get("template_info") or {}
    template = meta.get("template") or {}
    template_id = template.get("id", "")
    kind = template_kind(meta) or "单位"
    links = [
        f'<a href="{e(template_id)}.md" download>下载 Markdown 文件</a>',
        f'<a href="{e(template_id)}.docx" download>下载 Word 文件</a>',
    ]
    if example_url:
        links.append(f'<a href="{e(example_url)}">查看按此模板填好的示例方案</a>')
    changes = "".join(
        f"<li>{e(c.get('version'))}（{e(c.get('date'))}）：{e(c.get('note'))}</li>"
        for c in info.get("changelog") or []
    )
    return (
        '<div class="civ-template-card">'
        f'<p class="civ-purpose">{e(info.get("purpose", ""))}</p>'
        f'<p class="civ-meta">模板编号 <code>{e(template_id)}</code> · 版本 {e(template.get("version", ""))}'
        f" · 单位类别：{e(kind)}</p>"
        f'<p class="civ-links">{" · ".join(links)}</p>'
        "<p>在项目文件夹中用一条命令复制这个模板（把单位名称、年度和级别换成自己的）：</p>"
        f"<pre><code>{e(copy_command(template_id, '单位' if kind == ANY_KIND else kind, today.year))}</code></pre>"
        f"<details><summary>修订记录</summary><ul>{changes}</ul></details>"
        '<p class="civ-blank-note">下文中黄色底色的“〔待填：…〕”是需要填写的空白；'
        "“填写说明”框只在模板中显示，复制成方案时自动删除；"
        "标题带“（可选）”的章节保留它的说明，决定保留或删除这一节后一并删去。</p>"
        "</div>\n"
    )


def highlight_blanks(html: str) -> str:
    """Mark every blank so an editor sees at a glance what is left to fill."""
    return BLANK.sub(lambda found: f'<mark class="civ-blank">{found.group(0)}</mark>', html)
