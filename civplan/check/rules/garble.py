"""Mojibake: text damaged by copying between encodings or from PDFs."""

from __future__ import annotations

import re

from civplan.check.rules.registry import rule, texts
from civplan.model.text import HAN

GARBLES = [
    (re.compile("\ufffd+"), "替换字符“\ufffd”"),
    (re.compile(rf"\^(?=[{HAN}])|(?<=[{HAN}])\^"), "夹在汉字中的“^”"),
    (re.compile("锟斤拷|烫烫烫|屯屯屯"), "乱码“{0}”"),
    (re.compile("[ÃÂâ][\u0080-\u00ff€œ”™]+"), "乱码“{0}”"),
]


ANY_GARBLE = re.compile("|".join(pattern.pattern for pattern, _ in GARBLES))


@rule("garble", "不能有乱码（�、夹在汉字中的^、锟斤拷等）")
def garbled_text(plan, mode):
    for line, text, _ in texts(plan, ANY_GARBLE):
        for pattern, what in GARBLES:
            found = pattern.search(text)
            if found:
                around = text[max(0, found.start() - 4) : found.end() + 4]
                yield (
                    line,
                    (
                        f"出现{what.format(found.group(0))}（“{around}”），多半是复制时编码出错。"
                        "请对照原件改正这几个字。"
                    ),
                )
