"""Issue 14, points 2–4: drafts never break anything, a command line for people, and a published
plan always shows what the public needs. Each test reproduces one failure an editor met."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from civplan.check import plan_problems
from civplan.check.rules import PLAN, TEMPLATE
from civplan.model.blank import BLANK
from civplan.model.errors import InputError
from civplan.model.loader import parse
from civplan.model.macros import REQUIRED_IN_PUBLISHED
from civplan.site import steps

from conftest import REPO, SAMPLE, build, civplan, line_of, make_project

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


def built_page(root: Path, url: str) -> str:
    """The page at `url` of the site a draft build wrote into root/site."""
    return (root / "site" / url / "index.html").read_text("utf-8")


def one_plan_project(tmp_path: Path, extra: dict[str, str] | None = None) -> Path:
    """The real project with one sample plan (fast to build) and the given extra files."""
    plans = {SAMPLE.name: SAMPLE.read_text("utf-8"), **(extra or {})}
    return make_project(tmp_path, plans=plans)


def draft_with_placeholder() -> str:
    """An imported draft as the importer leaves it: a `20xx` in the body, which check refuses."""
    text = SAMPLE.read_text("utf-8").replace("status: 实施中", "status: 草案", 1)
    text = re.sub(
        r"^title: .*$", "title: 示例市第二人民医院20xx年创建方案", text, count=1, flags=re.M
    )
    text = text.replace("name: 示例市第一人民医院", "name: 示例市第二人民医院", 1)
    return text + "\n力争20xx年底前通过测评。\n"


# --- 2. Drafts never break anything -------------------------------------------------------


def test_a_plan_fresh_from_new_previews_with_its_blanks_highlighted(tmp_path):
    root = one_plan_project(tmp_path)
    assert civplan(*NEW_HOSPITAL, "--level", "市级", cwd=root).returncode == 0
    result = build_drafts(root)
    assert result.returncode == 0, result.stderr[-3000:]
    html = built_page(root, f"plans/{NEW_SLUG}")
    assert '<mark class="civ-blank">〔待填：成文日期〕</mark>' in html
    assert "Traceback" not in result.stderr


def test_a_draft_that_fails_its_check_shows_its_problems_and_the_site_still_builds(tmp_path):
    root = one_plan_project(tmp_path, {"erli-2026.md": draft_with_placeholder()})
    result = build_drafts(root)
    assert result.returncode == 0, result.stderr[-3000:]
    broken = built_page(root, f"plans/{SECOND}")
    assert "这个方案有 " in broken and "个错误" in broken
    assert re.search(r"plans/erli-2026\.md:\d+: 错误 年份写成了“20xx”", broken)
    assert "示例市第一人民医院" in built_page(root, f"plans/{SAMPLE.stem}")


def test_a_plan_whose_yaml_is_broken_gets_its_own_problem_page(tmp_path):
    text = SAMPLE.read_text("utf-8").replace("level: 市级", "level：市级", 1)
    root = one_plan_project(tmp_path, {"broken.md": text})
    result = build_drafts(root)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "全角冒号" in built_page(root, "plans/broken")


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


# --- 3. The command line for people -----------------------------------------------------------


def test_new_offers_templates_by_chinese_name_and_asks_again_instead_of_losing_answers(tmp_path):
    root = make_project(tmp_path, plans={})
    answers = "学校\n示例市实验小学\n20x6\n2026\n5\n2\n"
    from civplan.cli import commands

    given, out = iter(answers.splitlines()), io.StringIO()
    request = commands.ask(root / "templates", ask_line=lambda prompt: next(given), out=out)
    menu = out.getvalue()
    assert "8. 学校创建文明校园实施方案模板（school）" in menu
    assert "年度“20x6”不是数字" in menu and "目标级别“5”无效" in menu
    assert (request.template, request.unit, request.year, request.level) == (
        "school",
        "示例市实验小学",
        2026,
        "市级",
    )


def test_new_accepts_a_template_by_number_id_name_or_kind(tmp_path):
    from civplan.cli.new_plan import template_of

    templates = REPO / "templates"
    assert {
        template_of(a, templates) for a in ("4", "hospital", "医院", "医院创建文明单位实施方案模板")
    } == {"hospital"}
    with pytest.raises(InputError, match="请输入模板前面的编号"):
        template_of("9", templates)


def test_every_hint_of_new_can_be_pasted_as_it_is(tmp_path):
    root = make_project(tmp_path, plans={})
    result = civplan(*NEW_HOSPITAL, "--level", "市级", cwd=root)
    hints = re.findall(r"make [a-z]+(?: FILE=\S+)?", result.stdout)
    assert f"make check FILE=plans/{NEW_SLUG}.md" in hints
    assert f"make preview FILE=plans/{NEW_SLUG}.md" in hints
    targets = set(re.findall(r"^([a-z-]+):", (REPO / "Makefile").read_text("utf-8"), re.M))
    assert {hint.split()[1] for hint in hints} <= targets
    for name in ("Makefile", "pyproject.toml"):  # a dry run, in the copy all the same
        shutil.copy(REPO / name, root / name)
    dry = subprocess.run(
        ["make", "-n", "check", f"FILE=plans/{NEW_SLUG}.md"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert f"civplan check plans/{NEW_SLUG}.md" in dry.stdout


def test_a_drafts_check_ends_with_how_many_blanks_are_left_and_where(tmp_path):
    root = make_project(tmp_path, plans={})
    assert civplan(*NEW_HOSPITAL, "--level", "市级", cwd=root).returncode == 0
    path = root / "plans" / f"{NEW_SLUG}.md"
    blanks = len(BLANK.findall(path.read_text("utf-8")))
    result = civplan("check", f"plans/{NEW_SLUG}.md", cwd=root)
    lines = result.stdout.splitlines()
    assert result.returncode == 0 and blanks > 10
    assert (
        lines[-1]
        == f"检查了 1 个文件：0 个错误，0 个警告，通过；草案中还有 {blanks} 处待填（见上）。"
    )
    first = next(
        n for n, line in enumerate(path.read_text("utf-8").split("\n"), 1) if "〔待填" in line
    )
    assert f"  plans/{NEW_SLUG}.md:{first}: 〔待填：" in result.stdout
    assert f"plans/{NEW_SLUG}.md：共 {blanks} 处" in result.stdout


def test_preview_takes_the_next_free_port_when_serve_has_the_default(tmp_path):
    root = one_plan_project(tmp_path)
    with socket.socket() as serve:  # what a running `make serve` holds
        serve.bind(("127.0.0.1", 0))
        serve.listen()
        taken = serve.getsockname()[1]
        env = {**os.environ, "PYTHONPATH": str(REPO), "CIVPLAN_TODAY": "2026-05-15"}
        command = [sys.executable, "-m", "civplan", "preview", f"plans/{SAMPLE.name}"]
        process = subprocess.Popen(
            [*command, "--dev-addr", f"localhost:{taken}"],
            cwd=root,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own process group: mkdocs serve is its child
        )
        try:
            first = process.stderr.readline()
            address = re.search(r"http://localhost:(\d+)/plans/\S+/", first)
            assert address and int(address.group(1)) != taken, first
            assert "预览地址" in first
            assert "示例市第一人民医院" in fetch(address.group(0))
        finally:
            os.killpg(process.pid, signal.SIGTERM)  # as closing the terminal or `kill` would
            process.wait(timeout=30)
        # the server it started went with it: nothing answers at the preview address any more
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("localhost", int(address.group(1))), timeout=1).close()
            except OSError:
                break
            assert time.monotonic() < deadline, "预览结束后服务器还在运行"
            time.sleep(0.2)


def fetch(url: str, seconds: float = 120) -> str:
    """The page at url, once the server has built it."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@pytest.mark.parametrize(
    "typo, meant",
    [("leading_grop", "leading_group"), ("stage", "stages"), ("supervison", "supervision")],
)
def test_an_unknown_macro_gets_the_closest_name(typo, meant):
    text = SAMPLE.read_text("utf-8") + f"\n{{{{ {typo}() }}}}\n"
    plan, _ = parse(text, "plans/x.md")
    found = [p for p in plan_problems(plan) if p.rule == "body-macro"]
    assert len(found) == 1 and f"是不是要写 {meant}()？" in found[0].message
    assert found[0].line == len(text.split("\n")) - 1


