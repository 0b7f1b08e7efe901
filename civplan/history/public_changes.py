"""What the public is told about each published version of a plan: dated Chinese notes, with the
unit as the one who changed it.

Never the commit's subject or its author: those are written by and about the editors (often in
English, with a name and e-mail), not for the public. A version's notes are the entries it added
to `revisions`; a version without one gets a neutral line computed from what changed.

One entry per change a reader can see (GOV.UK's "minor change"): a version that changed nothing
shown (YAML comments, wrapping, quoting) makes no entry, and a note that arrived in a later
version than the change it explains (the editor committed the change, then CI asked for the
note) is shown with that change, as one entry, never as "只增加了修改说明".
"""

from __future__ import annotations

from dataclasses import dataclass

from civplan.history.changed_parts import changed_parts, neutral_line
from civplan.history.notes import added_notes
from civplan.history.versions import Version, plan_of
from civplan.model.lifecycle import BEIJING

FIRST = "发布方案。"


@dataclass(frozen=True)
class Note:
    date: str
    """YYYY-MM-DD: the date the editor gave, or the commit's date in Beijing."""
    text: str


@dataclass(frozen=True)
class Change:
    """One committed version as the public sees it."""

    version: Version
    older: Version | None
    unit: str
    notes: tuple[Note, ...]
    written: bool
    """True when the notes are the editor's, False for a computed neutral line."""


def commit_day(version: Version) -> str:
    return version.date.astimezone(BEIJING).strftime("%Y-%m-%d")


def change(version: Version, older: Version | None) -> Change:
    new, old = plan_of(version.text), plan_of(older.text) if older else None
    unit = str(((new.meta.get("unit") or {}) if new else {}).get("name") or "")
    if new is None:
        return Change(version, older, unit, (Note(commit_day(version), "修改了方案。"),), False)
    written = added_notes(old.meta if old else None, new.meta) if old or not older else []
    if written:
        notes = tuple(Note(str(r.get("date") or commit_day(version)), r["note"]) for r in written)
        return Change(version, older, unit, notes, True)
    if older is None:
        return Change(version, None, unit, (Note(commit_day(version), FIRST),), False)
    parts = changed_parts(old.meta, old.body, new.meta, new.body) if old else []
    line = neutral_line(parts) if old else "修改了方案。"
    return Change(version, older, unit, (Note(commit_day(version), line),), False)


def changes(versions: list[Version]) -> list[Change]:
    """The public entries of a plan's versions (newest first, as `versions` come)."""
    entries: list[Change] = []
    for version in reversed(versions):
        base = entries[-1].version if entries else None
        told = change(version, base)
        if base is None or told.written and _unseen(base, version) is False:
            entries.append(told)
        elif told.written and not entries[-1].written and _unseen(entries[-1].version, version):
            # the note for the change before: one entry, dated and compared as the note's version
            entries[-1] = Change(version, entries[-1].older, told.unit, told.notes, True)
        elif not _unseen(base, version) or told.written:
            entries.append(told)
    return entries[::-1]


def _unseen(older: Version, newer: Version) -> bool | None:
    """Whether nothing a reader sees changed from `older` to `newer` (notes aside); None when
    either cannot be read (withheld or broken: the entry stands as it is)."""
    old, new = plan_of(older.text), plan_of(newer.text)
    if old is None or new is None:
        return None
    return not changed_parts(old.meta, old.body, new.meta, new.body)
