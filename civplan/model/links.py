"""Where a URL written in a plan leads: to this site, or off it.

Read as a browser reads it, not as it looks: browsers drop tabs and newlines inside a URL,
treat a backslash as a slash (so `/\\evil.example/x` is `//evil.example/x`, another host), and
take any `scheme:` prefix as a scheme.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")


def as_browser_reads(url: str) -> str:
    return _INVISIBLE.sub("", url).replace("\\", "/")


def off_site(url: str) -> bool:
    """True when loading `url` would contact another host or run a scheme: anything but a
    path on this site (`/x`, `../x`, `x`, `#x`)."""
    seen = as_browser_reads(url)
    return seen.startswith("//") or bool(urlsplit(seen).scheme) or ":" in seen.split("/", 1)[0]


def scheme_of(url: str) -> str:
    return urlsplit(as_browser_reads(url)).scheme.lower()
