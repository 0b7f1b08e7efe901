"""A PDF's printed lines back into the paragraphs the author typed.

pdftotext -layout gives each printed line with its indentation. A printed line that runs to the
right margin was wrapped by the layout, so the next line continues its paragraph, unless the
next line is indented (a first-line indent starts a paragraph), opens with a number (“（二）”),
or the line ended a sentence in a document that marks paragraphs with no indent at all.
Page numbers (“- 3 -”, “第3页 共8页”) and running heads (the same first or last line on most
pages) are furniture, not text. Justified Chinese lines come out with spaces between
characters (“完 善”); Chinese has none, so they go; wider gaps are table columns and stay apart.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from civplan.importer.outline import marker_of
from civplan.model.text import WIDE

PAGE_NUMBER = re.compile(
    r"^[-—–－·\s]*(?:第\s*)?\d{1,4}\s*(?:页)?\s*(?:(?:[/／]|共)\s*\d{1,4}\s*页?)?[-—–－·\s]*$"
    r"|^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$",
    re.I,
)
EDGE_LINES = 2  # page numbers and running heads sit in the first or last two lines of a page
SENTENCE_END = re.compile(r"[。！？!?；;：:]$")
NARROW = r"0-9A-Za-z%"
JOINED_SPACE = re.compile(
    rf"(?<=[{WIDE}]) {{1,2}}(?=[{WIDE}{NARROW}])|(?<=[{NARROW}]) {{1,2}}(?=[{WIDE}])"
)
COLUMN_GAP = re.compile(r" {3,}")
FULL_SLACK = 4  # columns a wrapped line may stop short of the right margin (two Chinese chars)
INDENT_STEP = 2  # columns of a first-line indent, at least


def pdf_lines(pages: list[str]) -> list[str]:
    """The paragraphs of a PDF's pages, in order, one per line."""
    pages_lines = [page.split("\n") for page in pages]
    heads = _running_heads(pages_lines)
    printed: list[Printed] = []
    for lines in pages_lines:
        printed += _measured(_dedented(_without_furniture(lines, heads)))
    return [_tidy(paragraph) for paragraph in _rejoin(printed)]


@dataclass(frozen=True)
class Printed:
    """A printed line, measured against its own page (pdftotext scales columns per page)."""

    text: str
    indented: bool  # starts to the right of the page's left margin: a new paragraph
    full: bool  # runs to the right margin: the layout wrapped it
    centred: bool  # starts far to the right: a title, a signature, a date
    columns: bool  # wide gaps inside: a table row, which wraps cell by cell, not as a line
    after_gap: bool  # a blank line stands before it on the page


def _edges(lines: list[str]) -> list[str]:
    filled = [line.strip() for line in lines if line.strip()]
    return filled[:EDGE_LINES] + filled[-EDGE_LINES:]


def _shape(line: str) -> str:
    """A running head with its page number taken out: “某某局文件 3” and “… 4” are the same."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def _running_heads(pages_lines: list[list[str]]) -> set[str]:
    """Lines at the top or bottom of at least half the pages (two at least)."""
    if len(pages_lines) < 2:
        return set()
    counts = Counter(shape for lines in pages_lines for shape in {_shape(e) for e in _edges(lines)})
    least = max(2, (len(pages_lines) + 1) // 2)
    return {shape for shape, n in counts.items() if n >= least and shape}


def _without_furniture(lines: list[str], heads: set[str]) -> list[str]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    edges = set(filled[:EDGE_LINES] + filled[-EDGE_LINES:])
    return [
        line
        for i, line in enumerate(lines)
        if not (i in edges and (PAGE_NUMBER.match(line.strip()) or _shape(line) in heads))
    ]


def _dedented(lines: list[str]) -> list[tuple[str, bool]]:
    """A page's lines measured from its own left margin (pdftotext counts columns from the
    leftmost character of each page, so odd and even pages start at different columns), each
    with whether a blank line stood before it."""
    filled = [line for line in lines if line.strip()]
    margin = min((_indent(line) for line in filled), default=0)
    found, gap = [], False
    for line in lines:
        if line.strip():
            found.append((line.rstrip()[margin:], gap))
        gap = not line.strip()
    return found


def _measured(body: list[tuple[str, bool]]) -> list[Printed]:
    right = _right_margin([line for line, _ in body])
    return [
        Printed(
            line.strip(),
            indented=_indent(line) >= INDENT_STEP,
            full=len(line) >= right - max(FULL_SLACK, right // 12),
            centred=_indent(line) > right // 4,
            columns=bool(COLUMN_GAP.search(line.strip())),
            after_gap=gap,
        )
        for line, gap in body
    ]


def _rejoin(body: list[Printed]) -> list[str]:
    if not body:
        return []
    # a document that indents the first line of its paragraphs says where each one starts
    marks_paragraphs = sum(line.indented and not line.centred for line in body) >= 2
    paragraphs = [body[0].text]
    for before, line in zip(body, body[1:], strict=False):
        if _continues(before, line, marks_paragraphs):
            paragraphs[-1] += line.text
        else:
            paragraphs.append(line.text)
    return paragraphs


def _continues(before: Printed, line: Printed, marks_paragraphs: bool) -> bool:
    if not before.full or before.centred or line.indented or before.columns or line.columns:
        return False
    if marker_of(line.text)[0] is not None:
        return False
    # a sentence that ends before a blank, or where nothing else marks paragraphs, ends one
    return not (SENTENCE_END.search(before.text) and (line.after_gap or not marks_paragraphs))


def _right_margin(body: list[str]) -> int:
    """Where wrapped lines end: the line length most lines of running text come to (within
    the slack digits and Latin letters leave); a stretched or table line may reach further."""
    ends = [len(line) for line in body if not COLUMN_GAP.search(line.strip())] or [0]
    long = [end for end in ends if end >= max(ends) * 0.6]  # headings and last lines aside
    return max(long, key=lambda end: (sum(end - 2 <= e <= end for e in long), end))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \u3000"))


def _tidy(paragraph: str) -> str:
    """“完 善” -> “完善”, “制订 2012 年” -> “制订2012年”; a wide gap is a table column."""
    return COLUMN_GAP.sub("\u3000", JOINED_SPACE.sub("", paragraph)).strip()
