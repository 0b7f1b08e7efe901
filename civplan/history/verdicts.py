"""Which published versions today's check chain withholds, and the address each one had.

Every version's text goes through the whole chain (civplan.check): one with an error is
withheld, its text never printed. The verdicts are remembered by the text's digest and what the
checks depend on besides it (their code, and the days their rules read), so a warm build checks
only versions it has not seen that day.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from civplan.check import plan_problems
from civplan.check.cache import check_version
from civplan.check.rules import PLAN
from civplan.model.loader import parse
from civplan.model.slug import slug_for


def verdict(text: str, path: str) -> tuple[bool, str | None]:
    """Would today's check chain refuse this version, and what address did it have?
    Unreadable text counts as refused: what cannot be checked is not published."""
    plan, problems = parse(text, path)
    if plan is None:
        return True, None
    refused = any(p.is_error for p in problems + plan_problems(plan, PLAN))
    return refused, slug_for(plan.meta)


class Verdicts:
    """verdict() of each version's text, remembered by the text's digest and by all the check
    cache keys on (civplan.check.cache.check_version): a version refused for a date that was
    still ahead is checked again once the day has come."""

    def __init__(self, folder: Path | None) -> None:
        self.file = folder / "verdicts.json" if folder else None
        self.version = check_version().hex()
        try:
            data = json.loads(self.file.read_text("utf-8")) if self.file else {}
            self.known = data["verdicts"] if data.get("code") == self.version else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.known = {}
        self.used: dict[str, list] = {}

    def verdict(self, text: str, path: str) -> tuple[bool, str | None]:
        key = hashlib.sha256(f"{path}\0{text}".encode()).hexdigest()
        if key not in self.used:
            known = self.known.get(key)
            fits = isinstance(known, list) and len(known) == 2 and isinstance(known[0], bool)
            self.used[key] = known if fits else list(verdict(text, path))
        refused, slug = self.used[key]
        return refused, slug if isinstance(slug, str) else None

    def save(self) -> None:
        if self.file is None or self.used == self.known:
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.file.with_name(f"verdicts.{os.getpid()}.tmp")
        data = {"code": self.version, "verdicts": self.used}
        temporary.write_text(json.dumps(data), "utf-8")
        os.replace(temporary, self.file)
