"""What the history page of a plan lists: every committed version, newest first, numbered from
the first, with its change notes (public_changes: the editor's, or a neutral line), the unit,
the time it was published and the two texts whose comparison (diff) it shows.
civplan/site/history_page.py renders it."""

from __future__ import annotations

from dataclasses import dataclass

from civplan.history.public_changes import Change, changes
from civplan.history.versions import Version
from civplan.model.lifecycle import BEIJING


@dataclass(frozen=True)
class Listed:
    """One version as the history page lists it."""

    number: int
    """Counted from the first version (v1…), so a link to one stays right as more are added."""
    date: str
    """The first note's date, which heads the entry."""
    notes: list[tuple[str, str]]
    """(date, text) of each change note."""
    written: bool
    unit: str
    published: str
    """YYYY-MM-DD HH:MM, Beijing time."""
    shown: bool
    """False when this version or the one before was withheld: neither side may be printed."""
    compared: tuple[str, str] | None
    """(older text, this text) to compare, or None for the first version and a withheld one."""


def when(version: Version) -> str:
    return version.date.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


def _listed(change: Change, number: int) -> Listed:
    version, older = change.version, change.older
    # neither side of the comparison may be printed when one of them held personal data
    shown = not (version.withheld or (older and older.withheld))
    notes = [(note.date, note.text) for note in change.notes]
    compared = (older.text, version.text) if shown and older else None
    head = (number, change.notes[0].date, notes, change.written, change.unit, when(version))
    return Listed(*head, shown, compared)


def listed(versions: list[Version]) -> list[Listed]:
    """The entries of the history page, newest first as `versions` come."""
    told = changes(versions)
    return [_listed(change, len(told) - index) for index, change in enumerate(told)]
