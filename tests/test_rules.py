"""Every rule has an example plan with one defect and the exact lines `civplan check` prints for it.

civplan/check/examples/invalid/<rule-id>.md is a complete plan with exactly that defect;
tests/fixtures/expected/<rule-id>.txt holds the problem lines (not the summary line).
civplan/check/examples/valid/ holds edge cases that must pass without a single problem.
"""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path

import pytest

from civplan.check import plan_problems
from civplan.check.rules import RULES
from civplan.cli import commands
from civplan.model.blank import BLANK
from civplan.model.loader import parse

from conftest import REPO

EXAMPLES = REPO / "civplan" / "check" / "examples"
EXPECTED = REPO / "tests" / "fixtures" / "expected"

LOADER_AND_SCHEMA_IDS = [
    "front-matter",
    "yaml",
    "yaml-duplicate-key",
    "encoding",
    "schema-required",
    "schema-type",
    "schema-enum",
    "schema-pattern",
    "schema-format",
    "schema-minLength",
    "schema-maxLength",
    "schema-minItems",
    "schema-minimum",
    "schema-unknown-field",
]
ERROR_LINE = re.compile(r"^\S+:\d+: 错误 ")

INVALID = sorted([*EXAMPLES.glob("invalid/*.md"), *EXAMPLES.glob("invalid/templates/*.md")])
"""A rule for templates has its example in invalid/templates/, checked as a template."""
VALID = sorted(EXAMPLES.glob("valid/*.md"))


def run_check(path: Path, output_format: str = "text") -> tuple[int, str]:
    """`civplan check <path>` as an editor runs it from the repository root."""
    out = StringIO()
    code = commands.check([path.relative_to(REPO).as_posix()], output_format, out=out)
    return code, out.getvalue()


TODAY = "2026-05-15"
"""The day the examples are checked on, the day the site tests build on: a rule that reads the
build's "now" (a deadline passed) gives the same lines whatever the clock says."""


@pytest.fixture(autouse=True)
def at_repo_root(monkeypatch):
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("CIVPLAN_TODAY", TODAY)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_example_gives_exactly_the_expected_lines(path):
    expected = (EXPECTED / f"{path.stem}.txt").read_text("utf-8").splitlines()
    code, output = run_check(path)
    *problems, summary = output.splitlines()
    assert problems == expected
    assert summary.startswith("检查了 1 个文件：")
    assert code == (1 if any(ERROR_LINE.match(line) for line in expected) else 0)


@pytest.mark.parametrize("rule_id", [*RULES, *LOADER_AND_SCHEMA_IDS])
def test_every_rule_has_an_example_that_triggers_it(rule_id):
    example = next(
        (p for p in INVALID if p.stem == rule_id), EXAMPLES / "invalid" / f"{rule_id}.md"
    )
    expected = EXPECTED / f"{rule_id}.txt"
    assert example.is_file(), f"规则 {rule_id} 缺少示例 {example.relative_to(REPO)}"
    assert expected.is_file(), f"规则 {rule_id} 缺少预期输出 {expected.relative_to(REPO)}"
    assert f"[{rule_id}]" in expected.read_text("utf-8")


def test_every_expected_file_belongs_to_an_example():
    assert {p.stem for p in EXPECTED.glob("*.txt")} == {p.stem for p in INVALID}


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_example_has_no_problem(path):
    code, output = run_check(path)
    blanks = len(BLANK.findall(path.read_text("utf-8")))
    *listing, summary = output.splitlines()
    # a draft's check ends with how many blanks are left (listed above the summary)
    left = f"；草案中还有 {blanks} 处待填（见上）" if blanks else ""
    assert summary == f"检查了 1 个文件：0 个错误，0 个警告，通过{left}。"
    assert bool(listing) == bool(blanks) and not any(ERROR_LINE.match(line) for line in listing)
    assert code == 0


def test_valid_examples_cover_the_edge_cases():
    assert len(VALID) >= 3


def test_json_output_carries_every_field():
    path = EXAMPLES / "invalid" / "stage-order.md"
    code, output = run_check(path, "json")
    problems = json.loads(output)
    assert code == 1 and problems
    for problem in problems:
        assert set(problem) >= {"path", "line", "message", "rule", "severity"}
    lines = [
        f"{p['path']}:{p['line']}: {p['severity']} {p['message']} [{p['rule']}]" for p in problems
    ]
    assert lines == (EXPECTED / "stage-order.txt").read_text("utf-8").splitlines()


SAMPLE = (REPO / "plans" / "shilishidiyirenminyiyuan-2026.md").read_text("utf-8")


def body_problems(extra: str) -> list[tuple[str, str]]:
    plan, problems = parse(f"{SAMPLE}\n{extra}\n", "plans/x.md")
    return [(p.rule, p.message) for p in problems + plan_problems(plan)]


@pytest.mark.parametrize(
    "body, wanted",
    [
        ("力争20xx年通过测评。", [("placeholder", "年份写成了“20xx”")]),
        ("以党的xx大精神为指导。", [("placeholder", "会议届次写成了“xx大”")]),
        ("## 一、指导思想\n\n正文。\n\n## 二、创建目标\n\n正文。", []),
        ("一是学习；二是整改；三是督查；四是考核、六是总结。", [("numbering", "缺少“五是”")]),
        ("[在线举报](javascript:void(0))", [("body-link-scheme", "“javascript:void(0)”")]),
    ],
)
def test_rule_regressions(body, wanted):
    found = body_problems(body)
    assert [rule for rule, _ in found] == [rule for rule, _ in wanted]
    for (_, message), (_, part) in zip(found, wanted, strict=True):
        assert part in message


def test_every_rule_module_is_registered():
    from civplan.check.rules import MODULES

    folder = REPO / "civplan" / "check" / "rules"
    assert sorted(MODULES) == sorted(
        p.stem for p in folder.glob("*.py") if p.stem not in ("__init__", "registry")
    )
    modules_with_rules = {r.check.__module__.rsplit(".", 1)[1] for r in RULES.values()}
    assert modules_with_rules == set(MODULES)
