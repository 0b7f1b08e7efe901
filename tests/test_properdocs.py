"""ProperDocs, the maintained fork of MkDocs 1.x, builds the same site: scripts/compare_builds.py.

The comparison is what CI runs (a job on GitHub and on GitLab); these tests run it on the sample
plans and show that it catches a missing page and a changed word, and that it ignores what
differs between two generators by design (the generator meta, asset hashes).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REPO, make_project

SCRIPT = REPO / "scripts" / "compare_builds.py"
PLAN = "plans/shilishidiyirenminyiyuan-2026/index.html"
OTHER_PLAN = "plans/shilixianshuiliju-2026/index.html"


def compare(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *arguments],
        capture_output=True,
        text=True,
        timeout=600,
    )


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_properdocs_builds_the_sample_site_with_the_same_pages_and_text(tmp_path, sample_site):
    root = make_project(tmp_path / "project")
    result = compare("--project", str(root), "--today", "2026-05-15")
    assert result.returncode == 0, result.stdout + result.stderr
    pages = len(html_files(sample_site.site))
    assert f"构建一致：{pages} 个页面" in result.stdout, result.stdout


def copies(site: Path, tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "a", tmp_path / "b"
    shutil.copytree(site, first)
    shutil.copytree(site, second)
    return first, second


def edit(page: Path, old: str, new: str) -> None:
    text = page.read_text("utf-8")
    assert old in text, old
    page.write_text(text.replace(old, new), "utf-8")


def test_generator_meta_and_asset_hashes_are_not_differences(sample_site, tmp_path):
    first, second = copies(sample_site.site, tmp_path)
    for page in html_files(second):
        text = page.read_text("utf-8")
        text = re.sub(r'(name="generator" content=")[^"]*', r"\1properdocs-9.9.9", text)
        text = re.sub(r"\.([0-9a-f]{8})\.min\.(css|js)", r".0badc0de.min.\2", text)
        page.write_text(text, "utf-8")
    result = compare("--sites", str(first), str(second))
    assert result.returncode == 0, result.stdout
    assert "构建一致" in result.stdout


def test_a_missing_page_and_a_changed_word_are_reported_and_fail(sample_site, tmp_path):
    first, second = copies(sample_site.site, tmp_path)
    (second / OTHER_PLAN).unlink()
    edit(second / PLAN, "林卫东", "林卫西")
    # text a reader does not see is not a difference: a script inside the article
    edit(second / PLAN, "</article>", "<script>var seen = false;</script></article>")
    result = compare("--sites", str(first), str(second))
    assert result.returncode == 1
    reported = [line for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert reported == [
        f"只在 {first} 的构建中：{OTHER_PLAN}",
        f"页面文字不同：{PLAN}",
        f"{first} 与 {second} 的构建不一致：2 处不同。",
    ]
    assert "-林卫东" in result.stdout and "+林卫西" in result.stdout


def github_jobs() -> dict:
    return yaml.safe_load((REPO / ".github/workflows/ci.yml").read_text("utf-8"))["jobs"]


def test_github_runs_the_comparison_on_every_pull_request_with_full_history():
    [job] = [
        job
        for job in github_jobs().values()
        if any("scripts/compare_builds.py" in step.get("run", "") for step in job["steps"])
    ]
    assert "if" not in job, "pull requests must be compared too"
    [checkout] = [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"]["fetch-depth"] == 0


def test_gitlab_runs_the_comparison_on_merge_requests_and_the_default_branch():
    config = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text("utf-8"))
    [job] = [
        job
        for job in config.values()
        if isinstance(job, dict)
        and any("scripts/compare_builds.py" in line for line in job.get("script", []))
    ]
    parents = [config[name] for name in [job.get("extends", [])] if isinstance(name, str)]
    rules = " ".join(rule["if"] for part in [job, *parents] for rule in part.get("rules", []))
    assert '$CI_PIPELINE_SOURCE == "merge_request_event"' in rules
    assert "$CI_DEFAULT_BRANCH" in rules
