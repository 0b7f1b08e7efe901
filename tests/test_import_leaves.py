"""`civplan check` on what an import can leave in a stage (issue 27, item 4): a stage whose name
is only its numbering, or whose start and end disagree with the dates its own words write. Each
case is the sample hospital plan with one stage edited the way an import leaves it, checked
with the real command line."""

from __future__ import annotations

from conftest import REPO, civplan

SAMPLE = REPO / "plans" / "shilishidiyirenminyiyuan-2026.md"

STAGE = """  - name: 全面实施
    start: "2026-07-01"
    end: "2026-10-31"
    done: "2026-10-29"
    tasks:
      - 落实各项创建任务，每月通报进度
      - 完成无障碍设施改造
"""


def check(tmp_path, stage: str, body: str = ""):
    text = SAMPLE.read_text("utf-8")
    assert STAGE in text
    text = text.replace(STAGE, stage)
    text = text.replace("## 实施步骤\n", f"## 实施步骤\n{body}\n")
    (tmp_path / "plan.md").write_text(text, "utf-8")
    return civplan("check", "plan.md", cwd=tmp_path)


def _line_of(folder, text: str) -> int:
    """The line of the checked plan that holds `text` (the sample grows: no fixed numbers)."""
    lines = (folder / "plan.md").read_text("utf-8").split("\n")
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_word_export_read_back_wrong_is_an_error(tmp_path):
    # what the importer made of the export's “（三）全面实施（2026年6月1日至2026年10月31日）”
    # heading before the round-trip fix: a blank name, the window cut to the first month
    stage = STAGE.replace("全面实施", "〔待填：阶段名称〕").replace("10-31", "07-31")
    body = "\n（三）全面实施（2026年7月1日至2026年10月31日）\n"
    result = check(tmp_path, stage, body)
    assert result.returncode == 1, result.stdout
    body_line = _line_of(tmp_path, "（三）全面实施（2026年7月1日至2026年10月31日）")
    start_line = _line_of(tmp_path, "〔待填：阶段名称〕") + 1  # reported at the stage's dates
    shown = f"plan.md:{start_line}: 错误 阶段“第3个阶段”的正文第 {body_line} 行"
    assert shown in result.stdout, result.stdout
    assert "写的是“2026年7月1日至2026年10月31日”" in result.stdout
    assert "结束日期是 2026-07-31，两者不一致" in result.stdout
    assert result.stdout.rstrip().endswith("未通过。")


def test_dates_in_the_stage_name_disagree(tmp_path):
    stage = STAGE.replace("全面实施", "全面实施（2026年7月1日至2026年9月30日）")
    result = check(tmp_path, stage)
    assert result.returncode == 1
    assert "阶段“全面实施（2026年7月1日至2026年9月30日）”的名称写的是" in result.stdout
    assert "[stage-text-dates]" in result.stdout


def test_a_task_running_past_its_stage(tmp_path):
    stage = STAGE.replace("完成无障碍设施改造", "2026年9月1日至2026年11月30日完成无障碍设施改造")
    result = check(tmp_path, stage)
    assert result.returncode == 1
    assert "阶段“全面实施”的第2项任务写的是“2026年9月1日至2026年11月30日”" in result.stdout


def test_dates_inside_the_window_pass(tmp_path):
    # a task keeps its own shorter dates, the body says the stage's own window
    stage = STAGE.replace("完成无障碍设施改造", "2026年8月1日—8月31日 完成无障碍设施改造")
    body = "\n全面实施阶段：2026年7月1日至2026年10月31日，各科室逐项落实。\n"
    result = check(tmp_path, stage, body)
    assert result.returncode == 0, result.stdout
    assert "stage-" not in result.stdout


def test_a_name_that_is_only_numbering(tmp_path):
    for name, shown in (('"（三）"', "只有“（三）”"), ('"1."', "只有“1.”"), ('"  "', "是空的")):
        result = check(tmp_path, STAGE.replace("全面实施", name))
        assert result.returncode == 1, name
        line = _line_of(tmp_path, f"  - name: {name}")
        assert f"plan.md:{line}: 错误 第3个阶段的名称{shown}" in result.stdout, result.stdout
        assert "[stage-name-empty]" in result.stdout


def test_a_blank_name_is_a_draft_gap_not_an_error(tmp_path):
    result = check(tmp_path, STAGE.replace("全面实施", "〔待填：阶段名称〕"))
    assert "[stage-name-empty]" not in result.stdout
    assert "〔待填：阶段名称〕" in result.stdout  # listed with the draft's other blanks
