"""`civplan changes --base REF`: every plan changed since REF that was published there must add a
change note (civplan.check.revisions). CI runs it on pull and merge requests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from civplan.check.revisions import missing_note
from civplan.model.errors import CommandError
from civplan.model.loader import load, parse


def _git(root: Path, *args: str) -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
        )
    except FileNotFoundError:
        raise CommandError("找不到 git 命令，无法比较修改前后的方案。") from None
    except subprocess.CalledProcessError as err:
        raise CommandError(f"git {' '.join(args)} 失败：{err.stderr.strip()}") from None
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


def changes(base: str, folder: str = "plans", root: Path = Path("."), out=sys.stdout) -> int:
    try:
        pairs, found = problems_since(root, base, folder)
    except CommandError as err:
        print(f"错误：{err}", file=sys.stderr)
        return 2
    for problem in found:
        print(problem, file=out)
    verdict = "未通过" if found else "通过"
    print(
        f"与 {base} 相比修改了 {len(pairs)} 个方案：{len(found)} 个缺少修改说明，{verdict}。",
        file=out,
    )
    return 1 if found else 0
