"""Site-wide listings (home page, plan directory): pure functions from plans to HTML."""

from __future__ import annotations

import os
from collections import Counter
from datetime import date

from civplan.model import lifecycle
from civplan.model.blank import ANY_KIND, template_kind
from civplan.model.schema import choices
from civplan.site.changes import changes as public_changes
from civplan.site.markup import e
from civplan.site.sections import progress_badge

Entry = tuple[str, dict]
"""A published plan as listings see it: (url relative to the current page, metadata)."""

KINDS = choices("unit", "kind")
LEVELS = choices("level")
STATUSES = list(lifecycle.PUBLIC_STATUSES)


def _region_parts(meta: dict) -> list[str]:
    region = (meta.get("unit") or {}).get("region") or {}
    return [region[k] for k in ("province", "city", "county") if region.get(k)]


def _region(meta: dict) -> str:
    """示例省示例市示例县: a Chinese address has no spaces."""
    return "".join(_region_parts(meta))


COLUMNS = ["方案", "单位类别", "目标级别", "地区", "年度", "状态"]
FACETS = [
    ("kind", "单位类别"),
    ("level", "目标级别"),
    ("region", "地区"),
    ("year", "年度"),
    ("status", "状态"),
    ("tasks", "任务进度"),
]
"""The directory's filters: URL parameter (?kind=医院&level=市级, ?tasks=有逾期任务) and label."""

HAS_OVERDUE = "有逾期任务"


LISTED = (
    "slug",
    "title",
    "unit",
    "year",
    "level",
    "issued",
    "status",
    "notice",
    "superseded_by",
    "stages",
    "measures",
)
"""The metadata fields the listings below read (and lifecycle.status under them): all that a
sharded top level keeps of a shard's plan (of measures and stages, what the listings read: see
listed_fields), not its leading group or guarantees
(tests/test_shards.py compares its listings with those of the whole metadata)."""


MEASURE_FIELDS = ("text", "department", "deadline", "done")
STAGE_FIELDS = ("name", "start", "end", "done")
REPORT_FIELDS = ("date", "status")


def listed_fields(meta: dict) -> dict:
    kept = {field: meta[field] for field in LISTED if field in meta}
    if isinstance(kept.get("measures"), list):  # what the task lists read, not the reports' notes
        kept["measures"] = [_kept(m, MEASURE_FIELDS) for m in kept["measures"] if _listable(m)]
    if isinstance(kept.get("stages"), list):  # dates and state, not the tasks' text
        kept["stages"] = [_kept(s, STAGE_FIELDS) for s in kept["stages"] if isinstance(s, dict)]
    return kept


def _kept(item: dict, fields: tuple[str, ...]) -> dict:
    kept = {key: item[key] for key in fields if key in item}
    reports = [r for r in item.get("progress") or [] if isinstance(r, dict)]
    if reports:
        kept["progress"] = [{k: r[k] for k in REPORT_FIELDS if k in r} for r in reports]
    return kept


def _listable(measure) -> bool:
    """A measure the home page may list: one that can be overdue (it has a deadline) or done."""
    if not isinstance(measure, dict):
        return False
    reports = [r for r in measure.get("progress") or [] if isinstance(r, dict)]
    return bool(
        measure.get("deadline")
        or measure.get("done")
        or any(r.get("status") == lifecycle.REPORTED_DONE for r in reports)
    )


def _facets(meta: dict, today: date) -> dict[str, str]:
    """A plan's value for each filter; the region as a path, 示例省/示例市/示例县."""
    return {
        "kind": str((meta.get("unit") or {}).get("kind", "")),
        "level": str(meta.get("level", "")),
        "region": "/".join(_region_parts(meta)),
        "year": str(meta.get("year", "")),
        "status": lifecycle.status(meta, today),
        "tasks": HAS_OVERDUE if _overdue(meta, today) else "",
    }


def _measures(meta: dict) -> list[dict]:
    return [m for m in meta.get("measures") or [] if isinstance(m, dict)]


def _overdue(meta: dict, now) -> list[dict]:
    """The measures of a plan in force that are overdue now (deadline passed without 已完成)."""
    if lifecycle.status(meta, now) != lifecycle.IN_FORCE:
        return []
    started = lifecycle.plan_started(meta, now)
    return [m for m in _measures(meta) if lifecycle.progress(m, now, started) == lifecycle.OVERDUE]


