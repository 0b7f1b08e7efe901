"""bench: build the real site and a plain Material site on N synthetic plans, side by side.

    .venv/bin/python scripts/bench.py                  # N = 100, 500, 2000
    .venv/bin/python scripts/bench.py --sizes 10000 --rounds 1 --no-baseline

For each N it writes N valid plans (scripts/synthetic_plans.py, checked by civplan) into a
temporary tree, renders the same plans to plain Markdown for the baseline (Material with
navigation.prune and search + jieba, the configuration the issue measured), builds (a) and (b)
alternately for --rounds rounds, and prints medians, the ratio a/b, peak memory, one plan page's
size, the bytes a reader downloads for one search, the time of `check` over all N plans, and the
time to preview one plan (CIVPLAN_ONLY) in the N-plan tree. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "tests"))

from synthetic_plans import write_plans  # noqa: E402

from civplan.model.lifecycle import moment  # noqa: E402
from civplan.model.loader import load  # noqa: E402
from civplan.site import sections as render  # noqa: E402

from conftest import make_project  # noqa: E402

NOW = "2026-11-28T10:00"
MEASURE = (
    "import resource, subprocess, sys, time; t = time.perf_counter(); "
    "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode); "
    "sys.stderr.write(r.stderr[-3000:] if r.returncode else '')"
)
BASELINE_CONFIG = """site_name: 基线
theme:
  name: material
  language: zh
  features: [navigation.prune]
plugins:
  - search:
      lang: zh
"""


def measured(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int]:
    """(seconds, peak memory in MB) of one command, in a fresh process tree."""
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "CIVPLAN_TODAY": NOW, **(env or {})},
    )
    seconds, peak_kb, code = result.stdout.split()
    if code != "0":
        raise SystemExit(f"命令失败：{' '.join(command)}\n{result.stderr}")
    return float(seconds), int(peak_kb) // 1024


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
        for name, section in render.PLAN_MACROS.items():
            body = body.replace(f"{{{{ {name}() }}}}", section(plan.meta, now))
        (docs / path.name).write_text(
            f"# {plan.meta['title']}\n\n{render.card(plan.meta, now)}\n{body}", "utf-8"
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


def bench(count: int, rounds: int, baseline: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"bench-{count}-") as tmp:
        real = real_project(Path(tmp) / "real", count)
        base = baseline_project(Path(tmp) / "base", real / "plans") if baseline else None
        times = {"a": [], "b": []}
        peaks = {"a": 0, "b": 0}
        for _ in range(rounds):
            for key, root in (("a", real), ("b", base)):
                if root is None:
                    continue
                shutil.rmtree(root / "site", ignore_errors=True)
                seconds, peak = measured(
                    [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"], root
                )
                times[key].append(seconds)
                peaks[key] = max(peaks[key], peak)
        check_seconds, _ = measured([sys.executable, "-m", "civplan", "check", "plans"], real)
        one = sorted((real / "plans").glob("*.md"))[count // 2]
        preview_seconds, _ = measured(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "preview"],
            real,
            {"CIVPLAN_ONLY": str(one.relative_to(real)), "CIVPLAN_DRAFTS": "1"},
        )
        result = {
            "N": count,
            "a_median_s": statistics.median(times["a"]),
            "b_median_s": statistics.median(times["b"]) if times["b"] else None,
            "a_peak_mb": peaks["a"],
            "b_peak_mb": peaks["b"] or None,
            "a_page_bytes": page_size(real / "site"),
            "b_page_bytes": page_size(base / "site") if base else None,
            "a_search": search_bytes(real / "site"),
            "b_search": search_bytes(base / "site") if base else None,
            "check_s": check_seconds,
            "preview_s": preview_seconds,
        }
        result["ratio"] = (
            result["a_median_s"] / result["b_median_s"] if result["b_median_s"] else None
        )
        return result


def report(results: list[dict]) -> None:
    for r in results:
        print(f"\n== N = {r['N']} 个方案 ==")
        print(
            f"  (a) 本站构建：中位数 {r['a_median_s']:.1f} s，峰值内存 {r['a_peak_mb']} MB，一个方案页 {r['a_page_bytes'] / 1e3:.0f} KB"
        )
        if r["b_median_s"]:
            print(
                f"  (b) 普通 Material：中位数 {r['b_median_s']:.1f} s，峰值内存 {r['b_peak_mb']} MB，一个页面 {r['b_page_bytes'] / 1e3:.0f} KB"
            )
            print(f"  a/b = {r['ratio']:.2f}")
        print(f"  一次搜索的下载量：(a) {r['a_search']}")
        if r["b_search"]:
            print(f"                  (b) {r['b_search']}")
        print(
            f"  check 全部 {r['N']} 个方案：{r['check_s']:.2f} s（每 1000 个 {r['check_s'] * 1000 / r['N']:.2f} s）"
        )
        print(f"  预览一个方案（CIVPLAN_ONLY）：{r['preview_s']:.2f} s")
    by_n = {r["N"]: r for r in results}
    if 500 in by_n and 2000 in by_n:
        growth = by_n[2000]["a_median_s"] / by_n[500]["a_median_s"]
        print(f"\n增长：2000 个的构建时间是 500 个的 {growth:.2f} 倍（目标 ≤ 4.4）")
    if 100 in by_n and 2000 in by_n and by_n[100]["a_page_bytes"]:
        change = by_n[2000]["a_page_bytes"] / by_n[100]["a_page_bytes"] - 1
        print(f"页面大小：2000 个时比 100 个时 {change:+.1%}（目标 ±10% 以内）")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--no-baseline", action="store_true", help="只构建本站（10000 个时普通 Material 要很久）"
    )
    parser.add_argument("--json", type=Path, help="同时把结果写成 JSON")
    args = parser.parse_args()
    results = []
    for count in args.sizes:
        started = time.perf_counter()
        results.append(bench(count, args.rounds, not args.no_baseline))
        print(f"[N={count} 用时 {time.perf_counter() - started:.0f} s]", file=sys.stderr)
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")


if __name__ == "__main__":
    main()
