"""What a page taken from the page cache skips of MkDocs' work, and the log lines it would leave."""

from __future__ import annotations

import hashlib
import inspect
import logging
import types

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from civplan.site.build import Build


class _CopiedPages(logging.Filter):
    """MkDocs says "Page skipped" of every page whose output is empty: a page copied from the
    page cache was written, not skipped, and thousands of such lines would hide the rest."""

    build: Build | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.build is None or not message.startswith("Page skipped: '"):
            return True
        return not self.build.hit(message.split("'")[1])


COPIED = _CopiedPages()
logging.getLogger("mkdocs.commands.build").addFilter(COPIED)


RENDER_RELIED_ON = "320529348f7a8af152073d0a3ab02960ccce91f9204716144e51b20931983cc6"
"""sha256 of the source of Page.render in mkdocs 1.6.1, whose effect skip_markdown gives."""

SKIPS = hashlib.sha256(inspect.getsource(Page.render).encode()).hexdigest() == RENDER_RELIED_ON
"""Whether this MkDocs renders as the one skip_markdown follows (tests/test_page_cache.py
fails when it does not; the build then renders a cached page's empty source instead)."""


def skip_markdown(page: Page) -> None:
    """Give a page taken from the cache what Page.render gives an empty source, without the
    Markdown instance with every extension that MkDocs builds for each page (a tenth of a warm
    build at 2,000 plans); the stored page is copied to its place in on_post_page."""

    def render(self: Page, config, files) -> None:
        self.content, self.toc, self._title_from_render = "", get_toc([]), None
        self.present_anchor_ids, self.links_to_anchors = set(), {}

    if SKIPS:
        page.render = types.MethodType(render, page)
