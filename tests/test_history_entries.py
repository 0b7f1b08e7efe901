"""Issue 23 item 4 and issue 26 item 4: one public entry per change a reader can see. A note
committed after its change is shown with that change; a commit that changes nothing a reader
sees (a YAML comment, re-wrapped lines) makes no entry."""

from __future__ import annotations

import re

from conftest import HOSPITAL_FILE, build, git, make_project, text_of

SLUG = HOSPITAL_FILE.removesuffix(".md")
NOTE = "检查验收阶段改为2026年12月25日结束。"


def _entries(page: str) -> list[str]:
    return re.split(r'<section class="civ-version"', page.split("</article>")[0])[1:]


def test_a_late_note_joins_its_change_and_invisible_commits_make_no_entry(tmp_path):
    root = make_project(tmp_path / "p")
    plan = root / "plans" / HOSPITAL_FILE
    text = plan.read_text("utf-8")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "v1")
    text = text.replace('end: "2026-12-31"', 'end: "2026-12-25"', 1)
    plan.write_text(text, "utf-8")
    git(root, "commit", "-qam", "date")  # the change, without its note
    text = text.replace(
        "revisions:\n", f'revisions:\n  - date: "2026-07-01"\n    note: {NOTE}\n', 1
    )
    plan.write_text(text, "utf-8")
    git(root, "commit", "-qam", "note")  # CI asked for it: the note alone
    text = text.replace("\ntitle:", "\n# 编辑备注：标题按文明办要求\ntitle:", 1)
    text = text.replace("坚持以人民健康为中心，把创建", "坚持以人民健康为中心，\n把创建", 1)
    plan.write_text(text, "utf-8")
    git(root, "commit", "-qam", "comment and wrap")  # nothing a reader sees
    result = build(root, today="2026-12-01")
    assert result.returncode == 0, result.output
    history = result.page(f"plans/{SLUG}/history")
    entries = _entries(history)
    assert len(entries) == 2, [text_of(e)[:80] for e in entries]
    newest = text_of(entries[0])
    assert NOTE in newest and "2026-12-31 → 2026-12-25" in newest
    assert "只增加了修改说明" not in history and "调整了格式" not in history
    home = result.page("")
    assert "调整了格式" not in home and "只增加了修改说明" not in home
    assert NOTE in home