def _ordered(values: set[str], order: list[str]) -> list[str]:
    return [v for v in order if v in values] + sorted(values - set(order))


def _options(facet: str, values: set[str]) -> list[tuple[str, str]]:
    """(value, label) of each choice; a region offers each province, city and county in it."""
    if facet == "region":
        paths = {"/".join(v.split("/")[:n]) for v in values for n in (1, 2, 3) if v}
        return [(p, "\u3000" * p.count("/") + p.rsplit("/", 1)[-1]) for p in sorted(paths)]
    if facet == "year":
        return [(v, f"{v}年") for v in sorted(values, reverse=True)]
    order = {"kind": KINDS, "level": LEVELS, "status": STATUSES, "tasks": [HAS_OVERDUE]}[facet]
    return [(v, v) for v in _ordered(values, order)]


def _filters(rows: list[dict[str, str]]) -> str:
    """The filter form, hidden until assets/directory.js shows it: no JavaScript, no dead controls."""
    fields = []
    for facet, label in FACETS:
        values = {row[facet] for row in rows if row[facet]}
        options = "".join(
            f'<option value="{e(v)}">{e(text)}</option>' for v, text in _options(facet, values)
        )
        fields.append(
            f'<label class="civ-filter"><span>{label}</span>'
            f'<select name="{facet}"><option value="">全部</option>{options}</select></label>'
        )
    return (
        '<form class="civ-filters" data-civ-filters hidden aria-label="筛选方案">'
        + "".join(fields)
        + '<button type="reset" class="md-button">清除筛选</button>'
        + '<p class="civ-filter-count" role="status" aria-live="polite"></p></form>'
    )


SHOWN = int(os.environ.get("CIVPLAN_DIRECTORY_ROWS") or 200)
"""Rows the directory lays out at once (CIVPLAN_DIRECTORY_ROWS: the tests make it small).
A table of 12,000 plans took Chromium 18 s to open at 390 px, and one of 48,000 seven minutes
at a phone's speed, most of it laying out rows nobody scrolls to. The further rows wait in a
<template>, parsed but never laid out, until a filter or “显示更多” asks assets/directory.js
for them."""


def _row(url: str, meta: dict, values: dict[str, str]) -> str:
    unit = meta.get("unit") or {}
    status = values["status"]
    data = "".join(f' data-{facet}="{e(value)}"' for facet, value in values.items())
    cells = [
        f'<a href="{e(url)}">{e(meta.get("title", ""))}</a>',
        e(unit.get("kind", "")),
        e(meta.get("level", "")),
        e(_region(meta)),
        e(meta.get("year", "")),
        f'<span class="civ-status" data-status="{e(status)}">{e(status)}</span>',
    ]
    return (
        f"<tr{data}>"
        + "".join(
            f'<td data-label="{label}">{cell}</td>'
            for label, cell in zip(COLUMNS, cells, strict=True)
        )
        + "</tr>"
    )


def plan_directory(entries: list[Entry], today: date) -> str:
    """The table of every published plan: the way into the plans (the nav does not list them).

    Each row carries its kind, level, region, year and status as data-* attributes, which the
    filter form (assets/directory.js) reads; each cell its column's name, for the phone layout.
    The first SHOWN rows are in the table, the rest in a <template> beside it.
    """
    head = "".join(f'<th scope="col">{c}</th>' for c in COLUMNS)
    rows, facets = [], []
    for url, meta in sorted(
        entries,
        key=lambda e: (-(lifecycle.parse_year(e[1].get("year")) or 0), e[1].get("title", "")),
    ):
        facets.append(_facets(meta, today))
        rows.append(_row(url, meta, facets[-1]))
    shown, rest = rows[:SHOWN], rows[SHOWN:]
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(shown)}</tbody></table>"
    if rest:
        table += f'<template class="civ-directory-rest">{"".join(rest)}</template>'
    empty = '<p class="civ-empty civ-filter-empty" hidden>没有符合筛选条件的方案。</p>'
    more = (
        '<p class="civ-directory-more" hidden><button type="button" class="md-button">'
        "显示更多方案</button></p>"
    )
    note = (
        f'<p class="civ-directory-note">这里列出最新的 {len(shown)} 个方案（共 {len(rows)} 个）。'
        "浏览器启用 JavaScript 后，可以筛选并查看全部方案。</p>"
        if rest
        else ""
    )
    inner = f'{_filters(facets)}{note}<div class="civ-directory-wrap">{table}</div>{empty}{more}'
    return f'\n\n<div class="civ-directory">{inner}</div>\n\n'


