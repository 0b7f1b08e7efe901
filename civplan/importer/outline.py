"""The official outline of a plan's text: 一、 (一) 1. (1), 一是/二是 and 第一阶段, line by line.

Each non-empty source line becomes a Para: its text, the number it opens with (a Marker) and
its “head”, the first sentence after the number, which is where a plan says what an item is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from civplan.importer.lines import Line
from civplan.importer.reading import reading
from civplan.model.numerals import NUMERAL, to_int

CN = NUMERAL
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# Marker kinds from the outermost to the innermost; a list of an inner kind inside an item of
# an outer kind is a sub-list, not a new list.
KINDS = ["第一阶段", "一、", "（一）", "1.", "1)", "（1）", "一是", "①"]
MARKERS = [
    ("第一阶段", re.compile(rf"^第\s*({CN}|\d{{1,2}})\s*(?:阶段|步|部分)")),
    ("一、", re.compile(rf"^({CN})\s*[、:：．.]\s*")),
    ("（一）", re.compile(rf"^[（(]\s*({CN})\s*[）)]\s*[、.．]?\s*")),
    ("1.", re.compile(r"^(\d{1,2})\s*(?:[.．](?!\d{1,3}(?![\dxX×]))|、)\s*")),  # not 1.5倍
    ("1)", re.compile(r"^(\d{1,2})\s*[)）]\s*")),
    ("（1）", re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*")),
    ("一是", re.compile(rf"^({CN})是")),
    ("①", re.compile(rf"^([{CIRCLED}])\s*")),
]
SENTENCE_END = re.compile(r"[。；;！!？?]")
LEADING_SPACE = re.compile(r"^[\s\u3000]+|[\s\u3000]+$")
MD_MARKS = re.compile(r"^(?:>\s*)*(?:[-*+]\s+)?|\*\*|__")
HEADING_MAX = 25


@dataclass(frozen=True)
class Marker:
    kind: str  # one of KINDS
    n: int
    label: str  # as written, e.g. “(三)”

    @property
    def rank(self) -> int:
        return KINDS.index(self.kind)


@dataclass(frozen=True)
class Para:
    """A non-empty line: raw (for the body), text (as the rules read it: see reading.py), its
    marker and head."""

    line: int
    raw: str
    text: str
    marker: Marker | None
    rest: str  # the text after the marker
    heading: int  # Markdown / Word heading level, 0 for none

    @property
    def head(self) -> str:
        """The first sentence after the number: “不准开单提成” of “(二)不准开单提成。医院要…”."""
        found = SENTENCE_END.search(self.rest)
        return (self.rest[: found.start()] if found else self.rest).strip()

    @property
    def short(self) -> bool:
        """Short enough and unpunctuated enough to be a heading rather than a paragraph."""
        body = self.rest.rstrip("。:：;； ")
        return 0 < len(body) <= HEADING_MAX and not SENTENCE_END.search(body)

    @property
    def chars(self) -> int:
        return sum(not c.isspace() for c in self.text)


def number(text: str) -> int:
    """一 -> 1, 十二 -> 12, ③ -> 3, Arabic digits as they are; 0 if not a number."""
    if len(text) == 1 and text in CIRCLED:  # before isdigit(), which is true of ① too
        return CIRCLED.index(text) + 1
    return to_int(text)


def marker_of(text: str) -> tuple[Marker | None, str]:
    """The number a line opens with and the text after it."""
    for kind, pattern in MARKERS:
        found = pattern.match(text)
        if found and number(found.group(1)):
            rest = text[found.end() :].lstrip(":：、 \u3000")
            return Marker(kind, number(found.group(1)), found.group(0).strip()), rest.strip()
    return None, text


def paragraphs(lines: tuple[Line, ...]) -> list[Para]:
    """The non-empty lines as paragraphs; blank lines only separate them."""
    paras = []
    for line in lines:
        # a Word paragraph with soft line breaks (Shift+Enter) is several lines on paper
        for piece in line.text.split("\n"):
            raw = LEADING_SPACE.sub("", piece)
            if not raw:
                continue
            text = reading(MD_MARKS.sub("", raw).strip())
            marker, rest = marker_of(text)
            if line.heading:
                raw = f"{'#' * line.heading} {raw}"
            paras.append(Para(line.number, raw, text, marker, rest, line.heading))
    return paras
