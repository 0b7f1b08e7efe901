"""The site's own HTML: the templates of civplan/site/templates/, rendered with autoescape on.

Every value from a plan is escaped on its way into a template, quotes and braces too (`escape_html`):
braces look the same in a browser but can never be read as a template by a renderer. Only
HTML made by a template here (Markup) passes as it is.
"""

from __future__ import annotations

import re
from functools import cache
from html import escape
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

FOLDER = Path(__file__).with_name("templates")

DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?|\d{4}年\d{1,2}月\d{1,2}日(?: \d{1,2}:\d{2})?"
)


def escape_html(value) -> str:
    """HTML-escape a value (quotes too, so it is safe in attributes). Braces become entities as
    well: they look the same in a browser but can never be read as a template by a renderer."""
    return escape(str(value), quote=True).replace("{", "&#123;").replace("}", "&#125;")


class _JoinedLines(FileSystemLoader):
    """Templates are written one element a line, indented, for reading; the HTML has none of
    that whitespace: each line break and the indentation after it are dropped on loading."""

    def get_source(self, environment, template):
        source, path, uptodate = super().get_source(environment, template)
        return re.sub(r"\n[ \t]*", "", source), path, uptodate


_SPECIAL = re.compile(r"[&<>\"'{}]")
"""What `escape_html` changes. A text without any is left as it is by it and by autoescape alike."""


def _escaped(value):
    """What autoescape does, with `escape_html`'s rules (quotes as entities, braces too): the finalize of
    every {{ value }}, before autoescape sees it. HTML a template made (Markup) passes as it
    is; a text `escape_html` would not change goes on to autoescape, which leaves it unchanged too (the
    common case, and the fast one: every plan's sections are rendered on every build)."""
    if hasattr(value, "__html__"):
        return value
    text = str(value)
    return Markup(escape_html(text)) if _SPECIAL.search(text) else text


def fill(wording: str, **values) -> Markup:
    """Our wording with {placeholders}, escaped (its braces kept), filled with escaped values."""
    escaped = {k: v if isinstance(v, Markup) else escape_html(v) for k, v in values.items()}
    return Markup(escape(wording, quote=True).format(**escaped))


@cache
def _wrapper(name: str) -> tuple[str, str]:
    """The markup a template puts around its `text`, for wrapping many matches fast."""
    before, _, after = render(name, text=Markup("\0")).partition("\0")
    return before, after


def wrap_matches(pattern: re.Pattern, html: str, name: str) -> Markup:
    """`html` (escaped already) with every match of `pattern` wrapped by template `name`."""
    before, after = _wrapper(name)
    return Markup(pattern.sub(lambda found: f"{before}{found.group(0)}{after}", html))


def dates(value) -> Markup:
    """A value escaped, each date in it kept on one line (date.html)."""
    return wrap_matches(DATE, escape_html(value), "date.html")


@cache
def environment() -> Environment:
    env = Environment(
        loader=_JoinedLines(FOLDER),
        autoescape=True,
        finalize=_escaped,
        undefined=StrictUndefined,
        auto_reload=False,  # the templates are code: a build never sees them change
    )
    env.filters["dates"] = dates
    return env


def render(name: str, **values) -> str:
    """Template `name` filled with `values`, as a plain string: Markup added to a string
    escapes the string, so HTML leaves here as str and goes into another template as Markup."""
    return environment().get_template(name).render(**values)
