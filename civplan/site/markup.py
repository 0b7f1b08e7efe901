"""Escaping for every piece of plan text put into the site's HTML, in one place."""

from __future__ import annotations

from html import escape


def e(value) -> str:
    """HTML-escape a value (quotes too, so it is safe in attributes). Braces become entities as
    well: they look the same in a browser but can never be read as a template by a renderer."""
    return escape(str(value), quote=True).replace("{", "&#123;").replace("}", "&#125;")
