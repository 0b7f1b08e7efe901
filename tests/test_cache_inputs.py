"""Every cache keys on all that its output reads (issue 25): for each input an attacker found a
cache missing, a build that reuses the caches publishes what a build from nothing publishes.

Each test builds a one-plan copy of the project twice with one cache folder ("warm") and once
with an empty one ("cold"), and compares what a reader gets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from docx import Document

from conftest import REPO, build, git, make_project

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


def _word_text(site: Path, slug: str) -> str:
    (found,) = site.rglob(f"{slug}*.docx")
    return "\n".join(p.text for p in Document(found).paragraphs)


def test_a_word_file_reports_progress_up_to_the_day_it_is_built(tmp_path):
    root = _project(tmp_path, LIBRARY)
    assert build(root, "2026-05-15").returncode == 0
    warm = _word_text(build(root, "2026-12-04").site, LIBRARY)
    cold = _word_text(_cold(root, "2026-12-04").site, LIBRARY)
    assert "任务进展（截至2026年12月4日" in cold
    assert warm == cold


def _history(site: Path, slug: str) -> str:
    return (site / "plans" / slug / "history" / "index.html").read_text("utf-8")


def test_a_version_refused_yesterday_is_shown_once_its_date_has_come(tmp_path):
    root = _project(tmp_path, LIBRARY)
    git(root, "init", "-q", "-b", "main")
    _edit(root, LIBRARY, 'date: "2026-05-06"', 'date: "2026-05-16"')
    git(root, "add", ".")
    git(root, "commit", "-qm", "v1", date="2026-05-01T10:00:00+08:00")
    _edit(root, LIBRARY, 'date: "2026-05-16"', 'date: "2026-05-07"')
    git(root, "commit", "-qam", "v2", date="2026-05-02T10:00:00+08:00")
    assert build(root, "2026-05-15").returncode == 0
    warm = _history(build(root, "2026-05-17").site, LIBRARY)
    cold = _history(_cold(root, "2026-05-17").site, LIBRARY)
    assert "没有通过今天的检查" not in cold
    assert warm == cold


def test_a_deleted_file_a_plan_links_to_is_missed_from_the_check_cache(tmp_path):
    root = _project(tmp_path, LIBRARY)
    pdf = root / "docs" / "assets" / "uploads" / "t.pdf"
    pdf.write_bytes((REPO / "docs/assets/uploads/yiyuan-2026-yidefengfeng-q1.pdf").read_bytes())
    _edit(root, LIBRARY, "## 指导思想\n", "## 指导思想\n\n见[附件](../assets/uploads/t.pdf)。\n")
    assert build(root).returncode == 0
    pdf.unlink()
    warm, cold = build(root), _cold(root, "2026-05-15")
    assert "[body-local-link]" in cold.output
    assert "[body-local-link]" in warm.output


def _shards(root: Path, now: str, cache: str, where: str) -> Path:
    """`python -m civplan.site.shards all` by city at `now` into root/<where>; its site."""
    env = {**os.environ, "CIVPLAN_TODAY": now, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "civplan.site.shards", "all", "--key", "unit.region.city"]
    command += ["--out", f"{where}/shards", "--site", f"{where}/site", "--jobs", "1"]
    env["CIVPLAN_CACHE_DIR"] = str(root.parent / cache)
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / where / "site"


def _shard_page(site: Path, slug: str) -> str:
    (found,) = [p for p in site.glob(f"*/plans/{slug}/index.html") if "history" not in str(p)]
    return found.read_text("utf-8")


def test_a_shard_shows_a_notice_closed_once_its_closing_minute_has_passed(tmp_path):
    root = _project(tmp_path, NEWSROOM)
    _edit(root, NEWSROOM, 'end: "2026-12-04"', 'end: "2026-12-04 17:30"')
    assert "公示中" in _shard_page(_shards(root, "2026-12-04T12:00", "c", "w"), NEWSROOM)
    warm = _shard_page(_shards(root, "2026-12-04T18:00", "c", "w"), NEWSROOM)
    cold = _shard_page(_shards(root, "2026-12-04T18:00", "cc", "cold"), NEWSROOM)
    assert "公示结束" in cold
    assert warm == cold


def test_a_shard_shows_a_version_committed_after_its_last_build(tmp_path):
    root = _project(tmp_path, NEWSROOM)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "v1", date="2026-05-01T10:00:00+08:00")
    _edit(root, NEWSROOM, "## 指导思想\n", "## 指导思想\n\n新加的一句话。\n")
    _shards(root, "2026-05-15", "c", "w")
    git(root, "commit", "-qam", "v2", date="2026-05-02T10:00:00+08:00")
    warm = _shards(root, "2026-05-15", "c", "w")
    cold = _shards(root, "2026-05-15", "cc", "cold")
    (history,) = cold.glob(f"*/plans/{NEWSROOM}/history/index.html")
    assert "新加的一句话" in history.read_text("utf-8")
    for page in ("data/plans.json", f"plans/{NEWSROOM}/history/index.html"):
        (warm_page,) = warm.glob(f"*/{page}")
        assert warm_page.read_text("utf-8") == (cold / warm_page.relative_to(warm)).read_text(
            "utf-8"
        )
