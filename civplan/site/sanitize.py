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

ADMONITIONS = {
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important",
    "success", "check", "done", "question", "help", "faq", "warning", "caution", "attention",
    "failure", "fail", "missing", "danger", "error", "bug", "example", "quote", "cite",
}  # fmt: skip
"""Material's admonition types: `!!! note` gives class="admonition note"."""
AUTHOR_CLASSES = {
    "div": {"admonition", *ADMONITIONS},
    "p": {"admonition-title"},
    "a": {"headerlink"},
}
"""The only classes a plan body keeps: those Markdown itself makes for admonitions and heading
links. None starts with civ- or md-, so no author can dress text up as the site's banner,
report button, dialog or consent overlay."""
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
AUTHOR_ATTRIBUTES = {
    "*": {"title", "lang"},
    **{heading: {"id"} for heading in HEADINGS},  # made by toc; site_ids makes them safe
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
"""What an author's Markdown may carry into the page: no style, hidden, role, data-* (Pagefind's
weights among them) or aria-* (text hidden from a screen reader or read as something else)."""
TAG = re.compile(r"<[^>]*>")
ELEMENT_ID = re.compile(r'(<([a-z][a-z0-9]*)\s[^>]*?)\bid="([^"]*)"')
SITE_ID = re.compile(r'<(?!h[1-6][\s>])[a-z][a-z0-9]*\s[^>]*?\bid="([^"]*)"')
"""An id on anything but a heading: after `authored`, only the site's sections have one."""
ANY_ID = re.compile(r'\sid="([^"]*)"')
HEADERLINK = re.compile(r'(?<=<a class="headerlink" href="#)([^"]*)(?=")')
"""The target of a heading's permalink, as Markdown's toc writes it: only the value is rewritten,
so no markup of ours is written here."""
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


def authored(html: str) -> str:
    """The author's part of a plan page, cleaned before the site's own sections (stashed as
    comments, kept here) are put back: only the site writes classes, ids, data-* and aria-*."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=AUTHOR_ATTRIBUTES,
        allowed_classes=AUTHOR_CLASSES,
        url_schemes=SCHEMES,
        attribute_filter=_urls_checked,
        link_rel=None,
        strip_comments=False,
    )


def site_ids(html: str, toc, head: str = "") -> str:
    """Heading ids made by the site, never taken from the author.

    The theme copies each heading's id raw into the table of contents and the skip link, so
    an id written with attr_list (`{: id='x" onfocus="…' }`) would become live markup there.
    Every id of the page becomes letters, digits, CJK and hyphens, in the HTML and in the
    table of contents alike; `toc` is MkDocs' TableOfContents (items with .id, .title, .children).
    A heading id that an id of the site's own sections already has (id="jubao", the target of
    the 举报 button) gets a suffix: the author's heading never takes the site's anchor. So does
    one that an id in `head` has: the site's HTML put above the page afterwards (its cards and
    the heading of the feedback outcome), all of it the site's own."""
    taken = {unescape(found) for found in SITE_ID.findall(html) + ANY_ID.findall(head)}
    renamed: dict[str, str] = {}
    for item in _toc_items(toc):
        safe = _safe_id(item.id, renamed)
        while safe in taken:
            safe += "-1"
        renamed[item.id] = safe
        item.id = safe
        item.title = escape(unescape(TAG.sub("", item.title)))
    html = HEADERLINK.sub(lambda found: _renamed_link(found, renamed), html)
    return ELEMENT_ID.sub(lambda found: _element_id(found, renamed), html)


def _element_id(found: re.Match, renamed: dict[str, str]) -> str:
    """A heading's id as renamed with its toc entry; any other id made safe on its own."""
    start, tag, raw = found.groups()
    safe = _safe_id(unescape(raw), renamed if tag[0] == "h" and tag[1:].isdigit() else {})
    return f'{start}id="{safe}"'


def _renamed_link(found: re.Match, renamed: dict[str, str]) -> str:
    target = renamed.get(unescape(found.group(1)), found.group(1))
    return escape(target)


def _toc_items(items):
    for item in items:
        yield item
        yield from _toc_items(item.children)


def _safe_id(raw: str, renamed: dict[str, str]) -> str:
    if raw in renamed:
        return renamed[raw]
    # no leading "_": the theme's own ids (__consent, __drawer, __search) all start with it
    return UNSAFE_ID.sub("", raw).lstrip("_-")[:80] or "h"
