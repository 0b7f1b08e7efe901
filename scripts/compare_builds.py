"""compare_builds: build the site with MkDocs and with ProperDocs, and compare what readers see.

    .venv/bin/python scripts/compare_builds.py                   # this project, "now" fixed once
    .venv/bin/python scripts/compare_builds.py --today 2026-05-15 --project /tmp/copy
    .venv/bin/python scripts/compare_builds.py --sites site-a site-b   # two sites already built

Both builds run `build --strict` on the same project into two temporary folders with the same
CIVPLAN_TODAY, so that every date-dependent status is the same. Then it compares the page set
(the path of every HTML file) and each page's text: the visible text of the main content
(Material's `<article>`, else `.md-content`, else `<body>`), whitespace-normalised, scripts and
styles left out. The generator meta, build dates and asset hashes live outside the content and
are ignored. Prints each build's time and each difference; exits 1 when there is any
difference, 2 when a build fails.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import lxml.html

REPO = Path(__file__).resolve().parent.parent
GENERATORS = ("mkdocs", "properdocs")
BEIJING = timezone(timedelta(hours=8))
MAIN_CONTENT = ("//article", "//*[contains(concat(' ', @class, ' '), ' md-content ')]", "//body")
INVISIBLE = "script", "style", "template", "noscript"
SHOWN_LINES = 12
"""Lines of a text diff printed per page: enough to see what differs, not a whole plan."""


def build(generator: str, project: Path, site: Path, today: str) -> subprocess.CompletedProcess:
    """`<generator> build --strict` of `project` into `site`, in this interpreter's environment."""
    env = {**os.environ, "CIVPLAN_TODAY": today, "NO_MKDOCS_2_WARNING": "1"}
    # -f: ProperDocs reads properdocs.yml first and only falls back to mkdocs.yml with a notice
    command = [sys.executable, "-m", generator, "build", "--strict", "-f", "mkdocs.yml"]
    return subprocess.run(
        [*command, "-d", str(site)], cwd=project, env=env, capture_output=True, text=True
    )


def page_lines(path: Path) -> list[str]:
    """The visible text of a page's main content, one whitespace-normalised line per text run."""
    tree = lxml.html.parse(str(path)).getroot()
    main = next((found[0] for xpath in MAIN_CONTENT if (found := tree.xpath(xpath))), tree)
    for hidden in main.xpath(" | ".join(f".//{tag}" for tag in INVISIBLE)):
        hidden.drop_tree()
    runs = (re.sub(r"\s+", " ", text).strip() for text in main.itertext())
    return [run for run in runs if run]


def pages(site: Path) -> dict[str, list[str]]:
    """Every HTML file of a site by its path inside the site, with its text."""
    return {
        path.relative_to(site).as_posix(): page_lines(path) for path in sorted(site.rglob("*.html"))
    }


def differences(first: dict[str, list[str]], second: dict[str, list[str]], names) -> list[str]:
    """One report line (or a few, for a text diff) per difference between two page sets."""
    a, b = names
    found = [f"只在 {a} 的构建中：{path}" for path in sorted(first.keys() - second.keys())]
    found += [f"只在 {b} 的构建中：{path}" for path in sorted(second.keys() - first.keys())]
    for path in sorted(first.keys() & second.keys()):
        # the same words split differently between elements still read the same
        if " ".join(first[path]) == " ".join(second[path]):
            continue
        diff = list(difflib.unified_diff(first[path], second[path], a, b, lineterm="", n=1))
        found.append(f"页面文字不同：{path}")
        found += [f"    {line}" for line in diff[2 : 2 + SHOWN_LINES]]
    return found


def report(first: Path, second: Path, names=GENERATORS) -> int:
    a, b = pages(first), pages(second)
    found = differences(a, b, names)
    for line in found:
        print(line)
    if found:
        changed = sum(line.startswith(("只在", "页面文字不同")) for line in found)
        print(f"{names[0]} 与 {names[1]} 的构建不一致：{changed} 处不同。")
        return 1
    print(f"{names[0]} 与 {names[1]} 的构建一致：{len(a)} 个页面，页面集合和每页正文文字都相同。")
    return 0


def build_and_compare(project: Path, today: str) -> int:
    with tempfile.TemporaryDirectory(prefix="compare-builds-") as temp:
        sites = {}
        for generator in GENERATORS:
            site = sites[generator] = Path(temp) / generator
            started = time.perf_counter()
            result = build(generator, project, site, today)
            print(f"{generator} build --strict：{time.perf_counter() - started:.2f} s")
            if result.returncode != 0:
                print(result.stdout + result.stderr, file=sys.stderr)
                print(f"{generator} 构建失败（退出码 {result.returncode}），没有比较。")
                return 2
        print(f"两次构建的 CIVPLAN_TODAY 都是 {today}。")
        return report(sites["mkdocs"], sites["properdocs"])


def beijing_now() -> str:
    """Now in Beijing time to the minute, fixed once so that both builds see the same moment."""
    return datetime.now(BEIJING).strftime("%Y-%m-%dT%H:%M")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="用 MkDocs 和 ProperDocs 分别构建网站并比较。")
    parser.add_argument("--project", type=Path, default=REPO, help="项目目录（含 mkdocs.yml）")
    parser.add_argument("--today", help="两次构建共用的 CIVPLAN_TODAY；默认取环境变量或现在")
    parser.add_argument(
        "--sites", nargs=2, type=Path, metavar=("A", "B"), help="只比较两个已构建的网站"
    )
    args = parser.parse_args(argv)
    if args.sites:
        return report(*args.sites, names=tuple(str(site) for site in args.sites))
    today = args.today or os.environ.get("CIVPLAN_TODAY") or beijing_now()
    return build_and_compare(args.project.resolve(), today)


if __name__ == "__main__":
    sys.exit(main())
