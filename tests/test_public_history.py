"""What the public is told about changes: the editor's Chinese notes (or a neutral line), the unit
as the one who changed it, a history grouped by section under the schema's Chinese titles; never
a commit subject, a git author or a field key. And `civplan changes`, which CI runs on every pull
request, refuses a changed published plan that adds no note."""

from __future__ import annotations

import json
import re

import feedparser
import pytest

from civplan.model.text import HAN

from conftest import EDITOR, HOSPITAL_FILE, SAMPLE, SUBJECTS, civplan, git, make_project, text_of

SLUG = HOSPITAL_FILE.removesuffix(".md")
SCHEMA_KEYS = ["leading_group", "deputies", "stages", "end", "duty", "revisions", "feedback"]


def versions(reader_site) -> list[str]:
    page = reader_site.page(f"plans/{SLUG}/history").split("</article>")[0]
    return re.split(r'<section class="civ-version"', page)[1:]


def test_no_commit_subject_author_or_email_on_any_page_or_feed(reader_site):
    files = [*reader_site.site.rglob("*.html"), *reader_site.site.rglob("*.xml")]
    files.append(reader_site.site / "data" / "plans.json")
    assert len(files) > 30
    for path in files:
        text = path.read_text("utf-8")
        for private in [EDITOR, "editor@example.org", *SUBJECTS]:
            assert private not in text, f"{path}: {private}"


def test_history_shows_the_notes_or_a_neutral_line_and_the_unit(reader_site):
    newest, middle, first = versions(reader_site)
    assert "检查验收阶段改为2026年12月20日结束，以便迎接市文明委测评。" in text_of(newest)
    assert "修改了领导小组和实施步骤。" in text_of(middle)  # not the re-wrapped line
    # the first commit already held two notes: both are shown, each with its date
    assert "2026-03-05采纳公示意见，增加“投诉5个工作日内答复”的任务" in text_of(first)
    assert "这是第一个版本" in text_of(first)
    for version in (newest, middle, first):
        assert "修改单位：示例市第一人民医院" in text_of(version)


def test_history_groups_changes_by_section_and_matches_people_and_stages(reader_site):
    middle = versions(reader_site)[1]
    groups = dict(re.findall(r"<h3>(.*?)</h3><ul>(.*?)</ul>", middle, re.S))
    assert set(groups) == {"领导小组", "实施步骤"}  # a re-wrapped line is not a change
    assert text_of(groups["实施步骤"]) == "检查验收 › 结束日期：2026-12-31 → 2026-12-20"
    assert text_of(groups["领导小组"]) == (
        "副组长 › 王建国 › 职责分工：分管环境改造和后勤保障 → 分管环境改造、后勤保障和安全生产"
    )


def test_history_compares_the_body_by_paragraph_with_marked_characters(reader_site):
    newest = versions(reader_site)[0]
    body = re.search(r"<h3>正文 › 指导思想</h3><ul><li>(.*?)</li>", newest, re.S).group(1)
    assert "让患者在看病就医<ins>的每个环节</ins>中" in body
    assert body.count("<ins>") == 1 and "<del>" not in body


def test_history_has_no_yaml_and_no_field_keys(reader_site):
    for version in versions(reader_site):
        text = text_of(version)
        assert not re.search(r"\b(" + "|".join(SCHEMA_KEYS) + r")\b", text), text
        assert ": " not in text and "---" not in text


def test_home_page_lists_notes_dated_with_the_unit_newest_first(reader_site):
    recent = re.search(r'<ul class="civ-recent">(.*?)</ul>', reader_site.page(""), re.S).group(1)
    items = [text_of(item) for item in recent.split("</li>")[:-1]]
    assert len(items) == 8
    [note] = [item for item in items if "检查验收阶段改为2026年12月20日结束" in item]
    assert note.startswith(
        "示例市第一人民医院2026年创建市级文明单位实施方案2026-07-01 · 示例市第一人民医院："
    )
    dates = [re.search(r"(\d{4}-\d{2}-\d{2}) · ", item).group(1) for item in items]
    assert dates == sorted(dates, reverse=True)


def test_feed_summary_is_the_public_note(reader_site):
    feed = feedparser.parse((reader_site.site / "feed.xml").read_bytes())
    [entry] = [e for e in feed.entries if e.link.endswith(f"plans/{SLUG}/")]
    assert "最近修改（2026-07-01）：检查验收阶段改为2026年12月20日结束" in entry.summary


def test_schema_describes_revisions_in_chinese(reader_site):
    schema = json.loads((reader_site.site / "data" / "plan.schema.json").read_text("utf-8"))
    revisions = schema["properties"]["revisions"]
    assert revisions["title"] == "修改说明"
    for field in revisions["items"]["properties"].values():
        assert re.search(f"[{HAN}]", field["title"] + field["description"])


@pytest.fixture
def repo(tmp_path):
    """A project in git whose published hospital plan is on the base commit."""
    root = make_project(tmp_path, {HOSPITAL_FILE: SAMPLE.read_text("utf-8")}, templates=False)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "base")
    return root


def changed(root, old: str, new: str) -> None:
    plan = root / "plans" / HOSPITAL_FILE
    plan.write_text(plan.read_text("utf-8").replace(old, new, 1), "utf-8")


def test_changes_refuses_a_changed_published_plan_without_a_note(repo):
    changed(repo, "不少于4人", "不少于6人")
    result = civplan("changes", "--base", "HEAD", cwd=repo)
    assert result.returncode == 1
    line = (repo / "plans" / HOSPITAL_FILE).read_text("utf-8").split("\n").index("revisions:") + 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(
        f"plans/{HOSPITAL_FILE}:{line}: 错误 这个方案已经发布，修改时要在元数据“修改说明”"
    )
    assert first.endswith("[revision-note]")
    assert (
        result.stdout.splitlines()[-1] == "与 HEAD 相比修改了 1 个方案：1 个缺少修改说明，未通过。"
    )


def test_changes_accepts_the_change_with_a_new_note(repo):
    changed(repo, "不少于4人", "不少于6人")
    changed(
        repo,
        "revisions:\n",
        'revisions:\n  - date: "2026-07-02"\n    note: 导诊志愿者增加到每天6人。\n',
    )
    result = civplan("changes", "--base", "HEAD", cwd=repo)
    assert result.returncode == 0, result.stdout
    assert "1 个方案：0 个缺少修改说明，通过。" in result.stdout


def test_changes_lets_drafts_change_freely_and_names_a_bad_base(repo):
    changed(repo, "status: 实施中", "status: 草案")
    git(repo, "commit", "-qam", "draft")
    changed(repo, "不少于4人", "不少于6人")
    assert civplan("changes", "--base", "HEAD", cwd=repo).returncode == 0
    bad = civplan("changes", "--base", "no-such-branch", cwd=repo)
    assert bad.returncode == 2 and bad.stderr.startswith("错误：git rev-parse") and not bad.stdout
