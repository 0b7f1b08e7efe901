"""The site's search index: Pagefind over the built site, with Chinese split into character pairs.

Pagefind splits its index into small files, so a reader's browser downloads only the parts a
query needs (tens of kilobytes), however many plans the site holds; Material's own search
downloads the whole index (about 22 MB per thousand plans) before the first result.

Chinese has no spaces between words. Pagefind's extended build cuts pages into words with one
dictionary when indexing, and the reader's browser cuts the query with another (Intl.Segmenter),
so a query often fails to meet the page's words: “示例县城关镇阳光社区” found nothing. Here every
run of Chinese characters is indexed as its overlapping pairs (“林卫东” → “林卫 卫东”), the way
full-text engines index CJK text without a dictionary, and assets/search.js cuts the query into
the same pairs. A unit's name, a person's name or a term such as “学雷锋” then finds exactly the
pages that contain it, with no dictionary to keep up to date. The pairs live only in the text
handed to Pagefind, a batch of pages at a time; the published pages keep their text.

Only the content the theme marks with data-pagefind-body is indexed (overrides/main.html).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

from civplan.model.errors import BuildError

LANGUAGE = "und"
"""The index's language: none that Pagefind would cut into words again (assets/search.js too)."""

IGNORED = ".headerlink"
"""Parts of the content region that are not text: the ¶ anchors beside headings."""

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
TAG = re.compile(r"(<[^>]*>)")


def pairs(run: str) -> str:
    """“林卫东” → “林卫 卫东”; a single character stays as it is."""
    if len(run) < 2:
        return run
    return " ".join(run[i : i + 2] for i in range(len(run) - 1))


def index_text(text: str) -> str:
    """Text with each run of Chinese characters replaced by its pairs, set apart by spaces."""
    return HAN.sub(lambda match: f" {pairs(match.group())} ", text)


CELL_END = re.compile(r"</(td|th|dd|li)>|</dt>", re.I)
ENDS_A_PHRASE = re.compile(r"[。；：，、！？.;:,!?）)」”]\s*$")


def _separated(parts: list[str]) -> list[str]:
    """A “；” after each table cell, list item and definition, and a “：” after each term, unless
    the text ends in punctuation already: the search excerpt otherwise runs the cells together
    (“创建单位示例市第一人民医院单位类别医院”), since pairing drops the space between them."""
    last_text = None
    for i, part in enumerate(parts):
        if i % 2 == 0:
            if part.strip():
                last_text = i
        elif CELL_END.fullmatch(part) and last_text is not None:
            if not ENDS_A_PHRASE.search(parts[last_text]):
                parts[last_text] = parts[last_text].rstrip() + (
                    "：" if part.lower() == "</dt>" else "；"
                )
            last_text = None
    return parts


def index_html(html: str) -> str:
    """A page as Pagefind should read it: its text in pairs, its tags and attributes untouched."""
    parts = _separated(TAG.split(html))
    return "".join(part if i % 2 else index_text(part) for i, part in enumerate(parts))


BATCH = 200
"""Pages paired and handed to Pagefind at a time: the pages in flight stay a few megabytes."""

PER_INDEX = int(os.environ.get("CIVPLAN_SEARCH_PER_INDEX") or 1000)
"""Pages in one Pagefind index (CIVPLAN_SEARCH_PER_INDEX: the tests make it small). Pagefind keeps an index in memory until it writes it, and
writing one of 1,500 plan pages took it to about 800 MB beside the build's own 1.3 GB at 10,000
plans (docs/reference/performance.md); so a larger site gets several indexes — pagefind/, then
pagefind/part-1/, part-2/ … — each written and its memory given back before the next begins,
and the reader's browser joins them with mergeIndex (assets/search.js)."""

MERGE = "merge.json"
"""Beside Pagefind's files: the other indexes a reader's search joins, each as the folder of its
bundle and the address its pages are under, both relative to pagefind/. Written for every site
(then [] on a small one), so that the browser never asks for a file that is not there."""


def _paired(path: str) -> str | None:
    """One page with its text in pairs, or None if it has no searchable content."""
    html = Path(path).read_text("utf-8")
    return index_html(html) if "data-pagefind-body" in html else None


def _url(relative: str) -> str:
    """plans/x/index.html → /plans/x/, as Pagefind's own command line names pages."""
    return "/" + relative.removesuffix("index.html")


def _batches(site: Path, pages: list[Path], pool):
    """(url, paired HTML) of every searchable page, BATCH pages read at a time."""
    for start in range(0, len(pages), BATCH):
        batch = [str(page) for page in pages[start : start + BATCH]]
        paired = pool.map(_paired, batch, chunksize=20) if pool else map(_paired, batch)
        found = [
            (_url(Path(page).relative_to(site).as_posix()), html)
            for page, html in zip(batch, paired, strict=True)
            if html is not None
        ]
        if found:
            yield found


def _config(output: Path) -> IndexConfig:
    return IndexConfig(
        force_language=LANGUAGE, exclude_selectors=[IGNORED], output_path=str(output)
    )


async def _index(site: Path, pages: list[Path], pool) -> list[str]:
    """Feed the searchable pages to Pagefind, PER_INDEX to an index; return the folders of the
    indexes after the first, relative to pagefind/.

    Pagefind's command line reads every page of the site at once and held 6 GB at 10,000 plans;
    here no more than one index of PER_INDEX pages is held at a time: leaving the `async with`
    writes the index and stops its Pagefind process, which gives its memory back."""
    batches = _batches(site, pages, pool)
    found = next(batches, None)
    if found is None:
        raise BuildError(
            "没有页面标出可搜索的正文（data-pagefind-body），搜索索引无法建立。"
            "请确认 mkdocs.yml 的 theme.custom_dir 是 overrides。"
        )
    parts: list[str] = []
    while found is not None:
        folder = f"part-{len(parts)}/" if parts else ""
        async with PagefindIndex(config=_config(site / "pagefind" / folder)) as index:
            held = 0
            while found is not None and held < PER_INDEX:
                now, rest = found[: PER_INDEX - held], found[PER_INDEX - held :]
                await asyncio.gather(*(index.add_html_file(content=h, url=u) for u, h in now))
                held += len(now)
                found = rest or next(batches, None)
        parts.append(folder)
    return parts[1:]


PARALLEL_FROM = 400


def build(site_dir: str) -> None:
    """Write the index and Pagefind's script to <site_dir>/pagefind/, served with the site."""
    site = Path(site_dir)
    pages = [p for p in sorted(site.rglob("*.html")) if not p.is_relative_to(site / "pagefind")]
    try:
        if len(pages) < PARALLEL_FROM:
            parts = asyncio.run(_index(site, pages, None))
        else:  # the pairing is pure Python: on every core it takes half the time at 2,000 plans
            with ProcessPoolExecutor() as pool:
                parts = asyncio.run(_index(site, pages, pool))
    except BuildError:
        raise
    except Exception as err:  # the Pagefind service reports its failures as plain exceptions
        raise BuildError(f"搜索索引没有建成（Pagefind）：{err}") from None
    merge = [{"bundle": part, "base": "../"} for part in parts]
    (site / "pagefind" / MERGE).write_text(json.dumps(merge) + "\n", "utf-8")
