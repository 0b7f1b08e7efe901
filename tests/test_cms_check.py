"""Issue 23, items 1, 3 and 4: `make edit` saves only what `civplan check` accepts.

The real server on 127.0.0.1 over a copy of the sample plans, spoken to as the editor page
speaks to it (POST /api/v1). A save the check refuses writes nothing and answers with every
problem in Chinese, with its line and field; `civplan check` then agrees with the server.
(The same in the browser: test_cms_browser.py.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, civplan, editor_api, editor_server

HOSPITAL = "plans/shilishidiyirenminyiyuan-2026.md"
NOTE = """revisions:
  - date: "2026-07-01"
    note: 检查验收阶段提前一天结束。
"""


@pytest.fixture
def local(tmp_path):
    """The sample plans in a repository of their own, and the editor's server on it."""
    shutil.copytree(REPO / "plans", tmp_path / "plans")
    with editor_server(tmp_path) as url:
        yield tmp_path, url


def save(url: str, path: str, raw: str) -> tuple[int, dict]:
    entry = {"path": path, "raw": raw, "slug": Path(path).stem}
    return editor_api(url, "persistEntry", {"entry": entry, "assets": []})


def civplan_check(root: Path, path: str) -> tuple[int, str]:
    done = civplan("check", path, cwd=root)
    return done.returncode, done.stdout


def test_a_mobile_number_as_report_phone_is_not_saved_and_the_field_is_named(local):
    root, url = local
    before = (root / HOSPITAL).read_text("utf-8")
    raw = before.replace('"0000-86120011"', '"139-1234-5678"  # 新的举报电话')
    status, answer = save(url, HOSPITAL, raw)
    assert status == 422
    assert answer["error"].startswith(f"{HOSPITAL} 有 3 个错误，没有保存")
    line = raw.split("\n").index('    - number: "139-1234-5678"  # 新的举报电话') + 1
    assert f"第 {line} 行：出现了手机号码（139****5678）" in answer["error"]
    found = {(p["line"], p["field"], p["rule"]) for p in answer["problems"]}
    assert (line, "supervision.phones.0.number", "mobile-number") in found
    assert (root / HOSPITAL).read_text("utf-8") == before
    (root / "other.md").write_text(raw, "utf-8")  # the CLI says the same of that text
    code, out = civplan_check(root, "other.md")
    assert code == 1 and "139****5678" in out


def test_a_published_plan_changed_without_a_note_is_refused_and_saved_with_one(local):
    root, url = local
    before = (root / HOSPITAL).read_text("utf-8")
    changed = before.replace('end: "2026-12-31"', 'end: "2026-12-30"')
    status, answer = save(url, HOSPITAL, changed)
    assert (
        status == 422
        and "修改时要在元数据“修改说明”（revisions）的最前面新增一条" in answer["error"]
    )
    assert [p["field"] for p in answer["problems"]] == ["revisions"]
    assert (root / HOSPITAL).read_text("utf-8") == before
    noted = changed.replace("revisions:\n", NOTE, 1)
    assert save(url, HOSPITAL, noted)[0] == 200
    assert (root / HOSPITAL).read_text("utf-8") == noted
    assert civplan_check(root, "plans")[0] == 0


def draft_of(text: str) -> str:
    """The hospital plan as another unit's draft (its own address and title)."""
    return text.replace("status: 实施中", "status: 草案").replace("第一人民医院", "第九人民医院")


def test_a_draft_may_keep_its_blanks_and_changes_without_a_note(local):
    root, url = local
    path = "plans/shilishidijiurenminyiyuan-2026.md"
    draft = draft_of((root / HOSPITAL).read_text("utf-8"))
    (root / path).write_text(draft, "utf-8")
    draft = draft.replace("jubao@shili-yiyuan.example\n  address", "〔待填：邮箱〕\n  address")
    status, answer = save(url, path, draft.replace('end: "2026-12-31"', 'end: "2026-12-30"'))
    assert status == 200, answer
    assert (root / path).read_text("utf-8") == draft.replace(
        'end: "2026-12-31"', 'end: "2026-12-30"'
    )


def test_a_copy_with_another_plans_title_is_refused_as_the_cli_refuses_it(local):
    root, url = local
    copy = (root / HOSPITAL).read_text("utf-8").replace("status: 实施中", "status: 草案")
    copy = copy.replace("name: 示例市第一人民医院", "name: 示例市第九人民医院", 1)
    status, answer = save(url, "plans/jiuyuan.md", copy)
    assert status == 422 and "duplicate-title" in {p["rule"] for p in answer["problems"]}
    assert not list((root / "plans").glob("*jiu*"))


def test_a_new_plan_is_written_under_its_pinyin_address(local):
    root, url = local
    new = (root / HOSPITAL).read_text("utf-8").replace("status: 实施中", "status: 草案")
    new = new.replace("示例市第一人民医院", "示例市第五人民医院").replace("revisions:", "old:")
    new = new.split("old:")[0] + "---\n" + new.split("\n---\n", 1)[1]
    status, answer = save(url, "plans/示例市第五人民医院-2026.md", new)
    assert status == 200, answer
    assert answer["path"] == "plans/shilishidiwurenminyiyuan-2026.md"
    assert (root / answer["path"]).read_text("utf-8") == new
    assert not (root / "plans" / "示例市第五人民医院-2026.md").exists()


def test_the_check_button_gets_the_same_answer_and_nothing_is_written(local):
    root, url = local
    before = (root / HOSPITAL).read_text("utf-8")
    raw = before.replace("title: 示例市", "title: 20xx年示例市", 1)
    status, answer = editor_api(url, "civplanCheck", {"path": HOSPITAL, "raw": raw})
    assert status == 200
    assert {p["rule"] for p in answer["problems"]} >= {"revision-note"}
    assert all(p["message"] and p["severity"] in ("错误", "警告") for p in answer["problems"])
    assert (root / HOSPITAL).read_text("utf-8") == before


def test_a_problem_in_the_body_names_the_body_field(local):
    """The editor shows a problem under the field that holds it: the body's is 正文 (body)."""
    root, url = local
    before = (root / HOSPITAL).read_text("utf-8")
    raw = before.replace("## 指导思想\n", "## 指导思想\n\n联系人手机 139 1234 5678。\n", 1)
    status, answer = editor_api(url, "civplanCheck", {"path": HOSPITAL, "raw": raw})
    assert status == 200
    [phone] = [p for p in answer["problems"] if p["rule"] == "mobile-number"]
    assert phone["field"] == "body"
    assert raw.split("\n")[phone["line"] - 1] == "联系人手机 139 1234 5678。"
