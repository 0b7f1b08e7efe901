"""The check of a plan the web editor sends: the chain of `civplan check` and the build, run on
the text before it is written, so that `make edit` never saves what `civplan check` refuses.

The text is read as the file would be (civplan.model.loader.parse), checked by the same rules
(civplan.check.plan_problems), against the other plans of the folder (duplicate address or
title, as civplan.check.library does) and against the version on disk (a published plan that
changes must add its 修改说明, civplan.history.notes.missing_note).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from civplan.check import plan_problems
from civplan.check.library import duplicate_slug, duplicate_title, plan_files
from civplan.history.notes import missing_note
from civplan.model.loader import Plan, load, parse
from civplan.model.problems import Problem
from civplan.model.slug import slug_for


def problems(root: Path, relative: str, text: str, before: str | None) -> list[Problem]:
    """Every problem `civplan check` would report for plans/<relative> holding `text`;
    `before`: the file's text on disk (None for a new plan)."""
    plan, found = parse(text, relative)
    if plan is None:
        return found
    found += plan_problems(plan)
    found += _against_others(root, relative, plan)
    old = parse(before, relative)[0] if before is not None else None
    note = missing_note(old, plan, before or "", text)
    return sorted(found + ([note] if note else []), key=lambda p: p.line)


def _against_others(root: Path, relative: str, plan: Plan) -> list[Problem]:
    """Duplicate address or title with another plan of the folder (loaded, not checked)."""
    folder = root / PurePosixPath(relative).parent
    titles: dict = {}
    found: list[Problem] = []
    slug = slug_for(plan.meta)
    for path in plan_files(folder):
        if path.name == PurePosixPath(relative).name:
            continue
        other, _ = load(path, path.relative_to(root).as_posix())
        if other is None:
            continue
        duplicate_title(titles, other)
        if slug_for(other.meta) == slug:
            found += [p for p in duplicate_slug(slug, other, plan) if p.path == relative]
    return found + duplicate_title(titles, plan)


def field_of(plan: Plan | None, line: int) -> str:
    """The key path written at `line` ("stages.3.end"), the deepest one there; "body" for a
    line of the body (the form's 正文 field); "" for none."""
    if plan is None:
        return ""
    if line >= plan.body_line:
        return "body"
    paths = [where for where, at in plan.lines.items() if at == line and where]
    deepest = max(paths, key=len, default=())
    return ".".join(str(part) for part in deepest)


def described(problem_list: list[Problem], text: str, relative: str) -> list[dict]:
    """The problems as the editor shows them: line, field key path, severity, message, rule."""
    plan, _ = parse(text, relative)
    return [
        {
            "line": p.line,
            "field": field_of(plan, p.line),
            "severity": p.severity,
            "message": p.message,
            "rule": p.rule,
        }
        for p in problem_list
    ]


def summary(problem_list: list[Problem], relative: str) -> str:
    """One Chinese list for the editor's message: what is wrong, where, and nothing else."""
    errors = [p for p in problem_list if p.is_error]
    head = f"{relative} 有 {len(errors)} 个错误，没有保存，请改正后再保存："
    return "\n".join([head, *(f"第 {p.line} 行：{p.message}" for p in errors)])


def new_name(relative: str, text: str) -> str:
    """Where a new plan is written: plans/<address>.md, the address `civplan new` gives it
    (pinyin of the unit name and the year, or its `slug`)."""
    plan, _ = parse(text, relative)
    if plan is None:
        return relative
    return (PurePosixPath(relative).parent / f"{slug_for(plan.meta)}.md").as_posix()
