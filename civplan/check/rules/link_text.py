"""A link must lead where its words say: a phone number, an address or a web address written as
a link's text is the one it dials, mails or opens. Otherwise a reader who taps "举报电话：
0000-86120011" calls another number, and one who taps a unit's own web address lands elsewhere."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from civplan.check.rules.registry import body_lines, rule

# linear on any line: the text may not hold "[" (a run of 100,000 "[" would be tried from
# each one), and both parts are bounded
LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\(\s*<?([^)\s>]{1,2000})")
DIGITS = re.compile(r"\d")
WEB = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:[/?#]\S*)?$", re.I)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _digits(text: str) -> str:
    found = "".join(DIGITS.findall(text))
    return found[2:] if found.startswith("86") and len(found) == 13 else found


def _host(address: str) -> str:
    seen = address if "//" in address else "//" + address
    return (urlsplit(seen).hostname or "").removeprefix("www.")


def _mismatch(text: str, target: str) -> str | None:
    """What the text claims that the target does not keep, or None."""
    words, scheme = text.strip(), urlsplit(target).scheme.lower()
    if scheme == "tel" and len(_digits(words)) >= 7 and _digits(words) != _digits(target):
        return f"链接文字是电话“{words}”，点开拨打的却是“{target[4:]}”"
    email = EMAIL.search(words)
    if scheme == "mailto" and email and email.group(0).lower() not in target.lower():
        return f"链接文字是邮箱“{email.group(0)}”，点开写信给的却是“{target[7:]}”"
    if WEB.match(words) and "." in words and _host(words) != _host(target):
        return f"链接文字是网址“{words}”，点开去的却是“{target}”"
    return None


@rule("link-text", "链接文字写的电话、邮箱或网址，必须就是链接实际打开的那一个")
def link_text(plan, mode):
    for line, text in body_lines(plan):
        for found in LINK.finditer(text):
            wrong = _mismatch(found.group(1), found.group(2))
            if wrong:
                yield (
                    line,
                    f"{wrong}。读者会以为打开的是文字写的那一个。请让链接文字和链接地址一致，"
                    "或把链接文字改成一般的说明（例如“举报电话”）。",
                )
