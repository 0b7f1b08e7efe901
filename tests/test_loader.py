from civplan.model.loader import parse


def test_front_matter_split_and_body_line(sample_text):
    plan, problems = parse(sample_text, "plans/x.md")
    assert problems == []
    assert plan.meta["unit"]["name"] == "示例市第一人民医院"
    body_first_line = sample_text.split("\n")[plan.body_line - 1]
    assert plan.body.split("\n")[0] == body_first_line


def test_dates_stay_strings_for_the_schema():
    plan, _ = parse("---\nissued: 2026-03-02\nyear: 2026\n---\n", "p.md")
    assert plan.meta["issued"] == "2026-03-02"
    assert plan.meta["year"] == 2026


def test_every_field_has_its_line(sample_text):
    plan, _ = parse(sample_text, "p.md")
    lines = sample_text.split("\n")
    assert lines[plan.line_of(("unit", "name")) - 1].strip() == "name: 示例市第一人民医院"
    deputy = plan.line_of(("leading_group", "deputies", 1, "name"))
    assert lines[deputy - 1].strip() == "- name: 王建国"
    # a field without its own line points at its closest parent
    assert plan.line_of(("leading_group", "nonexistent")) == plan.line_of(("leading_group",))


def test_yaml_error_is_reported_with_its_line():
    text = "---\ntitle: 示例\nunit:\n  name: [未闭合\nyear: 2026\n---\n正文\n"
    plan, problems = parse(text, "plans/bad.md")
    assert plan is None
    assert len(problems) == 1
    assert problems[0].line in (4, 5)
    assert str(problems[0]).startswith("plans/bad.md:")
    assert "YAML 格式有误" in problems[0].message


def test_missing_and_unclosed_front_matter():
    _, problems = parse("# 没有元数据\n", "a.md")
    assert "第一行应是 ---" in problems[0].message
    _, problems = parse("---\ntitle: 示例\n正文\n", "a.md")
    assert "元数据没有结束" in problems[0].message


def test_duplicate_keys_are_not_silently_merged():
    _, problems = parse("---\ntitle: 甲\nyear: 2026\ntitle: 乙\n---\n", "a.md")
    assert [(p.line, p.rule) for p in problems] == [(4, "yaml-duplicate-key")]


def test_non_mapping_front_matter():
    _, problems = parse("---\n- 一\n- 二\n---\n", "a.md")
    assert "字段: 值" in problems[0].message


def test_windows_line_endings(sample_text):
    plan, problems = parse(sample_text.replace("\n", "\r\n"), "a.md")
    assert problems == [] and plan.meta["year"] == 2026
