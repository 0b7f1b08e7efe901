"""Small pieces every importer step shares: what it found, and source words made metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass

from civplan.model.blank import PLACEHOLDER_MARK, PLACEHOLDER_SESSION, PLACEHOLDER_YEAR, blank

PLACEHOLDERS = [
    (re.compile(PLACEHOLDER_YEAR), "年份"),
    (re.compile(PLACEHOLDER_SESSION), "届次"),
    (re.compile(PLACEHOLDER_MARK), "原文为占位符"),
]
EDGE_PUNCTUATION = " \u3000,，.。;；:：、"


@dataclass(frozen=True)
class Finding:
    """One thing the importer found (or looked for and did not find), at a source line."""

    line: int  # 0 when it comes from no single line
    field: str  # where it went in the metadata, e.g. “leading_group.head”; “” for a note
    text: str  # what it is, in words for the editor


def meta_text(text: str) -> str:
    """Source words as a metadata value: trimmed, and placeholders such as 20xx made blanks.

    The body keeps 20xx as written, so `civplan check` still reports it; the metadata gets a
    blank 〔待填：年份〕 that says what to fill.
    """
    text = text.strip(EDGE_PUNCTUATION)
    for pattern, label in PLACEHOLDERS:
        text = pattern.sub(blank(label), text)
    return text


def at_least(text: str, minimum: int, label: str) -> str:
    """Words too short for their field keep what there is and ask for the rest."""
    return text if len(text) >= minimum else f"{text}{blank(label)}"


def head_text(text: str, minimum: int = 4) -> str:
    """The first sentence of a text, or more of it when the first is too short to stand alone."""
    sentences = [s for s in re.split(r"(?<=[。；;！？])", text) if s.strip()]
    head = ""
    for sentence in sentences:
        head += sentence
        if len(meta_text(head)) >= minimum:
            break
    return meta_text(head)


def split_list(text: str) -> list[str]:
    """Split “张三、李四，王五” at list separators, but not inside brackets or quotes."""
    parts, depth, current = [], 0, ""
    for char in text:
        if char in "（(“《":
            depth += 1
        elif char in "）)”》":
            depth = max(0, depth - 1)
        if char in "、，,；;" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [part.strip(EDGE_PUNCTUATION) for part in parts if part.strip(EDGE_PUNCTUATION)]
