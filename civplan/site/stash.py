"""Macro HTML kept away from Markdown, as Python-Markdown's own htmlStash keeps raw HTML.

Markdown would parse a section's HTML all over again (a third of the build at 2,000 plans), so
a macro returns a one-line marker and the HTML is put back after Markdown. One stash serves one
build; its markers carry a random nonce, so a plan body cannot forge one (a comment with another
nonce is left alone, and the sanitiser drops it), and a marker whose HTML is missing stops the
build instead of silently becoming nothing.
"""

from __future__ import annotations

import re
import secrets

from civplan.site.errors import SiteError


class Stash:
    def __init__(self) -> None:
        self.nonce = secrets.token_hex(8)
        self._html: dict[str, str] = {}
        self._count = 0
        self._marker = re.compile(rf"<!--civ-({self.nonce}-\d+)-->")

    def put(self, html: str) -> str:
        """Keep `html`; return the marker that stands for it in the Markdown."""
        key = f"{self.nonce}-{self._count}"
        self._count += 1
        self._html[key] = html
        return f"\n\n<!--civ-{key}-->\n\n"

    def restore(self, html: str, where: str) -> str:
        """Put every kept piece back into a page's HTML (each piece is used once)."""
        return self._marker.sub(lambda found: self._take(found.group(1), where), html)

    def _take(self, key: str, where: str) -> str:
        try:
            return self._html.pop(key)
        except KeyError:
            raise SiteError(f"页面中的宏输出标记 {key} 找不到对应内容。", where) from None
