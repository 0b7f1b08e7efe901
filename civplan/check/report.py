"""How `civplan check` prints its problems for whoever reads them: a person at a terminal (text),
GitHub's runner (workflow commands, shown on the pull request's diff) or GitLab (a Code Quality
report, shown in the merge request). Every value from a plan or a file name is escaped here, for
the reader of that format, so that none of it can act: no terminal escape sequence, no line that
starts with a plan's text, no workflow command but ours."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from civplan.model.printable import printable
from civplan.model.problems import Problem

FORMATS = ("text", "json", "github", "gitlab")

# GitHub's escaping for workflow commands (actions/toolkit, command.ts): data, and properties.
_DATA = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
_PROPERTY = _DATA + ((":", "%3A"), (",", "%2C"))


def _escape(value: str, mapping) -> str:
    for char, escaped in mapping:  # "%" first, so that no escape is escaped twice
        value = value.replace(char, escaped)
    return value


def workflow_command(kind: str, message: str, **properties) -> str:
    """`::error file=…,line=…,title=…::message`. The runner reads a line as a command when it
    starts with `::`, and reads the legacy `##[…]` form anywhere in a line that is not one: so
    every value goes inside one command of ours, escaped, never on a line of its own."""
    listed = ",".join(
        f"{key}={_escape(printable(str(value)), _PROPERTY)}" for key, value in properties.items()
    )
    return f"::{kind}{' ' if listed else ''}{listed}::{_escape(printable(message), _DATA)}"


def github_line(problem: Problem) -> str:
    kind = "error" if problem.is_error else "warning"
    message = f"{problem.message} [{problem.rule}]"
    title = f"方案检查（{problem.rule}）"
    return workflow_command(kind, message, file=problem.path, line=problem.line, title=title)


def blank_notice(path: str, line: int, text: str) -> str:
    """A draft's blank, on the line of the pull request where it is."""
    message = f"草案中还有待填的内容：{text}"
    return workflow_command("notice", message, file=path, line=line, title="草案待填")


SEVERITY = {True: "major", False: "minor"}
"""GitLab's Code Quality severities (info, minor, major, critical, blocker): an error blocks
publication, a warning does not."""


def gitlab_report(problems: list[Problem]) -> list[dict]:
    """A GitLab Code Quality report. The fingerprint stands for the file, the rule and the
    message (not the line, which moves when lines are added above), and, for the same problem
    twice in one file, which one it is: GitLab compares fingerprints between pipelines."""
    seen: Counter = Counter()
    issues = []
    for problem in problems:
        key = (problem.path, problem.rule, problem.message)
        seen[key] += 1
        digest = hashlib.sha256(json.dumps([*key, seen[key]], ensure_ascii=False).encode())
        issues.append(
            {
                "description": f"{printable(problem.message)} [{problem.rule}]",
                "check_name": problem.rule,
                "fingerprint": digest.hexdigest(),
                "severity": SEVERITY[problem.is_error],
                "location": {"path": problem.path, "lines": {"begin": problem.line}},
            }
        )
    return issues


def write_json(data, out) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")
