"""Templates: checked in template mode, copied by `new`, compared by `upstream`."""

import re
import shutil
from datetime import date
from itertools import count
from pathlib import Path

import pytest

from civplan.check import check_file
from civplan.check.library import load_library
from civplan.check.rules import TEMPLATE
from civplan.cli.new_plan import Request
from civplan.model.blank import BLANK

from conftest import REPO, civplan, git

TODAY = date(2026, 11, 28)
NEW_HOSPITAL = [
    "new",
    "--template",
    "hospital",
    "--unit",
    "示例市第三人民医院",
    "--year",
    "2026",
    "--level",
    "市级",
]
TEMPLATES = sorted((REPO / "templates").glob("*.md"))


@pytest.fixture
def workdir(tmp_path) -> Path:
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    (tmp_path / "plans").mkdir()
    return tmp_path


def test_there_are_templates_for_every_kind_and_campaign():
    ids = {path.stem for path in TEMPLATES}
    assert len(ids) >= 8
    assert "hospital" in ids


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_every_template_validates_in_template_mode(path):
    plan, problems = check_file(path, mode=TEMPLATE)
    assert problems == []
    assert plan.meta["status"] == "草案" and plan.get("template", "id") == path.stem
    body = plan.body
    for macro in ("leading_group()", "stages()", "guarantees()", "supervision()"):
        assert macro in body
    assert BLANK.search(path.read_text("utf-8")), "a template without blanks fits only one unit"


def test_templates_hold_none_of_the_real_plans_placeholders():
    for path in TEMPLATES:
        text = path.read_text("utf-8")
        assert not re.search(r"20xx|xx大|××|名单附后", text, re.I), path.name


def test_new_writes_a_draft_with_the_given_values_and_only_optional_guidance(workdir):
    result = civplan(*NEW_HOSPITAL, cwd=workdir)
    assert result.returncode == 0, result.stderr
    path = workdir / "plans" / "shilishidisanrenminyiyuan-2026.md"
    text = path.read_text("utf-8")
    assert "title: 示例市第三人民医院2026年创建市级文明单位实施方案" in text
    assert "year: 2026\n" in text and "level: 市级\n" in text and "status: 草案" in text
    # the one box left is the optional section's: keep it or delete it (tests/test_editor_cli.py)
    assert text.count("填写说明") == 1 and "template_info" not in text
    assert "template:\n  id: hospital\n  version:" in text
    # every blank left is listed with its real line
    listed = re.findall(
        r"plans/shilishidisanrenminyiyuan-2026\.md:(\d+): (〔待填：[^〕]*〕)", result.stdout
    )
    lines = text.split("\n")
    assert listed and all(blank in lines[int(n) - 1] for n, blank in listed)
    assert len(listed) == len(BLANK.findall(text))


def fill_blanks(text: str) -> str:
    """Fill every blank with a value of the right shape, dates in increasing order."""
    days, names, numbers = count(1), count(1), count(1)

    def value(match: re.Match) -> str:
        label = match.group(1)
        if "日期" in label or "期限" in label:
            return f'"{date.fromordinal(date(2026, 3, 1).toordinal() + 9 * next(days))}"'
        if "电话" in label:
            return '"0000-86120011"'
        if "邮箱" in label:
            return "jubao@example.gov.cn"
        if "邮政编码" in label:
            return '"000100"'
        if "姓名" in label:
            return "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨"[next(names)] + "某"
        if "文号" in label:
            return f"示院〔2026〕{next(numbers)}号"
        return "示例内容"

    return BLANK.sub(value, text)


