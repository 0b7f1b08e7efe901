"""`civplan changes --base REF`: every plan changed since REF that was published there must add a
change note (civplan.check.revisions). CI runs it on pull and merge requests."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from civplan.check.revisions import missing_note
from civplan.model.errors import InputError
from civplan.model.loader import load, parse
from civplan.model.problems import Problem


def _git(root: Path, *args: str) -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
        )
    except FileNotFoundError:
        raise InputError("找不到 git 命令，无法比较修改前后的方案。") from None
    except subprocess.CalledProcessError as err:
        raise InputError(f"git {' '.join(args)} 失败：{err.stderr.strip()}") from None
    return result.stdout


def changed_plans(root: Path, base: str, folder: str) -> list[tuple[str, str]]:
    """(path at base, path now) of every plan file modified or renamed since `base`."""
    out = _git(root, "diff", "--name-status", "-M", base, "--", folder)
    pairs = []
    for line in out.splitlines():
        parts = line.split("\t")
        if parts[0][:1] in ("M", "R") and parts[-1].endswith(".md"):
            pairs.append((parts[1], parts[-1]))
    return pairs


def problems_since(root: Path, base: str, folder: str = "plans"):
    """The plans compared and the problem of each one that needs a change note."""
    _git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    pairs = changed_plans(root, base, folder)
    found = []
    for before, now in pairs:
        old_text = _git(root, "show", f"{base}:{before}")
        new, _ = load(root / now, now)
        if new is None:  # unreadable: `civplan check` reports why
            continue
        new_text = (root / now).read_text("utf-8-sig")
        old, _ = parse(old_text, before)
        problem = missing_note(
            old, new, old_text.replace("\r\n", "\n"), new_text.replace("\r\n", "\n")
        )
        if problem:
            found.append(problem)
    return pairs, found


SLACK = timedelta(minutes=10)
"""Clocks differ a little: a commit this far ahead of ours is not yet "in the future"."""


def date_problems(root: Path, base: str, now: datetime) -> list[Problem]:
    """A commit since `base` dated in the future, or before the commit it follows: the history
    page would show it out of place (the build holds such dates, but they are not merged)."""
    out = _git(root, "log", "-z", "--format=%H%x00%aI%x00%cI%x00%P", f"{base}..HEAD")
    base_date = datetime.fromisoformat(_git(root, "log", "-1", "--format=%cI", base).strip())
    found = []
    for record in out.split("\0\n") if out else []:
        fields = record.strip("\0\n").split("\0")
        if len(fields) < 3:
            continue
        commit, dates = fields[0], [datetime.fromisoformat(d) for d in fields[1:3]]
        if any(d > now + SLACK for d in dates) or any(d < base_date - SLACK for d in dates):
            shown = "、".join(sorted({d.date().isoformat() for d in dates}))
            message = (
                f"提交 {commit[:10]} 的日期（{shown}）在将来，或早于它所基于的版本，修订记录的日期会因此出错。"
                "请把电脑的日期改对后重新提交（git commit --amend --reset-author --no-edit）。"
            )
            found.append(Problem(f"commit {commit[:10]}", 1, message, "commit-date"))
    return found


def changes(base: str, folder: str = "plans", root: Path = Path("."), out=sys.stdout) -> int:
    try:
        pairs, found = problems_since(root, base, folder)
        dated = date_problems(root, base, datetime.now(UTC))
    except InputError as err:
        print(f"错误：{err}", file=sys.stderr)
        return 2
    for problem in found + dated:
        print(problem, file=out)
    verdict = "未通过" if found or dated else "通过"
    wrong = f"，{len(dated)} 个提交的日期有误" if dated else ""
    print(
        f"与 {base} 相比修改了 {len(pairs)} 个方案：{len(found)} 个缺少修改说明{wrong}，{verdict}。",
        file=out,
    )
    return 1 if found or dated else 0
