"""Where a plan stands at a given moment: the build's "now" (injectable), status, notice window,
working days, and the progress of each stage and measure. Beijing time throughout."""

from __future__ import annotations

import os
import re
from datetime import date, datetime, time, timedelta, timezone

import chinese_calendar

from civplan.model.schema import field_schema

BEIJING = timezone(timedelta(hours=8), "北京时间")
TODAY_VARIABLE = "CIVPLAN_TODAY"

# Stage and measure progress
NOT_STARTED, IN_PROGRESS, DONE, OVERDUE = "upcoming", "current", "done", "overdue"
UNDATED = "undated"
"""A draft's stage whose dates are still blanks: neither started nor due, its dates to be set."""

REPORT_STATUSES = tuple(field_schema(("stages", 0, "progress", 0, "status"))["enum"])
"""What a unit may report of a measure or stage (the schema's progress_entry.status), in the
schema's order: not started, under way, done, late."""
REPORTED_NOT_STARTED, REPORTED_UNDER_WAY, REPORTED_DONE, REPORTED_LATE = REPORT_STATUSES
REPORTED = dict(zip(REPORT_STATUSES, (NOT_STARTED, IN_PROGRESS, DONE, OVERDUE), strict=True))

DRAFT, IN_NOTICE, IN_FORCE, COMPLETED, WITHDRAWN = field_schema(("status",))["enum"]
"""The statuses a plan's metadata may state (the schema's enum, in its order)."""
NOTICE_PENDING, NOTICE_OVER, SUPERSEDED = "待公示", "公示结束", "已被替代"
"""What the public sees besides a stated status: a notice not yet open or already closed, and
a withdrawn plan with a successor."""

NOTICE_MIN_WORKING_DAYS = 5


PUBLIC_STATUSES = (
    NOTICE_PENDING,
    IN_NOTICE,
    NOTICE_OVER,
    IN_FORCE,
    COMPLETED,
    WITHDRAWN,
    SUPERSEDED,
)
"""Every status `status()` can give a published plan, in the order of its life."""


def now(configured: str | None = None) -> datetime:
    """The build's "now": CIVPLAN_TODAY (a date, or a date and time), else the configured value,
    else the clock; always in Beijing time. A bare date means noon of that day."""
    value = os.environ.get(TODAY_VARIABLE) or configured
    if value:
        return moment(value)
    return datetime.now(BEIJING)


def today(configured: str | None = None) -> date:
    return now(configured).date()


def checked_day() -> date:
    """The day a check is for: the clock's, or the build's "now" when CIVPLAN_TODAY shows the
    site as on a later day (never an earlier one: what was written since is not in the future).
    The check cache keeps a day's findings under it."""
    return max(datetime.now(BEIJING).date(), today())


def moment(value) -> datetime:
    """A date, datetime or ISO text as an aware datetime in Beijing time (a date means noon)."""
    if isinstance(value, str):
        value = (
            datetime.fromisoformat(value)
            if ("T" in value or " " in value)
            else date.fromisoformat(value)
        )
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(12, 0))
    # a moment given with another offset is the same instant read in Beijing time: the day a
    # page shows and the cache keys on is Beijing's, whatever offset CIVPLAN_TODAY carries
    return value.astimezone(BEIJING) if value.tzinfo else value.replace(tzinfo=BEIJING)


def moment_text(value: datetime) -> str:
    """2026年12月4日 17:30, in Beijing time: how the site writes a closing time."""
    local = value.astimezone(BEIJING)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def parse_date(value) -> date | None:
    """The date of "2026-03-01", or None for anything else: a draft's blank (〔待填：成文日期〕,
    〔待填：年份〕-02-01), a 20xx or a typo never reaches a renderer as an exception."""
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


