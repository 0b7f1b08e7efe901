import re

from civplan.check import plan_problems
from civplan.loader import parse


def problems_of(text: str):
    plan, problems = parse(text, "plans/x.md")
    assert plan is not None, problems
    return problems + plan_problems(plan)


def test_the_sample_is_valid(sample_text):
    assert problems_of(sample_text) == []


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


def test_wrong_type_names_field_value_and_line(sample_text):
    text = sample_text.replace("year: 2026", "year: 二〇二六", 1)
    [problem] = problems_of(text)
    assert problem.line == line_of(text, "year: 二〇二六")
    assert "“年度”（year）应为整数，现在是“二〇二六”" in problem.message
    assert str(problem).startswith(f"plans/x.md:{problem.line}: 错误 ")


def test_missing_required_field(sample_text):
    text = sample_text.replace("level: 市级\n", "", 1)
    [problem] = problems_of(text)
    assert "缺少必填字段 level（目标级别）" in problem.message
    assert problem.rule == "schema-required"


def test_value_outside_the_allowed_set(sample_text):
    text = sample_text.replace("level: 市级", "level: 区级", 1)
    [problem] = problems_of(text)
    assert "“区级”不在可选范围内" in problem.message and "县级、市级、省级、全国" in problem.message
    assert problem.line == line_of(text, "level: 区级")


def test_unknown_field_with_a_guess(sample_text):
    text = sample_text.replace("mode: 创建", "mdoe: 创建", 1)
    messages = [p.message for p in problems_of(text)]
    assert any("没有字段“mdoe”。是不是要写“mode”？" in m for m in messages)


def test_invalid_date_and_empty_role():
    text = (
        "---\ntitle: 示例县某局创建方案\nunit: {name: 示例局, kind: 机关, region: {province: 示例省, city: 示例市}}\n"
        "year: 2026\nlevel: 县级\nmode: 创建\nstatus: 实施中\nissued: 2026-02-30\n"
        "leading_group:\n  head:\n  office: {location: 办公室, director: {name: 张三, post: 主任}}\n"
        "stages: [{name: 宣传发动, start: '2026-03-01', end: '2026-03-31', tasks: [动员]}]\n"
        "guarantees: [{kind: 加强领导}]\nsupervision: {phones: [{number: '0000-1234567'}], address: 示例路1号}\n"
        "---\n"
    )
    messages = {p.line: p.message for p in problems_of(text)}
    assert "不是有效日期，应写成 YYYY-MM-DD" in messages[8]
    assert "“领导小组 组长”（leading_group.head）没有填写" in messages[10]


def test_every_problem_is_reported_not_only_the_first(sample_text):
    text = sample_text.replace("level: 市级", "level: 区级", 1).replace("mode: 创建", "mode: 争创")
    text = text.replace('issued: "2026-03-03"', 'issued: "2026-13-02"')
    assert len(problems_of(text)) == 3


def test_stage_order_and_notice_rules(sample_text):
    text = sample_text.replace('start: "2026-04-01"', 'start: "2026-03-20"')
    text = text.replace("status: 实施中", "status: 公示中")
    text = re.sub(r"notice:\n(  .*\n)+", "", text)
    rules = {p.rule for p in problems_of(text)}
    assert rules == {"stage-overlap", "notice-required"}


def test_template_code_in_metadata_is_refused(sample_text):
    text = sample_text.replace("name: 林卫东", 'name: "{{ config }}"')
    [problem] = problems_of(text)
    assert problem.rule == "meta-template-code"
