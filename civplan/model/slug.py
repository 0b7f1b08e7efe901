"""Stable addresses: a plan's URL comes from its slug, never from its title."""

from __future__ import annotations

import re
from functools import cache

from civplan.model.schema import field_schema, schema
from civplan.model.text import as_read


@cache
def slug_pattern() -> re.Pattern:
    """The one pattern of every address in the metadata (slug, former_slugs, superseded_by,
    template.id): the schema's, so that the check and the site cannot disagree."""
    return re.compile(schema()["properties"]["slug"]["pattern"])


def is_address(where: tuple) -> bool:
    """Does this field become part of a web address or file name?"""
    return field_schema(where).get("pattern") == slug_pattern().pattern


def is_slug(value) -> bool:
    return isinstance(value, str) and slug_pattern().fullmatch(value) is not None


RESERVED = (
    "index",
    "404",
    "feed",
    "feeds",
    "data",
    "search",
    "assets",
    "admin",
    "library",
    "plans",
    "history",
    "pagefind",
    "reference",
    "sitemap",
)
"""Addresses the site itself uses, at the top and under /plans/ and /library/: a plan or
template there would replace a page of the site (slug: index publishes at /plans/ itself)."""


def pinyin_slug(text: str) -> str:
    """示例市第一人民医院 -> shilishidiyirenminyiyuan (letters and digits only)."""
    from pypinyin import lazy_pinyin  # its phrase dictionary takes 0.17 s to load: only when needed

    # as read: ⼈ (a Kangxi radical) or a zero-width space gives 人's address, not another one
    words = lazy_pinyin(as_read(text), errors=lambda chars: list(chars))
    return re.sub(r"[^a-z0-9]+", "-", "".join(words).lower()).strip("-")


def slug_for(meta: dict) -> str:
    """The explicit `slug` when it is a valid address, else pinyin of the unit name plus the
    year. An invalid slug is an error of its own (the schema's pattern); falling back keeps a
    broken plan from naming a path outside the site while that error is reported."""
    if is_slug(meta.get("slug")):
        return meta["slug"]
    name = str((meta.get("unit") or {}).get("name") or "plan")
    # the year too goes through pinyin_slug: in a draft it may be a blank, or anything at all
    return "-".join(
        part for part in (pinyin_slug(name), pinyin_slug(str(meta.get("year", "")))) if part
    )
