"""The last line of defence: a plan page's HTML keeps only harmless tags, attributes and links.

`check` already refuses raw HTML and unsafe links in plan bodies; this cleans whatever the
Markdown renderer produced anyway, so a rule that misses a trick still publishes nothing active.
"""

from __future__ import annotations

import re
from html import escape, unescape

import nh3

from civplan.model.links import off_site, scheme_of

TAGS = (nh3.ALLOWED_TAGS - {"map", "area"}) | {"section"}
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "role"},
    "a": {"href", "download"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
SCHEMES = {"http", "https", "mailto", "tel"}
ID = re.compile(r'id="([^"]*)"')
TAG = re.compile(r"<[^>]*>")
UNSAFE_ID = re.compile(r"[^\w-]")
LOADED = {"src", "srcset", "poster", "data", "action", "formaction", "background", "ping"}
"""Attributes whose URL the browser fetches by itself, without the reader clicking."""


def _urls_checked(tag: str, attribute: str, value: str) -> str | None:
    """Nothing is loaded from another host (the site makes no request off itself); a link may
    lead anywhere on the web, by a scheme the reader expects."""
    if attribute in LOADED and off_site(value):
        return None
    if attribute == "href" and off_site(value) and scheme_of(value) not in SCHEMES:
        return None
    return value


def clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        generic_attribute_prefixes={"aria-", "data-"},
        url_schemes=SCHEMES,
        attribute_filter=_urls_checked,
        link_rel=None,
        strip_comments=True,
    )


def site_ids(html: str, toc) -> str:
    """Heading ids made by the site, never taken from the author.

    The theme copies each heading's id raw into the table of contents and the skip link, so
    an id written with attr_list (`{: id='x" onfocus="…' }`) would become live markup there.
    Every id of the page becomes letters, digits, CJK and hyphens, in the HTML and in the
    table of contents alike; `toc` is MkDocs' TableOfContents (items with .id, .title, .children)."""
    renamed: dict[str, str] = {}
    for item in _toc_items(toc):
        safe = _safe_id(item.id, renamed)
        renamed[item.id] = safe
        item.id = safe
        item.title = escape(unescape(TAG.sub("", item.title)))
    return ID.sub(lambda found: f'id="{_safe_id(unescape(found.group(1)), renamed)}"', html)


def _toc_items(items):
    for item in items:
        yield item
        yield from _toc_items(item.children)


def _safe_id(raw: str, renamed: dict[str, str]) -> str:
    if raw in renamed:
        return renamed[raw]
    return UNSAFE_ID.sub("", raw)[:80] or "h"
