"""The one blank syntax of templates, the same in metadata and body: 〔待填：单位名称〕."""

from __future__ import annotations

import re

BLANK = re.compile(r"〔待填[:：]([^〕]*)〕")


def blank(label: str) -> str:
    return f"〔待填：{label}〕"


def has_blank(value) -> bool:
    return isinstance(value, str) and BLANK.search(value) is not None
