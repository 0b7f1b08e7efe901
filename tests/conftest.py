"""Shared test helpers: build throwaway projects and sites in tmp_path."""

from __future__ import annotations

import contextlib
import functools
import html
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError

import pytest

# Caches the code under test keeps outside a project (civplan.site.inputs.cache_root) go to a
# folder of this test run, never the developer's ~/.cache.
os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp(prefix="civplan-tests-cache-"))

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "plans" / "shilishidiyirenminyiyuan-2026.md"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Under `pytest -n` (pytest-xdist, --dist loadgroup, as `make test` runs it) a test file
    runs whole on one worker, so its module fixtures (a browser, a built site, a signed-in
    editor) are made once; a test that names its own xdist_group (the attack campaign's shares)
    goes with its group instead. Runs before xdist reads the marks (tryfirst)."""
    for item in items:
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    def page(self, url_path: str) -> str:
        return (self.site / url_path / "index.html").read_text("utf-8")


def make_project(
    root: Path, plans: dict[str, str] | None = None, templates: bool = True, plan_writer=None
) -> Path:
    """A copy of the real project (config, docs, macros, templates) with the given plans, or
    the samples; `plan_writer(folder)` writes the plans instead (the benchmark's synthetic ones)."""
    for name in ("docs", "macros", "overrides") + (("templates",) if templates else ()):
        shutil.copytree(REPO / name, root / name)
    if not templates:
        (root / "templates").mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "civplan").symlink_to(REPO / "civplan")  # mkdocs.yml watches it
    if plan_writer is not None:
        plan_writer(root / "plans")
    elif plans is None:
        shutil.copytree(REPO / "plans", root / "plans")
    else:
        (root / "plans").mkdir()
        for name, text in plans.items():
            (root / "plans" / name).write_text(text, "utf-8")
    return root


def civplan(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run the real command line (`python -m civplan …`) as an editor would, in `cwd`."""
    return subprocess.run(
        [sys.executable, "-m", "civplan", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
    )


def git(repo: Path, *args: str, author: str = "编辑", date: str | None = None) -> str:
    """Run git in `repo` as a fixed author, with no user configuration; return its output. With
    `date`, what it commits is authored and committed then (as a pull request may set it), so a
    commit's id is the same on every run."""
    env = {
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "HOME": str(repo),
        "PATH": "/usr/bin:/bin",
    }
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    result = subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env
    )
    return result.stdout


def line_of(text: str, needle: str) -> int:
    """The number (from 1) of the first line of `text` that contains `needle`."""
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


def text_of(fragment: str) -> str:
    """The text a reader sees of an HTML fragment: tags taken out, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def cache_dir(root: Path) -> Path:
    """The build caches of a test project: beside it, never in the developer's ~/.cache."""
    return root.parent / f"{root.name}.cache"


def build(root: Path, today: str = "2026-05-15", **variables: str) -> Build:
    """Run the real `mkdocs build --strict` on a project, as an editor or CI would; `variables`
    are more environment variables."""
    env = {**os.environ, "CIVPLAN_TODAY": today, "NO_MKDOCS_2_WARNING": "1"}
    env = {**env, "CIVPLAN_CACHE_DIR": str(cache_dir(root)), **variables}
    site = root / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def build_without_rule(root: Path, rule_id: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as CI runs it, but with one check rule taken out: the page a
    rule that misses a trick would let through, for the sanitiser to clean."""
    code = (
        "import sys, civplan.check.rules as r; r.RULES.pop(sys.argv[1], None);"
        "from mkdocs.__main__ import cli; sys.argv[1:2] = [];"
        "cli()"
    )
    return subprocess.run(
        [sys.executable, "-c", code, rule_id, "build", "--strict", "-d", str(root / "site")],
        cwd=root,
        env={
            "CIVPLAN_TODAY": "2026-05-15",
            "NO_MKDOCS_2_WARNING": "1",
            "PATH": "/usr/bin:/bin",
            "CIVPLAN_CACHE_DIR": str(cache_dir(root)),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text("utf-8")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Build:
    """The samples of plans/ built once, with today fixed inside the hospital's 自查整改 stage."""
    root = make_project(tmp_path_factory.mktemp("sample-site"))
    result = build(root, today="2026-05-15")
    assert result.returncode == 0, result.output
    return result


HOSPITAL_FILE = "shilishidiyirenminyiyuan-2026.md"
EDITOR = "Zhang San"
"""The git author of the reader site's commits: a name that must never reach a public page."""
SUBJECTS = ["Import sample plans", "Fix stage dates and deputy", "Add change note for review"]
"""Its commit subjects, in English as developers write them: never on a public page either."""


READER_TODAY = "2026-12-02T10:00"
"""The reader site's "now": the media centre's notice is open, the community's has just closed,
the hospital is in its last stage with overdue tasks, one plan is finished, one withdrawn."""


def _edit_hospital(text: str) -> str:
    """A second version without a note: a stage's end date, a deputy's duty, a re-wrapped line."""
    text = text.replace(
        'end: "2026-12-31"\n    tasks:\n      - 迎接', 'end: "2026-12-20"\n    tasks:\n      - 迎接'
    )
    text = text.replace("分管环境改造和后勤保障", "分管环境改造、后勤保障和安全生产")
    return text.replace("坚持以人民健康为中心，把创建", "坚持以人民健康为中心，\n把创建")


def _note_hospital(text: str) -> str:
    """A third version with a note for the public and a changed sentence in the body."""
    note = '  - date: "2026-07-01"\n    note: 检查验收阶段改为2026年12月20日结束，以便迎接市文明委测评。\n'
    text = text.replace("revisions:\n", "revisions:\n" + note, 1)
    return text.replace("让患者在看病就医中", "让患者在看病就医的每个环节中")


@pytest.fixture(scope="session")
def reader_site(tmp_path_factory) -> Build:
    """The samples in a git repository of three commits by an English-writing developer (the
    hospital's plan changed twice: once without a change note, once with one), built once."""
    root = make_project(tmp_path_factory.mktemp("reader-site"))
    plan = root / "plans" / HOSPITAL_FILE
    git(root, "init", "-q", author=EDITOR)
    git(root, "add", ".", author=EDITOR)
    git(root, "commit", "-qm", SUBJECTS[0], author=EDITOR)
    plan.write_text(_edit_hospital(plan.read_text("utf-8")), "utf-8")
    git(root, "commit", "-qam", SUBJECTS[1], author=EDITOR)
    plan.write_text(_note_hospital(plan.read_text("utf-8")), "utf-8")
    git(root, "commit", "-qam", SUBJECTS[2], author=EDITOR)
    result = build(root, today=READER_TODAY)
    assert result.returncode == 0, result.output
    return result


def require_browser(*modules: str) -> None:
    """Skip the calling test module unless Playwright (and `modules`) and Debian's Chromium are
    installed; the browser itself is never downloaded."""
    for module in ("playwright.sync_api", *modules):
        pytest.importorskip(
            module,
            reason=f"浏览器测试跳过：缺少 Python 包 {module}（运行 make install 安装测试依赖）",
        )
    if not CHROMIUM.exists():
        pytest.skip(
            f"浏览器测试跳过：没有 {CHROMIUM}（apt-get install -y chromium fonts-noto-cjk，.ci/run 会安装）",
            allow_module_level=True,
        )


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    """Where screenshots for a person to look at go: the folder $CIVPLAN_SCREENSHOTS names (a
    person's own, to open and read), else one of this test run; never the checkout."""
    chosen = os.environ.get("CIVPLAN_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, headless, launched once per test process and shared by the browser
    test files; each test opens its own context (no cookies, storage or cache shared)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (http.server's own signature)
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """A built site served by Python's http.server on 127.0.0.1 at a free port: its base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    with running(http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)) as url:
        yield url + "/"


@contextlib.contextmanager
def running(server):
    """`server` answering in a thread of its own until the block ends: its base URL."""
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def editor_server(root: Path):
    """`make edit`'s server (civplan.cli.cms_server) on `root` at a free port: its base URL."""
    from civplan.cli import cms_server

    with running(cms_server.serve(root, 0)) as url:
        yield url


def editor_api(url: str, action: str, params: dict, origin: str | None = None):
    """One call of the editor's API (POST /api/v1) as Decap CMS makes it: the status and the
    JSON answer (None when a refusal has no JSON body)."""
    headers = {"Content-Type": "application/json"} | ({"Origin": origin} if origin else {})
    body = json.dumps({"action": action, "params": params}).encode()
    request = urllib.request.Request(url + "/api/v1", body, headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except HTTPError as err:
        try:
            return err.code, json.loads(err.read())
        except ValueError:
            return err.code, None


@pytest.fixture(scope="module")
def sample_url(sample_site):
    """The sample site served on 127.0.0.1 for a browser: its base URL."""
    with serve(sample_site.site) as url:
        yield url


MARKS = """\
    # the record marks, as a site's owner copies them from the record sites
    site_code: "1100000001"   # leading zeros kept: quoted
    icp:   京ICP备12345678号-1
    police: 京公网安备 11010502030000号
    party_mark: 0CA1A58D2B3D5E5EE053022819AC4C8D
"""
"""The footer's record marks, as a site's owner adds them to mkdocs.yml (issue 26)."""


@pytest.fixture(scope="session")
def marked_site(tmp_path_factory) -> Build:
    """The samples with every footer mark set in mkdocs.yml, built once."""
    root = make_project(tmp_path_factory.mktemp("marked"))
    config = root / "mkdocs.yml"
    anchor = "    report_phone: 0000-12345679\n"
    config.write_text(config.read_text("utf-8").replace(anchor, anchor + MARKS), "utf-8")
    result = build(root)
    assert result.returncode == 0, result.output
    return result


SHOWN = "q => document.querySelector('[data-civ-search]').dataset.shown === q"
"""True once search.js shows the results of query q (it marks the box with the query shown)."""


def search_shown(tab, query: str, timeout: float = 30_000) -> None:
    """Wait until the site's search shows its results for `query` (a sharded top level joins
    its index parts first: on a busy machine that takes minutes, hence the longer timeouts)."""
    tab.wait_for_function(SHOWN, arg=query, timeout=timeout)


def type_search(tab, query: str, timeout: float = 30_000) -> None:
    """Type a query into the search box key by key, as a reader does, and wait for its results."""
    tab.click("#civ-search-query")
    tab.keyboard.type(query, delay=30)
    search_shown(tab, query, timeout)