# “2026年6月1日至2026年10月31日”, “2026年2月20日—3月31日”: a span of whole days, as plans and
# the Word export write a stage's window; the importer reads it and `check` compares it with
# the stage's start and end.
DAY_SPAN = re.compile(
    r"(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:[-—–~～至到]+)\s*"
    r"(?:(20\d\d)\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)


def day_spans(text: str) -> list[tuple[date, date, str]]:
    """(first day, last day, the words) of every span of real calendar days in a text."""
    spans = []
    for found in DAY_SPAN.finditer(text):
        year, month, day, end_year, end_month, end_day = found.groups()
        try:
            start = date(int(year), int(month), int(day))
            end = date(int(end_year or year), int(end_month), int(end_day))
        except ValueError:
            continue
        spans.append((start, end, found.group(0)))
    return spans


def parse_year(value) -> int | None:
    """The year of a plan (2026), or None while it is still a blank in a draft."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def parse_moment(value, end_of_day: bool = False) -> datetime | None:
    """ "2026-11-25" or "2026-11-25 09:00" in Beijing time; a bare end date means the day's last second."""
    text = str(value) if value is not None else ""
    try:
        if len(text) == 10:
            clock = time(23, 59, 59) if end_of_day else time(0, 0)
            return datetime.combine(date.fromisoformat(text), clock, BEIJING)
        return datetime.fromisoformat(text).replace(tzinfo=BEIJING)
    except ValueError:
        return None


def notice_window(meta: dict) -> tuple[datetime, datetime] | None:
    notice = meta.get("notice") or {}
    start = parse_moment(notice.get("start"))
    end = parse_moment(notice.get("end"), end_of_day=True)
    return (start, end) if start and end else None


def status(meta: dict, when) -> str:
    """The status the public sees at `when`: a notice window that has closed shows as closed,
    whatever the metadata says; a withdrawn plan with a successor shows as replaced."""
    stated = meta.get("status", DRAFT)
    if stated == WITHDRAWN and meta.get("superseded_by"):
        return SUPERSEDED
    window = notice_window(meta)
    if stated != IN_NOTICE or window is None:
        return stated
    at = moment(when)
    if at < window[0]:
        return NOTICE_PENDING
    if at > window[1]:
        return NOTICE_OVER
    return stated


def is_published(meta: dict) -> bool:
    """Drafts are for editors only: they never reach the site, its search index or its feeds."""
    return meta.get("status") != DRAFT


def is_workday(day_: date) -> bool:
    """Chinese working day, adjusted working Saturdays included; Mon–Fri past the calendar's data."""
    try:
        return chinese_calendar.is_workday(day_)
    except NotImplementedError:
        return day_.weekday() < 5


def working_days(start: date, end: date) -> int:
    """Working days from start to end, both included."""
    return sum(is_workday(start + timedelta(days=n)) for n in range((end - start).days + 1))


def days_left(meta: dict, when) -> int | None:
    """Whole calendar days from `when` to the end of the notice window (0 on its last day)."""
    window = notice_window(meta)
    return (window[1].date() - moment(when).date()).days if window else None


def time_left(meta: dict, when) -> str:
    """How long a notice stays open, as the site says it: 还有 3 天, or on its last day the hour
    it closes (今天截止（17:30）): "还有 0 天" reads as if it had closed already."""
    window = notice_window(meta)
    if window is None:
        return ""
    days = days_left(meta, when)
    return f"今天截止（{window[1]:%H:%M}）" if days <= 0 else f"还有 {days} 天"


def reports(item: dict, when=None) -> list[dict]:
    """The progress entries of a stage or measure, oldest first; with `when`, only those dated
    on or before it (an entry dated after the build's "now" is an error of the check, and a
    yearly summary reads the entries as they stood at the year's end)."""
    entries = [
        entry
        for entry in item.get("progress") or []
        if isinstance(entry, dict) and parse_date(entry.get("date"))
    ]
    if when is not None:
        today_ = moment(when).date()
        entries = [entry for entry in entries if parse_date(entry["date"]) <= today_]
    return sorted(entries, key=lambda entry: str(entry["date"]))


def latest_report(item: dict, when) -> dict | None:
    found = reports(item, when)
    return found[-1] if found else None


def deadline(item: dict) -> date | None:
    """When a measure (deadline) or a stage (end) is due."""
    return parse_date(item.get("end")) or parse_date(item.get("deadline"))


def progress(item: dict, when, started: bool = True) -> str:
    """未开始/进行中/已完成/逾期 for a stage (start, end) or a measure (deadline).

    Done when its latest progress entry says 已完成, or it records a completion date, on or
    before `when`; overdue ("逾期") only when its end or deadline has passed without that, or
    the unit itself reported 未按期完成. Otherwise the latest entry says where it stands; with
    none, the dates do: a measure without a deadline is in progress once the plan has started.
    """
    today_ = moment(when).date()
    latest = latest_report(item, when)
    stated = REPORTED.get(latest["status"]) if latest else None
    done = parse_date(item.get("done"))
    if stated == DONE or (done and done <= today_):
        return DONE
    end = deadline(item)
    if stated == OVERDUE or (end and end < today_):
        return OVERDUE
    if stated:
        return stated
    start = parse_date(item.get("start"))
    if (start and start <= today_) or (start is None and started):
        return IN_PROGRESS
    return NOT_STARTED


def stage_progress(stage: dict, when) -> str:
    """A stage's progress; a stage with neither date yet (a draft's blanks) is undated, not
    in progress: nothing says it has begun."""
    undated = not (parse_date(stage.get("start")) or parse_date(stage.get("end")))
    if undated and not parse_date(stage.get("done")):
        return UNDATED
    return progress(stage, when)


def completed_on(item: dict, when) -> date | None:
    """The day a stage or measure was done: its first 已完成 entry, else its completion date."""
    for entry in reports(item, when):
        if entry.get("status") == REPORTED_DONE:
            return parse_date(entry["date"])
    return parse_date(item.get("done"))


def year_summary(meta: dict, year: int, when) -> dict[str, int]:
    """How the measures stood at the end of `year` (or at `when`, in the year it falls in):
    {"done": N, "current": M, "overdue": K, "upcoming": L}."""
    at = min(moment(when), datetime.combine(date(year, 12, 31), time(12, 0), BEIJING))
    started = plan_started(meta, at)
    counts = dict.fromkeys((DONE, IN_PROGRESS, OVERDUE, NOT_STARTED), 0)
    for measure in meta.get("measures") or []:
        if isinstance(measure, dict):
            counts[progress(measure, at, started)] += 1
    return counts


def summary_years(meta: dict, when) -> list[int]:
    """The plan's years up to the one `when` falls in, newest first."""
    first = parse_year(meta.get("year"))
    if first is None:
        return []
    last = min(parse_year(meta.get("end_year")) or first, moment(when).year)
    return list(range(last, first - 1, -1))


def stage_state(stage: dict, when) -> str:
    """Where today falls relative to a stage's dates: before, inside (the current stage), after."""
    today_ = moment(when).date()
    start, end = parse_date(stage.get("start")), parse_date(stage.get("end"))
    if end and end < today_:
        return DONE
    if start and start <= today_:
        return IN_PROGRESS
    return NOT_STARTED


def plan_started(meta: dict, when) -> bool:
    starts = [parse_date(s.get("start")) for s in meta.get("stages") or [] if isinstance(s, dict)]
    starts = [s for s in starts if s]
    return bool(starts) and min(starts) <= moment(when).date()


def now_seen(meta: dict, when) -> str:
    """All that a plan's page can show of `when`, as text: equal texts, equal pages.

    Every function above reads "now" by comparing it with a date or time of the plan's own
    metadata (read by parse_date or parse_moment), by its year, or (the days a notice has left)
    by its day. So "now" is seen through: the side of `when` each date and time of the metadata
    falls on (before, on, after), the year, and the day itself while a notice has not closed.
    The page cache keys a page on this instead of on its rendered sections (civplan.site.build):
    a status change by date changes this text for exactly the plans whose page it changes."""
    at = moment(when)
    today_ = at.date()
    sides = []
    for text in sorted({t for t in _texts(meta) if t[:1].isdigit()}):  # cheap first
        day = parse_date(text)
        exact = None if day else parse_moment(text)
        day = day or (exact and exact.date())
        if day:
            sides.append(f"{text}{side(day, today_)}{side(exact, at) if exact else ''}")
    window = notice_window(meta)
    counting = window is not None and today_ <= window[1].date()
    return " ".join([str(at.year), today_.isoformat() if counting else "", *sides])


def side(value, now_) -> str:
    """Which side of "now" a date or moment falls on, as one character: <, = or >."""
    return "<" if value < now_ else "=" if value == now_ else ">"


def _texts(value):
    """Every string in a plan's metadata, however deep."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)
