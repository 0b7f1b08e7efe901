"""What every page of the site is made from besides its own plan: one digest, for the caches.

The shards' fingerprint (civplan.site.shards) and the page cache (civplan.site.page_cache) both
ask "did anything the whole site depends on change?": the site's own code, the project's pages,
theme, macros, templates and configuration, and the versions of the libraries that render them.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from civplan.cache.digest import code_digest

PROJECT = ["docs", "macros", "overrides", "templates", "mkdocs.yml"]
"""The project's own inputs, relative to mkdocs.yml."""

LIBRARIES = [
    "mkdocs",
    "mkdocs-material",
    "mkdocs-macros-plugin",
    "markdown",
    "pymdown-extensions",
    "jinja2",
    "markupsafe",
    "nh3",
    "lxml",
    "pyyaml",
    "pypinyin",
    "chinesecalendar",
]
"""Libraries whose output is in a page: a new version may render the same text differently."""


def _files(root: Path) -> list[Path]:
    found: list[Path] = []
    for name in PROJECT:
        path = root / name
        found += [path] if path.is_file() else sorted(path.rglob("*")) if path.is_dir() else []
    return [p for p in found if p.is_file()]


def site_digest(root: Path, *settings: str) -> str:
    """A digest of the code, the project's files, the libraries' versions and `settings` (the
    build's own switches): equal digests, equal pages for equal plans."""
    digest = hashlib.sha256(
        "\0".join(settings).encode() + b"\0" + code_digest(["civplan"], LIBRARIES)
    )
    for path in _files(root):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def folders_digest(root: Path, folders: list[str]) -> str:
    """A digest of the files in `folders` that site_digest does not read already: a docs_dir or
    a theme's custom_dir that mkdocs.yml names elsewhere than the project's own folders."""
    known = {(root / name).resolve() for name in PROJECT}
    digest = hashlib.sha256()
    for folder in sorted({Path(f).resolve() for f in folders} - known):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


CACHE_VARIABLE = "CIVPLAN_CACHE_DIR"
"""Where the build caches live when set (CI points it at the folder its cache step keeps)."""


def cache_root(root: Path) -> Path:
    """The folder of every build cache of the project at `root`: $CIVPLAN_CACHE_DIR, else
    ~/.cache/civplan/<digest of the project's path>.

    Never the checkout itself: a cache entry is trusted output (a stored page is written to the
    site as it is, a stored check result stands for a file's problems), and a pull request can
    commit any file into the checkout, ignored paths included (`git add -f`). Where CI must keep
    the folder inside the checkout, civplan.check.tree refuses any tracked file in it."""
    chosen = os.environ.get(CACHE_VARIABLE)
    if chosen:
        return Path(chosen).resolve()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    project = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    return base / "civplan" / project


def cache_folder(root: Path, kind: str, build: str) -> Path:
    """<cache root>/<kind>/<build>: the folder of one kind of cache for one build (a shard's
    id, "top" or "site")."""
    return cache_root(root) / kind / hashlib.sha256(build.encode()).hexdigest()[:16]
