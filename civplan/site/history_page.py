"""The history page of a plan as HTML (templates/history_page.html): the versions
civplan.history.page_data lists, each with what it changed (civplan.history.diff) marked up by
diff.html, diff_deleted.html, diff_inserted.html and diff_short.html."""

from __future__ import annotations

import re

from markupsafe import Markup

from civplan.history.diff import DELETED, INSERTED, REPLACED, Piece, compare
from civplan.history.page_data import listed
from civplan.history.versions import Version
from civplan.site.markup import escape_html, render, wrap_matches

WHOLE = re.compile(r"\A[\s\S]*\Z")
"""All of a text, empty or not: the one match wrap_matches wraps in a removed or added piece."""
WRAPPED = {DELETED: "diff_deleted.html", INSERTED: "diff_inserted.html"}


def _piece(piece: Piece) -> str:
    """A piece escaped; a removed one struck out, an added one underlined. A diff has many
    pieces: their template is rendered once and wrapped around each (markup.wrap_matches)."""
    if piece.kind == REPLACED:
        # short values (dates, names, numbers) are read whole: never broken across lines
        return render("diff_short.html", before=piece.text, after=piece.after)
    if piece.kind in WRAPPED:
        return str(wrap_matches(WHOLE, escape_html(piece.text), WRAPPED[piece.kind]))
    return escape_html(piece.text)


def render_diff(old_text: str, new_text: str) -> str:
    """The changes from old to new, grouped by section, or a note that nothing changed."""
    groups, note = compare(old_text, new_text)
    shown = [
        (title, [Markup("".join(map(_piece, pieces))) for pieces in changes])
        for title, changes in groups.items()
    ]
    return render("diff.html", groups=shown, note=note)


def _row(entry) -> tuple:
    """What history_page.html shows of a version."""
    diff = Markup(render_diff(*entry.compared)) if entry.compared else None
    head = (entry.number, entry.date, entry.notes, entry.written, entry.unit, entry.published)
    return (*head, entry.shown, diff)


def history_page(title: str, versions: list[Version], plan_url: str) -> str:
    """HTML of the page: a list of versions with date, unit, notes and what changed."""
    shown = [_row(entry) for entry in listed(versions)]
    html = render("history_page.html", title=title, plan_url=plan_url, versions=shown)
    return f"\n\n{html}\n\n"
