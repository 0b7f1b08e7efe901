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
pages that contain it, with no dictionary to keep up to date. The pairs live only in copies
written to a temporary folder for Pagefind, one part of the index at a time; the published pages
keep their text. A part whose pages are byte for byte those of the last build is copied from
.cache/search/ instead (the part's key is its pages' digests and this module's code).

Only the content the theme marks with data-pagefind-body is indexed (overrides/main.html).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import civplan.model.text
from civplan import cache
from civplan.site.errors import SiteError

LANGUAGE = "und"
"""The index's language: none that Pagefind would cut into words again (assets/search.js too)."""

IGNORED = ".headerlink"
"""Parts of the content region that are not text: the ¶ anchors beside headings."""

PAGEFIND = metadata.version("pagefind")
SELF = Path(__file__).read_bytes()
"""This module's own code: how pages are paired is part of every index part's key."""

HAN = re.compile(f"[{civplan.model.text.HAN}]+")
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


KEPT = 'data-pagefind-meta="title"'
"""The element that holds a result's title (overrides/main.html): shown as it is, not paired."""


def index_html(html: str) -> str:
    """A page as Pagefind should read it: its text in pairs, its tags and attributes untouched."""
    parts = _separated(TAG.split(html))
    return "".join(
        part if i % 2 or (i and KEPT in parts[i - 1]) else index_text(part)
        for i, part in enumerate(parts)
    )


PER_INDEX = int(os.environ.get("CIVPLAN_SEARCH_PER_INDEX") or 1000)
"""Pages in one Pagefind index, about (CIVPLAN_SEARCH_PER_INDEX: the tests make it small).
Pagefind keeps an index in memory until it writes it, and writing one of 1,500 plan pages took
it to about 800 MB beside the build's own 1.3 GB at 10,000 plans (docs/reference/performance.md);
so a larger site gets several indexes — pagefind/, then pagefind/part-1/, part-2/ … — each
written and its memory given back before the next begins, and the reader's browser joins them
with mergeIndex (assets/search.js)."""

MERGE = "merge.json"
"""Beside Pagefind's files: {"indexes": the other indexes a reader's search joins, each as the
folder of its bundle and the address its pages are under, both relative to pagefind/; "tier":
the folder of a sharded top level's search tier (civplan.site.search_tier), else null}. Written
for every site (indexes [] on a small one), so that the browser never asks for a file that is
not there."""

MARK = b"data-pagefind-body"


@dataclass(frozen=True)
class Page:
    url: str
    """/plans/x/, as Pagefind names the page at plans/x/index.html."""
    path: Path
    digest: str
    """Of the page's bytes: a part whose pages all have the same digests is the same index."""


def searchable(site: Path) -> list[Page]:
    """The pages the theme marked with data-pagefind-body, read one at a time."""
    found = []
    for path in sorted(site.rglob("*.html")):
        if path.is_relative_to(site / "pagefind") or not path.is_file():
            continue  # a folder named x.html is not a page
        data = path.read_bytes()
        if MARK in data:
            url = "/" + path.relative_to(site).as_posix().removesuffix("index.html")
            found.append(Page(url, path, hashlib.sha256(data).hexdigest()))
    return found


def parts(pages: list[Page], per_index: int = PER_INDEX) -> list[list[Page]]:
    """About `per_index` pages a part; a page is in the same part from one build to the next
    (chosen by its address), so that a changed plan changes one part and the others are reused."""
    count = max(1, math.ceil(len(pages) / per_index))
    chosen: list[list[Page]] = [[] for _ in range(count)]
    for page in pages:
        chosen[int(hashlib.sha256(page.url.encode()).hexdigest(), 16) % count].append(page)
    return [part for part in chosen if part]


def _pair_file(job: tuple[Path, Path]) -> None:
    source, target = job
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(index_html(source.read_text("utf-8")), "utf-8")


def _write_index(paired: Path, output: Path) -> None:
    """One Pagefind index of the paired pages in `paired`, written to `output`, by Pagefind's
    command line. Not its Python API: that stops the Pagefind process as soon as it answers
    "files written", while its last writes may still be on their way to disk, and on a busy
    machine one run in five left pagefind-entry.json empty, so no search on the site worked.
    The command returns only when every file is written."""
    command = [
        sys.executable, "-m", "pagefind", "--site", str(paired), "--output-path", str(output),
        "--force-language", LANGUAGE, "--exclude-selectors", IGNORED, "--silent",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise SiteError(f"搜索索引没有建成（Pagefind）：{(done.stderr or done.stdout).strip()}")
    _check_entry(output)


def _check_entry(output: Path) -> None:
    """The file every search reads first: unreadable, and the site's search finds nothing."""
    try:
        json.loads((output / "pagefind-entry.json").read_text("utf-8"))
    except (OSError, ValueError):
        raise SiteError(
            f"搜索索引不完整：{output / 'pagefind-entry.json'} 缺失或无法读取。请重新构建。"
        ) from None


def _part_key(part: list[Page]) -> str:
    made_by = f"{PAGEFIND} {LANGUAGE} {IGNORED}".encode() + SELF
    return cache.key(made_by, *(f"{page.url}\0{page.digest}" for page in part))


def _make_part(site: Path, part: list[Page], output: Path, work: Path, pool) -> None:
    """Pair the part's pages into `work` (the published pages keep their text), index them."""
    jobs = [(page.path, work / page.path.relative_to(site)) for page in part]
    list(pool.map(_pair_file, jobs, chunksize=20) if pool else map(_pair_file, jobs))
    _write_index(work, output)
    shutil.rmtree(work)


def build(site_dir: str, stored: Path | None = None, per_index: int = PER_INDEX) -> None:
    """Write the index and Pagefind's script to <site_dir>/pagefind/, served with the site; with
    `stored` (a folder), a part whose pages are as they were last time is copied from there."""
    site = Path(site_dir)
    pages = searchable(site)
    if not pages:
        raise SiteError(
            "没有页面标出可搜索的正文（data-pagefind-body），搜索索引无法建立。"
            "请确认 mkdocs.yml 的 theme.custom_dir 是 overrides。"
        )
    chosen = parts(pages, per_index)
    folders = ["", *(f"part-{i}/" for i in range(1, len(chosen)))]
    store = PartCache(stored, {f.rstrip("/") for f in folders if f})
    pool = ProcessPoolExecutor() if len(pages) >= PARALLEL_FROM else None
    try:
        for folder, part in zip(folders, chosen, strict=True):
            output = site / "pagefind" / folder
            key = _part_key(part)
            stored = store.get(key)
            if stored:
                shutil.copytree(stored, output, dirs_exist_ok=True)
                continue
            with tempfile.TemporaryDirectory(prefix="civplan-search-") as work:
                _make_part(site, part, output, Path(work) / "pages", pool)
            store.put(key, output)
    finally:
        if pool:
            pool.shutdown()
    store.finish()
    merge = [{"bundle": folder, "base": "../"} for folder in folders[1:]]
    written = json.dumps({"indexes": merge, "tier": None})
    (site / "pagefind" / MERGE).write_text(written + "\n", "utf-8")


PARALLEL_FROM = 400
"""From this many pages the pairing (pure Python) runs on every core."""


class PartCache:
    """Index parts of the last build, a folder each, by the digest of their pages (a
    civplan.cache Cache); none without a folder."""

    def __init__(self, folder: Path | None, nested: set[str]) -> None:
        self.folder = folder
        self.nested = nested
        """The further parts' folders inside pagefind/: not part of the first part's entry."""
        self.used: set[str] = set()

    def get(self, key: str) -> Path | None:
        """The stored part `key`, to copy into the site; None if there is none."""
        if self.folder is None or not (self.folder / key).is_dir():
            return None
        self.used.add(key)
        return self.folder / key

    def put(self, key: str, output: Path) -> None:
        """Store the part just written to `output`."""
        if self.folder is None:
            return
        skip = self.nested if output.name == "pagefind" else set()
        temporary = self.folder / f"{key}.{os.getpid()}.tmp"
        shutil.rmtree(temporary, ignore_errors=True)
        shutil.copytree(output, temporary, ignore=lambda d, names: skip & set(names))
        shutil.rmtree(self.folder / key, ignore_errors=True)
        os.replace(temporary, self.folder / key)
        self.used.add(key)

    def finish(self) -> None:
        """Remove every part this build did not use."""
        if self.folder is None or not self.folder.is_dir():
            return
        for entry in self.folder.iterdir():
            if entry.name not in self.used:
                shutil.rmtree(entry, ignore_errors=True)
