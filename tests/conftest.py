"""Shared test helpers: build throwaway projects and sites in tmp_path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "plans" / "shilishidiyirenminyiyuan-2026.md"


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    def page(self, url_path: str) -> str:
        return (self.site / url_path / "index.html").read_text("utf-8")


def make_project(root: Path, plans: dict[str, str] | None = None, templates: bool = True) -> Path:
    """A copy of the real project (config, docs, macros, templates) with the given plans, or the samples."""
    for name in ("docs", "macros", "overrides") + (("templates",) if templates else ()):
        shutil.copytree(REPO / name, root / name)
    if not templates:
        (root / "templates").mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "civplan").symlink_to(REPO / "civplan")  # mkdocs.yml watches it
    if plans is None:
        shutil.copytree(REPO / "plans", root / "plans")
    else:
        (root / "plans").mkdir()
        for name, text in plans.items():
            (root / "plans" / name).write_text(text, "utf-8")
    return root


def build(root: Path, today: str = "2026-05-15") -> Build:
    """Run the real `mkdocs build --strict` on a project, as an editor or CI would."""
    env = {**os.environ, "CIVPLAN_TODAY": today, "NO_MKDOCS_2_WARNING": "1"}
    site = root / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text("utf-8")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Build:
    """The samples of plans/ built once, with today fixed inside the hospital's 自查整改 stage."""
    root = make_project(tmp_path_factory.mktemp("sample-site"))
    result = build(root, today="2026-05-15")
    assert result.returncode == 0, result.output
    return result
