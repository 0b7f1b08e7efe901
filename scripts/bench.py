"""bench: build the real site and a plain Material site on N synthetic plans, side by side.

    .venv/bin/python scripts/bench.py                  # N = 100, 500, 2000
    .venv/bin/python scripts/bench.py --sizes 10000 --rounds 1 --no-baseline

For each N it writes N valid plans (scripts/synthetic_plans.py, checked by civplan) into a
temporary tree, renders the same plans to plain Markdown for the baseline (Material with
navigation.prune and search + jieba, the configuration the issue measured), builds once cold
(no Word files cached, as a fresh clone or CI without a cache), then (a) and (b) alternately for
--rounds rounds, and prints medians, the ratio a/b, the peak memory summed over the whole process
tree (RSS and PSS, sampled every 0.1 s with psutil: the build, its worker processes, Pagefind),
where the time went (scripts/build_phases.py), one plan page's size, the bytes a reader
downloads for one search, the rebuild after one plan changes, the time of `check` over all N
plans and the time to preview one plan (CIVPLAN_ONLY). It prints the load average at the start
and the end: on a shared machine the times grow with it. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "tests"))

from one_change import Side, checkout, edit, remove_checkout, serve_after_save, spread  # noqa: E402
from page_open import SLOWDOWN, first_transfer, open_seconds  # noqa: E402
from search_bytes import search_bytes as chromium_search_bytes  # noqa: E402
from search_bytes import searches  # noqa: E402
from synthetic_plans import write_plans  # noqa: E402

from civplan.export.cache import WordCache, exporter_version, write_word_files  # noqa: E402
from civplan.model.lifecycle import moment  # noqa: E402
from civplan.model.loader import load  # noqa: E402
from civplan.site import sections  # noqa: E402
from civplan.site.inputs import cache_root  # noqa: E402

from conftest import make_project  # noqa: E402

NOW = "2026-11-28T10:00"
BASELINE_CONFIG = """site_name: 基线
theme:
  name: material
  language: zh
  features: [navigation.prune]
plugins:
  - search:
      lang: zh
