"""A page whose inputs have not changed since the last build is written as it was then.

At 2,000 plans a warm build spent most of its time turning the same plan bodies into the same
HTML: Markdown, the macros, the sanitiser and the theme, one page after another on one core. A
plan's page depends on its plan file, on the build's "now" only as far as the page shows it
(its banner, card and sections, rendered anyway to make the key), on the date of its last
version, and on what every page depends on (civplan.site.inputs). All of that goes into the
key; on a hit the page skips Markdown and macros, is drawn by an empty template, and the stored
page is copied to its place in on_post_page, which gives MkDocs an empty output to skip: MkDocs
still knows the page (sitemap, links).

The cache holds the pages of the last successful build and nothing else: entries that this
build did not use are removed when it ends, so it cannot grow with time. Each build folder
(a whole site, or one shard) has its own.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from civplan import cache

TEMPLATE = "civplan-cached.html"
"""The template of a page taken from the cache: the stored page, as it was written."""

TEMPLATE_SOURCE = ""
"""Empty: the stored page takes the place of the output in on_post_page."""


class PageCache:
    """Pages by key, one file each (a civplan.cache Cache). `get` answers before the page
    renders; `copy` writes the stored page only when the page is written."""

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

    def get(self, key: str) -> Path | None:
        """The file of the page stored under `key`, or None; a page found is counted as used
        (the build will write it) and is read only when it is written (`copy`)."""
        if not self._path(key).is_file():
            return None
        self.used.add(key)
        self.hits += 1
        return self._path(key)

    def copy(self, key: str, target: Path) -> bool:
        """Write the page stored under `key` to `target`, as bytes (False: it is gone). Done
        only when the page is written: holding every stored page from the first page event to
        the last took a gigabyte at 10,000 plans; and copied by the kernel, not read, decoded
        and encoded again by Python. A copy, not a hard link: a page written over in place
        would change the stored one."""
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copyfile(self._path(key), target)
        except FileNotFoundError:
            return False
        return True

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
