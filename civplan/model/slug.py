"""Stable addresses: a plan's URL comes from its slug, never from its title."""

from __future__ import annotations

import re


def pinyin_slug(text: str) -> str:
    """示例市第一人民医院 -> shilishidiyirenminyiyuan (letters and digits only)."""
    from pypinyin import lazy_pinyin  # its phrase dictionary takes 0.17 s to load: only when needed

    words = lazy_pinyin(text, errors=lambda chars: list(chars))
    return re.sub(r"[^a-z0-9]+", "-", "".join(words).lower()).strip("-")


def slug_for(meta: dict) -> str:
    """The explicit `slug`, else pinyin of the unit name plus the year."""
    if meta.get("slug"):
        return str(meta["slug"])
    name = str((meta.get("unit") or {}).get("name") or "plan")
    return f"{pinyin_slug(name)}-{meta.get('year', '')}".strip("-")