"""


SAMPLE_EVERY = 0.5
"""Seconds between two readings of the process tree's memory. Reading every 0.1 s took a fifth
of one of the two cores, which the build it measures then lacked."""


@dataclass
class Measured:
    seconds: float
    rss_mb: int
    """Peak of the resident memory summed over the command and every process it started."""
    pss_mb: int
    """The same peak with shared pages split between the processes that share them (PSS): the
    memory the tree really takes; RSS counts a page once in every forked worker."""
    phases: dict[str, float] = field(default_factory=dict)


def _tree_memory(process: psutil.Process, pss: bool) -> tuple[int, int]:
    """(RSS, PSS) in bytes summed over `process` and all its descendants, now; PSS only if
    asked (0 otherwise): the kernel walks every page of a process to count it."""
    total_rss = total_pss = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            info = member.memory_full_info() if pss else member.memory_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
        total_rss += info.rss
        total_pss += getattr(info, "pss", info.rss) if pss else 0
    return total_rss, total_pss


PSS_EVERY = 4
"""PSS on every fourth reading (every 2 s): at 50,000 plans reading it every 0.5 s took more
than half of one core, which the build being measured then lacked."""


def measured(command: list[str], cwd: Path, env: dict | None = None) -> Measured:
    """Wall time and peak memory of the whole process tree of one command; for `python -m
    mkdocs …`, the time of each phase too (run through scripts/build_phases.py)."""
    with tempfile.TemporaryDirectory(prefix="bench-phases-") as tmp:
        phases_file = Path(tmp) / "phases.json"
        if command[1:3] == ["-m", "mkdocs"]:
            runner = str(REPO / "scripts" / "build_phases.py")
            command = [command[0], runner, str(phases_file), *command[3:]]
        peak_rss = peak_pss = 0
        errors = (Path(tmp) / "stderr").open("w+b")  # a pipe would fill and stop the build
        started = time.perf_counter()
        process = psutil.Popen(
            command,
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "CIVPLAN_TODAY": NOW, **(env or {})},
        )
        with process, errors:
            readings = 0
            while process.poll() is None:
                rss, pss = _tree_memory(process, readings % PSS_EVERY == 0)
                peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
                readings += 1
                time.sleep(SAMPLE_EVERY)
            seconds = time.perf_counter() - started
            if process.returncode != 0:
                errors.seek(0)
                message = errors.read().decode("utf-8", "replace")[-3000:]
                raise SystemExit(f"命令失败：{' '.join(command)}\n{message}")
        phases = json.loads(phases_file.read_text("utf-8")) if phases_file.exists() else {}
    result = Measured(seconds, peak_rss // 2**20, peak_pss // 2**20, phases)
    # as it goes, on stderr: a run at 50,000 plans takes an hour, and may be stopped
    print(
        f"[{' '.join(command[2:5])} … in {cwd.name}: {seconds:.1f} s, PSS {result.pss_mb} MB]",
        file=sys.stderr,
    )
    return result


def real_project(root: Path, count: int) -> Path:
    """The project as the tests build it (tests/conftest.py), with `count` synthetic plans."""
    return make_project(root, plan_writer=lambda folder: write_plans(folder, count))


def baseline_project(root: Path, plans: Path) -> Path:
    """The same plans as plain Markdown (macros expanded by the same functions), for Material."""
    docs = root / "docs" / "plans"
    docs.mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# 基线\n", "utf-8")
    (root / "mkdocs.yml").write_text(BASELINE_CONFIG, "utf-8")
    now = moment(NOW)
    for path in sorted(plans.glob("*.md")):
        plan, _ = load(path)
        body = plan.body
        for name, section in sections.PLAN_MACROS.items():
            body = body.replace(f"{{{{ {name}() }}}}", section(plan.meta, now))
        (docs / path.name).write_text(
            f"# {plan.meta['title']}\n\n{sections.card(plan.meta, now)}\n{body}", "utf-8"
        )
    return root


def search_bytes(site: Path) -> str:
    """What one search costs a reader: Pagefind's entry files plus the index chunks a query
    loads are measured in the browser tests; here, the largest single download either needs."""
    material = site / "search" / "search_index.json"
    if material.exists():
        return f"{material.stat().st_size / 1e6:.1f} MB（Material 的整个索引，搜索前必须全部下载）"
    pagefind = site / "pagefind"
    if pagefind.exists():
        chunks = [p.stat().st_size for p in pagefind.rglob("*.pf_index")]
        fixed = sum(p.stat().st_size for p in pagefind.glob("pagefind*.js")) + sum(
            p.stat().st_size for p in pagefind.glob("*.pagefind")
        )
        wasm = sum(p.stat().st_size for p in pagefind.glob("wasm.*"))
        largest = max(chunks, default=0)
        return (
            f"{(fixed + wasm + 2 * largest) / 1e3:.0f} KB 以内（Pagefind：入口 {fixed / 1e3:.0f} KB + wasm "
            f"{wasm / 1e3:.0f} KB + 两个索引分片，最大分片 {largest / 1e3:.0f} KB；共 {len(chunks)} 个分片）"
        )
    return "（没有搜索索引）"


def page_size(site: Path) -> int:
    pages = sorted((site / "plans").glob("plan-*/index.html")) or sorted(
        (site / "plans").glob("plan-*/index.html")
    )
    return pages[len(pages) // 2].stat().st_size if pages else 0


def directory_size(site: Path) -> str:
    """The plan directory (one page with every plan and its filters): bytes and gzipped bytes,
    what a reader's phone downloads."""
    page = site / "plans" / "index.html"
    if not page.is_file():
        return "（没有方案目录页）"
    data = page.read_bytes()
    try:
        opened = f"，Chromium 在 390 像素宽、CPU 减速 {SLOWDOWN} 倍时打开它要 {open_seconds(site, 'plans/'):.1f} s"
    except Exception as err:  # no Playwright or no Chromium here: say so, measure the rest
        opened = f"，打开时间没有测成：{type(err).__name__}"
    return f"{len(data) / 1e6:.1f} MB（gzip 后 {len(gzip.compress(data)) / 1e6:.2f} MB）{opened}"


