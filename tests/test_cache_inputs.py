"""Every cache keys on all that its output reads (issue 25): for each input an attacker found a
cache missing, a build that reuses the caches publishes what a build from nothing publishes.

Each test builds a one-plan copy of the project twice with one cache folder ("warm") and once
with an empty one ("cold"), and compares what a reader gets."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, build, make_project

LIBRARY = "shilishitushuguan-2026"  # issued, with progress reports
NEWSROOM = "shilishirongmeitizhongxin-2027"  # in notice, ending 2026-12-04


def _project(tmp_path: Path, slug: str) -> Path:
    text = (REPO / "plans" / f"{slug}.md").read_text("utf-8")
    return make_project(tmp_path / "p", {f"{slug}.md": text})


def _edit(root: Path, slug: str, old: str, new: str) -> None:
    path = root / "plans" / f"{slug}.md"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def _cold(root: Path, today: str):
    return build(root, today, CIVPLAN_CACHE_DIR=str(root.parent / "cold.cache"))


def test_a_progress_date_refused_today_is_refused_from_the_check_cache(tmp_path):
    root = _project(tmp_path, LIBRARY)
    _edit(root, LIBRARY, 'date: "2026-05-06"', 'date: "2026-05-16"')
    assert build(root, "2026-05-16").returncode == 0
    warm, cold = build(root, "2026-05-15"), _cold(root, "2026-05-15")
    assert cold.returncode != 0 and "[progress-date]" in cold.output
    assert warm.returncode == cold.returncode and "[progress-date]" in warm.output
