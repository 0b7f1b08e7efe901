"""Text from a plan or a file name as it may be printed: every character that would act instead
of show (a terminal's escape sequences, a carriage return that overwrites the line, a newline
that starts a line of its own, bidi overrides that reorder what is shown, invisible format
characters, the lone surrogates of an undecodable file name) is written out as its escape."""

from __future__ import annotations

import unicodedata

ACTING = {"Cc", "Cf", "Cs", "Zl", "Zp"}
"""Unicode categories that act rather than show: controls, format (bidi, zero-width, BOM),
surrogates, line and paragraph separators."""
NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape(char: str) -> str:
    """`\\n`, `\\x1b`, `\\u202e`, `\\U000e0001`: how Python writes the character in a string."""
    code = ord(char)
    if char in NAMED:
        return NAMED[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str) -> str:
    """`text` with every acting character escaped; the rest (Chinese included) unchanged."""
    return "".join(
        escape(char) if unicodedata.category(char) in ACTING else char for char in str(text)
    )