def timed_build(root: Path, env: dict | None = None, site: str = "site") -> Measured:
    shutil.rmtree(root / site, ignore_errors=True)
    return measured([sys.executable, "-m", "mkdocs", "build", "-q", "-d", site], root, env)


def load_average() -> str:
    """The machine's load over the last 1, 5 and 15 minutes: on a shared machine every figure
    here is inflated by what else runs, and this says by how much the cores were wanted."""
    return " / ".join(f"{value:.1f}" for value in os.getloadavg()) + f"（{os.cpu_count()} 核）"


def rebuild_one(real: Path) -> Measured:
    """Change one plan's text and build again: what an editor's commit costs the whole site."""
    one = sorted((real / "plans").glob("*.md"))[0]
    one.write_text(one.read_text("utf-8").replace("## 指导思想\n\n", "## 指导思想\n\n改。", 1))
    return timed_build(real)


def seed_word_cache(real: Path) -> None:
    """Fill the Word cache as a previous build would have, with one real Word file for every
    plan: the warm figures without the hour a cold build takes on a loaded shared machine."""
    cache = cache_root(real) / "docx"
    plans = sorted((real / "plans").glob("*.md"))
    today = moment(NOW).date()
    write_word_files([(plans[0], real / "one.docx")], today, cache)
    version, entries = exporter_version(), WordCache(cache)
    made = entries.path(entries.key(plans[0], today, version))
    for path in plans[1:]:
        target = entries.path(entries.key(path, today, version))
        if not target.exists():
            os.link(made, target)


