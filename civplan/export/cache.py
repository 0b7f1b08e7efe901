"""The Word file of every published plan and template, written with the site.

python-docx takes about 45 ms a document (90 s for 2,000 plans on two cores), so the files
are made on every core and kept in a cache keyed by the plan's bytes and the exporter's own
code and wording: an unchanged plan costs a file copy on the next build. A file is dated by
the plan's date of issue, so the same plan gives the same file on any day (a plan without one
is dated by the build, and its cache entry by that day).
"""

from __future__ import annotations

import hashlib
import shutil
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from importlib import resources
from pathlib import Path

from docx import __version__ as docx_version

from civplan.export.docx import export_docx
from civplan.model.lifecycle import parse_date
from civplan.model.loader import load

CACHE = Path(".cache") / "docx"
SOURCES = ("civplan.export", "civplan.model")
"""Everything the export reads besides the plan: its own code, and the whole model (loader,
wording, numerals, blank syntax, dates). Any change there makes every Word file anew."""


def _exporter_version() -> bytes:
    parts = [f"python-docx {docx_version}".encode()]
    for package in SOURCES:
        folder = resources.files(package)
        for name in sorted(entry.name for entry in folder.iterdir() if entry.is_file()):
            if name.endswith((".py", ".yaml", ".json")):
                parts.append(name.encode() + folder.joinpath(name).read_bytes())
    return b"\0".join(parts)


def cache_key(source: Path, today: date, version: bytes) -> str:
    text = source.read_bytes()
    digest = hashlib.sha256(version + text)
    if b"\nissued:" not in text:
        digest.update(today.isoformat().encode())
    return digest.hexdigest()


def _export(job: tuple[str, str, str]) -> None:
    source, target, day = job
    plan, _ = load(source)
    issued = parse_date(plan.meta.get("issued"))
    export_docx(plan, target, issued or date.fromisoformat(day))


def write_word_files(jobs: list[tuple[Path, Path]], today: date, cache: Path = CACHE) -> int:
    """Write each (plan file, target .docx); return how many had to be made afresh."""
    version = _exporter_version()
    cache.mkdir(parents=True, exist_ok=True)
    cached = {source: cache / f"{cache_key(source, today, version)}.docx" for source, _ in jobs}
    fresh = [(str(s), str(c), today.isoformat()) for s, c in cached.items() if not c.exists()]
    if len(fresh) > 4:
        with ProcessPoolExecutor() as pool:
            list(pool.map(_export, fresh, chunksize=16))
    else:
        for job in fresh:
            _export(job)
    for source, target in jobs:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached[source], target)
    return len(fresh)
