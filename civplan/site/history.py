"""Every committed version of every plan, read from git once per build (two git processes in all,
however many plans: per-file git calls cost about 10 s per 1,000 pages)."""

from __future__ import annotations

import logging
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.civplan")

RECORD, FIELD = "\x1e", "\x1f"


@dataclass(frozen=True)
class Version:
    """One committed version of one file."""

    commit: str
    date: datetime
    author: str
    message: str
    path: str
    text: str


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
            f"--format={RECORD}%H{FIELD}%aI{FIELD}%an{FIELD}%s",
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
        history.setdefault(current, []).append(
            Version(commit, meta[0], meta[1], meta[2], path, blobs[(commit, path)])
        )
    return history


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> str | bytes:
    result = subprocess.run(
        ["git", "-C", str(repo), *args], input=stdin, capture_output=True, check=True
    )
    return result.stdout if stdin is not None else result.stdout.decode("utf-8", "replace")


def _parse_log(text: str):
    """(commit, path at that commit, current path, (date, author, message)) for every file change."""
    current_name: dict[str, str] = {}
    for record in text.split(RECORD)[1:]:
        head, _, body = record.partition("\n")
        commit, when, author, message = head.split(FIELD, 3)
        meta = (datetime.fromisoformat(when), author, message)
        for line in body.splitlines():
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            status, path = parts[0], parts[-1]
            current = current_name.get(path, path)
            if status.startswith("R"):
                current_name[parts[1]] = current  # older versions live under the old name
            if status.startswith("D"):
                continue
            yield commit, path, current, meta


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
