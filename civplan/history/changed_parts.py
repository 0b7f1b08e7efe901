"""Which parts of a plan changed between two versions, named as a reader knows them: metadata
sections by the schema's Chinese titles, body sections by their headings.

When a version has no change note of its own (older commits, civplan.history.notes), the site
says in neutral words which parts changed: “修改了实施步骤和监督举报”.
"""

from __future__ import annotations

import re

from civplan.model.schema import schema

HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.M)
SPACE = re.compile(r"\s+")


def changed_fields(old: dict, new: dict) -> list[str]:
    """Top-level metadata keys whose values differ, in the schema's order; revisions excluded."""
    order = list(schema()["properties"])
    keys = (set(old) | set(new)) - {"revisions"}
    changed = [k for k in keys if old.get(k) != new.get(k)]
    return sorted(changed, key=lambda k: (order.index(k) if k in order else len(order), k))


def sections(body: str) -> dict[str, str]:
    """The body cut at its headings: heading text → the text under it ("" for the text before
    the first heading)."""
    parts: dict[str, str] = {}
    heading, start = "", 0
    for found in HEADING.finditer(body):
        parts[heading] = parts.get(heading, "") + body[start : found.start()]
        heading, start = found.group(1), found.end()
    parts[heading] = parts.get(heading, "") + body[start:]
    return {k: v.strip() for k, v in parts.items()}


def changed_parts(old_meta: dict, old_body: str, new_meta: dict, new_body: str) -> list[str]:
    """Chinese names of what changed: metadata sections by title, body sections by heading."""
    properties = schema()["properties"]
    names = [
        properties.get(k, {}).get("title", "其他信息") for k in changed_fields(old_meta, new_meta)
    ]
    old_parts, new_parts = sections(old_body), sections(new_body)
    for heading in [*new_parts, *(h for h in old_parts if h not in new_parts)]:
        # re-wrapped lines are not a change: compare without the white space
        if SPACE.sub("", old_parts.get(heading, "")) != SPACE.sub("", new_parts.get(heading, "")):
            names.append(heading or "正文开头")
    return list(dict.fromkeys(names))


def neutral_line(parts: list[str]) -> str:
    """“修改了实施步骤和监督举报”: what a version without a note changed, in plain words."""
    if not parts:
        return "调整了格式，内容没有变化。"
    shown = parts if len(parts) <= 5 else [*parts[:4], f"其他{len(parts) - 4}处内容"]
    joined = shown[0] if len(shown) == 1 else "、".join(shown[:-1]) + "和" + shown[-1]
    return f"修改了{joined}。"
