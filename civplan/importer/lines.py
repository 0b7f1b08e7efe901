"""A line of a file being imported: what every reader (text, Word, PDF) gives the importer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """One line of the source (one paragraph of a .docx), as the editor wrote it."""

    number: int
    text: str
    heading: int = 0  # level of a Markdown “#” or Word “标题 N” heading; 0 for body text
