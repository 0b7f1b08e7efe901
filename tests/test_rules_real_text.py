"""Check rules on the shapes of real plans (issue 16): house styles pass, real defects are found,
and one problem is printed once per line. The texts are written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from civplan.check import plan_problems
from civplan.model.loader import parse

SAMPLE = (
    Path(__file__).resolve().parent.parent / "plans" / "shilishidiyirenminyiyuan-2026.md"
).read_text("utf-8")


def problems(body: str, rule: str | None = None) -> list[tuple[int, str, str]]:
    plan, found = parse(f"{SAMPLE}\n## 工作要求\n\n{body}\n", "plans/x.md")
    first = plan.body_line + plan.body.split("\n").index("## 工作要求")
    return [
        (p.line - first, p.rule, p.message)
        for p in found + plan_problems(plan)
        if rule is None or p.rule == rule
    ]


RUN_ON = """（一）加强领导
1.成立领导小组。
2.明确责任分工。
（二）营造氛围
3.开展宣传活动。
4.设立宣传专栏。
（三）督查考核
5.定期督查。"""

RESTART = """（一）加强领导
1.成立领导小组。
2.明确责任分工。
（二）营造氛围
1.开展宣传活动。
2.设立宣传专栏。"""


@pytest.mark.parametrize("body", [RUN_ON, RESTART], ids=["runs-on", "restarts"])
def test_numbering_across_sub_headings_is_a_house_style(body):
    assert problems(body, "numbering") == []


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        (RUN_ON.replace("5.定期督查", "6.定期督查"), 9, "缺少“5.”"),  # runs on with a gap
        (RUN_ON.replace("5.定期督查", "3.定期督查"), 9, "从“3.”开始"),  # neither 1 nor 5
        (RESTART.replace("2.设立宣传专栏", "3.设立宣传专栏"), 7, "缺少“2.”"),  # a gap
        (RESTART.replace("2.明确责任分工", "1.明确责任分工"), 4, "重新开始"),  # a restart mid-list
        (
            RUN_ON.replace("4.设立宣传专栏", "3.设立宣传专栏").replace("5.定期", "4.定期"),
            7,
            "倒退或重复",
        ),  # a repeat
    ],
)
def test_real_numbering_defects_are_reported(body, line, words):
    found = problems(body, "numbering")
    assert len(found) == 1 and found[0][0] == line and words in found[0][2], found


def test_a_list_may_start_again_after_a_paragraph():
    body = "1.召开会议。\n\n2.印发方案。\n\n各科室要认真落实以下要求：\n\n1.按时报送材料。"
    assert problems(body, "numbering") == []


@pytest.mark.parametrize("start", ["、", "。", "，", "；", ","])
def test_a_paragraph_whose_start_was_lost_is_reported(start):
    found = problems(f"（一）加强领导。\n\n{start}各科室负责人为成员。", "lost-start")
    assert [(line, rule) for line, rule, _ in found] == [(4, "lost-start")]
    assert f"以“{start}”开头" in found[0][2]


def test_a_soft_wrapped_line_is_not_a_lost_start():
    assert problems("（一）加强领导，成立领导小组\n，各科室负责人为成员。", "lost-start") == []


def test_one_problem_is_printed_once_per_line():
    found = problems("20xx年3月至20xx年12月，完成20xx年度创建任务。")
    assert [(line, rule) for line, rule, _ in found] == [(2, "placeholder")]
