"""`civplan check --format text|github|gitlab`: output that a terminal, GitHub's runner or GitLab
reads, run on plans whose values (and file names) are written to attack that reader.

The GitHub runner reads every line a step prints: a line that starts (after spaces) with `::`
is a workflow command (`::error …::`, `::stop-commands::token`), and the legacy form `##[error]`
is read anywhere in a line that is not one. `runner_command` below follows the runner's own
parser (actions/runner, src/Runner.Common/ActionCommand.cs, TryParseV2 then TryParse).
"""

from __future__ import annotations

import json
import re

import pytest

from civplan.model.printable import printable
from civplan.model.text import HAN

from conftest import SAMPLE, civplan, make_project

ESC = "\x1b"
FILE_NAME = "\x1b]0;pwned\x07\x1b[2Jx\n::error::fn.md"
"""A plan file whose name sets the terminal's title, clears the screen and starts a line."""


def attack_plan() -> str:
    """The sample with values that `check` echoes in its messages, as an attacker writes them."""
    text = SAMPLE.read_text("utf-8")
    text = text.replace(
        "level: 市级\nmode",
        'level:   "市级\\x1b[2J\\r伪造\\n::error file=x,line=1::fake"   # clears the screen\nmode',
        1,
    )
    text = text.replace(
        "doc_number: 示一院党〔2026〕8号",
        'doc_number: "示一院党〔2026〕8号\\n::stop-commands::tok"',
    )
    return text.replace("kind: 医院", 'kind: "医院\\u202e##[error]legacy"', 1)


def draft_plan() -> str:
    """A draft (blanks allowed) whose blank carries a legacy command and an escape sequence."""
    text = SAMPLE.read_text("utf-8").replace("status: 实施中", "status: 草案")
    text = text.replace("title: 示例市第一人民医院", "title: 示例市第九人民医院")
    text = text.replace("name: 示例市第一人民医院", "name: 示例市第九人民医院")
    return text + "\n联系人：〔待填：姓名##[warning]blank \x1b[31m〕\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = make_project(
        tmp_path_factory.mktemp("formats"),
        plans={"a.md": attack_plan(), FILE_NAME: SAMPLE.read_text("utf-8")},
    )
    (root / "plans" / "draft.md").write_text(draft_plan(), "utf-8")
    return root


@pytest.fixture(scope="module")
def runs(project):
    """Each format's run of the real command line, once."""
    return {
        name: civplan("check", "--format", name, "plans", cwd=project)
        for name in ("text", "json", "github", "gitlab")
    }


@pytest.fixture(scope="module")
def problems(runs):
    """The problems as `--format json` gives them: the oracle the other formats must match."""
    return json.loads(runs["json"].stdout)


def unescape(value: str, mapping: dict[str, str]) -> str:
    for escaped, char in mapping.items():
        value = value.replace(escaped, char)
    return value


