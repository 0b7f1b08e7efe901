"""Issue 14, points 2–4: drafts never break anything, a command line for people, and a published
plan always shows what the public needs. Each test reproduces one failure an editor met."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from civplan.model.loader import parse
from civplan.site import steps

from conftest import SAMPLE, build, civplan, make_project

NEW_HOSPITAL = ("new", "--template", "hospital", "--unit", "示例市第九人民医院", "--year", "2026")
NEW_SLUG = "shilishidijiurenminyiyuan-2026"
SECOND = "shilishidierrenminyiyuan-2026"
"""The slug of the imported draft below: its page is where the plan will be."""


def build_drafts(root: Path, today: str = "2026-05-15") -> subprocess.CompletedProcess:
    """`mkdocs build` as `make serve` and `civplan preview` run it: drafts shown, not strict."""
    env = {**os.environ, "CIVPLAN_TODAY": today, "CIVPLAN_DRAFTS": "1", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(root / "site")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def page(root: Path, url: str) -> str:
    return (root / "site" / url / "index.html").read_text("utf-8")


def one_plan_project(tmp_path: Path, extra: dict[str, str] | None = None) -> Path:
    """The real project with one sample plan (fast to build) and the given extra files."""
    plans = {SAMPLE.name: SAMPLE.read_text("utf-8"), **(extra or {})}
    return make_project(tmp_path, plans=plans)


def draft_with_placeholder() -> str:
    """An imported draft as the importer leaves it: a `20xx` in the body, which check refuses."""
    text = SAMPLE.read_text("utf-8").replace("status: 实施中", "status: 草案", 1)
    text = re.sub(r"^title: .*$", "title: 示例市第二人民医院20xx年创建方案", text, count=1, flags=re.M)
    text = text.replace("name: 示例市第一人民医院", "name: 示例市第二人民医院", 1)
    return text + "\n力争20xx年底前通过测评。\n"


# --- 2. Drafts never break anything -------------------------------------------------------


def test_a_plan_fresh_from_new_previews_with_its_blanks_highlighted(tmp_path):
    root = one_plan_project(tmp_path)
    assert civplan(*NEW_HOSPITAL, "--level", "市级", cwd=root).returncode == 0
    result = build_drafts(root)
    assert result.returncode == 0, result.stderr[-3000:]
    html = page(root, f"plans/{NEW_SLUG}")
    assert '<mark class="civ-blank">〔待填：成文日期〕</mark>' in html
    assert "Traceback" not in result.stderr


def test_a_draft_that_fails_its_check_shows_its_problems_and_the_site_still_builds(tmp_path):
    root = one_plan_project(tmp_path, {"erli-2026.md": draft_with_placeholder()})
    result = build_drafts(root)
    assert result.returncode == 0, result.stderr[-3000:]
    broken = page(root, f"plans/{SECOND}")
    assert "这个方案有 " in broken and "个错误" in broken
    assert re.search(r"plans/erli-2026\.md:\d+: 错误 年份写成了“20xx”", broken)
    assert "示例市第一人民医院" in page(root, f"plans/{SAMPLE.stem}")


def test_a_plan_whose_yaml_is_broken_gets_its_own_problem_page(tmp_path):
    text = SAMPLE.read_text("utf-8").replace("level: 市级", "level：市级", 1)
    root = one_plan_project(tmp_path, {"broken.md": text})
    result = build_drafts(root)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "全角冒号" in page(root, "plans/broken")


def test_a_strict_build_still_stops_on_a_draft_with_errors(tmp_path):
    root = one_plan_project(tmp_path, {"erli-2026.md": draft_with_placeholder()})
    result = build(root)
    assert result.returncode != 0
    assert "plans/erli-2026.md:" in result.output and "网站没有构建" in result.output


def test_a_problem_page_recovers_once_the_plan_is_fixed(tmp_path):
    root = one_plan_project(tmp_path, {"erli-2026.md": draft_with_placeholder()})
    settings = steps.Settings(root=root, drafts=True)
    before = steps.load(settings)
    assert before.errors == 0 and f"plans/{SECOND}.md" in before.broken
    fixed = draft_with_placeholder().replace("20xx", "2026")
    (root / "plans" / "erli-2026.md").write_text(fixed, "utf-8")
    after = steps.load(settings)
    assert not after.broken and f"plans/{SECOND}.md" in after.plans


def test_problem_pages_escape_what_the_plan_wrote(tmp_path):
    text = draft_with_placeholder().replace("level: 市级", "level: <b>{{ x }}</b>", 1)
    root = one_plan_project(tmp_path, {"erli-2026.md": text})
    html = steps.load(steps.Settings(root=root, drafts=True)).broken[f"plans/{SECOND}.md"]
    assert "<b>" not in html and "{{" not in html and "&lt;b&gt;" in html


# --- 3. YAML errors in Chinese, on the line of the mistake, naming the cause -----------------

YAML_MISTAKES = [
    ("level: 市级", "level：市级", "中文全角冒号"),
    ("level: 市级", "level:市级", "冒号后没有空格"),
    ("level: 市级", "\tlevel: 市级", "Tab"),
    ('  version: "1.0"', '  version: "1.0', "引号没有配对"),
    ("  kind: 医院", "    kind: 医院", "缩进"),
]


@pytest.mark.parametrize("right, wrong, cause", YAML_MISTAKES, ids=[m[2] for m in YAML_MISTAKES])
def test_a_yaml_mistake_is_named_in_chinese_on_its_own_line(right, wrong, cause):
    text = SAMPLE.read_text("utf-8").replace(right, wrong, 1)
    mistake = next(n for n, line in enumerate(text.split("\n"), 1) if line == wrong)
    plan, problems = parse(text, "plans/x.md")
    assert plan is None and len(problems) == 1
    assert (problems[0].line, problems[0].rule) == (mistake, "yaml")
    assert cause in problems[0].message
    assert not re.search(r"[A-Za-z]{4,} [a-z]{3,}", problems[0].message), problems[0].message
