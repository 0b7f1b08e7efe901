"""The history page of a plan: every committed version, newest first, each with its change notes
(civplan.site.changes: the editor's, or a neutral line) and what it changed, section by section
(templates/history_page.html)."""

from __future__ import annotations

from markupsafe import Markup

from civplan.model.lifecycle import BEIJING
from civplan.site.changes import Change, changes
from civplan.site.diff import render_diff
from civplan.site.history import Version
from civplan.site.markup import render


def when(version: Version) -> str:
    return version.date.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


def _version(change: Change, number: int) -> tuple:
    """What history_page.html shows of a version, `number` counted from the first."""
    version, older = change.version, change.older
    # neither side of the comparison may be printed when one of them held personal data
    shown = not (version.withheld or (older and older.withheld))
    diff = Markup(render_diff(older.text, version.text)) if shown and older else None
    notes = [(note.date, note.text) for note in change.notes]
    head = (number, change.notes[0].date, notes, change.written, change.unit, when(version))
    return (*head, shown, diff)


def history_page(title: str, versions: list[Version], plan_url: str) -> str:
    """HTML of the page: a list of versions with date, unit, notes and what changed."""
    told = changes(versions)
    shown = [_version(change, len(told) - index) for index, change in enumerate(told)]
    html = render("history_page.html", title=title, plan_url=plan_url, versions=shown)
    return f"\n\n{html}\n\n"
