"""What every page of the site is made from besides its own plan: one digest, for the caches.

The shards' fingerprint (civplan.site.shards) and the page cache (civplan.site.page_cache) both
ask "did anything the whole site depends on change?": the site's own code, the project's pages,
theme, macros, templates and configuration, and the versions of the libraries that render them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from civplan.model.digest import code_digest

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


def cache_folder(root: Path, kind: str, build: str) -> Path:
    """.cache/<kind>/<build>: the folder of one kind of cache for one build (a shard's id, "top"
    or "site")."""
    return root / ".cache" / kind / hashlib.sha256(build.encode()).hexdigest()[:16]
