"""What one change costs, on this code and on another commit, alternately: for scripts/bench.py.

    .venv/bin/python scripts/bench.py --change 2000 10000 --compare main

For each N: one project of N synthetic plans, built once by each side (the page cache empty, the
Word cache filled as a previous build would have), then, round after round, one plan's text is
edited and each side rebuilds the site (A, then B): the figure every pull request pays. At the
sizes given to --serve, `make serve` too: the seconds from saving a plan until the server sends
its new page. Each side has its own cache folder; the project's `civplan` link and PYTHONPATH
point at the side's code. Figures are printed, never asserted.
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

NOW = "2026-11-28T10:00"


@dataclass
class Side:
    name: str
    code: Path
    """A checkout: its civplan/ is the code built with."""
    cache: Path
    rebuilds: list = field(default_factory=list)
    """bench.Measured of each rebuild after one edit."""
    saves: list[float] = field(default_factory=list)

    def env(self) -> dict[str, str]:
        return {"CIVPLAN_CACHE_DIR": str(self.cache), "PYTHONPATH": str(self.code)}

    def use(self, real: Path) -> None:
        """Point the project's civplan link (python -m puts the project first) at this side."""
        link = real / "civplan"
        link.unlink()
        link.symlink_to(self.code / "civplan")


def checkout(ref: str, folder: Path) -> Path:
    """A detached worktree of `ref` in `folder` (removed by `remove_checkout`)."""
    subprocess.run(
        ["git", "worktree", "add", "--detach", "-q", str(folder), ref],
        cwd=Path(__file__).resolve().parent.parent,
        check=True,
    )
    return folder


def remove_checkout(folder: Path) -> None:
    subprocess.run(
        ["git", "worktree", "remove", "--force", str(folder)],
        cwd=Path(__file__).resolve().parent.parent,
        check=False,
    )


def edit(real: Path, mark: str) -> Path:
    """One sentence added to one plan's text."""
    one = sorted((real / "plans").glob("*.md"))[1]
    text = one.read_text("utf-8").replace("## 指导思想\n\n", f"## 指导思想\n\n{mark}", 1)
    one.write_text(text, "utf-8")
    return one


def serve_after_save(real: Path, side: Side, saves: int) -> list[float]:
    """`make serve` (civplan serve: drafts shown, rebuilt on every save): after its first
    build, one plan's text is saved `saves` times, and each time the seconds from the save until
    the server sends that plan's page with the new sentence. A browser showing the page asks for
    it as soon as the build ends (docs/assets/livereload.js): the wait an editor sees, less the
    browser's own drawing."""
    side.use(real)
    with socket.socket() as probe:
        probe.bind(("localhost", 0))
        port = probe.getsockname()[1]
    slug = sorted((real / "plans").glob("*.md"))[1].stem
    address = f"http://localhost:{port}/plans/{slug}/"
    env = {**os.environ, **side.env(), "NO_MKDOCS_2_WARNING": "1", "CIVPLAN_TODAY": NOW}
    command = [sys.executable, "-m", "civplan", "serve", "--dev-addr", f"localhost:{port}"]
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(command, cwd=real, env=env, stdout=log, stderr=log)
        try:
            _page_with(address, "", timeout=3600)  # the first build: every page
            seconds = []
            for n in range(saves):
                mark = f"{side.name}保存第{n + 1}次。"
                started = time.perf_counter()
                edit(real, mark)
                _page_with(address, mark, timeout=900)
                seconds.append(time.perf_counter() - started)
                time.sleep(3)  # the server settles before the next save
            return seconds
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=120)


def _page_with(address: str, text: str, timeout: float) -> None:
    """Wait until the server sends the page at `address` with `text` in it."""
    give_up = time.perf_counter() + timeout
    while time.perf_counter() < give_up:
        try:
            with urllib.request.urlopen(address, timeout=10) as answer:
                if text in answer.read().decode("utf-8", "replace"):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"预览服务器在 {timeout:.0f} s 内没有给出 {address} 的新页面")


def spread(values: list[float]) -> str:
    """min / median / max."""
    if not values:
        return "（没有测）"
    return f"{min(values):.1f} / {statistics.median(values):.1f} / {max(values):.1f} s"