def test_new_plan_validates_once_its_blanks_are_filled_and_not_before(workdir):
    assert civplan(*NEW_HOSPITAL, cwd=workdir).returncode == 0
    path = workdir / "plans" / "shilishidisanrenminyiyuan-2026.md"
    draft = path.read_text("utf-8")
    assert civplan("check", str(path), cwd=workdir).returncode == 0  # a draft may keep its blanks

    path.write_text(draft.replace("status: 草案", "status: 实施中"), "utf-8")
    result = civplan("check", str(path), cwd=workdir)
    assert result.returncode == 1 and "[blank]" in result.stdout

    filled = fill_blanks(draft).replace("status: 草案", "status: 实施中")
    path.write_text(filled, "utf-8")
    result = civplan("check", str(path), cwd=workdir)
    assert ": 错误 " not in result.stdout, result.stdout
    assert result.returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--template", "hospitl"], "没有名为“hospitl”的模板"),
        (["--year", "1999"], "年度 1999 超出范围"),
        (["--level", "区级"], "目标级别“区级”无效"),
        (["--slug", "Bad Slug"], "网址标识“Bad Slug”无效"),
    ],
)
def test_bad_arguments_are_refused_and_nothing_is_written(workdir, args, message):
    base = {
        "--template": "hospital",
        "--unit": "示例市第三人民医院",
        "--year": "2026",
        "--level": "市级",
    }
    for key, value in zip(args[::2], args[1::2], strict=True):
        base[key] = value
    result = civplan("new", *[x for pair in base.items() for x in pair], cwd=workdir)
    assert result.returncode == 2
    assert message in result.stderr
    assert list((workdir / "plans").iterdir()) == []


def test_overwrite_is_refused(workdir):
    assert civplan(*NEW_HOSPITAL, cwd=workdir).returncode == 0
    path = workdir / "plans" / "shilishidisanrenminyiyuan-2026.md"
    path.write_text(path.read_text("utf-8") + "\n编辑已经写了的内容\n", "utf-8")
    result = civplan(*NEW_HOSPITAL, cwd=workdir)
    assert result.returncode == 2 and "不会覆盖" in result.stderr
    assert "编辑已经写了的内容" in path.read_text("utf-8")


def test_slugs_are_stable_and_unique():
    from civplan.model.slug import slug_for

    meta = {"unit": {"name": "示例市第三人民医院"}, "year": 2026}
    assert slug_for(meta) == slug_for(dict(meta)) == "shilishidisanrenminyiyuan-2026"
    assert slug_for({**meta, "title": "改过的标题"}) == "shilishidisanrenminyiyuan-2026"
    assert slug_for({**meta, "year": 2027}) != slug_for(meta)
    library, problems = load_library(REPO / "plans")
    assert len(library.plans) == len(list((REPO / "plans").glob("*.md")))
    assert not [p for p in problems if p.rule == "duplicate-slug"]


def test_new_asks_for_each_value_in_a_terminal(workdir):
    from civplan.cli import commands

    answers = iter(["hospital", "示例县中医院", "2026", "县级"])
    request = commands.ask(workdir / "templates", ask_line=lambda prompt: next(answers))
    assert request == Request("hospital", "示例县中医院", 2026, "县级")


def test_upstream_shows_what_the_template_changed_since_the_copy(workdir):
    git(workdir, "init", "-q")
    git(workdir, "add", "templates")
    git(workdir, "commit", "-qm", "template 1.0")
    assert (
        civplan(
            "new",
            "--template",
            "hospital",
            "--unit",
            "示例县中医院",
            "--year",
            "2026",
            "--level",
            "县级",
            cwd=workdir,
        ).returncode
        == 0
    )
    template = workdir / "templates" / "hospital.md"
    text = template.read_text("utf-8")
    text = text.replace('version: "1.0"', 'version: "1.1"', 1)
    text = text.replace(
        "  changelog:\n",
        '  changelog:\n    - version: "1.1"\n      date: "2026-12-01"\n'
        "      note: 保障措施增加志愿服务时长要求。\n",
        1,
    )
    text = text.replace(
        "让患者在看病就医中感受到文明创建的成效。", "让患者在看病就医中感受到温暖和尊重。"
    )
    template.write_text(text, "utf-8")
    git(workdir, "commit", "-qam", "template 1.1")

    result = civplan("upstream", "plans/shilixianzhongyiyuan-2026.md", cwd=workdir)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "复制自模板 hospital 1.0，模板现在是 1.1" in out
    assert "1.1（2026-12-01）：保障措施增加志愿服务时长要求。" in out
    assert "【指导思想】有改动" in out
    assert "− " in out and "让患者在看病就医中感受到文明创建的成效。" in out
    assert re.search(r"^  \+ .*让患者在看病就医中感受到温暖和尊重。$", out, re.M)
