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
    """1 -> 一, 10 -> 十, 12 -> 十二, 23 -> 二十三, 100 -> 一百, 101 -> 一百零一, 0 -> 〇: any
    count a plan can bring (a hundred headings, a thousand stages) has a number."""
    if n <= 0:
        return "〇"
    if n < 100:
        tens, ones = divmod(n, 10)
        lead = "" if tens == 1 else (DIGITS[tens - 1] if tens else "")
        return lead + ("十" if tens else "") + (DIGITS[ones - 1] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        middle = "" if not rest else ("零" if rest < 10 else "")
        tail = _under_100_after_a_digit(rest) if rest else ""
        return DIGITS[hundreds - 1] + "百" + middle + tail
    return "".join("〇一二三四五六七八九"[int(digit)] for digit in str(n))


def _under_100_after_a_digit(n: int) -> str:
    """After 百, ten is 一十: 一百一十二, not 一百十二."""
    return ("一" if 10 <= n < 20 else "") + to_chinese(n)
