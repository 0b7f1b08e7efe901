"""The one blank syntax of templates, the same in metadata and body: 〔待填：单位名称〕."""

from __future__ import annotations

import re

BLANK = re.compile(r"〔待填[:：]([^〕]*)〕")


GUIDANCE = re.compile(r'^!!! \w+ "填写说明"\n(?:(?: {4}.*)?\n)*', re.M)
"""A template's guidance box for the editor (`!!! note "填写说明"` and its indented lines):
shown on the template's page, dropped from every export and from every copy but those of
optional sections (see `drop_guidance`)."""

OPTIONAL = re.compile(r"^#{1,6}\s.*[（(]可选[）)]", re.M)
"""The heading of a section a template offers as optional: ## 共建单位（可选）."""
HEADING = re.compile(r"^#{1,6}\s", re.M)


def drop_guidance(body: str) -> str:
    """The body without its guidance boxes, except the box of an optional section: it tells
    the editor whether to keep the section, a choice still to make in the copy."""

    def keep_if_optional(box: re.Match) -> str:
        headings = list(HEADING.finditer(body, 0, box.start()))
        under = body[headings[-1].start() :].split("\n", 1)[0] if headings else ""
        return box.group(0) if OPTIONAL.match(under) else ""

    return GUIDANCE.sub(keep_if_optional, body)


YEAR = r"20\d\d"
"""A year as plans write it, 2000–2099."""
PLACEHOLDER_YEAR = r"20[xX×]{2}|２０[ｘＸ]{2}"
"""A year left as a placeholder by whoever copied the plan: 20xx."""
PLACEHOLDER_SESSION = r"(?<![a-zA-Z])[xX×]{2}(?=大)"
"""A congress left as a placeholder: 党的xx大 (the “xx” alone)."""
PLACEHOLDER_MARK = r"××+|XX(?![a-zA-Z])|(?<![a-zA-Z])xx(?![a-zA-Z])"
"""Any other placeholder: ××, XX, xx."""


ANY_KIND = "各类单位"
"""What the site calls the kind of a template for any unit (its kind left as a blank)."""


def template_kind(meta: dict) -> str:
    """The kind of unit a template is for: its unit.kind, or ANY_KIND while that is a blank
    the copy asks the editor to fill (keep-title, network-civility)."""
    kind = (meta.get("unit") or {}).get("kind") or ""
    return ANY_KIND if is_blank(kind) else kind


def blank(label: str) -> str:
    return f"〔待填：{label}〕"


def has_blank(value) -> bool:
    return isinstance(value, str) and BLANK.search(value) is not None


def is_blank(value) -> bool:
    """The whole value is one blank, nothing around it."""
    return isinstance(value, str) and BLANK.fullmatch(value.strip()) is not None
