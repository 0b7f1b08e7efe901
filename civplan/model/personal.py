"""Personal data as people write it: resident ID numbers and mobile numbers.

One number is written many ways: 139-1234-5678, 139 1234 5678, (+86)13912345678, in full-width
digits, with a zero-width space inside or split by emphasis (1101**0519**…). `fold` gives the
text as a reader reads the number — as_read, with separators and inline markup between digits
taken out — so one pattern finds every way; a landline keeps its area code's leading 0 and is
never read as a mobile.
"""

from __future__ import annotations

import html
import re
import unicodedata

from civplan.model.text import INVISIBLE

MOBILE_DIGITS = r"1[3-9]\d{9}"
"""A mainland mobile number: 11 digits from 13x to 19x (contacts' phone-format uses it too)."""
MOBILE = re.compile(rf"(?<![0-9])(?:(?:\+|00)86)?({MOBILE_DIGITS})(?![0-9])", re.ASCII)
ID_NUMBER = re.compile(r"(?<![0-9])[1-9]\d{16}[0-9Xx](?![0-9A-Za-z])", re.ASCII)
JOINED = re.compile(r"(?<=[0-9])[\s\-.()*_~`]{1,4}(?=[0-9(+])")
"""Separators and Markdown's inline marks between two digits (or a digit and a prefix)."""
MAYBE = re.compile(r"\d(?:[^\d\n]{0,6}\d){10}")
"""Eleven digits of any script with a few characters between each: a text without it holds
neither number, so most lines are never folded."""
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def may_hold_number(text: str) -> bool:
    return MAYBE.search(text) is not None


def fold(text: str) -> str:
    """The text with numbers as read: NFKC, no invisible characters, entities decoded, no
    separators or emphasis between digits."""
    shown = unicodedata.normalize("NFKC", INVISIBLE.sub("", html.unescape(text)))
    return JOINED.sub("", INVISIBLE.sub("", shown))


def mobiles(text: str) -> list[str]:
    """The mobile numbers of a text, as 11 digits."""
    if not may_hold_number(text):
        return []
    return [found.group(1) for found in MOBILE.finditer(fold(text))]


def resident_ids(text: str) -> list[str]:
    """The resident ID numbers of a text (with a valid check digit), as 18 characters."""
    if not may_hold_number(text):
        return []
    found = (match.group(0) for match in ID_NUMBER.finditer(fold(text)))
    return [number for number in found if is_resident_id(number)]


def is_resident_id(text: str) -> bool:
    """GB 11643 check digit of an 18-digit resident ID number."""
    total = sum(int(digit) * weight for digit, weight in zip(text[:17], WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == text[17].upper()


def mask(text: str) -> str:
    return text[:3] + "*" * (len(text) - 7) + text[-4:]