def plan_counts(entries: list[Entry], today: date) -> str:
    """Counts of published plans by kind, level and status."""
    groups = [
        ("单位类别", KINDS, Counter((m.get("unit") or {}).get("kind") for _, m in entries)),
        ("目标级别", LEVELS, Counter(m.get("level") for _, m in entries)),
        ("状态", STATUSES, Counter(lifecycle.status(m, today) for _, m in entries)),
    ]
    parts = [f'<p class="civ-total">共公开方案 <strong>{len(entries)}</strong> 个</p>']
    for title, order, counts in groups:
        items = "".join(
            f"<li><span>{e(name)}</span> <strong>{counts[name]}</strong></li>"
            for name in order
            if counts[name]
        )
        parts.append(f'<section class="civ-count"><h3>{title}</h3><ul>{items}</ul></section>')
    return f'\n\n<div class="civ-counts">{"".join(parts)}</div>\n\n'


def latest_plans(entries: list[Entry], today: date, count: int = 5) -> str:
    """The most recently issued plans."""
    latest = sorted(entries, key=lambda e: str(e[1].get("issued", "")), reverse=True)[:count]
    items = "".join(
        f'<li><a href="{e(url)}">{e(meta.get("title", ""))}</a>'
        f'<span class="civ-meta"><span class="civ-date">{e(meta.get("issued", ""))}</span> · '
        f'<span class="civ-status">{e(lifecycle.status(meta, today))}</span></span></li>'
        for url, meta in latest
    )
    return f'\n\n<ul class="civ-latest">{items}</ul>\n\n'


def template_library(entries: list[Entry], today: date) -> str:
    """The templates grouped by kind of unit, each with its purpose and version."""
    sections, kinds = [], [*KINDS, ANY_KIND]
    for kind in kinds:
        group = sorted(
            (entry for entry in entries if template_kind(entry[1]) == kind),
            key=_template_name,
        )
        if not group:
            continue
        items = "".join(
            f'<li><a href="{e(url)}">{e(_template_name((url, meta)))}</a>'
            f'<span class="civ-meta">版本 {e((meta.get("template") or {}).get("version", ""))}</span>'
            f"<p>{e((meta.get('template_info') or {}).get('purpose', ''))}</p></li>"
            for url, meta in group
        )
        sections.append(
            f'<section class="civ-template-group"><h2 id="kind-{kinds.index(kind)}">{e(kind)}</h2><ul>{items}</ul></section>'
        )
    return f'\n\n<div class="civ-templates">{"".join(sections)}</div>\n\n'


def _template_name(entry: Entry) -> str:
    meta = entry[1]
    return (meta.get("template_info") or {}).get("name") or (meta.get("template") or {}).get(
        "id", ""
    )


def notice_now(entries: list[Entry], now) -> str:
    """Plans open for comment now: days left and the exact closing time, soonest first."""
    open_now = [
        (lifecycle.notice_window(m)[1], url, m)
        for url, m in entries
        if lifecycle.status(m, now) == lifecycle.IN_NOTICE
    ]
    if not open_now:
        return '\n\n<p class="civ-empty">目前没有正在公示的方案。</p>\n\n'
    items = "".join(
        f'<li><a href="{e(url)}">{e(meta.get("title", ""))}</a>'
        f'<span class="civ-meta">截止 <span class="civ-date">{e(lifecycle.moment_text(end))}</span>（北京时间），{lifecycle.time_left(meta, now)}</span></li>'
        for end, url, meta in sorted(open_now, key=lambda item: item[0])
    )
    return f'\n\n<ul class="civ-notice-now">{items}</ul>\n\n'


