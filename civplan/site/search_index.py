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
pages that contain it, with no dictionary to keep up to date. The pairs live only in a temporary
copy that Pagefind reads; the published pages keep their text.

Only the content the theme marks with data-pagefind-body is indexed (overrides/main.html).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

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


PARALLEL_FROM = 400


def _copy_for_index(job: tuple[str, str]) -> bool:
    """Copy one page, its text in pairs, if it has searchable content; say whether it had."""
    source, target = job
    html = Path(source).read_text("utf-8")
    if "data-pagefind-body" not in html:
        return False
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    Path(target).write_text(index_html(html), "utf-8")
    return True


def build(site_dir: str) -> None:
    """Write the index and Pagefind's script to <site_dir>/pagefind/, served with the site."""
    site = Path(site_dir)
    with tempfile.TemporaryDirectory(prefix="civplan-search-") as copy:
        jobs = [
            (str(page), str(Path(copy) / page.relative_to(site))) for page in site.rglob("*.html")
        ]
        if len(jobs) < PARALLEL_FROM:
            marked = sum(map(_copy_for_index, jobs))
        else:  # the pairing is pure Python: on every core it takes half the time at 2,000 plans
            with ProcessPoolExecutor() as pool:
                marked = sum(pool.map(_copy_for_index, jobs, chunksize=100))
        if not marked:
            raise BuildError(
                "没有页面标出可搜索的正文（data-pagefind-body），搜索索引无法建立。"
                "请确认 mkdocs.yml 的 theme.custom_dir 是 overrides。"
            )
        command = [sys.executable, "-m", "pagefind", "--site", copy, "--quiet"]
        command += ["--output-path", str(site / "pagefind"), "--force-language", LANGUAGE]
        command += ["--exclude-selectors", IGNORED]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BuildError(
            f"搜索索引没有建成（Pagefind 退出码 {result.returncode}）：{result.stderr}"
        )
