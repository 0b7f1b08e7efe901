"""Site-wide listings (home page, plan directory): pure functions from plans to HTML."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from datetime import date
from functools import cache

from markupsafe import Markup

from civplan.history.public_changes import changes as public_changes
from civplan.model import lifecycle
from civplan.model.blank import ANY_KIND, template_kind
from civplan.model.schema import choices
from civplan.site.markup import escape_html, render
from civplan.site.sections import progress_badge

Entry = tuple[str, dict]
"""A published plan as listings see it: (url relative to the current page, metadata)."""

KINDS = choices("unit", "kind")
LEVELS = choices("level")
STATUSES = list(lifecycle.PUBLIC_STATUSES)


def _region_parts(meta: dict) -> list[str]:
    region = (meta.get("unit") or {}).get("region") or {}
    return [region[k] for k in ("province", "city", "county") if region.get(k)]


def region_text(meta: dict) -> str:
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


def _filters(rows: list[dict[str, str]]) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(facet, label, options) of each filter, with the values the plans have."""
    filters = []
    for facet, label in FACETS:
        values = {row[facet] for row in rows if row[facet]}
        filters.append((facet, label, _options(facet, values)))
    return filters


SHOWN = int(os.environ.get("CIVPLAN_DIRECTORY_ROWS") or 200)
"""Rows the directory's page holds (CIVPLAN_DIRECTORY_ROWS: the tests make it small). A table
of 12,000 plans took Chromium 18 s to open at 390 px, and one of 48,000 seven minutes at a
phone's speed, most of it laying out rows nobody scrolls to; and a page that held the further
rows in a <template> was 26.6 MB (0.84 MB gzip) at 50,000 plans, all of it downloaded before the
first row showed. The further rows are in parts beside the page (PARTS), which
assets/directory.js fetches when a filter or “显示更多” needs them."""

PART_ROWS = int(os.environ.get("CIVPLAN_DIRECTORY_PART") or 2000)
"""Rows in one part: about 70 KB gzip (CIVPLAN_DIRECTORY_PART: the tests make it small)."""

PARTS = "parts/"
"""The parts' folder, beside the directory's page: parts/0.html, parts/1.html … Each holds the
rows of one province (the first part of the region) in the directory's order, PART_ROWS at
most, so that a filter by region fetches that province's parts only."""

REGIONS_LISTED = 200
"""A part's index names its regions up to this many; more, and it names their provinces."""

ROW_VALUES = ("url", "title", "kind", "level", "region", "year", "status", "order")
PLACEHOLDER = re.compile("\0(\\d+)\0")


@cache
def _row_format() -> str:
    """directory_row.html as a str.format pattern: rendered once with a numbered placeholder
    for each value (ROW_VALUES, then each filter's). Filling it with values escaped by
    escape_html (the rules autoescape follows here) makes the row the template makes, as fast as an f-string:
    rendering the template for each of 2,000 rows took six times as long (escape and
    finalize for each of 26 values a row)."""
    marks = [Markup(f"\0{number}\0") for number in range(len(ROW_VALUES) + len(FACETS))]
    split = len(ROW_VALUES)
    values = dict(zip(ROW_VALUES, marks[:split], strict=True))
    data = list(zip([facet for facet, _ in FACETS], marks[split:], strict=True))
    html = render("directory_row.html", columns=COLUMNS, data=data, **values)
    return PLACEHOLDER.sub(r"{\1}", html.replace("{", "{{").replace("}", "}}"))


def _row(url: str, meta: dict, values: dict[str, str], order: int) -> str:
    """A row of the directory; `values`: the plan's value for each filter (_facets); `order`:
    its place in the directory, by which the script puts rows from several parts in order."""
    unit = meta.get("unit") or {}
    shown = (url, meta.get("title", ""), unit.get("kind", ""), meta.get("level", ""))
    shown += (region_text(meta), meta.get("year", ""), values["status"], order)
    return _row_format().format(
        *map(escape_html, shown), *(escape_html(values[facet]) for facet, _ in FACETS)
    )


def order_key(meta: dict) -> tuple[int, str]:
    """The directory's order: newest year first, then by title (the search tier's order too)."""
    return -(lifecycle.parse_year(meta.get("year")) or 0), str(meta.get("title", ""))


def plan_directory(entries: list[Entry], today: date) -> str:
    """The directory's block in its page (directory_files without the parts)."""
    return directory_files(entries, today)[0]


def directory_files(entries: list[Entry], today: date) -> tuple[str, dict[str, str]]:
    """The table of every published plan, the way into the plans (the nav does not list them):
    its block in the page, and its further rows as parts (name in PARTS → rows).

    Each row carries its kind, level, region, year and status as data-* attributes, which the
    filter form (assets/directory.js) reads; each cell its column's name, for the phone layout.
    The first SHOWN rows are in the table; the page names each part with its first row's place
    and the values of each filter in it, so that a filter fetches only the parts it can match.
    """
    ordered = sorted(entries, key=lambda entry: order_key(entry[1]))
    facets = [_facets(meta, today) for _, meta in ordered]
    rows = [
        _row(url, meta, values, order)
        for order, ((url, meta), values) in enumerate(zip(ordered, facets, strict=True))
    ]
    chosen = _parts(facets, SHOWN)
    index = [_part_index(numbers, facets, f"{PARTS}{n}.html") for n, numbers in enumerate(chosen)]
    html = render(
        "directory.html",
        filters=_filters(facets),
        columns=COLUMNS,
        shown=Markup("".join(rows[:SHOWN])),
        parts=Markup(escape_html(json.dumps(index, ensure_ascii=False, separators=(",", ":")))),
        shown_count=len(rows[:SHOWN]),
        total=len(rows),
    )
    files = {f"{n}.html": "".join(rows[i] for i in numbers) for n, numbers in enumerate(chosen)}
    return _block(html), files


