"""The site's own HTML: the templates of civplan/site/templates/, rendered with autoescape on.

Every value from a plan is escaped on its way into a template, quotes and braces too (`e`):
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

from civplan.model import lifecycle

FOLDER = Path(__file__).with_name("templates")

DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?|\d{4}年\d{1,2}月\d{1,2}日(?: \d{1,2}:\d{2})?"
)


def e(value) -> str:
    """HTML-escape a value (quotes too, so it is safe in attributes). Braces become entities as
    well: they look the same in a browser but can never be read as a template by a renderer."""
    return escape(str(value), quote=True).replace("{", "&#123;").replace("}", "&#125;")


class _JoinedLines(FileSystemLoader):
    """Templates are written one element a line, indented, for reading; the HTML has none of
    that whitespace: each line break and the indentation after it are dropped on loading."""

    def get_source(self, environment, template):
        source, path, uptodate = super().get_source(environment, template)
        return re.sub(r"\n[ \t]*", "", source), path, uptodate


def _escaped(value) -> Markup:
    """What autoescape does, with `e`'s rules (quotes as entities, braces too)."""
    return value if isinstance(value, Markup) else Markup(e(value))


def fill(wording: str, **values) -> Markup:
    """Our wording with {placeholders}, escaped (its braces kept), filled with escaped values."""
    return Markup(escape(wording, quote=True).format(**{k: _escaped(v) for k, v in values.items()}))


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
    return wrap_matches(DATE, e(value), "date.html")


@cache
def environment() -> Environment:
    env = Environment(
        loader=_JoinedLines(FOLDER),
        autoescape=True,
        finalize=_escaped,
        undefined=StrictUndefined,
    )
    env.filters["dates"] = dates
    env.globals["reports_of"] = reports_of
    return env


def reports_of(item: dict, today) -> list[tuple[dict, str]]:
    """(entry, its progress state) of the dated progress entries of a measure or stage, newest
    first (_parts.html: reports)."""
    entries = lifecycle.reports(item, today)
    return [
        (entry, lifecycle.REPORTED.get(entry.get("status"), lifecycle.NOT_STARTED))
        for entry in reversed(entries)
    ]


def render(name: str, **values) -> str:
    """Template `name` filled with `values`, as a plain string: Markup added to a string
    escapes the string, so HTML leaves here as str and goes into another template as Markup."""
    return environment().get_template(name).render(**values)
