"""The digest of some of our own packages and some libraries' versions: what a cache entry was
made by besides its input. The check cache, the Word cache, the page cache and the shard
grouping all key on it, each naming the packages and libraries its output depends on."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib import metadata, resources


def library_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def code_digest(packages: Iterable[str], libraries: Iterable[str] = ()) -> bytes:
    """sha256 over every file of `packages` (their subpackages included) and the versions of
    `libraries`: any edit to that code, or any upgrade, changes it."""
    digest = hashlib.sha256()
    for name in libraries:
        digest.update(f"{name}={library_version(name)}\0".encode())
    for package in packages:
        for label, data in _files(resources.files(package), package):
            digest.update(label.encode() + b"\0" + data + b"\0")
    return digest.digest()


def _files(folder, label: str):
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        if entry.is_dir():
            yield from _files(entry, f"{label}/{entry.name}")
        else:
            yield f"{label}/{entry.name}", entry.read_bytes()
