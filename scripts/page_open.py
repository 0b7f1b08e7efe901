"""Seconds Chromium takes to open one page of a built site as a phone would: for scripts/bench.py,
or alone.

    .venv/bin/python scripts/page_open.py site plans/

Serves the site on 127.0.0.1, opens the page in Debian's Chromium (Playwright) 390 px wide with
the CPU slowed four times (Chromium's own throttling, about a mid-range phone), and times it from
the request to the load event, when the page's scripts (Material's, directory.js) have run.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from search_bytes import CHROMIUM, serve

PHONE = {"width": 390, "height": 844}
SLOWDOWN = 4


def open_seconds(site: Path, path: str) -> float:
    from playwright.sync_api import sync_playwright

    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport=PHONE)
        session = page.context.new_cdp_session(page)
        session.send("Emulation.setCPUThrottlingRate", {"rate": SLOWDOWN})
        start = time.perf_counter()
        page.goto(url + path, timeout=900_000)
        seconds = time.perf_counter() - start
        browser.close()
    return seconds


FIRST_ROW = ".civ-directory-wrap tbody tr"


def first_transfer(site: Path, path: str = "plans/") -> tuple[int, int, int]:
    """(gzip bytes, bytes, files) of everything Chromium fetched from opening the directory at
    `path` until its first row shows and the page has loaded, 390 px wide (a browser may paint
    the first rows of a long page before the rest arrives, but its filters work only once all
    of it has). Each file is counted gzip-compressed (level
    6, as a web server compresses HTML, CSS and scripts), since the local server sends them as
    they are; files compressed already (Pagefind's, the search tier's) would count as they are."""
    import gzip

    from playwright.sync_api import sync_playwright

    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport=PHONE)
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(url + path, timeout=900_000)
        page.wait_for_selector(FIRST_ROW, state="visible", timeout=900_000)
        fetched = [response.url.removeprefix(url) for response in list(responses)]
        browser.close()
    # read from the site's files: Chromium does not keep a body of 27 MB for the asking
    bodies = [_served(site, address).read_bytes() for address in fetched]
    packed = sum(min(len(gzip.compress(body, 6)), len(body)) for body in bodies)
    return packed, sum(map(len, bodies)), len(bodies)


def _served(site: Path, address: str) -> Path:
    """The file the local server sent for `address` (relative to the site, maybe with ?…)."""
    path = site / address.split("?")[0].split("#")[0]
    return path / "index.html" if path.is_dir() else path


if __name__ == "__main__":
    seconds = open_seconds(Path(sys.argv[1]), sys.argv[2])
    print(f"打开 {sys.argv[2]}（390 像素宽，CPU 减速 {SLOWDOWN} 倍）：{seconds:.1f} s")
