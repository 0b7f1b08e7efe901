"""Bytes one search downloads in Chromium: for scripts/bench.py, or alone on a built site.

    .venv/bin/python scripts/search_bytes.py site 志愿服务

Serves the site on 127.0.0.1, opens its home page in Debian's Chromium (Playwright), types the
query into the search box as a reader would, waits for the results and adds up the bodies of
every Pagefind file fetched since the page loaded (scripts, wasm, entry, metadata, index chunks,
result fragments; on a sharded site's top level, every shard's too).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from conftest import serve  # noqa: E402 (the tests' local server, one for every script)

CHROMIUM = "/usr/bin/chromium"


def search_bytes(site: Path, query: str) -> tuple[int, int]:
    """(bytes, files) Pagefind fetched for one search of `query` on the built `site`."""
    from playwright.sync_api import sync_playwright

    finished = []  # requests; their sizes are asked for once the page is quiet, not in the
    # event handler, where a reply still on its way when the browser closes raised TargetClosedError
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(url)
        page.on("requestfinished", lambda request: finished.append(request))
        page.click("#civ-search-query")
        page.keyboard.type(query, delay=30)
        page.wait_for_function(
            "q => document.querySelector('[data-civ-search]').dataset.shown === q",
            arg=query,
            timeout=300_000,
        )
        page.wait_for_load_state("networkidle")
        fetched = [r.sizes()["responseBodySize"] for r in finished if "/pagefind/" in r.url]
        browser.close()
    return sum(fetched), len(fetched)


if __name__ == "__main__":
    size, files = search_bytes(Path(sys.argv[1]), sys.argv[2])
    print(f"一次搜索“{sys.argv[2]}”：{size / 1e3:.0f} KB，{files} 个文件")
