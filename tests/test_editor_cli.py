"""Issue 23, items 4 (the CLI's part) and 7: what an editor still met on the command line, the
plan page and in the check's words. Each test reproduces one failure first."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_editor import NEW_HOSPITAL, NEW_SLUG, build_drafts, built_page, one_plan_project

from conftest import REPO, SAMPLE, civplan, git


def stage_badges(html: str) -> list[tuple[str, str]]:
    """(stage name, its progress label) in the order the plan page shows them."""
    return re.findall(
        r'<h3 class="civ-stage__name">([^<]+).*?<span class="civ-progress[^"]*">([^<]+)</span>',
        html,
        flags=re.S,
    )


def test_a_drafts_stages_without_dates_read_date_to_be_set_not_in_progress(tmp_path):
    root = one_plan_project(tmp_path)
    assert civplan(*NEW_HOSPITAL, "--level", "市级", cwd=root).returncode == 0
    plan = root / "plans" / f"{NEW_SLUG}.md"
    # the editor dates the first stage only; the others keep their blanks
    text = plan.read_text("utf-8")
    text = text.replace("start: 〔待填：开始日期〕", 'start: "2026-03-01"', 1)
    plan.write_text(text.replace("end: 〔待填：结束日期〕", 'end: "2026-04-30"', 1), "utf-8")
    assert build_drafts(root).returncode == 0
    badges = stage_badges(built_page(root, f"plans/{NEW_SLUG}"))
    assert len(badges) >= 3
    assert badges[0][1] == "逾期"  # 2026-04-30 has passed on 2026-05-15 without a done date
    assert {label for _, label in badges[1:]} == {"日期待定"}


def new_project(tmp_path: Path) -> Path:
    """A folder as `make new` meets it: the templates and the plans beside them."""
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    (tmp_path / "plans").mkdir()
    return tmp_path


def test_new_with_several_wrong_values_names_every_one_in_one_run(tmp_path):
    root = new_project(tmp_path)
    # as `make new TEMPLATE=hospitl UNIT=医 YEAR=20x6 LEVEL=区级` passes them, no terminal
    wrong = ("--template", "hospitl", "--unit", "医", "--year", "20x6", "--level", "区级")
    result = civplan("new", *wrong, cwd=root)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert [line.split("：", 1)[0] for line in lines] == ["错误"] * 4, result.stderr
    for part in ("“hospitl”", "“医”", "“20x6”", "“区级”"):
        assert sum(part in line for line in lines) == 1, (part, result.stderr)
    assert "usage" not in result.stderr and "invalid" not in result.stderr
    assert list((root / "plans").iterdir()) == []


def test_new_with_a_value_missing_also_names_the_wrong_ones(tmp_path):
    result = civplan("new", "--template", "hospital", "--year", "1999", cwd=new_project(tmp_path))
    assert result.returncode == 2
    assert "UNIT=" in result.stderr and "LEVEL=" in result.stderr
    assert "年度 1999 超出范围" in result.stderr


def test_when_the_plan_exists_the_advice_is_something_make_new_can_pass(tmp_path):
    root = new_project(tmp_path)
    asked = ("TEMPLATE=hospital", "UNIT=示例市第三人民医院", "YEAR=2026", "LEVEL=市级")
    first = make_new(root, *asked)
    assert first.returncode == 0, first.stderr
    again = make_new(root, *asked)
    assert again.returncode != 0 and "不会覆盖" in again.stderr
    advice = re.search(r"make new .*?(SLUG=\S+?)[ ，。）]", again.stderr)
    assert advice, again.stderr
    # the advice works as written
    third = make_new(root, *asked, advice.group(1))
    assert third.returncode == 0, third.stderr
    slug = advice.group(1).removeprefix("SLUG=")
    assert f"slug: {slug}\n" in (root / "plans" / f"{slug}.md").read_text("utf-8")


def make_new(root: Path, *variables: str) -> subprocess.CompletedProcess:
    return make(root, "new", *variables)


def make(root: Path, target: str, *variables: str) -> subprocess.CompletedProcess:
    """`make TARGET VAR=…` with the project's Makefile, using this checkout's civplan."""
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(REPO / name, root / name)
    bin_dir = root / ".venv" / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    (root / ".venv" / ".installed").touch()  # the Makefile's install stamp: nothing to install
    (bin_dir / "civplan").write_text(
        f'#!/bin/sh\nPYTHONPATH="{REPO}" exec "{sys.executable}" -m civplan "$@"\n', "utf-8"
    )
    (bin_dir / "civplan").chmod(0o755)
    os.utime(root / ".venv" / ".installed")
    return subprocess.run(
        ["make", "--no-print-directory", "-s", target, *variables],
        cwd=root,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


OPTIONAL_GUIDANCE = "医院同时开展“九不准”医德医风专项的，保留本节"


def test_new_keeps_the_guidance_of_optional_sections_only(tmp_path):
    root = new_project(tmp_path)
    result = civplan(*NEW_HOSPITAL, "--level", "市级", cwd=root)
    assert result.returncode == 0, result.stderr
    text = (root / "plans" / f"{NEW_SLUG}.md").read_text("utf-8")
    # the box under “九不准”专项（可选） says whether to keep the section: it stays
    heading = text.index("## “九不准”专项（可选）")
    box = text.index('!!! info "填写说明"')
    assert heading < box < text.index("##", heading + 2)
    assert OPTIONAL_GUIDANCE in text
    # every other box (how to write the guiding ideas, the stages …) is gone
    assert text.count("填写说明") == 1
    assert "阶段一般分三到四个" not in text


def published_with(body: str) -> str:
    return SAMPLE.read_text("utf-8") + body


def test_check_warns_when_a_published_plan_keeps_an_optional_heading(tmp_path):
    section = (
        "\n## “九不准”专项（可选）\n\n"
        '!!! info "填写说明"\n'
        f"    {OPTIONAL_GUIDANCE}；不开展的，删除本节。\n\n"
        "医院把落实“九不准”作为创建工作的重要内容。\n"
    )
    root = new_project(tmp_path)
    (root / "plans" / SAMPLE.name).write_text(published_with(section), "utf-8")
    result = civplan("check", f"plans/{SAMPLE.name}", cwd=root)
    lines = SAMPLE.read_text("utf-8").count("\n")
    heading, box = lines + 2, lines + 4
    assert result.returncode == 0, result.stdout  # a warning, not an error
    warned = [line for line in result.stdout.splitlines() if "[optional-section]" in line]
    assert [line.split(": ")[0] for line in warned] == [
        f"plans/{SAMPLE.name}:{heading}",
        f"plans/{SAMPLE.name}:{box}",
    ]
    assert all(" 警告 " in line for line in warned)
    assert "（可选）" in warned[0] and "删除" in warned[0]


def test_a_draft_may_keep_its_optional_headings(tmp_path):
    root = new_project(tmp_path)
    assert civplan(*NEW_HOSPITAL, "--level", "市级", cwd=root).returncode == 0
    result = civplan("check", f"plans/{NEW_SLUG}.md", cwd=root)
    assert "[optional-section]" not in result.stdout


KIND_BLANK = "〔待填：单位类别：机关、医院、学校、新闻媒体、企业、社区或其他〕"


@pytest.mark.parametrize("template", ["keep-title", "network-civility"])
def test_templates_for_any_kind_of_unit_ask_for_the_kind(tmp_path, template):
    root = new_project(tmp_path)
    args = ("--template", template, "--unit", "示例市档案馆", "--year", "2026", "--level", "市级")
    result = civplan("new", *args, cwd=root)
    assert result.returncode == 0, result.stderr
    path = root / "plans" / "shilishidanganguan-2026.md"
    text = path.read_text("utf-8")
    assert f"  kind: {KIND_BLANK}\n" in text and "kind: 其他" not in text
    kind_line = text.split("\n").index(f"  kind: {KIND_BLANK}") + 1
    assert f"shilishidanganguan-2026.md:{kind_line}: {KIND_BLANK}" in result.stdout
    assert civplan("check", str(path), cwd=root).returncode == 0  # a draft may keep it

    path.write_text(text.replace("status: 草案", "status: 实施中"), "utf-8")
    published = civplan("check", str(path), cwd=root)
    assert published.returncode == 1
    assert re.search(
        rf"shilishidanganguan-2026\.md:{kind_line}: 错误 .*\[blank\]", published.stdout
    )


@pytest.mark.parametrize(
    ("field", "wrong", "shape"),
    [
        ("doc_number", "示一院党（2026）8号", "示医党〔2026〕12号"),
        ("postcode", "000-100", "000100"),
        ("notice_end", "2026/03/10", "2026-03-10"),
    ],
)
def test_a_pattern_error_reads_as_one_sentence_that_shows_the_right_shape(
    tmp_path, field, wrong, shape
):
    text = SAMPLE.read_text("utf-8")
    old = {
        "doc_number": re.search(r"^doc_number: .*$", text, re.M).group(0),
        "postcode": re.search(r"^  postcode: .*$", text, re.M).group(0),
        "notice_end": re.search(r"^  end: .*$", text[text.index("\nnotice:") :], re.M).group(0),
    }[field]
    key, _ = old.split(": ", 1)
    root = new_project(tmp_path)
    (root / "plans" / SAMPLE.name).write_text(text.replace(old, f'{key}: "{wrong}"', 1), "utf-8")
    result = civplan("check", f"plans/{SAMPLE.name}", cwd=root)
    [line] = [line for line in result.stdout.splitlines() if "[schema-pattern]" in line]
    # “文号”（doc_number）格式不对，应写成……，例如“示医党〔2026〕12号”；现在写的是“…”。
    assert re.search(r"格式不对，应写成[^。]*" + re.escape(shape), line), line
    assert f"现在写的是“{wrong}”" in line
    message = line.removesuffix(" [schema-pattern]")
    assert "不满足" not in message and "pattern" not in message and "填写说明" not in message


NOTE = "检查验收阶段的结束日期提前到12月25日，以便年底前完成总结。"
COMMENTED = SAMPLE.read_text("utf-8").replace(
    "revisions:\n  - date:",
    "# what changed, newest first (the site shows these)\n"
    "revisions:  # 修改说明\n"
    "  # the newest note goes right here\n"
    "  - date:",
    1,
)


def write_plan(root: Path, text: str, newline: str = "\n") -> Path:
    path = root / "plans" / SAMPLE.name
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def test_note_inserts_two_lines_and_leaves_every_other_byte(tmp_path, monkeypatch):
    monkeypatch.setenv("CIVPLAN_TODAY", "2026-07-10")
    path = write_plan(new_project(tmp_path), COMMENTED, "\r\n")  # a file saved on Windows
    before = path.read_bytes().split(b"\r\n")
    result = civplan("note", f"plans/{SAMPLE.name}", NOTE, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    after = path.read_bytes().split(b"\r\n")
    at = before.index(b"  # the newest note goes right here") + 1
    added = ['  - date: "2026-07-10"', f"    note: {NOTE}"]
    assert after == before[:at] + [line.encode() for line in added] + before[at:]
    assert f"plans/{SAMPLE.name}:{at + 1}" in result.stdout
    assert civplan("check", f"plans/{SAMPLE.name}", cwd=tmp_path).returncode == 0


def test_note_starts_the_list_when_a_plan_has_none_and_quotes_only_when_yaml_needs_it(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("CIVPLAN_TODAY", "2026-07-10")
    text = SAMPLE.read_text("utf-8")
    without = text[: text.index("revisions:")] + text[text.index("---\n", 10) :]
    path = write_plan(new_project(tmp_path), without)
    tricky = "补充: 举报邮箱 #2 改为 jubao@example.gov.cn"  # a colon and a hash: YAML needs quotes
    assert civplan("note", str(path), tricky, cwd=tmp_path).returncode == 0
    edited = path.read_text("utf-8")
    assert edited == without.replace(
        "\n---\n", f'\nrevisions:\n  - date: "2026-07-10"\n    note: "{tricky}"\n---\n', 1
    )


def test_note_goes_first_in_a_list_written_on_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("CIVPLAN_TODAY", "2026-07-10")
    text = SAMPLE.read_text("utf-8")
    old = text[text.index("revisions:") : text.index("---\n", 10)]
    one_line = (
        'revisions: [{date: "2026-03-05", note: 采纳公示意见，增加答复时限。}]  # 最新的在前\n'
    )
    path = write_plan(new_project(tmp_path), text.replace(old, one_line))
    assert civplan("note", str(path), NOTE, cwd=tmp_path).returncode == 0
    assert path.read_text("utf-8") == text.replace(
        old,
        f'revisions: [{{date: "2026-07-10", note: {NOTE}}}, '
        '{date: "2026-03-05", note: 采纳公示意见，增加答复时限。}]  # 最新的在前\n',
    )


def test_note_refuses_a_note_too_short_and_a_broken_file_and_changes_nothing(tmp_path):
    path = write_plan(new_project(tmp_path), COMMENTED)
    short = civplan("note", str(path), "改", cwd=tmp_path)
    assert short.returncode == 2 and short.stderr.startswith("错误：修改说明“改”太短")
    path.write_text(COMMENTED.replace("level: 市级", "level：市级"), "utf-8")
    broken = civplan("note", str(path), NOTE, cwd=tmp_path)
    assert broken.returncode == 2 and "make check" in broken.stderr
    assert "Traceback" not in short.stderr + broken.stderr
    assert path.read_text("utf-8") == COMMENTED.replace("level: 市级", "level：市级")


def test_changes_names_the_note_command_and_following_it_passes(tmp_path, monkeypatch):
    monkeypatch.setenv("CIVPLAN_TODAY", "2026-07-10")
    root = new_project(tmp_path)
    path = write_plan(root, COMMENTED)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "base")
    path.write_text(COMMENTED.replace('end: "2026-12-31"', 'end: "2026-12-25"', 1), "utf-8")
    refused = civplan("changes", "--base", "HEAD", cwd=root)
    assert refused.returncode == 1
    advice = re.search(r'make note FILE=(\S+) NOTE="[^"]+"', refused.stdout)
    assert advice and advice.group(1) == f"plans/{SAMPLE.name}", refused.stdout
    noted = make(root, "note", f"FILE={advice.group(1)}", f"NOTE={NOTE}")
    assert noted.returncode == 0, noted.stderr
    assert civplan("changes", "--base", "HEAD", cwd=root).returncode == 0
    diff = git(root, "diff", "-U0", "--", "plans").splitlines()
    changed = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == [
        '-    end: "2026-12-31"',
        '+    end: "2026-12-25"',
        '+  - date: "2026-07-10"',
        f"+    note: {NOTE}",
    ]


def test_contributing_says_the_notice_check_counts_working_days_and_shows_make_note():
    text = (REPO / "CONTRIBUTING.md").read_text("utf-8")
    notice = text[text.index("## 方案状态与公示期") :]
    notice = notice[: notice.index("\n## ")]
    assert "检查程序不会替你数" not in notice
    assert "检查程序会替你数" in notice and "法定节假日" in notice and "[notice-length]" in notice
    assert "make note FILE=" in text and "civplan note" in text


OLD_PLAN = (
    "示例市第一人民医院2026年创建市级文明单位实施方案\n\n"
    "一、指导思想\n\n以习近平新时代中国特色社会主义思想为指导，  推进创建工作。\n"
)


def test_import_to_a_named_file_is_accepted_when_the_unit_already_has_a_plan(tmp_path):
    root = new_project(tmp_path)
    write_plan(root, SAMPLE.read_text("utf-8"))  # 示例市第一人民医院 2026 has its plan already
    (root / "旧方案.txt").write_text(OLD_PLAN, "utf-8")
    result = civplan("import", "旧方案.txt", "--output", "plans/yiyuan-jiuban-2026.md", cwd=root)
    assert result.returncode == 0, result.stderr
    path = root / "plans" / "yiyuan-jiuban-2026.md"
    text = path.read_text("utf-8")
    assert text.startswith("---\nslug: yiyuan-jiuban-2026\n")  # its own address: the file name
    # the report's lines are the written file's lines
    listed = re.findall(r"plans/yiyuan-jiuban-2026\.md:(\d+): (〔待填：[^〕]*〕)", result.stdout)
    lines = text.split("\n")
    assert listed and all(blank in lines[int(n) - 1] for n, blank in listed)
    check = civplan("check", "plans", cwd=root)
    # two addresses now; the same title is still the editor's to change
    assert "[duplicate-slug]" not in check.stdout and "[duplicate-title]" in check.stdout


def test_import_to_a_name_that_is_no_address_says_which_name_would_do(tmp_path):
    root = new_project(tmp_path)
    write_plan(root, SAMPLE.read_text("utf-8"))
    (root / "旧方案.txt").write_text(OLD_PLAN, "utf-8")
    result = civplan("import", "旧方案.txt", "--output", "plans/旧方案.md", cwd=root)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert re.search(r"--output plans/[a-z0-9-]+\.md", result.stderr), result.stderr
    assert sorted(p.name for p in (root / "plans").iterdir()) == [SAMPLE.name]


def test_a_check_message_about_the_notes_names_the_note_command(tmp_path):
    text = SAMPLE.read_text("utf-8")
    notes = text[text.index("revisions:") : text.index("---\n", 10)]
    root = new_project(tmp_path)
    write_plan(root, text.replace(notes, "revisions: 自查整改阶段按期完成。\n"))
    result = civplan("check", f"plans/{SAMPLE.name}", cwd=root)
    [line] = [line for line in result.stdout.splitlines() if "“修改说明”（revisions）" in line]
    assert "make note FILE=" in line


def test_the_library_lists_the_templates_for_any_unit_under_their_own_heading(tmp_path):
    root = one_plan_project(tmp_path)
    assert build_drafts(root).returncode == 0
    library = built_page(root, "library")
    group = re.search(r"<h2[^>]*>各类单位</h2><ul>(.*?)</ul>", library, re.S)
    assert group, "keep-title and network-civility vanished from the library"
    assert 'href="keep-title/"' in group.group(1) and 'href="network-civility/"' in group.group(1)
    card = built_page(root, "library/keep-title").replace("&quot;", '"')
    assert "单位类别：各类单位" in card and 'UNIT="示例市某某单位"' in card