def _parts(facets: list[dict[str, str]], shown: int) -> list[list[int]]:
    """The places of the rows after the first `shown`, by province, PART_ROWS a part."""
    by_province: dict[str, list[int]] = {}
    for number in range(shown, len(facets)):
        by_province.setdefault(facets[number]["region"].split("/")[0], []).append(number)
    return [
        numbers[start : start + PART_ROWS]
        for _, numbers in sorted(by_province.items())
        for start in range(0, len(numbers), PART_ROWS)
    ]


def _part_index(numbers: list[int], facets: list[dict[str, str]], file: str) -> dict:
    """What the page says of one part: its file, its first row's place, the rows it holds and
    each filter's values in it."""
    values = {facet: sorted({facets[n][facet] for n in numbers}) for facet, _ in FACETS}
    if len(values["region"]) > REGIONS_LISTED:
        values["region"] = sorted({region.split("/")[0] for region in values["region"]})
    return {"file": file, "first": numbers[0], "rows": len(numbers), "values": values}


def _block(html: str) -> str:
    """A listing as a block of its own in the Markdown page around it."""
    return f"\n\n{html}\n\n"


def plan_counts(entries: list[Entry], today: date) -> str:
    """Counts of published plans by kind, level and status."""
    groups = [
        ("单位类别", KINDS, Counter((m.get("unit") or {}).get("kind") for _, m in entries)),
        ("目标级别", LEVELS, Counter(m.get("level") for _, m in entries)),
        ("状态", STATUSES, Counter(lifecycle.status(m, today) for _, m in entries)),
    ]
    shown = [
        (title, [(name, counts[name]) for name in order if counts[name]])
        for title, order, counts in groups
    ]
    return _block(render("plan_counts.html", total=len(entries), groups=shown))


def latest_plans(entries: list[Entry], today: date, count: int = 5) -> str:
    """The most recently issued plans."""
    latest = sorted(entries, key=lambda e: str(e[1].get("issued", "")), reverse=True)[:count]
    plans = [
        (url, meta.get("title", ""), meta.get("issued", ""), lifecycle.status(meta, today))
        for url, meta in latest
    ]
    return _block(render("latest_plans.html", plans=plans))


def template_library(entries: list[Entry], today: date) -> str:
    """The templates grouped by kind of unit, each with its purpose and version."""
    groups, kinds = [], [*KINDS, ANY_KIND]
    for number, kind in enumerate(kinds):
        group = sorted(
            (entry for entry in entries if template_kind(entry[1]) == kind),
            key=_template_name,
        )
        if group:
            groups.append((number, kind, [_template_item(entry) for entry in group]))
    return _block(render("template_library.html", groups=groups))


def _template_item(entry: Entry) -> tuple[str, str, str, str]:
    """(url, name, version, purpose) of a template in the library."""
    url, meta = entry
    version = (meta.get("template") or {}).get("version", "")
    return url, _template_name(entry), version, (meta.get("template_info") or {}).get("purpose", "")


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
        return _empty("目前没有正在公示的方案。")
    plans = [
        (url, meta.get("title", ""), lifecycle.moment_text(end), lifecycle.time_left(meta, now))
        for end, url, meta in sorted(open_now, key=lambda item: item[0])
    ]
    return _block(render("notice_now.html", plans=plans))


def _empty(text: str) -> str:
    """A home-page list with nothing in it."""
    return _block(render("empty.html", text=text))


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
        return _empty("本月没有到期的实施阶段。")
    stages = [
        (url, meta.get("title", ""), stage.get("name", ""), end, Markup(progress_badge(state)))
        for end, url, meta, stage, state in sorted(rows, key=lambda row: row[0])
    ]
    return _block(render("due_this_month.html", stages=stages))


def _tasks(state: str, rows: list[tuple]) -> str:
    """Tasks overdue (state "overdue") or done: (date, url, metadata, measure) of each."""
    badge = Markup(progress_badge(lifecycle.OVERDUE if state == "overdue" else lifecycle.DONE))
    tasks = [
        (url, meta.get("title", ""), m.get("text", ""), m.get("department", ""), day, badge)
        for day, url, meta, m in rows
    ]
    return _block(render("tasks.html", state=state, tasks=tasks))


def overdue_tasks(entries: list[Entry], now) -> str:
    """Tasks of plans in force whose deadline passed without 已完成, longest overdue first."""
    rows = [
        (lifecycle.deadline(m), url, meta, m)
        for url, meta in entries
        for m in _overdue(meta, now)
        if lifecycle.deadline(m)
    ]
    if not rows:
        return _empty("目前没有逾期的任务。")
    return _tasks("overdue", sorted(rows, key=lambda row: (row[0], row[2].get("title", ""))))


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
        return _empty("本月还没有报告完成的任务。")
    return _tasks("done", sorted(rows, key=lambda row: row[0], reverse=True))


def recent_changes(changes: list[tuple[str, str, object]], now, count: int = 8) -> str:
    """The latest changes to published plans, (url, title, Version) newest first per plan, told
    as the public sees them (civplan.history.public_changes): a dated note and the unit, never the commit's
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
        return _empty("还没有修订记录。")
    shown = [
        (url, title, c.notes[0].date, c.unit, "".join(note.text for note in c.notes))
        for url, title, c in latest
    ]
    return _block(render("recent_changes.html", changes=shown))
