import re

from civplan.check import plan_problems
from civplan.model.loader import parse

from conftest import line_of


def problems_of(text: str):
    plan, problems = parse(text, "plans/x.md")
    assert plan is not None, problems
    return problems + plan_problems(plan)


def test_the_sample_is_valid(sample_text):
    assert problems_of(sample_text) == []


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


def test_duplicate_slug_and_title_are_reported_on_both_files(tmp_path, sample_text, monkeypatch):
    from io import StringIO

    from civplan.cli.commands import check

    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "a.md").write_text(sample_text, "utf-8")
    (plans / "b.md").write_text(sample_text, "utf-8")  # a copy nobody changed yet
    monkeypatch.chdir(tmp_path)
    out = StringIO()
    assert check(["plans"], out=out) == 1
    slug = "shilishidiyirenminyiyuan-2026"
    message = (
        "错误 网址标识“{slug}”与 plans/{other}.md 重复，两个方案会占用同一个网址。"
        "如果这是复制来的新方案，请改它的单位名称（网址由单位名称和年度生成）或写明不同的 slug。 [duplicate-slug]"
    )
    lines = out.getvalue().splitlines()
    assert lines[:2] == [
        f"plans/a.md:2: {message.format(slug=slug, other='b')}",
        f"plans/b.md:2: {message.format(slug=slug, other='a')}",
    ]
    (plans / "b.md").write_text(
        sample_text.replace("name: 示例市第一人民医院", "name: 示例市第二人民医院", 1), "utf-8"
    )
    out = StringIO()
    check(["plans"], out=out)
    assert out.getvalue().splitlines()[0] == (
        "plans/b.md:2: 错误 标题“示例市第一人民医院2026年创建市级文明单位实施方案”与 plans/a.md 相同，"
        "读者无法区分两个方案。请在标题中写明单位或年度的区别。 [duplicate-title]"
    )


def test_successor_and_former_address_must_point_right(sample_text):
    from civplan.check.library import link_problems
    from civplan.model.loader import parse

    old, _ = parse(
        sample_text.replace("status: 实施中", "status: 已废止\nsuperseded_by: shili-2099"),
        "plans/a.md",
    )
    new, _ = parse(
        sample_text.replace("title:", "former_slugs: [shilishidiyirenminyiyuan-2026]\ntitle:", 1),
        "plans/b.md",
    )
    problems = link_problems(
        {"plans/shilishidiyirenminyiyuan-2026.md": old, "plans/shili-2027.md": new}
    )
    assert [str(p) for p in problems] == [
        f"plans/a.md:{old.line_of(('superseded_by',))}: 错误 替代方案“shili-2099”不存在或尚未发布。"
        "请填写替代方案的网址标识（方案文件名去掉 .md）。 [superseded-by]",
        "plans/b.md:2: 错误 曾用网址标识“shilishidiyirenminyiyuan-2026”正被另一个方案使用，"
        "旧网址无法跳转到本方案。请删去这一项。 [former-slug]",
    ]
