"""Atom feeds of published and changed plans, and the open-data file of every published plan."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TextIO
from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)
OPEN_DATA_VERSION = "1"


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    url: str
    updated: datetime
    summary: str
    category: str


def _add(parent, tag: str, text: str | None = None, **attributes) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def atom(
    title: str, feed_id: str, self_url: str, entries: list[FeedEntry], updated: datetime
) -> str:
    """An Atom 1.0 document, newest entry first."""
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "zh-CN"})
    _add(feed, "title", title)
    _add(feed, "id", feed_id)
    _add(feed, "updated", updated.isoformat())
    _add(feed, "link", rel="self", href=self_url)
    _add(_add(feed, "author"), "name", "文明创建方案公示平台")
    for entry in sorted(entries, key=lambda e: e.updated, reverse=True):
        item = _add(feed, "entry")
        _add(item, "id", entry.id)
        _add(item, "title", entry.title)
        _add(item, "link", rel="alternate", type="text/html", href=entry.url)
        _add(item, "updated", entry.updated.isoformat())
        _add(item, "summary", entry.summary)
        _add(item, "category", term=entry.category)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def write_open_data(out: TextIO, plans: Iterable[dict], generated: datetime) -> None:
    """One JSON file with every published plan's metadata, for reuse by others: one plan a line,
    written as the plans come, so that a sharded top level never holds a province's file at once.
    (json's `indent` runs its pure-Python encoder: 9 s at 2,000 plans; a line each is the C one.)"""
    head = {"schema_version": OPEN_DATA_VERSION, "generated": generated.isoformat()}
    out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "plans": [')
    for i, plan in enumerate(plans):
        out.write(("," if i else "") + "\n" + json.dumps(plan, ensure_ascii=False))
    out.write("\n]}\n")


def open_data(plans: list[dict], generated: datetime) -> str:
    """write_open_data's file as a string."""
    out = io.StringIO()
    write_open_data(out, plans, generated)
    return out.getvalue()