MISSING = [
    # (line removed, where the problem must be: (line starting with, offset), words of the message)
    ("level: 市级\n", ("year:", 0), "请在这一行之后（year 的后面）另起一行顶格写 level:"),
    # below the last line of supervision, the field before status in the schema
    ("status: 实施中\n", ("notice:", -1), "（supervision 的后面）另起一行顶格写 status:"),
    ('  start: "2026-02-24 09:00"\n', ("notice:", 0), "请在这一组字段中补上 start:"),
]


@pytest.mark.parametrize("removed, place, words", MISSING, ids=["level", "status", "notice.start"])
def test_a_missing_field_is_reported_where_it_belongs(removed, place, words):
    changed = SAMPLE.read_text("utf-8").replace(removed, "", 1)
    plan, _ = parse(changed, "plans/x.md")
    [problem] = [p for p in plan_problems(plan) if p.rule == "schema-required"]
    assert problem.line == line_of(changed, place[0]) + place[1], str(problem)
    assert words in problem.message


# --- 4. A published plan always shows what the public needs ---------------------------------


def without_sections(text: str, names: tuple[str, ...]) -> str:
    for name in names:
        text = text.replace(f"{{{{ {name}() }}}}", "各部门按职责抓好落实。")
    return text


def sections_problems(text: str, mode: str = PLAN) -> list[str]:
    plan, _ = parse(text, "plans/x.md")
    return [p.message for p in plan_problems(plan, mode) if p.rule == "sections-required"]


