"""The text the importer's rules read: one spelling of what a reader reads the same.

Plans come in traditional characters (copied from a Hong Kong or Taiwan page, or typed with a
traditional input method), with full-width digits (２０２４年) and, when copied from a page that
glosses every character, with pinyin after some of them (“創(chuàng)建”). The rules are written
once, for simplified characters and ASCII digits: each line is converted here before any rule
reads it. The body of the imported plan keeps the source's own words (Para.raw).

Traditional -> simplified is OpenCC's t2s (phrase-level, so 乾隆 stays 乾隆 and 瞭解 becomes
了解), not a character table of our own.
"""

from __future__ import annotations

import re
from functools import cache

from civplan.model.text import HAN

WIDE_ALNUM = str.maketrans(
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
    "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ－～",
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-~",
)
# “創(chuàng)建”: a pinyin gloss right after a Han character, as pages with ruby text copy out
# (a syllable has a vowel: “XX县(xx)” keeps its placeholder)
PINYIN_GLOSS = re.compile(
    rf"(?<=[{HAN}])[(（](?=[^)）]*[aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zü\u00e0-\u01dc]{{1,7}}[)）]"
)


@cache
def _to_simplified():
    import opencc

    return opencc.OpenCC("t2s").convert


def reading(text: str) -> str:
    """`text` as the rules read it: simplified, half-width digits, letters and dashes, no
    glosses."""
    text = PINYIN_GLOSS.sub("", text.translate(WIDE_ALNUM))
    return _to_simplified()(text) if re.search(rf"[{HAN}]", text) else text
