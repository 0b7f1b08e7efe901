"""Run `mkdocs build` and write where its time went to a JSON file: for scripts/bench.py.

    python scripts/build_phases.py PHASES.json build -q -d site

MkDocs calls every plugin through PluginCollection.run_event; wrapping it records when each
event first started and last ended and how long its handlers took in all. Pages are rendered
between the first on_pre_page and the last on_post_page; the Word files and the search index
are timed by wrapping what the civplan plugin waits for in on_post_build (the Word files are
made in the background from on_files on; what is timed is the wait after the pages and the
search index). Nothing in
the site changes: the same build, observed.
"""

from __future__ import annotations

import atexit
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

STARTED = time.perf_counter()
events: dict[str, dict[str, float]] = defaultdict(lambda: {"first": 0.0, "last": 0.0, "in": 0.0})
spans: dict[str, float] = defaultdict(float)


def _observe_events() -> None:
    from mkdocs.plugins import PluginCollection

    run_event = PluginCollection.run_event

    def timed(self, name, item=None, **kwargs):
        start = time.perf_counter()
        try:
            return run_event(self, name, item, **kwargs)
        finally:
            end = time.perf_counter()
            record = events[name]
            record["first"] = record["first"] or start - STARTED
            record["last"] = end - STARTED
            record["in"] += end - start

    PluginCollection.run_event = timed


def _timed(owner, name: str, label: str) -> None:
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spans[label] += time.perf_counter() - start

    setattr(owner, name, wrapper)


def phases() -> dict[str, float]:
    """Seconds per phase of the build, in the order they happen."""
    total = time.perf_counter() - STARTED
    pages = events["post_page"]["last"] - events["pre_page"]["first"]
    result = {
        "启动与读取配置": events["config"]["last"],
        "载入、检查方案，修订记录与派生文件": events["files"]["in"],
        "渲染页面（Markdown、宏、主题模板）": pages,
        "其中宏与本站的页面事件": events["page_markdown"]["in"] + events["page_content"]["in"],
        "Word 文件（页面和搜索索引完成后仍需等待的部分）": spans["word"],
        "搜索索引": spans["search"],
    }
    accounted = sum(v for k, v in result.items() if not k.startswith("其中"))
    result["其他（导航、复制静态文件、退出）"] = total - accounted
    result["合计"] = total
    return result


def main() -> None:
    out = Path(sys.argv[1])
    _observe_events()
    from civplan.site import build, search_index

    _timed(build.Build, "finish_word_files", "word")
    _timed(search_index, "build", "search")
    atexit.register(lambda: out.write_text(json.dumps(phases(), ensure_ascii=False), "utf-8"))
    from mkdocs.__main__ import cli

    sys.argv = ["mkdocs", *sys.argv[2:]]
    cli()


if __name__ == "__main__":
    main()
