"""Issue 23, items 4 (the CLI's part) and 7: what an editor still met on the command line, the
plan page and in the check's words. Each test reproduces one failure first."""

from __future__ import annotations

import re

from test_editor import NEW_HOSPITAL, NEW_SLUG, build_drafts, one_plan_project, page

from conftest import civplan


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
    badges = stage_badges(page(root, f"plans/{NEW_SLUG}"))
    assert len(badges) >= 3
    assert badges[0][1] == "逾期"  # 2026-04-30 has passed on 2026-05-15 without a done date
    assert {label for _, label in badges[1:]} == {"日期待定"}