DATA = {"%0D": "\r", "%0A": "\n", "%25": "%"}
PROPERTY = {"%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ",", "%25": "%"}


def runner_command(line: str) -> tuple[str, dict[str, str], str] | None:
    """(command, properties, data) if GitHub's runner reads `line` as a workflow command."""
    stripped = line.lstrip()
    if stripped.startswith("::") and (end := stripped.find("::", 2)) >= 0:
        name, _, rest = stripped[2:end].partition(" ")
        pairs = [pair.split("=", 1) for pair in rest.split(",") if "=" in pair]
        properties = {key: unescape(value, PROPERTY) for key, value in pairs}
        return name, properties, unescape(stripped[end + 2 :], DATA)
    legacy = re.search(r"##\[([^\]\s]+)[^\]]*\](.*)", line)
    return (legacy.group(1), {}, legacy.group(2)) if legacy else None


def test_the_attack_is_found_by_check(runs, problems):
    messages = " ".join(p["message"] for p in problems)
    assert "::error file=x,line=1::fake" in messages
    assert "::stop-commands::tok" in messages
    assert FILE_NAME in " ".join(p["path"] + p["message"] for p in problems)
    assert {run.returncode for run in runs.values()} == {1}


def test_text_output_shows_control_characters_escaped_and_starts_no_line_with_plan_text(runs):
    run = runs["text"]
    assert run.returncode == 1
    assert ESC not in run.stdout and "\r" not in run.stdout and "\u202e" not in run.stdout
    lines = run.stdout.splitlines()
    assert any("\\x1b[2J\\r伪造\\n::error file=x,line=1::fake" in line for line in lines)
    assert any("医院\\u202e##[error]legacy" in line for line in lines)
    assert any(
        line.startswith("plans/\\x1b]0;pwned\\x07\\x1b[2Jx\\n::error::fn.md:") for line in lines
    )
    for line in lines:
        # each line is a problem, a blank of a draft, or the summary: never a plan's text
        assert re.match(r"(plans/|  plans/|检查了 |草案中还有 )", line), line


def test_github_lines_are_all_ours_and_parse_back_to_the_problems(runs, problems):
    run = runs["github"]
    assert run.returncode == 1
    assert ESC not in run.stdout and "\r" not in run.stdout
    annotations = []
    for line in run.stdout.splitlines():
        command = runner_command(line)
        if command is None:  # a plain line: only the summary
            assert re.match(r"(检查了 |草案中还有 )", line), line
            continue
        name, properties, data = command
        assert line.startswith(f"::{name} "), line  # a command of ours, never a plan's
        assert name in ("error", "warning", "notice"), line
        assert set(properties) == {"file", "line", "title"}, line
        annotations.append((name, properties["file"], int(properties["line"]), data))
    expected = [
        (
            "error" if p["severity"] == "错误" else "warning",
            printable(p["path"]),
            p["line"],
            f"{printable(p['message'])} [{p['rule']}]",
        )
        for p in problems
    ]
    assert [a for a in annotations if a[0] != "notice"] == expected
    [blank] = [a for a in annotations if a[0] == "notice"]
    assert blank[1] == "plans/draft.md" and "##[warning]blank \\x1b[31m" in blank[3]


def test_github_keeps_the_messages_chinese_and_names_the_rule_in_the_title(runs):
    first = runs["github"].stdout.splitlines()[0]
    _, properties, data = runner_command(first)
    assert re.search(f"[{HAN}]", data)
    assert re.search(r"\[[a-z-]+\]$", data) and properties["title"].startswith("方案检查")


def gitlab_report(text: str) -> list[dict]:
    report = json.loads(text)
    assert isinstance(report, list)
    for issue in report:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert isinstance(issue["location"]["lines"]["begin"], int)
    return report


def test_gitlab_report_is_code_quality_json_for_every_problem(runs, problems):
    assert runs["gitlab"].returncode == 1
    report = gitlab_report(runs["gitlab"].stdout)
    assert [
        (i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"]) for i in report
    ] == [(p["path"], p["line"], p["rule"]) for p in problems]
    severities = {p["severity"]: i["severity"] for p, i in zip(problems, report, strict=True)}
    assert severities == {"错误": "major", "警告": "minor"} or severities == {"错误": "major"}
    assert len({i["fingerprint"] for i in report}) == len(report)
    for issue in report:
        assert not re.search(r"[\x00-\x1f\u202e]", issue["description"]), issue
    assert any(i["location"]["path"] == f"plans/{FILE_NAME}" for i in report)


def test_gitlab_report_written_to_a_file_is_stable_and_the_log_stays_readable(project, runs):
    out = project / "gl-code-quality-report.json"
    run = civplan("check", "--format", "gitlab", "--output", out.name, "plans", cwd=project)
    assert run.returncode == 1
    written = gitlab_report(out.read_text("utf-8"))
    assert [i["fingerprint"] for i in written] == [
        i["fingerprint"] for i in gitlab_report(runs["gitlab"].stdout)
    ]
    # the job log shows the problems as text, escaped
    assert run.stdout == runs["text"].stdout


def test_every_format_passes_a_clean_plan_with_exit_zero(tmp_path):
    root = make_project(tmp_path, plans={"p.md": SAMPLE.read_text("utf-8")})
    for name in ("text", "json", "github", "gitlab"):
        run = civplan("check", "--format", name, "plans", cwd=root)
        assert run.returncode == 0, (name, run.stdout, run.stderr)
    assert gitlab_report(civplan("check", "--format", "gitlab", cwd=root).stdout) == []
