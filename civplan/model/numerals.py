"""Chinese numerals as outline numbers use them (一 to 九十九), read and written in one place
for the numbering rule, the importer and the Word export."""

from __future__ import annotations

import re

DIGITS = "一二三四五六七八九"
NUMERAL = rf"[{DIGITS}十]{{1,3}}"
_PARTS = re.compile(rf"([{DIGITS}])?(十)?([{DIGITS}])?")


OUTLINE = [
    (re.compile(rf"^({NUMERAL})、"), "{}、", True),
    (re.compile(rf"^[（(]({NUMERAL})[）)]"), "（{}）", True),
    (re.compile(r"^(\d{1,2})[.．、](?!\d)"), "{}.", False),
    (re.compile(r"^[（(](\d{1,2})[）)]"), "({})", False),
]
"""The official outline's four levels, 一、 （一） 1. （1）: (pattern, how it is written,
whether the number is a Chinese numeral)."""


def to_int(text: str) -> int:
    """一 -> 1, 十二 -> 12, 二十三 -> 23, Arabic digits as they are; 0 if not a number."""
    if text.isascii() and text.isdigit():
        return int(text)
    found = _PARTS.fullmatch(text)
    if not found or not text:
        return 0
    tens, ten, ones = found.groups()
    if not ten:  # a lone digit lands in the first group; two digits without 十 are no number
        return DIGITS.index(tens) + 1 if tens and not ones else 0
    return (DIGITS.index(tens) + 1 if tens else 1) * 10 + (DIGITS.index(ones) + 1 if ones else 0)


def to_chinese(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 23 -> 二十三."""
    if n <= 10:
        return "一二三四五六七八九十"[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else DIGITS[tens - 1]) + "十" + (DIGITS[ones - 1] if ones else "")
