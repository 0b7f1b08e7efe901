"""Every published version of every plan, read from git once per build (two git processes in all,
however many plans: per-file git calls cost about 10 s per 1,000 pages).

A published version is a state of the default branch, not a commit of a pull request: only the
first-parent line of HEAD counts (a merge stands for everything its pull request brought), so a
pull request's intermediate commits never become public versions. Dates come from the commits
on that line, whose times a pull request can forge (a rebase keeps them): each is held between
the older version's date and the newer version's date, and never after the build's "now". Each
version's text goes through the whole check chain (verdicts.py); one with an error is withheld.
"""

from __future__ import annotations

import logging
import re
import subprocess
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from civplan.history.git import git
from civplan.history.verdicts import Verdicts
from civplan.model import lifecycle
from civplan.model.loader import MAX_FILE_BYTES, Plan, parse

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
    """The version fails today's check (personal data, unsafe markup, anything the chain
    refuses): its text is empty, and the history page says that it was withheld instead of
    printing it."""
    slug: str | None = None
    """The address the plan had in this version (None if it could not be read): a former
    address belongs to the plan that had it (civplan.check.former)."""


@lru_cache(maxsize=4096)
def plan_of(text: str) -> Plan | None:
    """A version's text parsed by the one loader (cached: the home page and history share it)."""
    plan, _ = parse(text, "history")
    return plan


def last_updated(plan: Plan, versions: list[Version]) -> datetime:
    """When the plan last changed: its newest published version, else its issue date."""
    if versions:
        return versions[0].date
    issued = lifecycle.parse_date(plan.meta.get("issued"))  # None while a draft's date is a blank
    return lifecycle.moment(issued or "2000-01-01")


def published_commits(versions: list[Version]) -> dict:
    """For the site's maintainers, not for the public pages: the git commit of each published
    version, newest first (the history page shows dates and notes, never a hash)."""
    return {
        "commits": [
            {"commit": v.commit, "published": v.date.astimezone(lifecycle.BEIJING).isoformat()}
            for v in versions
        ]
    }


def read_history(
    repo: Path, folder: str, now: datetime | None = None, cache: Path | None = None
) -> dict[str, list[Version]]:
    """Published versions of each file under `folder`, newest first, keyed by the file's
    current path; dates no later than `now`; `cache` remembers each text's verdict.

    Renames are followed, so a plan keeps its history when its file is renamed. Outside a git
    checkout (or without git) the history is empty: the site still builds.
    """
    try:
        shallow = git(repo, "rev-parse", "--is-shallow-repository").strip() == "true"
        log_text = git(
            repo,
            "log",
            # NUL-separated (-z): a commit subject or author name may hold any other character,
            # so nothing in a message can pose as a field or a record
            "-z",
            # the default branch's own states: a merge's change is its first parent's diff
            "--first-parent",
            "--format=%H%x00%cI%x00%an%x00%s",
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
    verdicts = Verdicts(cache)
    history: dict[str, list[Version]] = {}
    for commit, path, current, meta in changes:
        text = blobs[(commit, path)]
        hidden, slug = verdicts.verdict(text, path)
        history.setdefault(current, []).append(
            Version(commit, meta[0], meta[1], meta[2], path, "" if hidden else text, hidden, slug)
        )
    verdicts.save()
    dates = held_dates([(commit, meta[0]) for commit, _, _, meta in changes], now)
    return {
        current: [replace(v, date=dates.get(v.commit, v.date)) for v in versions]
        for current, versions in history.items()
    }


def published_head(repo: Path, folder: str) -> str:
    """The newest commit of the default branch's line that changed `folder` ("" outside git):
    read_history's versions are the same while it is, so a cached site may stand for it."""
    try:
        return git(repo, "log", "-1", "--first-parent", "--format=%H", "--", folder).strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def held_dates(commits: list[tuple[str, datetime]], now: datetime | None) -> dict[str, datetime]:
    """commit → the date a reader is shown: (commit, date) come newest first, as git logs them;
    each date is held no earlier than the older commit's and no later than `now`, so a forged
    date can neither sit on top of the feed (2099) nor slip under older versions (2019)."""
    held: dict[str, datetime] = {}
    floor: datetime | None = None
    for commit, date in reversed(list(dict.fromkeys(commits))):
        date = max(date, floor) if floor else date
        date = min(date, now) if now else date
        held[commit] = floor = date
    return held


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


def _read_blobs(repo: Path, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """All file contents in one `git cat-file --batch`; a version larger than a plan file may
    be (the loader's MAX_FILE_BYTES) is never read: its text is "", which the check refuses."""
    if not wanted:
        return {}
    sizes = git(repo, "cat-file", "--batch-check", stdin=_request(wanted)).splitlines()
    small = [key for key, line in zip(wanted, sizes, strict=True) if _fits(line)]
    blobs = dict.fromkeys(wanted, "")
    out = git(repo, "cat-file", "--batch", stdin=_request(small)) if small else b""
    position = 0
    for key in small:
        header_end = out.index(b"\n", position)
        header = out[position:header_end].split()
        if header[-1] == b"missing":
            position = header_end + 1
            continue
        size = int(header[2])
        blobs[key] = out[header_end + 1 : header_end + 1 + size].decode("utf-8", "replace")
        position = header_end + 1 + size + 1
    return blobs


def _request(wanted: list[tuple[str, str]]) -> bytes:
    return "".join(f"{commit}:{path}\n" for commit, path in wanted).encode("utf-8")


def _fits(check_line: bytes) -> bool:
    """`<oid> blob <size>` of a blob no larger than a plan file may be."""
    fields = check_line.split()
    return len(fields) == 3 and fields[1] == b"blob" and int(fields[2]) <= MAX_FILE_BYTES
