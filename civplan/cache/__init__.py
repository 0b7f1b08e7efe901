"""The one shape of every build cache: check results, pages, Word files, search index parts.

Each cache holds entries under keys, and each build step uses its cache the same way:
`get(key)` gives the entry or None, `put(key, value)` stores one (whole or not at all), and
`finish()` ends the build's use of it. A key is made one way, by `key(*parts)`: a digest of
everything the entry depends on, the code that made it included (civplan.cache.digest). The
folders live outside the checkout (civplan.site.inputs.cache_root): an entry is trusted output,
and a pull request can commit any file into the checkout.
"""

from __future__ import annotations

import hashlib
from typing import Protocol, TypeVar

Value = TypeVar("Value")


class Cache(Protocol[Value]):
    def get(self, key: str) -> Value | None:
        """The entry stored under `key`, or None (never stored, or not one this code wrote)."""

    def put(self, key: str, value: Value) -> None:
        """Store an entry, written whole or not at all: a build stopped halfway leaves no half."""

    def finish(self) -> None:
        """The build is done with the cache: save it, or drop what the build did not use."""


def key(*parts: str | bytes) -> str:
    """The key of an entry made from `parts`: each part is ended by a NUL so that no two lists
    of parts give the same key by shifting text from one part to the next."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update((part if isinstance(part, bytes) else part.encode()) + b"\0")
    return digest.hexdigest()
