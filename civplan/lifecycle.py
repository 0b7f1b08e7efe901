"""Where a plan stands on a given day: today (injectable), status, and each stage's state."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone

BEIJING = timezone(timedelta(hours=8), "北京时间")
TODAY_VARIABLE = "CIVPLAN_TODAY"

DONE, CURRENT, UPCOMING = "done", "current", "upcoming"


def today(configured: str | None = None) -> date:
    """The build's "today": CIVPLAN_TODAY, else the configured value, else the date in Beijing."""
    value = os.environ.get(TODAY_VARIABLE) or configured
    if value:
        return date.fromisoformat(str(value))
    return datetime.now(BEIJING).date()


def parse_date(value) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def stage_state(stage: dict, on: date) -> str:
    start, end = parse_date(stage.get("start")), parse_date(stage.get("end"))
    if end and end < on:
        return DONE
    if start and start <= on:
        return CURRENT
    return UPCOMING


def status(meta: dict, on: date) -> str:
    """The status the public sees: a notice window that has closed shows as closed."""
    stated = meta.get("status", "草案")
    if stated != "公示中":
        return stated
    notice = meta.get("notice") or {}
    start, end = parse_date(notice.get("start")), parse_date(notice.get("end"))
    if end and end < on:
        return "公示结束"
    if start and on < start:
        return "待公示"
    return stated


def is_published(meta: dict) -> bool:
    """Drafts are for editors only: they never reach the site."""
    return meta.get("status") != "草案"