def due_this_month(entries: list[Entry], now) -> str:
    """Stages of plans in force whose end date falls in the current month."""
    today = lifecycle.moment(now).date()
    rows = []
    for url, meta in entries:
        if lifecycle.status(meta, now) != lifecycle.IN_FORCE:
            continue
        for stage in meta.get("stages") or []:
            end = lifecycle.parse_date(stage.get("end"))
            if end and (end.year, end.month) == (today.year, today.month):
                state = lifecycle.progress(stage, now)
                rows.append((end, url, meta, stage, state))
    if not rows:
        return '\n\n<p class="civ-empty">本月没有到期的实施阶段。</p>\n\n'
    items = "".join(
        f'<li><a href="{e(url)}">{e(meta.get("title", ""))}</a>：“{e(stage.get("name", ""))}”阶段'
        f'<span class="civ-meta"><span class="civ-date">{e(end)}</span> 到期 · {progress_badge(state)}</span></li>'
        for end, url, meta, stage, state in sorted(rows, key=lambda row: row[0])
    )
    return f'\n\n<ul class="civ-due">{items}</ul>\n\n'


def _task_item(url: str, meta: dict, measure: dict, meta_html: str) -> str:
    return (
        f'<li><a href="{e(url)}">{e(meta.get("title", ""))}</a>'
        f'<span class="civ-task">{e(measure.get("text", ""))}</span>'
        f'<span class="civ-meta">{e(measure.get("department", ""))} · {meta_html}</span></li>'
    )


def overdue_tasks(entries: list[Entry], now) -> str:
    """Tasks of plans in force whose deadline passed without 已完成, longest overdue first."""
    rows = [
        (lifecycle.deadline(m), url, meta, m)
        for url, meta in entries
        for m in _overdue(meta, now)
        if lifecycle.deadline(m)
    ]
    if not rows:
        return '\n\n<p class="civ-empty">目前没有逾期的任务。</p>\n\n'
    items = "".join(
        _task_item(
            url,
            meta,
            m,
            f'期限 <span class="civ-date">{e(due)}</span> · {progress_badge(lifecycle.OVERDUE)}',
        )
        for due, url, meta, m in sorted(rows, key=lambda row: (row[0], row[2].get("title", "")))
    )
    return f'\n\n<ul class="civ-tasks civ-tasks--overdue">{items}</ul>\n\n'


def completed_this_month(entries: list[Entry], now) -> str:
    """Tasks reported 已完成 (or given a completion date) in the current month, newest first."""
    today = lifecycle.moment(now).date()
    rows = []
    for url, meta in entries:
        if not lifecycle.is_published(meta):
            continue
        for m in _measures(meta):
            day = lifecycle.completed_on(m, now)
            if day and (day.year, day.month) == (today.year, today.month) and day <= today:
                rows.append((day, url, meta, m))
    if not rows:
        return '\n\n<p class="civ-empty">本月还没有报告完成的任务。</p>\n\n'
    items = "".join(
        _task_item(
            url,
            meta,
            m,
            f'<span class="civ-date">{e(day)}</span> 完成 · {progress_badge(lifecycle.DONE)}',
        )
        for day, url, meta, m in sorted(rows, key=lambda row: row[0], reverse=True)
    )
    return f'\n\n<ul class="civ-tasks civ-tasks--done">{items}</ul>\n\n'


def recent_changes(changes: list[tuple[str, str, object]], now, count: int = 8) -> str:
    """The latest changes to published plans, (url, title, Version) newest first per plan, told
    as the public sees them (civplan.site.changes): a dated note and the unit, never the commit's
    subject or author."""
    by_plan: dict[tuple[str, str], list] = {}
    for url, title, version in changes:
        by_plan.setdefault((url, title), []).append(version)
    told = [
        (url, title, change)
        for (url, title), versions in by_plan.items()
        for change in public_changes(versions)
    ]
    # newest first by the date shown (the editor's), then by when it was committed
    latest = sorted(
        told, key=lambda item: (item[2].notes[0].date, item[2].version.date), reverse=True
    )[:count]
    if not latest:
        return '\n\n<p class="civ-empty">还没有修订记录。</p>\n\n'
    items = "".join(
        f'<li><a href="{e(url)}">{e(title)}</a>'
        f'<span class="civ-meta"><span class="civ-date">{e(change.notes[0].date)}</span> · '
        f"{e(change.unit)}：{e(''.join(note.text for note in change.notes))}</span></li>"
        for url, title, change in latest
    )
    return f'\n\n<ul class="civ-recent">{items}</ul>\n\n'
