"""The last line of defence: a plan page's HTML keeps only harmless tags, attributes and links.

`check` already refuses raw HTML and unsafe links in plan bodies; this cleans whatever the
Markdown renderer produced anyway, so a rule that misses a trick still publishes nothing active.
"""

from __future__ import annotations

import nh3

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


def _local_images_only(tag: str, attribute: str, value: str) -> str | None:
    """An image from another host would make the reader's browser call that host."""
    if tag == "img" and attribute == "src" and (value.startswith("//") or "://" in value):
        return None
    return value


def clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        generic_attribute_prefixes={"aria-", "data-"},
        url_schemes=SCHEMES,
        attribute_filter=_local_images_only,
        link_rel=None,
        strip_comments=True,
    )
