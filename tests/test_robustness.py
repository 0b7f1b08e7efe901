"""Whatever an editor (or anyone) feeds the loader and check, the answer is problems with lines."""

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civplan.check import check_file, plan_problems
from civplan.model.loader import load, parse
from civplan.model.problems import Problem

from conftest import SAMPLE

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(
        ["2026-02-30", "〔待填：姓名〕", "{{ config }}", "20xx年", "0000-1234567", "市级"]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


def assert_problems(problems, text_lines: int) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert isinstance(problem.line, int) and 1 <= problem.line <= max(text_lines, 1) + 1
        assert problem.message and problem.rule


def full_check(text: str):
    plan, problems = parse(text, "plans/x.md")
    if plan is not None:
        problems += plan_problems(plan)
    assert_problems(problems, text.count("\n") + 1)
    return plan, problems


@SETTINGS
@given(st.text(max_size=400))
def test_arbitrary_text(text):
    full_check(text)


@SETTINGS
@given(st.text(max_size=300), st.text(max_size=300))
def test_arbitrary_front_matter_and_body(front, body):
    full_check(f"---\n{front}\n---\n{body}")


@SETTINGS
@given(st.dictionaries(st.text(max_size=12), values, max_size=6))
def test_arbitrary_yaml_mappings(data):
    full_check("---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n正文\n")


@SETTINGS
@given(st.data())
def test_wrong_types_in_real_fields(data):
    plan, _ = parse(SAMPLE.read_text("utf-8"), "p.md")
    meta = plan.meta
    path = data.draw(st.sampled_from(sorted(plan.lines, key=str)))
    target = meta
    for key in path[:-1]:
        target = target[key]
    if path:
        target[path[-1]] = data.draw(values)
    full_check("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + plan.body)


@SETTINGS
@given(st.binary(max_size=300))
def test_arbitrary_bytes_from_disk(tmp_path_factory, raw):
    path = Path(tmp_path_factory.mktemp("bytes")) / "x.md"
    path.write_bytes(raw)
    plan, problems = check_file(path)
    assert_problems(problems, raw.count(b"\n") + 1)


@SETTINGS
@given(
    st.text(min_size=1, max_size=200).filter(lambda t: any(ord(c) > 127 for c in t)),
    st.sampled_from(["gb18030", "utf-16", "big5"]),
)
def test_other_encodings_are_reported_not_crashed(tmp_path_factory, text, encoding):
    path = Path(tmp_path_factory.mktemp("enc")) / "x.md"
    try:
        path.write_bytes(("---\ntitle: " + text + "\n---\n").encode(encoding))
    except UnicodeEncodeError:
        return
    plan, problems = load(path)
    assert_problems(problems, 10_000)


def test_empty_and_huge_files(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_text("", "utf-8")
    plan, problems = check_file(empty)
    assert plan is None and problems[0].line == 1 and "缺少元数据" in problems[0].message

    large = tmp_path / "large.md"
    body = (
        "坚持以人民为中心，推进文明单位创建。" * 40 + "\n\n"
    ) * 200  # about 0.4 MB: still a plan
    large.write_text(SAMPLE.read_text("utf-8") + body, "utf-8")
    plan, problems = check_file(large)
    assert plan is not None and problems == []

    huge = tmp_path / "huge.md"
    huge.write_text(SAMPLE.read_text("utf-8") + body * 5, "utf-8")  # about 2 MB: no plan is
    plan, problems = check_file(huge)
    assert plan is None and [(p.line, p.rule) for p in problems] == [(1, "file-size")]
    assert "KB" in problems[0].message
