"""Every rule has an example plan with one defect and the exact lines `civplan check` prints for it.

civplan/check/examples/invalid/<rule-id>.md is a complete plan with exactly that defect;
tests/fixtures/expected/<rule-id>.txt holds the problem lines (not the summary line).
civplan/check/examples/valid/ holds edge cases that must pass without a single problem.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
from io import StringIO
from pathlib import Path

import pytest
from problem_setups import SETUPS

from civplan.check import plan_problems
from civplan.check.rules import IDS, RULES
from civplan.cli import commands
from civplan.model.blank import BLANK
from civplan.model.loader import parse

from conftest import REPO

EXAMPLES = REPO / "civplan" / "check" / "examples"
EXPECTED = REPO / "tests" / "fixtures" / "expected"

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


@pytest.mark.parametrize("problem_id", IDS)
def test_every_problem_id_has_an_example_that_gives_it(problem_id):
    """A file in examples/invalid/, or for an id about the tree, the history or several files,
    a setup in tests/problem_setups.py; either way its exact lines in fixtures/expected/."""
    example = next(
        (p for p in INVALID if p.stem == problem_id), EXAMPLES / "invalid" / f"{problem_id}.md"
    )
    expected = EXPECTED / f"{problem_id}.txt"
    if IDS[problem_id].setup:
        assert problem_id in SETUPS, f"{problem_id} 缺少示例的搭建（tests/problem_setups.py）"
    else:
        assert example.is_file(), f"{problem_id} 缺少示例 {example.relative_to(REPO)}"
    assert expected.is_file(), f"{problem_id} 缺少预期输出 {expected.relative_to(REPO)}"
    assert f"[{problem_id}]" in expected.read_text("utf-8")


@pytest.mark.parametrize("problem_id", SETUPS)
def test_setup_gives_exactly_the_expected_lines(problem_id, tmp_path):
    assert IDS[problem_id].setup, "a setup's id says on the rules page what the setup is"
    expected = (EXPECTED / f"{problem_id}.txt").read_text("utf-8").splitlines()
    assert SETUPS[problem_id](tmp_path) == expected


def test_every_expected_file_belongs_to_an_example():
    examples = {p.stem for p in INVALID} | set(SETUPS)
    assert {p.stem for p in EXPECTED.glob("*.txt")} == examples


def test_every_schema_keyword_has_a_registered_id():
    """What the schema can refuse is an id on the rules page: required and
    additionalProperties as their own ids, every other keyword as schema-<keyword>."""
    schema = json.loads((REPO / "civplan" / "model" / "plan.schema.json").read_text("utf-8"))
    keywords = set(_keywords(schema)) - {"required", "additionalProperties"}
    keywords -= {"type", "properties", "items", "title", "description", "patternHint", "$ref"}
    keywords -= {"$schema", "$id", "$defs", "definitions", "examples", "default"}
    assert {f"schema-{k}" for k in keywords} <= set(IDS)
    assert {"schema-type", "schema-required", "schema-unknown-field"} <= set(IDS)


def _keywords(node):
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            if key in ("properties", "$defs", "definitions"):
                for child in value.values():
                    yield from _keywords(child)
            elif key != "enum":
                yield from _keywords(value)
    elif isinstance(node, list):
        for item in node:
            yield from _keywords(item)


def test_every_problem_made_in_the_code_has_a_registered_id():
    """Each Problem(...) in civplan/ names its id as a text, a module constant or a registry
    call; whatever it names is in the registry, so no producer mints an id of its own."""
    made = list(_problem_ids_in_code())
    assert len(made) > 20
    unknown = [(where, found) for where, found in made if found not in IDS]
    assert unknown == []


def _problem_ids_in_code():
    for path in sorted((REPO / "civplan").rglob("*.py")):
        if path.stem == "__main__":  # importing it would run the command line
            continue
        module = importlib.import_module(".".join(path.relative_to(REPO).with_suffix("").parts))
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Problem":
                yield from _id_of(node, module, f"{path.relative_to(REPO)}:{node.lineno}")


ALLOWED_PASSTHROUGH = {"civplan/check/cache.py", "civplan/check/rules/registry.py"}
"""Problems rebuilt from the check cache, and the rules' own (r.id: registered by `rule`)."""


def _id_of(call: ast.Call, module, where: str):
    argument = call.args[3] if len(call.args) > 3 else None
    argument = next((k.value for k in call.keywords if k.arg == "rule"), argument)
    if where.split(":")[0] in ALLOWED_PASSTHROUGH:
        return
    if isinstance(argument, ast.Call) and getattr(argument.func, "id", "") == "schema_id":
        return  # schema keywords: test_every_schema_keyword_has_a_registered_id
    else:
        yield where, eval(compile(ast.Expression(argument), where, "eval"), vars(module))


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


def test_every_problem_id_is_on_the_rules_page():
    from civplan.site.reference import rules_reference

    rows = [line for line in rules_reference().splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == list(IDS)
    for row in rows:
        assert row.rstrip(" |").split(" | ")[-1], f"规则页的一行没有示例提示：{row}"
