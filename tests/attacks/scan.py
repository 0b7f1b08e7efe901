"""What a built site would run or fetch: handlers, scripts, off-site URLs, compared with the sample's.

The HTML is read with lxml (as a browser would parse it), so entities are decoded and a payload
that only looks escaped in the source is still seen. A finding the sample site also has is the
theme's own and is not reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import lxml.html

URL_ATTRIBUTES = {"src", "href", "srcset", "action", "formaction", "poster", "data", "background"}
ACTIVE_TAGS = {"iframe", "frame", "object", "embed", "base", "form", "applet"}
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)
CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]+)", re.I)
SAFE_LINK_SCHEMES = {"mailto", "tel"}


@dataclass(frozen=True)
class Finding:
    page: str
    what: str

    def __str__(self) -> str:
        return f"{self.page}: {self.what}"


def browser_url(value: str) -> str:
    """The URL as a browser reads it: outer blanks dropped, tab and newlines removed inside."""
    return re.sub(r"[\t\n\r]", "", value.strip(" \t\n\r\f\x00"))


def off_site(value: str, link: bool) -> bool:
    url = browser_url(value)
    if url[:2] in ("//", "/\\", "\\\\", "\\/"):
        return True
    scheme = SCHEME.match(url)
    if not scheme:
        return False
    return not (link and scheme.group(1).lower() in SAFE_LINK_SCHEMES)


def _normalise_script(text: str) -> str:
    """An inline theme script differs between pages only by the relative path to the root."""
    text = text.replace("../", "")
    return re.sub(r"([\"'])\.{1,2}\1", '""', text).strip()


def _urls(element) -> list[tuple[str, str]]:
    found = []
    for name, value in element.attrib.items():
        name = name.lower()
        if name in URL_ATTRIBUTES:
            values = [part.strip().split(" ")[0] for part in value.split(",")]
            found += [(name, v) for v in (values if name == "srcset" else [value])]
        elif name == "style":
            found += [("style", v) for v in CSS_URL.findall(value)]
    if element.tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
        found.append(("refresh", (element.get("content") or "").partition("=")[2]))
    if element.tag == "style":
        found += [("style", v) for v in CSS_URL.findall(element.text_content())]
    return found


def page_items(html: str) -> set[str]:
    """Every handler, script, active element and off-site URL of one page, as comparable strings."""
    items: set[str] = set()
    root = lxml.html.document_fromstring(html or "<html></html>")
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                items.add(f'<{tag} {name}="{value}">')
        if tag == "script":
            source = element.get("src")
            body = source.replace("../", "") if source else _normalise_script(element.text or "")
            items.add(f"<script> {body[:300]}")
        if tag in ACTIVE_TAGS:
            items.add(f"<{tag}> element")
        link = tag in ("a", "area")
        for name, value in _urls(element):
            if off_site(value, link and name == "href"):
                items.add(f'<{tag} {name}="{value}">')
    return items


def site_items(site: Path) -> dict[str, set[str]]:
    """page (relative to the site) -> its items, for every HTML file of a built site."""
    return {
        str(path.relative_to(site)): page_items(path.read_text("utf-8", "replace"))
        for path in sorted(site.rglob("*.html"))
    }


def baseline(site: Path) -> set[str]:
    """Everything the untouched sample site has: the theme's scripts, the sample's own links."""
    return set().union(*site_items(site).values())


def findings(site: Path, allowed: set[str]) -> list[Finding]:
    return [
        Finding(page, item)
        for page, items in site_items(site).items()
        for item in sorted(items - allowed)
    ]


def outside_files(folder: Path) -> list[Path]:
    """Files a build wrote where it must not (a sentinel folder)."""
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []
