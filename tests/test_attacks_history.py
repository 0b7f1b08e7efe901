"""Issue 28, item 7: the history page is what the default branch published. A pull request's
intermediate commits never become public versions, and its commit dates cannot put a version on
top of the feed (2099) or before the plans it follows (2019)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import HOSPITAL_FILE, build, git, make_project

FORGED = "经示例市文明委审核，同意本方案"


def _commit(root: Path, message: str, date: str, *args: str) -> None:
    git(root, "commit", "-qm", message, *args, date=date)


def _note(text: str, note: str) -> str:
    entry = f'  - date: "2026-07-01"\n    note: {note}\n'
    return text.replace("revisions:\n", "revisions:\n" + entry, 1)


def test_a_pull_requests_intermediate_commit_is_not_a_public_version(tmp_path):
    root = make_project(tmp_path / "p")
    plan = root / "plans" / HOSPITAL_FILE
    original = plan.read_text("utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    _commit(root, "plans", "2026-03-01T10:00:00+08:00")
    git(root, "checkout", "-qb", "feature")
    # the attacker's intermediate state: forged approval text, then taken out again
    plan.write_text(original.replace("## 指导思想\n", f"## 指导思想\n\n{FORGED}。\n", 1), "utf-8")
    _commit(root, "wip", "2026-03-02T10:00:00+08:00", "-a")
    final = _note(original, "补充了导诊志愿者的人数。").replace(
        "导诊志愿者", "导诊志愿者（每天4人）", 1
    )
    plan.write_text(final, "utf-8")
    _commit(root, "final", "2026-03-03T10:00:00+08:00", "-a")
    git(root, "checkout", "-q", "main")
    _commit_merge(root, "2026-03-05T10:00:00+08:00")
    result = build(root, today="2026-05-15")
    assert result.returncode == 0, result.output
    history = result.page(f"plans/{HOSPITAL_FILE[:-3]}/history")
    assert FORGED not in history
    assert history.count('<section class="civ-version"') == 2  # the first commit, the merge
    assert "2026-03-02" not in history and "2026-03-03" not in history
    assert "2026-03-05" in history


def _commit_merge(root: Path, date: str) -> None:
    git(root, "merge", "-q", "--no-ff", "-m", "merge", "feature", date=date)


def test_a_forged_date_cannot_put_a_version_on_top_or_below(tmp_path):
    root = make_project(tmp_path / "p")
    plan = root / "plans" / HOSPITAL_FILE
    text = plan.read_text("utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    _commit(root, "plans", "2026-03-01T10:00:00+08:00")
    text = _note(text, "第一次修改。")
    plan.write_text(text, "utf-8")
    _commit(root, "future", "2099-01-01T10:00:00+08:00", "-a")  # fast-forwarded as it was
    result = build(root, today="2026-05-15")
    assert result.returncode == 0, result.output
    history = result.page(f"plans/{HOSPITAL_FILE[:-3]}/history")
    feed = (result.site / "feed.xml").read_text("utf-8")
    assert "2099" not in history and "2099" not in feed
    text = _note(text, "第二次修改。")
    plan.write_text(text, "utf-8")
    _commit(root, "past", "2019-01-01T10:00:00+08:00", "-a")
    result = build(root, today="2026-05-15")
    history = result.page(f"plans/{HOSPITAL_FILE[:-3]}/history")
    assert "2019" not in history and "2099" not in history
    assert "2026-03-01" in history  # the first version keeps its real date


def test_a_version_that_fails_todays_check_is_withheld(tmp_path):
    root = make_project(tmp_path / "p")
    plan = root / "plans" / HOSPITAL_FILE
    original = plan.read_text("utf-8")
    git(root, "init", "-q", "-b", "main")
    plan.write_text(original.replace("## 指导思想\n", "## 指导思想\n\n<b>未通过</b>\n", 1), "utf-8")
    git(root, "add", ".")
    _commit(root, "raw html", "2026-03-01T10:00:00+08:00")
    plan.write_text(_note(original, "删去了原始 HTML。"), "utf-8")
    _commit(root, "fixed", "2026-03-02T10:00:00+08:00", "-a")
    result = build(root, today="2026-05-15")
    assert result.returncode == 0, result.output
    history = result.page(f"plans/{HOSPITAL_FILE[:-3]}/history")
    assert "没有通过今天的检查" in history and "&lt;b&gt;未通过" not in history


def test_civplan_changes_refuses_a_commit_dated_in_the_future(tmp_path):
    from conftest import civplan

    root = make_project(tmp_path / "p")
    plan = root / "plans" / HOSPITAL_FILE
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    _commit(root, "plans", "2026-03-01T10:00:00+08:00")
    plan.write_text(_note(plan.read_text("utf-8"), "改了一处。").replace("导诊", "导医", 1))
    _commit(root, "future", "2099-01-01T10:00:00+08:00", "-a")
    result = civplan("changes", "--base", "HEAD~1", cwd=root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "2099-01-01" in result.stdout and "[commit-date]" in result.stdout
    assert result.stdout.splitlines()[-1].endswith("1 个提交的日期有误，未通过。")


def test_huge_versions_in_history_are_withheld_without_being_read(tmp_path):
    """Three 40 MB versions in the history (a pull request merged as it was): the build stays
    within a 3 GB cap, and the versions are withheld, never read whole."""
    root = make_project(tmp_path / "p")
    plan = root / "plans" / HOSPITAL_FILE
    original = plan.read_text("utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    _commit(root, "plans", "2026-03-01T10:00:00+08:00")
    for day, filler in (("02", "好"), ("03", "坏"), ("04", "中")):
        plan.write_text(original + (filler * 199 + "\n") * 67_000, "utf-8")  # about 40 MB
        _commit(root, "huge", f"2026-03-{day}T10:00:00+08:00", "-a")
    plan.write_text(_note(original, "恢复原文。"), "utf-8")
    _commit(root, "back", "2026-03-05T10:00:00+08:00", "-a")
    env = {**os.environ, "CIVPLAN_TODAY": "2026-05-15", "NO_MKDOCS_2_WARNING": "1"}
    env["CIVPLAN_CACHE_DIR"] = str(tmp_path / "cache")
    result = subprocess.run(
        ["prlimit", "--as=3000000000", "--", sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    history = (root / "site" / "plans" / HOSPITAL_FILE[:-3] / "history" / "index.html").read_text(
        "utf-8"
    )
    assert "没有通过今天的检查" in history and "好好好" not in history
