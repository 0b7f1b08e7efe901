"""Addresses on the site, computed without MkDocs: where a plan's page, history and downloads are."""

from __future__ import annotations

import posixpath
from pathlib import PurePosixPath


def relative_url(url: str, base: str) -> str:
    """`url` (site-relative, e.g. plans/x/) as seen from the page or file at `base`.

    The same answer as mkdocs.utils.get_relative_url: a last part of `base` with a dot is a
    file, anything else a folder."""
    folder, _, last = base.rpartition("/")
    start = folder if "." in last else base
    relative = posixpath.relpath("/" + url.lstrip("/"), "/" + start.strip("/"))
    return relative + "/" if url.endswith("/") else relative


def slug_of(uri: str) -> str:
    """plans/<slug>.md -> <slug>"""
    return PurePosixPath(uri).stem


def page_url(uri: str) -> str:
    """plans/<slug>.md -> plans/<slug>/"""
    return uri.removesuffix(".md") + "/"


def download(uri: str, suffix: str) -> str:
    """library/hospital.md -> library/hospital/hospital.docx: beside the page, a stable URL."""
    return f"{page_url(uri)}{slug_of(uri)}{suffix}"


def history_uri(uri: str) -> str:
    return f"{uri.removesuffix('.md')}/history.md"
