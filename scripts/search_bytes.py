"""Bytes one search downloads in Chromium: for scripts/bench.py, or alone on a built site.

    .venv/bin/python scripts/search_bytes.py site 志愿服务
    .venv/bin/python scripts/search_bytes.py site 志愿服务 林卫东   # several, each in a fresh context

Serves the site on 127.0.0.1, opens a guide's page (START) in Debian's Chromium (Playwright),
types the query into the search box as a reader would, waits for the results and adds up the
bodies of every file under /pagefind/ fetched since the page loaded (Pagefind's scripts, wasm,
entry, metadata, index chunks and result fragments; on a sharded top level the search tier's
files, or, before it, every shard's Pagefind files).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from conftest import serve, type_search  # noqa: E402 (the tests' local server, one for every script)

CHROMIUM = "/usr/bin/chromium"
START = "reference/"


@dataclass(frozen=True)
class Searched:
    query: str
    size: int
    """Bytes of every Pagefind or search tier file fetched (everything under /pagefind/)."""
    files: int
    found: tuple[str, ...]
    """The results on screen, as addresses relative to the site, best first."""


def search_bytes(site: Path, query: str) -> tuple[int, int]:
    """(bytes, files) Pagefind fetched for one search of `query` on the built `site`."""
    done = searches(site, [query])[0]
    return done.size, done.files


def searches(site: Path, queries: list[str]) -> list[Searched]:
    """Each query typed into the home page's search box as a reader would, each in a fresh
    browser context (nothing cached from the query before); what it fetched and found."""
    from playwright.sync_api import sync_playwright

    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        done = [_search(browser, url, query) for query in queries]
        browser.close()
    return done


def _search(browser, url: str, query: str) -> Searched:
    finished = []  # requests; their sizes are asked for once the page is quiet, not in the
    # event handler, where a reply still on its way when the browser closes raised TargetClosedError
    context = browser.new_context()
    page = context.new_page()
    # from a guide's page, not the home page: a province's home page lists thousands of tasks
    # and took minutes to open; the search box and its files are the same on every page
    page.goto(url + START, timeout=600_000)
    page.on("requestfinished", lambda request: finished.append(request))
    type_search(page, query, timeout=600_000)
    page.wait_for_load_state("networkidle")
    fetched = [r.sizes()["responseBodySize"] for r in finished if "/pagefind/" in r.url]
    links = page.locator(".md-search-result__item a.md-search-result__link")
    found = tuple(href.removeprefix(url) for href in links.evaluate_all("a => a.map(x => x.href)"))
    context.close()
    return Searched(query, sum(fetched), len(fetched), found)


if __name__ == "__main__":
    for done in searches(Path(sys.argv[1]), sys.argv[2:]):
        print(f"一次搜索“{done.query}”：{done.size / 1e3:.0f} KB，{done.files} 个文件")
        for address in done.found:
            print(f"  {address}")
