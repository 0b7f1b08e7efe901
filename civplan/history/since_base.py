"""What `civplan changes --base REF` finds in a pull request (CI runs it on pull and merge
requests): a plan published at REF that changed without a change note (notes.missing_note), and
a commit since REF whose date would put it out of place on the history page."""

from __future__ import annotations

import subprocess
from datetime import datetime, timedelta
from pathlib import Path

from civplan.history.git import git
from civplan.history.notes import missing_note
from civplan.model.errors import InputError
from civplan.model.loader import load, parse
from civplan.model.problems import Problem

SLACK = timedelta(minutes=10)
"""Clocks differ a little: a commit this far ahead of ours is not yet "in the future"."""


def _git(root: Path, *args: str) -> str:
    """git's output, or an InputError that tells the editor why git could not answer."""
    try:
        # line ends as Python's text mode reads them: a plan saved with CRLF compares as LF
        return git(root, *args).replace("\r\n", "\n").replace("\r", "\n")
    except FileNotFoundError:
        raise InputError("找不到 git 命令，无法比较修改前后的方案。") from None
    except subprocess.CalledProcessError as err:
        message = err.stderr.decode("utf-8", "replace").strip()
        raise InputError(f"git {' '.join(args)} 失败：{message}") from None


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
