"""Lines an editor wrapped inside a Chinese paragraph, joined before Markdown sees them.

Markdown keeps a line break inside a paragraph as a newline in the HTML, and browsers show that
newline as a space: “坚持以人民健康为中心，⏎把创建……” reads “中心， 把创建”. CSS Text 3 would drop it
between Chinese characters, but Chromium and Firefox do not. Only a break with a Chinese
character or full-width mark on both sides is joined; code fences are left as written.
"""

from __future__ import annotations

import re

from civplan.model.text import CJK

WRAPPED = re.compile(f"(?<=[{CJK}])\\n[ \\t]*(?=[{CJK}])")
FENCE = re.compile(r"^(```|~~~)", re.M)


def unwrap(markdown: str) -> str:
    """`markdown` with every wrapped Chinese line joined to the one before, outside code fences."""
    parts = FENCE.split(markdown)
    # split keeps each fence as an odd part; the text between two fences is code
    inside, out = False, []
    for index, part in enumerate(parts):
        if index % 2 == 1:
            inside = not inside
            out.append(part)
        else:
            out.append(part if inside else WRAPPED.sub("", part))
    return "".join(out)
