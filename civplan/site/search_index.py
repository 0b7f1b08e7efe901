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


def index_html(html: str) -> str:
    """A page as Pagefind should read it: its text in pairs, its tags and attributes untouched."""
    parts = TAG.split(html)
    return "".join(part if i % 2 else index_text(part) for i, part in enumerate(parts))


BATCH = 200
"""Pages paired and handed to Pagefind at a time: the pages in flight stay a few megabytes."""

MERGE = "merge.json"
"""Beside Pagefind's files: the other bundles a reader's search joins (assets/search.js), written
for every site so that the browser never asks for a file that is not there; [] on an ordinary
site, one bundle per shard on a sharded site's top level (civplan.site.shards)."""


def _paired(path: str) -> str | None:
    """One page with its text in pairs, or None if it has no searchable content."""
    html = Path(path).read_text("utf-8")
    return index_html(html) if "data-pagefind-body" in html else None


def _url(relative: str) -> str:
    """plans/x/index.html → /plans/x/, as Pagefind's own command line names pages."""
    return "/" + relative.removesuffix("index.html")


async def _index(site: Path, pages: list[Path], pool) -> int:
    """Feed the pages to one Pagefind index BATCH at a time; return how many had content.

    Pagefind's command line reads every page of the site at once and held 6 GB at 10,000
    plans; through its Python API it keeps only what each page adds to the index."""
    config = IndexConfig(
        force_language=LANGUAGE,
        exclude_selectors=[IGNORED],
        output_path=str(site / "pagefind"),
    )
    marked = 0
    async with PagefindIndex(config=config) as index:
        for start in range(0, len(pages), BATCH):
            batch = pages[start : start + BATCH]
            paired = (
                pool.map(_paired, map(str, batch), chunksize=20)
                if pool
                else map(_paired, map(str, batch))
            )
            adding = [
                index.add_html_file(content=html, url=_url(page.relative_to(site).as_posix()))
                for page, html in zip(batch, paired, strict=True)
                if html is not None
            ]
            marked += len(adding)
            await asyncio.gather(*adding)
        if not marked:
            raise BuildError(
                "没有页面标出可搜索的正文（data-pagefind-body），搜索索引无法建立。"
                "请确认 mkdocs.yml 的 theme.custom_dir 是 overrides。"
            )
    return marked


PARALLEL_FROM = 400


def build(site_dir: str) -> None:
    """Write the index and Pagefind's script to <site_dir>/pagefind/, served with the site."""
    site = Path(site_dir)
    pages = [p for p in sorted(site.rglob("*.html")) if not p.is_relative_to(site / "pagefind")]
    try:
        if len(pages) < PARALLEL_FROM:
            asyncio.run(_index(site, pages, None))
        else:  # the pairing is pure Python: on every core it takes half the time at 2,000 plans
            with ProcessPoolExecutor() as pool:
                asyncio.run(_index(site, pages, pool))
    except BuildError:
        raise
    except Exception as err:  # the Pagefind service reports its failures as plain exceptions
        raise BuildError(f"搜索索引没有建成（Pagefind）：{err}") from None
    merge = site / "pagefind" / MERGE
    if not merge.exists():
        merge.write_text("[]\n", "utf-8")