def bench(count: int, rounds: int, baseline: bool, cold: bool = True, extras: bool = True) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"bench-{count}-") as tmp:
        real = real_project(Path(tmp) / "real", count)
        base = baseline_project(Path(tmp) / "base", real / "plans") if baseline else None
        result = {"N": count, "load_start": load_average()}
        # a fresh clone, as CI without a cache: no Word files in its cache yet; the rounds are warm
        # the rounds after it are warm: Word files, pages and index parts from the build before
        if cold:
            result["cold"] = timed_build(real)
        else:
            seed_word_cache(real)
            result["first"] = timed_build(real)
        runs: dict[str, list[Measured]] = {"a": [], "b": []}
        for _ in range(rounds):
            for key, root in (("a", real), ("b", base)):
                if root is not None:
                    runs[key].append(timed_build(root))
        if extras:
            result["rebuild_one"] = rebuild_one(real)
            result["check_s"] = measured(
                [sys.executable, "-m", "civplan", "check", "plans"], real
            ).seconds
            one = sorted((real / "plans").glob("*.md"))[count // 2]
            result["preview_s"] = timed_build(
                real,
                {"CIVPLAN_ONLY": str(one.relative_to(real)), "CIVPLAN_DRAFTS": "1"},
                "preview",
            ).seconds
        for key, site in (("a", real / "site"), ("b", base / "site" if base else None)):
            if not runs[key]:
                continue
            median = sorted(runs[key], key=lambda m: m.seconds)[len(runs[key]) // 2]
            result[key] = median
            result[f"{key}_peak_rss_mb"] = max(m.rss_mb for m in runs[key])
            result[f"{key}_peak_pss_mb"] = max(m.pss_mb for m in runs[key])
            result[f"{key}_page_bytes"] = page_size(site)
            result[f"{key}_search"] = search_bytes(site)
        result["a_search_chromium"] = in_chromium(real / "site")
        result["a_directory"] = directory_size(real / "site")
        result["load_end"] = load_average()
        return result


QUERY = "志愿服务"


def in_chromium(site: Path) -> str:
    """What one search of QUERY downloads, measured in Chromium (scripts/search_bytes.py)."""
    try:
        size, files = chromium_search_bytes(site, QUERY)
    except Exception as err:  # no Playwright or no Chromium here: say so, measure the rest
        return f"（浏览器里没有测成：{type(err).__name__}）"
    return f"Chromium 实测搜索“{QUERY}”：{size / 1e3:.0f} KB，{files} 个文件"


def shards_command(real: Path, *args: str) -> Measured:
    return measured([sys.executable, "-m", "civplan.site.shards", *args], real)


def sharded_search_bytes(site: Path) -> str:
    """One search on the top level: the top level's Pagefind entry and wasm once, then, for every
    index of every shard (a large shard's comes in parts), its entry and metadata files and at
    most two index chunks (the largest)."""
    shards = sorted(site.glob("*/pagefind"))
    bundles = [site / "pagefind", *shards, *(p for s in shards for p in sorted(s.glob("part-*")))]
    wasm = sum(p.stat().st_size for p in (site / "pagefind").glob("wasm.*"))
    total = wasm + sum(p.stat().st_size for p in (site / "pagefind").glob("pagefind*.js"))
    for bundle in bundles:
        # merged bundles run on the top level's wasm: their own wasm files are never fetched
        total += sum(p.stat().st_size for p in bundle.glob("pagefind*.pf_meta"))
        total += (bundle / "pagefind-entry.json").stat().st_size
        chunks = sorted((p.stat().st_size for p in bundle.rglob("*.pf_index")), reverse=True)
        total += sum(chunks[:2])
    return (
        f"{total / 1e3:.0f} KB 以内（{len(shards)} 个分站共 {len(bundles) - 1} 份索引，"
        "各取入口、元数据和最大的两个分片，wasm 一次）"
    )


def bench_sharded(count: int) -> dict:
    """N plans split by province (scripts/synthetic_plans.py spreads them over four): every
    shard built alone and measured, then the top level, then the rebuild after one change."""
    with tempfile.TemporaryDirectory(prefix=f"bench-shards-{count}-") as tmp:
        real = real_project(Path(tmp) / "real", count)
        seed_word_cache(real)
        result = {"N": count, "load_start": load_average(), "shards": {}}
        ids = json.loads(
            subprocess.run(
                [sys.executable, "-m", "civplan.site.shards", "list"],
                cwd=real,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for shard in ids:
            result["shards"][shard] = shards_command(real, "build", "--only", shard)
        result["top"] = shards_command(real, "top")
        one = sorted((real / "plans").glob("*.md"))[0]
        one.write_text(one.read_text("utf-8").replace("## 指导思想\n\n", "## 指导思想\n\n改。", 1))
        result["rebuild_shards"] = shards_command(real, "build", "--jobs", "1")
        result["rebuild_top"] = shards_command(real, "top")
        result["search"] = sharded_search_bytes(real / "site")
        result["search_chromium"] = in_chromium(real / "site")
        result["directory"] = directory_size(real / "site")
        result["load_end"] = load_average()
        result["site"] = real / "site"
        report_sharded(result)  # here: the built site goes with the temporary folder
        return result


PHRASES = ["志愿服务", "学雷锋", "网格整治", "文明单位", "社会主义核心价值观", "道德讲堂"]
"""The common phrases of the 20 queries: the first four are tags of a third of the synthetic
plans (scripts/synthetic_plans.py), the last two only in their text."""


def queries(site: Path, each: int = 7) -> list[str]:
    """The 20 queries of issue 25: `each` units' names and `each` people's (the head of the
    leading group) of plans spread evenly over the site's open data, then PHRASES. The file is
    read a line at a time (one plan a line): at 50,000 plans it is too large to parse at once."""
    with (site / "data" / "plans.json").open(encoding="utf-8") as data:
        lines = [line for line in data if line.startswith("{") and '"slug"' in line]
    plans = [
        json.loads(lines[(2 * k + 1) * len(lines) // (4 * each)].rstrip().rstrip(","))
        for k in range(2 * each)
    ]
    units = [p["metadata"]["unit"]["name"] for p in plans[::2]]
    people = [p["metadata"]["leading_group"]["head"]["name"] for p in plans[1::2]]
    return units + people + PHRASES


def plans_found(found: tuple[str, ...]) -> list[str]:
    """The plan pages among the results on screen (templates and guides aside)."""
    return [address for address in found if "/plans/" in address]


def compare_search(sites: dict[str, Path], asked: list[str]) -> None:
    """Bytes, files and results of each query on each site, side by side, and how the results
    of every site after the first compare with the first's."""
    done = {label: searches(site, asked) for label, site in sites.items()}
    labels = list(sites)
    found = {a for rows in done.values() for r in rows for a in plans_found(r.found)}
    texts = _plan_texts(next(iter(sites.values())), found)
    print(
        "\n  "
        + " | ".join(
            ["查询", *(f"{label}：KB / 文件 / 含整个查询的方案" for label in labels), "结果"]
        )
    )
    for number, query in enumerate(asked):
        row = [done[label][number] for label in labels]
        sizes = [f"{r.size / 1e3:.0f} / {r.files} / {_holding(r, texts)}" for r in row]
        print(f"  {query} | {' | '.join(sizes)} | {_same(row[0].found, row[-1].found)}")
    for label in labels:
        sizes = sorted(r.size for r in done[label])
        print(
            f"  {label}：共 {sum(sizes) / 1e3:.0f} KB，中位数 {sizes[len(sizes) // 2] / 1e3:.0f} KB，"
            f"最大 {sizes[-1] / 1e3:.0f} KB（{len(sizes)} 个查询）"
        )


def _plan_texts(site: Path, addresses: set[str]) -> dict[str, str]:
    """The open-data record of each plan found, as JSON text, read a line at a time."""
    texts = {}
    with (site / "data" / "plans.json").open(encoding="utf-8") as data:
        for line in data:
            at = line.find('"url": "')
            if at >= 0:
                address = line[at + 8 : line.index('"', at + 8)]
                if address in addresses:
                    texts[address] = line
    return texts


def _holding(searched, texts: dict[str, str]) -> str:
    """How many of the plans shown hold the query as written in their metadata (the full text
    of a plan holds more: a phrase of its body is not in its metadata)."""
    shown = plans_found(searched.found)
    return f"{sum(searched.query in texts.get(a, '') for a in shown)}/{len(shown)}"


def _same(before: tuple[str, ...], after: tuple[str, ...]) -> str:
    """How the plans found after compare with those before: the first, and the shared ones."""
    a, b = plans_found(before), plans_found(after)
    if not a and not b:
        return "都没有找到方案"
    first = (
        "第一个相同" if a[:1] == b[:1] else f"第一个不同（{(a or ['无'])[0]} → {(b or ['无'])[0]}）"
    )
    return f"{first}；方案 {len(a)} → {len(b)} 个，共同 {len(set(a) & set(b))} 个"


def compare_directory(sites: dict[str, Path]) -> None:
    for label, site in sites.items():
        packed, size, files = first_transfer(site)
        print(
            f"  {label}：打开方案目录（第一行出现、页面载入完成）传输 {packed / 1e3:.0f} KB（gzip；未压缩 "
            f"{size / 1e6:.1f} MB，{files} 个文件）"
        )


def report_sharded(r: dict) -> None:
    print(f"\n== N = {r['N']} 个方案，按省分站 ==")
    print(f"  机器负载（1/5/15 分钟平均）：开始 {r['load_start']}，结束 {r['load_end']}")
    for shard, m in r["shards"].items():
        print(f"  分站 {shard}：{m.seconds:.1f} s，{_memory(m)}")
    print(f"  总站（构建并合并）：{r['top'].seconds:.1f} s，{_memory(r['top'])}")
    again = r["rebuild_shards"].seconds + r["rebuild_top"].seconds
    print(
        f"  改一个方案后：分站 {r['rebuild_shards'].seconds:.1f} s（只重建它所在的分站）"
        f" + 总站 {r['rebuild_top'].seconds:.1f} s = {again:.1f} s"
    )
    print(f"  总站一次搜索的下载量：{r['search_chromium']}；按文件估计 {r['search']}")
    print(f"  总站方案目录页：{r['directory']}")
    print(f"  总站 20 个查询（{r['N']} 个方案）：")
    compare_search({"本次": r["site"]}, queries(r["site"]))
    compare_directory({"本次": r["site"]})


def _memory(m: Measured) -> str:
    return f"峰值内存（整个进程树之和）RSS {m.rss_mb} MB，PSS {m.pss_mb} MB"


def _phases(m: Measured) -> str:
    return "；".join(f"{name} {seconds:.1f} s" for name, seconds in m.phases.items())


def report(results: list[dict]) -> None:
    for r in results:
        print(f"\n== N = {r['N']} 个方案 ==")
        print(f"  机器负载（1/5/15 分钟平均）：开始 {r['load_start']}，结束 {r['load_end']}")
        if "cold" in r:
            print(f"  冷构建（没有 Word 缓存）：{r['cold'].seconds:.1f} s，{_memory(r['cold'])}")
            print(f"    时间花在：{_phases(r['cold'])}")
        else:
            print("  冷构建：没有测（--skip-cold：Word 缓存用同一个文件预先填好）")
            first = r["first"]
            print(
                f"  第一次构建（Word 已缓存，页面缓存为空）：{first.seconds:.1f} s，{_memory(first)}"
            )
            print(f"    时间花在：{_phases(first)}")
        a = r["a"]
        print(
            f"  (a) 本站构建：中位数 {a.seconds:.1f} s，{_memory(a)}"
            f"（各轮最大 RSS {r['a_peak_rss_mb']} MB / PSS {r['a_peak_pss_mb']} MB），"
            f"一个方案页 {r['a_page_bytes'] / 1e3:.0f} KB"
        )
        print(f"    时间花在：{_phases(a)}")
        if "b" in r:
            b = r["b"]
            print(
                f"  (b) 普通 Material：中位数 {b.seconds:.1f} s，{_memory(b)}，"
                f"一个页面 {r['b_page_bytes'] / 1e3:.0f} KB"
            )
            print(f"  a/b = {a.seconds / b.seconds:.2f}")
        if "rebuild_one" in r:
            one = r["rebuild_one"]
            print(f"  改一个方案后重新构建：{one.seconds:.1f} s，{_memory(one)}")
        print(f"  一次搜索的下载量：(a) {r['a_search_chromium']}；按文件估计 {r['a_search']}")
        print(f"  方案目录页：{r['a_directory']}")
        if "b" in r:
            print(f"                  (b) {r['b_search']}")
        if "check_s" in r:
            print(
                f"  check 全部 {r['N']} 个方案：{r['check_s']:.2f} s（每 1000 个 {r['check_s'] * 1000 / r['N']:.2f} s）"
            )
            print(f"  预览一个方案（CIVPLAN_ONLY）：{r['preview_s']:.2f} s")
    by_n = {r["N"]: r for r in results}
    if 500 in by_n and 2000 in by_n:
        growth = by_n[2000]["a"].seconds / by_n[500]["a"].seconds
        print(f"\n增长：2000 个的构建时间是 500 个的 {growth:.2f} 倍（目标 ≤ 4.4）")
    if 100 in by_n and 2000 in by_n and by_n[100]["a_page_bytes"]:
        change = by_n[2000]["a_page_bytes"] / by_n[100]["a_page_bytes"] - 1
        print(f"页面大小：2000 个时比 100 个时 {change:+.1%}（目标 ±10% 以内）")


def bench_change(count: int, rounds: int, sides: list[Side], saves: int) -> dict:
    """One change at N plans on each side, alternately (scripts/one_change.py)."""
    with tempfile.TemporaryDirectory(prefix=f"bench-change-{count}-") as tmp:
        real = real_project(Path(tmp) / "real", count)
        result = {"N": count, "load_start": load_average(), "sides": sides}
        for side in sides:
            os.environ["CIVPLAN_CACHE_DIR"] = str(side.cache)
            seed_word_cache(real)
            side.use(real)
            timed_build(real, side.env())  # the last build: pages, checks and search parts
        os.environ.pop("CIVPLAN_CACHE_DIR")
        for n in range(rounds):
            for side in sides:
                edit(real, f"第{n + 1}轮{side.name}改。")
                side.use(real)
                side.rebuilds.append(timed_build(real, side.env()))
        if saves:
            for side in sides:
                side.saves = serve_after_save(real, side, saves)
        result["load_end"] = load_average()
        return result


def report_change(r: dict) -> None:
    print(f"\n== N = {r['N']} 个方案：改一个方案的一句话 ==")
    print(f"  机器负载（1/5/15 分钟平均）：开始 {r['load_start']}，结束 {r['load_end']}")
    print(
        "  代码 | 重新构建 最小/中位/最大 | 峰值 PSS（整个进程树） | 其中搜索索引（中位） | make serve 保存到新页面 最小/中位/最大"
    )
    for side in r["sides"]:
        seconds = [m.seconds for m in side.rebuilds]
        search = [m.phases.get("搜索索引", 0.0) for m in side.rebuilds]
        pss = max((m.pss_mb for m in side.rebuilds), default=0)
        print(
            f"  {side.name} | {spread(seconds)} | {pss} MB | "
            f"{statistics.median(search) if search else 0:.1f} s | {spread(side.saves)}"
        )
    for side in r["sides"]:
        if side.rebuilds:
            middle = sorted(side.rebuilds, key=lambda m: m.seconds)[len(side.rebuilds) // 2]
            print(f"    {side.name} 时间花在：{_phases(middle)}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 500, 2000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--no-baseline", action="store_true", help="只构建本站（10000 个时普通 Material 要很久）"
    )
    parser.add_argument(
        "--skip-cold",
        action="store_true",
        help="不测冷构建：Word 缓存先用同一个真实文件填好（机器忙时冷构建要很久）",
    )
    parser.add_argument(
        "--build-only",
        action="store_true",
        help="只测构建：不测改一个方案后的重建、check 和预览",
    )
    parser.add_argument(
        "--shards",
        type=int,
        nargs="*",
        default=[],
        help="另外按省分站构建这些规模（例如 --shards 50000），逐个分站测量",
    )
    parser.add_argument(
        "--change",
        type=int,
        nargs="*",
        default=[],
        help="只测改一个方案后的重新构建（例如 --change 2000 10000），与 --compare 的提交交替进行",
    )
    parser.add_argument("--compare", help="同时测这个提交（例如 main），交替运行，并排打印")
    parser.add_argument(
        "--serve",
        type=int,
        nargs="*",
        default=[2000],
        help="在这些规模上测 make serve 保存后的等待",
    )
    parser.add_argument("--saves", type=int, default=3, help="make serve 每边保存几次")
    parser.add_argument(
        "--compare-sites",
        nargs="*",
        default=[],
        metavar="名称=网站",
        help="比较几个已构建的总站（例如 main=/tmp/a/site 本分支=/tmp/b/site）：20 个查询的下载量和结果、方案目录第一屏的传输量",
    )
    parser.add_argument("--json", type=Path, help="同时把结果写成 JSON")
    args = parser.parse_args()
    if args.change:
        change(args)
        return
    results = []
    for count in args.sizes:
        started = time.perf_counter()
        results.append(
            bench(count, args.rounds, not args.no_baseline, not args.skip_cold, not args.build_only)
        )
        print(f"[N={count} 用时 {time.perf_counter() - started:.0f} s]", file=sys.stderr)
    report(results)
    for count in args.shards:
        bench_sharded(count)
    if args.compare_sites:
        sites = dict(item.split("=", 1) for item in args.compare_sites)
        sites = {label: Path(site) for label, site in sites.items()}
        print(f"\n== 同一批分站上两个总站的 20 个查询（负载 {load_average()}）==")
        compare_search(sites, queries(next(iter(sites.values()))))
        compare_directory(sites)
    if args.json:
        plain = [
            {k: asdict(v) if isinstance(v, Measured) else v for k, v in r.items()} for r in results
        ]
        args.json.write_text(json.dumps(plain, ensure_ascii=False, indent=1), "utf-8")


def change(args) -> None:
    """--change: one change at each size, this code (A) beside --compare's (B)."""
    with tempfile.TemporaryDirectory(prefix="bench-sides-") as tmp:
        base = Path(tmp)
        other = checkout(args.compare, base / "compare") if args.compare else None
        try:
            for count in args.change:
                sides = [Side("A 本分支", REPO, base / f"cache-a-{count}")]
                if other:
                    sides.append(Side(f"B {args.compare}", other, base / f"cache-b-{count}"))
                saves = args.saves if count in args.serve else 0
                report_change(bench_change(count, args.rounds, sides, saves))
                sys.stdout.flush()
        finally:
            if other:
                remove_checkout(other)


if __name__ == "__main__":
    main()
