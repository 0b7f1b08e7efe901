"""The Word file of every published plan and template, written with the site.

python-docx takes about 25 ms a document (50 s of one core for 2,000 plans), so the files
are made on every core and kept in a cache keyed by the plan's bytes and the exporter's own
code and wording: an unchanged plan costs a hard link on the next build. A file is dated by
the plan's date of issue, so the same plan gives the same file on any day; a plan without one
is dated by the build, and a plan with progress reports lists them as of the build's day, so
their cache entries are that day's.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

from civplan import cache
from civplan.cache.digest import code_digest
from civplan.export.docx import export_docx
from civplan.export.errors import ExportError
from civplan.model.lifecycle import parse_date
from civplan.model.loader import load

SOURCES = ("civplan.export", "civplan.model", "civplan.cache")
"""Everything the export reads besides the plan: its own code, and the whole model (loader,
wording, numerals, blank syntax, dates). Any change there makes every Word file anew."""


def exporter_version() -> bytes:
    return code_digest(SOURCES, ["python-docx"])


class WordCache:
    """Word files by key, one .docx each (a civplan.cache Cache). The worker processes
    that make the files put them here themselves; nothing is pruned: a file depends on its plan
    alone, and the same entry serves every build, shard and export of it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def key(self, source: Path, today: date, version: bytes) -> str:
        """The plan's bytes and the exporter's code; the day too wherever the file prints it."""
        text = source.read_bytes()
        return cache.key(version, text, *([today.isoformat()] if _prints_day(text) else []))

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.docx"

    def get(self, key: str) -> Path | None:
        return self.path(key) if self.path(key).is_file() else None

    def put(self, key: str, made: Path) -> None:
        os.replace(made, self.path(key))

    def finish(self) -> None:
        """Nothing to save or drop (see the class)."""


def _prints_day(text: bytes) -> bool:
    """Does the Word file of this plan print the build's day? A plan without a date of issue is
    dated by it, and progress reports are listed as of it (任务进展（截至…）, only those dated
    up to it). Read from the bytes, as the key is: the word `progress` anywhere counts, which
    at worst makes a file anew when it need not."""
    return b"\nissued:" not in text or b"progress" in text


_SMALL_WORKERS = multiprocessing.get_context("forkserver")
"""Workers started from a small server process, not forked from the build: a forked worker
keeps the build's memory as it was when forked (every plan loaded) while the build goes on
changing its own copy, and at 10,000 plans that was 650 MB more at the peak. Each worker
reads the plan files it exports itself."""


def _yield_to_the_build(build: int) -> None:
    """The Word files are wanted only when the build ends; the pages and the search index that
    the build waits on come first, and the files take whatever core time is left. A worker
    ends when the build (process `build`) does, killed or not."""
    os.nice(10)
    threading.Thread(target=_end_with, args=(build,), daemon=True).start()


def _end_with(build: int) -> None:
    """Exit as soon as the build is gone. The worker's parent is the forkserver, which outlives
    a killed build (measured: the forkserver and its worker lived on), so neither the parent-death signal nor
    the parent's pid tells; the build's own pid does."""
    while True:
        time.sleep(1)
        try:
            os.kill(build, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:
            pass  # alive, and another user's: cannot happen for our own parent, but harmless


def _export(job: tuple[str, str, str, str]) -> None:
    """Make one cache entry, whole or not at all: a build stopped halfway (or another build
    making the same file) never leaves a broken file under a good key."""
    source, folder, key, day = job
    plan, _ = load(source)
    issued = parse_date(plan.meta.get("issued"))
    temporary = Path(folder) / f"{key}.{os.getpid()}.tmp"
    try:
        build_day = date.fromisoformat(day)  # progress is reported up to the build's day
        export_docx(plan, temporary, issued or build_day, build_day)
    except ExportError as err:  # the message alone crosses back from a worker: name the file
        temporary.unlink(missing_ok=True)
        raise ExportError(f"{source}:1: 错误 {err} [export]") from None
    WordCache(Path(folder)).put(key, temporary)


class WordFiles:
    """The Word files of one build. The ones not in the cache are started on every core as soon
    as the plans are loaded, and made while MkDocs renders the pages on one core; `finish` waits
    for them and puts every file in place."""

    def __init__(self, jobs: list[tuple[Path, Path]], today: date, folder: Path) -> None:
        version = exporter_version()
        folder.mkdir(parents=True, exist_ok=True)
        self.jobs = jobs
        self.cache = WordCache(folder)
        self.keys = {s: self.cache.key(s, today, version) for s, _ in jobs}
        fresh = [
            (str(s), str(folder), key, today.isoformat())
            for s, key in self.keys.items()
            if self.cache.get(key) is None
        ]
        self.made = len(fresh)
        self.pool = (
            ProcessPoolExecutor(
                mp_context=_SMALL_WORKERS,
                initializer=_yield_to_the_build,
                initargs=(os.getpid(),),
            )
            if len(fresh) > 4
            else None
        )
        self.running = self.pool.map(_export, fresh, chunksize=16) if self.pool else None
        if self.pool is None:
            for job in fresh:
                _export(job)

    def finish(self) -> int:
        """Wait for the files being made, copy every file to its target; return how many were
        made afresh."""
        if self.pool:
            try:
                list(self.running)
            finally:
                self.pool.shutdown()
        for source, target in self.jobs:
            target.parent.mkdir(parents=True, exist_ok=True)
            _place(self.cache.path(self.keys[source]), target)
        self.cache.finish()
        return self.made

    def cancel(self) -> None:
        """The build stopped: make no more files (those made stay in the cache)."""
        if self.pool:
            self.pool.shutdown(wait=False, cancel_futures=True)


def write_word_files(jobs: list[tuple[Path, Path]], today: date, cache: Path) -> int:
    """Write each (plan file, target .docx); return how many had to be made afresh."""
    return WordFiles(jobs, today, cache).finish()


def _place(cached: Path, target: Path) -> None:
    """Put a cached file in the site as a hard link (a copy where the two folders are on
    different file systems): the build only ever replaces an entry whole, and the entry is made
    read-only so that a program opening the site's file cannot change the cache's through it."""
    os.chmod(cached, 0o444)
    target.unlink(missing_ok=True)
    try:
        os.link(cached, target)
    except OSError:
        shutil.copyfile(cached, target)
