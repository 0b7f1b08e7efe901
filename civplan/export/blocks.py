"""A plan body as a flat list of blocks, for writers that are not HTML (the Word exporter).

Python-Markdown (with the site's table and admonition extensions) turns the body into HTML;
the HTML is walked once into headings, paragraphs of styled runs, lists, tables and the
macro calls that stand alone in a paragraph (`{{ stages() }}`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
import markdown

EXTENSIONS = ["tables", "admonition", "attr_list", "md_in_html"]
MACRO = re.compile(r"^\{\{\s*(\w+)\s*\(.*\)\s*\}\}$", re.S)
SOFT_BREAK = re.compile(r"\s*\n\s*")
LINE_BREAK = "\u2028"
"""A hard line break (Markdown's two trailing spaces, or <br>) inside a run."""


@dataclass(frozen=True)
class Run:
    """Text with the inline styles Word keeps."""

    text: str
    bold: bool = False
    italic: bool = False


Runs = tuple[Run, ...]


@dataclass(frozen=True)
class Heading:
    level: int
    """1 for #, 2 for ##, …"""
    text: str


@dataclass(frozen=True)
class Paragraph:
    runs: Runs


@dataclass(frozen=True)
class ListItem:
    depth: int
    """0 for a top-level item, 1 for an item of a list inside it, …"""
    runs: Runs


@dataclass(frozen=True)
class List:
    ordered: bool
    items: tuple[ListItem, ...]


@dataclass(frozen=True)
class Table:
    head: tuple[Runs, ...]
    rows: tuple[tuple[Runs, ...], ...]


@dataclass(frozen=True)
class Macro:
    name: str


Block = Heading | Paragraph | List | Table | Macro


def blocks(body: str) -> list[Block]:
    """The blocks of a Markdown body, in order."""
    html = markdown.markdown(body, extensions=EXTENSIONS)
    if not html.strip():
        return []
    return list(_blocks(lxml.html.fragment_fromstring(html, create_parent="div")))


def _blocks(parent):
    for node in parent:
        tag = node.tag if isinstance(node.tag, str) else ""
        if re.fullmatch(r"h[1-6]", tag):
            yield Heading(int(tag[1]), _join(node.text_content()).strip())
        elif tag in ("p", "pre"):
            yield _paragraph(node)
        elif tag in ("ul", "ol"):
            yield List(tag == "ol", tuple(_items(node, 0)))
        elif tag == "table":
            yield _table(node)
        elif tag in ("div", "blockquote", "details", "section"):
            yield from _blocks(node)


def _paragraph(node) -> Paragraph | Macro:
    found = MACRO.match(node.text_content().strip())
    if found:
        return Macro(found.group(1))
    bold = "admonition-title" in (node.get("class") or "")
    return Paragraph(_runs(node, bold=bold))


def _items(listing, depth: int):
    for item in listing.iterchildren("li"):
        yield ListItem(depth, _runs(item, skip=("ul", "ol")))
        for inner in item.iterchildren("ul", "ol"):
            yield from _items(inner, depth + 1)


def _table(node) -> Table:
    rows = [tuple(_runs(cell) for cell in row.iterchildren("th", "td")) for row in node.iter("tr")]
    has_head = node.find(".//thead") is not None and rows
    return Table(rows[0] if has_head else (), tuple(rows[1:] if has_head else rows))


def _runs(node, bold=False, italic=False, skip=()) -> Runs:
    """The text of an element as runs; nested lists (`skip`) are left to the caller."""
    runs: list[Run] = []

    def walk(element, bold, italic):
        if element.text:
            runs.append(Run(_join(element.text), bold, italic))
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in skip:
                pass
            elif tag == "br":
                runs.append(Run(LINE_BREAK, bold, italic))
            elif tag == "img":
                runs.append(Run(child.get("alt") or "", bold, italic))
            elif tag:
                walk(child, bold or tag in ("strong", "b"), italic or tag in ("em", "i"))
            if child.tail:
                runs.append(Run(_join(child.tail), bold, italic))

    walk(node, bold, italic)
    return _merge(runs)


def _join(text: str) -> str:
    """Soft line breaks: nothing between Chinese characters, a space between Latin words."""
    return SOFT_BREAK.sub(
        lambda m: " " if _latin(text, m.start() - 1) and _latin(text, m.end()) else "", text
    )


def _latin(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index].isascii()


def _merge(runs: list[Run]) -> Runs:
    """Join neighbours with the same style; trim the paragraph's outer whitespace."""
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            run = Run(merged.pop().text + run.text, run.bold, run.italic)
        merged.append(run)
    if merged:
        merged[0] = Run(merged[0].text.lstrip(), merged[0].bold, merged[0].italic)
        merged[-1] = Run(merged[-1].text.rstrip(), merged[-1].bold, merged[-1].italic)
    return tuple(run for run in merged if run.text)
