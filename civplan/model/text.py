"""Text as a reader sees it: what looks the same is the same.

A zero-width space, a Kangxi radical (⼈ for 人), full-width digits or a trailing ideographic
space change the characters but not what a reader sees; Hangul fillers show as nothing; bidi
controls change the order in which characters are shown. Duplicate titles, addresses and the
privacy rules compare `as_read` text; the check refuses invisible characters in metadata.
"""

from __future__ import annotations

import re
import unicodedata

FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
"""Unicode category Cf (format characters), written out: scanning the Unicode data at import
would cost every check process 0.2 s (a test compares this with unicodedata)."""
FILLERS = "\u115f\u1160\u3164\uffa0\u034f\u17b4\u17b5\u180b-\u180d\u180f\u2800"
"""Letters that draw nothing: Hangul fillers, the combining grapheme joiner, Khmer inherent
vowels, Mongolian variation selectors, the blank Braille pattern."""
SELECTORS = "\ufe00-\ufe0f\U000e0100-\U000e01ef"
"""Variation selectors: they change a glyph's look, never which character a reader reads."""
INVISIBLE = re.compile(f"[{FORMAT}{FILLERS}{SELECTORS}]")
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
SPACES = re.compile(r"\s+")
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""The range of Chinese characters (CJK ideographs, extension A, compatibility ideographs), for
a regex character class: the one home of it (docs/assets/search.js keeps a copy that
tests/test_typography.py compares with this)."""
CJK = f"\u3000-\u303f{HAN}\uff00-\uffef"
"""Chinese characters with CJK punctuation and full-width forms: text that takes no spaces."""
WIDE = f"\u2014\u2018-\u201d\u2026{CJK}"
"""Characters of Chinese text that take a full cell: Han, CJK and full-width punctuation, the
dash, curly quotes and ellipsis Chinese text uses. Chinese puts no space between them."""

SPACED = re.compile(f"(?<=[{WIDE}]) +(?=[{WIDE}])")


def tidy(text: str) -> str:
    """No space between two Chinese characters or full-width marks, where YAML's folded lines or
    a filled-in wording left one: “{start} 至 {end}” filled with dates keeps its spaces, filled
    with blanks (〔待填：开始日期〕至〔待填：结束日期〕) loses them. The site and Word both use it."""
    return SPACED.sub("", text)


def as_read(text: str) -> str:
    """NFKC (⼈ -> 人, ２ -> 2, U+3000 -> space) without invisible characters, spaces trimmed
    and runs of spaces made one: two texts a reader cannot tell apart are equal."""
    shown = unicodedata.normalize("NFKC", INVISIBLE.sub("", text))
    return SPACES.sub(" ", INVISIBLE.sub("", shown)).strip()


def invisible(text: str) -> list[str]:
    """The invisible characters of `text`, each once, in order."""
    return list(dict.fromkeys(INVISIBLE.findall(text)))


def describe(char: str) -> str:
    """U+202E（双向文字控制符）: the code an editor can search for, and what it is."""
    if BIDI.match(char):
        kind = "双向文字控制符，会改变文字显示的先后顺序"
    elif char in "\u200b\u200c\u200d\u2060\ufeff":
        kind = "零宽字符"
    elif re.match(f"[{FILLERS}]", char):
        kind = "显示为空白的填充字符"
    elif re.match(f"[{SELECTORS}]", char):
        kind = "变体选择符"
    else:
        kind = "看不见的格式字符"
    return f"U+{ord(char):04X}（{kind}）"
