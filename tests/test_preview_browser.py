"""Issue 23, item 5: a preview that lives. Under the site's Content-Security-Policy the page
that `make serve` (civplan serve) shows refreshes itself after a save; the problem page of a
broken draft wraps on a phone; the server takes a free port and Ctrl+C ends it in one line."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, SAMPLE, make_project, require_browser

require_browser()

SLUG = SAMPLE.stem


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(root: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO), "CIVPLAN_TODAY": "2026-05-15"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return subprocess.Popen(
        [sys.executable, "-m", "civplan", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_until_served(page, url: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if page.goto(url).status == 200:
                return
        except Exception:  # noqa: BLE001 (the server is still building)
            if time.monotonic() > deadline:
                raise
        time.sleep(1)


@pytest.fixture
def served(tmp_path):
    root = make_project(tmp_path / "p", plans={SAMPLE.name: SAMPLE.read_text("utf-8")})
    port = _free_port()
    server = _serve(root, port)
    yield root, f"http://127.0.0.1:{port}"
    server.send_signal(signal.SIGINT)
    server.communicate(timeout=60)


def test_an_open_page_refreshes_after_a_save(served, chromium):
    root, base = served
    context = chromium.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    _wait_until_served(page, f"{base}/plans/{SLUG}/")
    assert page.locator("script[src$='assets/livereload.js']").count() == 1
    page.wait_for_timeout(1500)  # the poll is waiting for the next build
    plan = root / "plans" / SAMPLE.name
    plan.write_text(
        plan.read_text("utf-8").replace(
            "## 指导思想\n", "## 指导思想\n\n保存后新加的一句话。\n", 1
        ),
        "utf-8",
    )
    deadline = time.monotonic() + 120
    while "保存后新加的一句话" not in page.inner_text("body") and time.monotonic() < deadline:
        page.wait_for_timeout(500)  # no reload from here: the page must reload itself
    assert "保存后新加的一句话" in page.inner_text("body")
    context.close()


def test_the_problem_page_of_a_broken_draft_wraps_on_a_phone(served, chromium):
    root, base = served
    plan = root / "plans" / SAMPLE.name
    text = plan.read_text("utf-8").replace("status: 实施中", "status: 草案", 1)
    plan.write_text(re.sub(r"^level: .*$", "level：市级", text, count=1, flags=re.M), "utf-8")
    for width in (360, 390, 1366):
        context = chromium.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        deadline = time.monotonic() + 120
        while True:
            _wait_until_served(page, f"{base}/")
            page.goto(f"{base}/plans/{SLUG}/")
            if "暂时无法预览" in page.content() or time.monotonic() > deadline:
                break
            time.sleep(1)
        assert "暂时无法预览" in page.content()
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"{width} px: the page is {wide} px wide"
        context.close()


def test_serve_takes_a_free_port_and_ctrl_c_ends_it_in_one_line(tmp_path):
    root = make_project(tmp_path / "p", plans={SAMPLE.name: SAMPLE.read_text("utf-8")})
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        server = _serve(root, port)
        time.sleep(8)
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=60)
    assert f"127.0.0.1:{port + 1}" in err or f"127.0.0.1:{port + 2}" in err, err
    assert "预览已结束。" in err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err


def test_new_ended_at_a_question_says_so_in_one_line(tmp_path):
    """`make new` in a terminal, left with Ctrl+D at the first question: no "错误：" with nothing
    after it, no traceback."""
    import pty

    root = make_project(tmp_path / "p", plans={SAMPLE.name: SAMPLE.read_text("utf-8")})
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "civplan", "new"],
        cwd=root,
        env=env,
        stdin=follower,
        stdout=follower,
        stderr=follower,
    )
    os.close(follower)
    time.sleep(4)
    os.write(leader, b"\x04")  # Ctrl+D at the prompt
    process.wait(timeout=60)
    said = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        said += chunk
    text = said.decode("utf-8", "replace")
    assert "已取消，没有新建方案。" in text, text
    assert "Traceback" not in text and not re.search(r"错误：\s*$", text, re.M)
    assert process.returncode != 0


def test_ctrl_c_while_the_word_files_are_still_made_ends_without_a_warning(tmp_path, monkeypatch):
    """Ctrl+C the moment the preview is served: the Word files are still being made after the
    reload; the server ends their workers itself, and the editor reads one line, no warning."""
    monkeypatch.setenv("CIVPLAN_CACHE_DIR", str(tmp_path / "cache"))  # every Word file new
    root = make_project(tmp_path / "p")
    server = _serve(root, _free_port())
    seen = []
    for line in server.stderr:
        seen.append(line)
        if "Serving on" in line:
            break
    server.send_signal(signal.SIGINT)
    _, rest = server.communicate(timeout=60)
    err = "".join(seen) + rest
    assert "预览已结束。" in err
    for english in ("Warning", "leaked", "Traceback", "Exception in thread"):
        assert english not in err, err
