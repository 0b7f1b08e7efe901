"""Every committed version of every plan, read from git once per build (two git processes in all,
however many plans: per-file git calls cost about 10 s per 1,000 pages)."""

from __future__ import annotations

import logging
import re
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from civplan.check.rules import PLAN, RULES
from civplan.model.loader import parse

PRIVACY_RULES = [r for r in RULES.values() if r.check.__module__.endswith(".privacy")]

log = logging.getLogger("mkdocs.plugins.civplan")

HASH = re.compile(r"[0-9a-f]{40}")
STATUS = re.compile(r"[ACDMRTUXB][0-9]*")


@dataclass(frozen=True)
class Version:
    """One committed version of one file."""

    commit: str
    date: datetime
    author: str
    message: str
    path: str
    text: str
    withheld: bool = False
    """The version held personal data that today's privacy rules refuse: its text is empty,
    and the history page says that it was withheld instead of printing it."""


def read_history(repo: Path, folder: str) -> dict[str, list[Version]]:
    """Versions of each file under `folder`, newest first, keyed by the file's current path.

    Renames are followed, so a plan keeps its history when its file is renamed. Outside a git
    checkout (or without git) the history is empty: the site still builds.
    """
    try:
        shallow = _git(repo, "rev-parse", "--is-shallow-repository").strip() == "true"
        log_text = _git(
            repo,
            "log",
            # NUL-separated (-z): a commit subject or author name may hold any other character,
            # so nothing in a message can pose as a field or a record
            "-z",
            "--format=%H%x00%aI%x00%an%x00%s",
            "--name-status",
            "-M",
            "--",
            folder,
        )
    except (OSError, subprocess.CalledProcessError):
        log.info("不在 git 仓库中：修订记录和最后更新日期为空。")
        return {}
    if shallow:
        # a shallow clone would publish a truncated history as if it were complete
        log.warning(
            "git 仓库是浅克隆，修订记录不完整。CI 检出时请用完整历史（fetch-depth: 0 或 GIT_DEPTH: 0）。"
        )
    changes = list(_parse_log(log_text))
    blobs = _read_blobs(repo, [(commit, path) for commit, path, _, _ in changes])
    history: dict[str, list[Version]] = {}
    for commit, path, current, meta in changes:
        text = blobs[(commit, path)]
        hidden = holds_personal_data(text, path)
        history.setdefault(current, []).append(
            Version(commit, meta[0], meta[1], meta[2], path, "" if hidden else text, hidden)
        )
    return history


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> str | bytes:
    result = subprocess.run(
        ["git", "-C", str(repo), *args], input=stdin, capture_output=True, check=True
    )
    return result.stdout if stdin is not None else result.stdout.decode("utf-8", "replace")


def _parse_log(text: str):
    """(commit, path at that commit, current path, (date, author, message)) for every file change.

    The -z log is a flat list of NUL-separated tokens: hash, date, author, subject, then
    status and path(s) for each file (the first status after a newline), then the next hash.
    """
    tokens = text.split("\0")
    current_name: dict[str, str] = {}
    position = 0
    while position + 4 <= len(tokens) and HASH.fullmatch(tokens[position]):
        commit, when, author, message = tokens[position : position + 4]
        meta = (datetime.fromisoformat(when), author, message)
        position += 4
        while position < len(tokens) and STATUS.fullmatch(status := tokens[position].lstrip("\n")):
            paths = 2 if status[0] in "RC" else 1
            names = tokens[position + 1 : position + 1 + paths]
            position += 1 + paths
            path = names[-1]
            current = current_name.get(path, path)
            if status.startswith("R"):
                current_name[names[0]] = current  # older versions live under the old name
            if not status.startswith("D"):
                yield commit, path, current, meta


def holds_personal_data(text: str, path: str) -> bool:
    """Would today's privacy rules refuse this version? Unreadable text counts as yes: what
    cannot be checked is not published."""
    plan, _ = parse(text, path)
    if plan is None:
        return True
    return any(True for rule in PRIVACY_RULES for _ in rule.check(plan, PLAN))


def _read_blobs(repo: Path, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """All file contents in one `git cat-file --batch`."""
    if not wanted:
        return {}
    request = "".join(f"{commit}:{path}\n" for commit, path in wanted).encode("utf-8")
    out = _git(repo, "cat-file", "--batch", stdin=request)
    blobs, position = {}, 0
    for key in wanted:
        header_end = out.index(b"\n", position)
        header = out[position:header_end].split()
        if header[-1] == b"missing":
            blobs[key], position = "", header_end + 1
            continue
        size = int(header[2])
        blobs[key] = out[header_end + 1 : header_end + 1 + size].decode("utf-8", "replace")
        position = header_end + 1 + size + 1
    return blobs