def test_a_published_plan_without_the_sections_readers_rely_on_is_refused():
    text = without_sections(SAMPLE.read_text("utf-8"), ("supervision", "stages", "guarantees"))
    [message] = sections_problems(text)
    for heading in ("监督举报", "实施步骤", "保障措施"):
        assert heading in message
    assert "组织领导" not in message and "状态为“实施中”" in message
    assert sections_problems(text.replace("status: 实施中", "status: 草案", 1)) == []


@pytest.mark.parametrize("name", REQUIRED_IN_PUBLISHED)
def test_each_required_section_is_required_in_a_template_too(name):
    text = without_sections((REPO / "templates" / "hospital.md").read_text("utf-8"), (name,))
    [message] = sections_problems(text, TEMPLATE)
    assert f"{{{{ {name}() }}}}" in message


@pytest.mark.parametrize(
    "path",
    sorted([*(REPO / "templates").glob("*.md"), *(REPO / "plans").glob("*.md")]),
    ids=lambda p: p.name,
)
def test_every_template_and_sample_calls_the_required_sections(path):
    called = set(re.findall(r"\{\{ (\w+)\(\) \}\}", path.read_text("utf-8")))
    assert set(REQUIRED_IN_PUBLISHED) <= called


def test_a_running_serve_shows_a_broken_plans_problems_keeps_serving_and_recovers(tmp_path):
    root = one_plan_project(tmp_path, {"erli-2026.md": draft_with_placeholder()})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "CIVPLAN_DRAFTS": "1",
        "CIVPLAN_TODAY": "2026-05-15",
        "NO_MKDOCS_2_WARNING": "1",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert "年份写成了“20xx”" in fetch(f"{base}/plans/{SECOND}/")
        assert "示例市第一人民医院" in fetch(f"{base}/plans/{SAMPLE.stem}/")
        fixed = draft_with_placeholder().replace("20xx", "2026")
        (root / "plans" / "erli-2026.md").write_text(fixed, "utf-8")
        assert wait_for(f"{base}/plans/{SECOND}/", "草案预览")
        # the search index is finished after the reload, and is there for the next search
        assert json.loads(fetch(f"{base}/pagefind/pagefind-entry.json"))["languages"]
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for(url: str, words: str, seconds: float = 180) -> bool:
    """True once the page at url contains words (the server rebuilds after a save)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if words in fetch(url):
            return True
        time.sleep(1)
    return False


def test_new_asks_only_for_what_the_command_line_left_out_or_got_wrong():
    from civplan.cli import commands

    given, out = iter(["示例市实验小学", "2"]), io.StringIO()
    known = {"template": "学校", "unit": "x", "year": 2026, "level": None}
    request = commands.ask(REPO / "templates", lambda prompt: next(given), out, known)
    assert (request.template, request.unit, request.year, request.level) == (
        "school",
        "示例市实验小学",
        2026,
        "市级",
    )
    assert "单位名称“x”不可用" in out.getvalue() and "可用的模板" not in out.getvalue()


def test_check_into_a_pipe_that_closes_early_ends_without_a_traceback(tmp_path):
    """`civplan check plans | head`: the reader has what it wanted; no Python error follows."""
    root = make_project(tmp_path / "p")
    result = subprocess.run(
        f"{sys.executable} -m civplan check plans | true",
        shell=True,
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
    )
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr, result.stderr
