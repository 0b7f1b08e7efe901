"""What the last build's check found in each file, so that an unchanged file is not checked again
(nor read again: the plan as the loader built it is kept beside its problems).

Checking a plan (the schema, then every rule) costs several times what loading it does, and at
10,000 plans a warm build spent most of its first phase finding the same problems in the same
files. The key is the file's bytes, its name as reported and its mode, and the code of the
checks and of the model they read, the versions of the libraries they use, the days the rules
compare dates with and the names of the files under docs/ that a link may point to: any change
to any of them checks the file anew. Checks across files (duplicate addresses, links) are never
cached. The file holds the entries the last build used, nothing older.

Reading the YAML was most of what was left of a warm build's first phase (3–7 ms a plan, 300
values each); the loaded plan is kept as JSON, which Python reads in C, and only a plan whose
data comes back from JSON exactly as it went in (string keys, no NaN) is kept.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from civplan import cache
from civplan.cache.digest import code_digest
from civplan.check.rules.safety import site_files
from civplan.model import lifecycle
from civplan.model.loader import Plan
from civplan.model.problems import Problem

PACKAGES = ("civplan.check", "civplan.model", "civplan.cache")
LIBRARIES = ("jsonschema", "pyyaml", "pypinyin", "chinesecalendar")


def code_version() -> bytes:
    """A digest of the checks' and the model's code and their libraries' versions: what a file's
    problems, and how it loads, depend on besides its own bytes."""
    return code_digest(PACKAGES, LIBRARIES)


def check_version() -> bytes:
    """What a file's problems depend on besides its own bytes: the code (code_version), each
    day the rules compare dates with, and the site's files a body link may name. A revision
    note is judged by the clock's day (lifecycle.checked_day) and a progress report by the
    build's "now" (lifecycle.today), and CIVPLAN_TODAY moves the one without the other: a day's
    findings are that day's."""
    days = " ".join(day.isoformat() for day in (lifecycle.checked_day(), lifecycle.today()))
    return code_version() + cache.key(days, *site_files()).encode()


BUCKETS = 64
"""Files the entries are spread over, by key. One file for every entry was rewritten whole
(31 MB at 2,000 plans, a second or two) when one plan changed; one file per entry would cost
more than the checks at ten thousand. A change rewrites the files of the changed entries."""


class CheckCache:
    """What check_file gave each file, as (plan, problems): BUCKETS JSON files beside `file`
    (problems-00.json …), read whole (a civplan.cache Cache)."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.version = check_version()
        self.known: dict[str, dict] = {}
        for bucket in range(BUCKETS):
            try:
                self.known.update(json.loads(self._bucket(bucket).read_text("utf-8")))
            except (OSError, ValueError, TypeError):
                continue  # missing or not ours: its files are checked again
        self.used: dict[str, dict] = {}
        self.changed: set[int] = set()
        """Buckets with an entry put by this build."""

    def _bucket(self, number: int) -> Path:
        return self.file.with_name(f"{self.file.stem}-{number:02d}{self.file.suffix}")

    def key(self, path: Path, display: str, mode: str) -> str:
        # a symlink is keyed by its own text, never followed: the loader refuses it
        content = os.readlink(path).encode() if path.is_symlink() else path.read_bytes()
        return cache.key(self.version, display, mode, content)

    def get(self, key: str) -> tuple[Plan | None, list[Problem]] | None:
        """The plan as loaded (if kept) and the file's problems, as check_file gives them; None if
        the file is new."""
        found = self.known.get(key)
        try:
            problems = [Problem(*fields) for fields in found["problems"]]
            plan = _plan_from(found["plan"]) if found.get("plan") else None
        except (TypeError, KeyError, ValueError, AttributeError):
            return None  # not an entry this code wrote: check the file again
        self.used[key] = found
        return plan, problems

    def put(self, key: str, value: tuple[Plan | None, list[Problem]]) -> None:
        plan, problems = value
        fields = [[p.path, p.line, p.message, p.rule, p.severity] for p in problems]
        self.used[key] = {"problems": fields, "plan": _plan_data(plan) if plan else None}
        self.changed.add(_bucket_of(key))

    def finish(self) -> None:
        """Write the entries this build used, each file whole or not at all; a file whose
        entries are as they were is left alone."""
        used: list[dict[str, dict]] = [{} for _ in range(BUCKETS)]
        known: list[set[str]] = [set() for _ in range(BUCKETS)]
        for key, entry in self.used.items():
            used[_bucket_of(key)][key] = entry
        for key in self.known:
            known[_bucket_of(key)].add(key)
        self.file.parent.mkdir(parents=True, exist_ok=True)
        for number in range(BUCKETS):
            if number in self.changed or used[number].keys() != known[number]:
                temporary = self._bucket(number).with_suffix(f".{os.getpid()}.tmp")
                temporary.write_text(json.dumps(used[number], ensure_ascii=False), "utf-8")
                os.replace(temporary, self._bucket(number))


def _bucket_of(key: str) -> int:
    try:
        return int(key[:8], 16) % BUCKETS
    except ValueError:  # not a key this code made (a hand-edited file)
        return 0


def _plan_data(plan: Plan) -> dict | None:
    """The plan as JSON data, or None if JSON would not give it back as it is."""
    data = {
        "path": plan.path,
        "meta": plan.meta,
        "body": plan.body,
        "body_line": plan.body_line,
        "lines": [[list(where), line] for where, line in plan.lines.items()],
    }
    try:
        same = json.loads(json.dumps(data, allow_nan=False)) == data
    except (TypeError, ValueError):  # a key or value JSON cannot hold
        return None
    return data if same else None


def _plan_from(data: dict) -> Plan:
    lines = {tuple(where): line for where, line in data["lines"]}
    return Plan(data["path"], data["meta"], data["body"], data["body_line"], lines)
