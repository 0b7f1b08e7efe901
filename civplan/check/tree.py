"""What a pull request brings besides plan text: files where build state lives, and symlinks.

A pull request can commit any file anywhere, ignored paths included (`git add -f`): a stored
page, a check result or a shard's fingerprint under .cache/ or build/ would otherwise be taken
for the build's own output, and a symlink under docs/ or plans/ would publish whatever it
points at (`/proc/self/environ`, a file outside the repository). Both are refused here, by the
one check chain that `civplan check` and the build run, before anything is read.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

from civplan.model.loader import SYMLINK
from civplan.model.problems import Problem

BUILD_STATE = (".cache", "build", "site", "public", ".venv", ".pytest_cache")
"""Folders that only builds and tools write: nothing in them may be committed, whatever the
checkout's .gitignore says (a pull request can change that file too)."""

CONTENT = ("docs", "plans", "templates", "overrides", "macros")
"""Folders whose files the site is made from: no symlink in them is followed."""

MOST_ENTRIES = 200_000
"""A walk of the content folders stops here: no folder of ours comes near it."""


def tree_problems(root: Path, state: Iterable[Path] = ()) -> list[Problem]:
    """Every committed file in a build-state folder (BUILD_STATE, ignored paths, and `state`,
    the cache folders this build uses) and every symlink in the content folders."""
    return list(_committed_state(root, list(state))) + list(_symlinks(root))


def _committed_state(root: Path, state: list[Path]) -> Iterator[Problem]:
    inside = [p.resolve().relative_to(root.resolve()) for p in state if _within(p, root)]
    folders = [*BUILD_STATE, *(p.as_posix() for p in inside)]
    tracked = _git_files(root, "--", *folders) | _git_files(root, "-ci", "--exclude-standard")
    for name in sorted(tracked):
        yield Problem(
            name,
            1,
            "这个文件在构建缓存或构建输出的文件夹里（或在 .gitignore 忽略的路径下），却被提交进了仓库。"
            "网站不会使用提交进来的构建结果。请从提交中删除它：git rm --cached 文件名。",
            "committed-build-state",
        )


def _within(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve()) and path.resolve() != root.resolve()


def _git_files(root: Path, *args: str) -> set[str]:
    """Tracked files that `git ls-files` lists with `args`; none outside a git checkout."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", *args],
            capture_output=True,
            check=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    return {name.decode("utf-8", "replace") for name in result.stdout.split(b"\0") if name}


def _symlinks(root: Path) -> Iterator[Problem]:
    """Symlinks in the content folders, found without following any (a loop is just a link)."""
    seen = 0
    stack = [root / name for name in CONTENT if (root / name).is_dir()]
    stack += [root / name for name in CONTENT if (root / name).is_symlink()]
    while stack and seen < MOST_ENTRIES:
        folder = stack.pop()
        if folder.is_symlink():
            yield _symlink_problem(root, folder)
            continue
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        seen += len(entries)
        for entry in entries:
            if entry.is_symlink():
                yield _symlink_problem(root, Path(entry.path))
            elif entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))


def _symlink_problem(root: Path, path: Path) -> Problem:
    return Problem(
        path.relative_to(root).as_posix(),
        1,
        SYMLINK,
        "symlink",
    )
