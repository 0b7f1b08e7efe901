"""A page whose inputs have not changed since the last build is written as it was then.

At 2,000 plans a warm build spent most of its time turning the same plan bodies into the same
HTML: Markdown, the macros, the sanitiser and the theme, one page after another on one core. A
plan's page depends on its plan file, on the build's "now" only as far as the page shows it
(its banner, card and sections, rendered anyway to make the key), on the date of its last
version, and on what every page depends on (civplan.site.inputs). All of that goes into the
key; on a hit the page skips Markdown and macros, is drawn by an empty template, and the stored
HTML, read from disk only then, takes the place of the output in on_post_page: MkDocs still
knows the page (sitemap, links) and writes it itself.

The cache holds the pages of the last successful build and nothing else: entries that this
build did not use are removed when it ends, so it cannot grow with time. Each build folder
(a whole site, or one shard) has its own.
"""

from __future__ import annotations

import os
from pathlib import Path

from civplan import cache

TEMPLATE = "civplan-cached.html"
"""The template of a page taken from the cache: the stored page, as it was written."""

TEMPLATE_SOURCE = ""
"""Empty: the stored page takes the place of the output in on_post_page."""


class PageCache:
    """Pages by key, one file each (a civplan.cache Cache). `has` answers before the page
    renders; `get` reads the page only when it is written."""

    def __init__(self, folder: Path, site: str) -> None:
        self.folder = folder
        self.site = site
        """Digest of everything every page depends on (civplan.site.inputs.site_digest)."""
        self.used: set[str] = set()
        self.hits = 0

    def key(self, uri: str, *inputs: str | bytes) -> str:
        return cache.key(self.site, uri, *inputs)

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.html"

    def has(self, key: str) -> bool:
        """Whether a page is stored under `key` (counted as used: the build will write it)."""
        if not self._path(key).is_file():
            return False
        self.used.add(key)
        self.hits += 1
        return True

    def get(self, key: str) -> str | None:
        """The page stored under `key`, or None. Read only when the page is written: holding
        every stored page from the first page event to the last took a gigabyte at 10,000
        plans."""
        try:
            return self._path(key).read_text("utf-8")
        except (FileNotFoundError, UnicodeDecodeError):
            return None

    def put(self, key: str, html: str) -> None:
        """Store a page; written whole or not at all (a build stopped halfway leaves no half)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self._path(key).with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(html, "utf-8")
        os.replace(temporary, self._path(key))
        self.used.add(key)

    def finish(self) -> int:
        """Remove every entry this build did not use; return how many."""
        if not self.folder.is_dir():
            return 0
        stale = [p for p in self.folder.iterdir() if p.stem not in self.used]
        for path in stale:
            path.unlink(missing_ok=True)
        return len(stale)
