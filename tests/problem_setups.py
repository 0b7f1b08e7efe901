"""The examples of the problem ids that no single file shows: ids about the tree (a symlink, a
committed cache, an upload), the history (a change without a note, a commit's date) or several
files (two plans with one slug). Each setup builds its case in a fresh folder and returns the
lines the command an editor runs prints for it; tests/fixtures/expected/<id>.txt holds them.

The registry (civplan.model.problem_ids) describes each setup in words for the rules page.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

from civplan.check import former
from civplan.cli import changes, commands
from civplan.history.since_base import date_problems
from civplan.model.loader import load, parse

from conftest import SAMPLE, git

TITLE = "title: 示例市第一人民医院2026年创建市级文明单位实施方案"
SPECIAL = "title: 示例市第一人民医院2026年网络文明传播专项方案"


def _plans(root: Path, **texts: str) -> None:
    (root / "plans").mkdir()
    for name, text in texts.items():
        (root / "plans" / f"{name}.md").write_text(text, "utf-8")


def _check(root: Path) -> list[str]:
    """`civplan check plans` in `root`: the problem lines, without the summary."""
    os.chdir(root)
    out = StringIO()
    commands.check(["plans"], out=out)
    return out.getvalue().splitlines()[:-1]


def file(root: Path) -> list[str]:
    """A plan path that is a folder: the loader cannot read it as a file."""
    (root / "plans" / "folder.md").mkdir(parents=True)
    _, problems = load(root / "plans" / "folder.md", "plans/folder.md")
    return [str(p) for p in problems]


def file_size(root: Path) -> list[str]:
    """A plan over 1 MB (text pasted in by mistake)."""
    _plans(root, big=SAMPLE.read_text("utf-8") + "正文。\n" * 200_000)
    return _check(root)


def duplicate_slug(root: Path) -> list[str]:
    """Two plans of one unit and year under two titles: one address (slug) for both."""
    text = SAMPLE.read_text("utf-8")
    _plans(root, a=text, b=text.replace(TITLE, SPECIAL, 1))
    return _check(root)


def duplicate_title(root: Path) -> list[str]:
    """Two plans (two files) with the same title."""
    text = SAMPLE.read_text("utf-8")
    _plans(root, a=text, b=text.replace(TITLE, f"{TITLE}\nslug: other-2026", 1))
    return _check(root)


def superseded_by(root: Path) -> list[str]:
    """A withdrawn plan whose successor does not exist."""
    text = SAMPLE.read_text("utf-8").replace(TITLE, f"{TITLE}\nsuperseded_by: nowhere-2027", 1)
    _plans(root, a=text)
    return _check(root)


def former_slug(root: Path) -> list[str]:
    """A plan whose former address is another plan's address now."""
    text = SAMPLE.read_text("utf-8")
    other = f"{SPECIAL}\nslug: other-2026\nformer_slugs: [shilishidiyirenminyiyuan-2026]"
    _plans(root, a=text, b=text.replace(TITLE, other, 1))
    return _check(root)


def former_slug_owner(root: Path) -> list[str]:
    """The build's check (civplan.site.steps): the published history shows the address as
    plans/old.md's; plans/b.md claims it. The history is given as the slugs each file had."""
    text = SAMPLE.read_text("utf-8").replace(TITLE, f"{TITLE}\nformer_slugs: [old-2025]", 1)
    plan, _ = parse(text, "plans/b.md")
    had = former.owners({"plans/old.md": ["old-2025"], "plans/b.md": [None]})
    return [str(p) for p in former.claim_problems([plan], had)]


def symlink(root: Path) -> list[str]:
    """A plan file that is a symlink (to a file outside the repository)."""
    _plans(root)
    (root / "plans" / "link.md").symlink_to("/etc/hostname")
    return _check(root)


def upload_type(root: Path) -> list[str]:
    """An SVG file in the uploads folder (it would run scripts on the site)."""
    _plans(root, a=SAMPLE.read_text("utf-8"))
    uploads = root / "docs" / "assets" / "uploads"
    uploads.mkdir(parents=True)
    (uploads / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", "utf-8")
    return _check(root)


def committed_build_state(root: Path) -> list[str]:
    """A file of the build cache committed into the repository."""
    _plans(root, a=SAMPLE.read_text("utf-8"))
    (root / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    (root / ".cache").mkdir()
    (root / ".cache" / "pages.json").write_text("{}", "utf-8")
    git(root, "init", "-q")
    git(root, "add", "-f", ".")
    return _check(root)


def revision_note(root: Path) -> list[str]:
    """`civplan changes --base main`: a published plan changed without a change note."""
    _plans(root, a=SAMPLE.read_text("utf-8"))
    _commit(root, "2026-05-01T10:00:00+08:00", "-b", "main")
    git(root, "checkout", "-qb", "change")
    (root / "plans" / "a.md").write_text(SAMPLE.read_text("utf-8") + "\n补充一句。\n", "utf-8")
    _commit(root, "2026-05-02T10:00:00+08:00")
    out = StringIO()
    changes.changes("main", root=root, out=out)
    return out.getvalue().splitlines()[:-1]


def commit_date(root: Path) -> list[str]:
    """`civplan changes --base main`: a commit dated after the day of the check."""
    _plans(root, a=SAMPLE.read_text("utf-8"))
    _commit(root, "2026-05-01T10:00:00+08:00", "-b", "main")
    git(root, "checkout", "-qb", "change")
    (root / "plans" / "b.md").write_text("x", "utf-8")
    _commit(root, "2031-01-01T10:00:00+08:00")
    now = datetime(2026, 5, 15, tzinfo=UTC)
    return [str(p) for p in date_problems(root, "main", now)]


def export(root: Path) -> list[str]:
    """`civplan export a/x.md b/x.md`: two plans that would be one Word file."""
    for folder in ("a", "b"):
        (root / folder).mkdir()
        (root / folder / "x.md").write_text(SAMPLE.read_text("utf-8"), "utf-8")
    os.chdir(root)
    out = StringIO()
    commands.export(["a/x.md", "b/x.md"], Path("word"), out=out)
    return out.getvalue().splitlines()[:-1]


def _commit(root: Path, date: str, *init: str) -> None:
    """A commit of everything at a fixed date, so its id is the same on every run."""
    if init:
        git(root, "init", "-q", *init)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "x", date=date)


SETUPS = {
    name.replace("_", "-"): function
    for name, function in list(globals().items())
    if callable(function)
    and getattr(function, "__module__", None) == __name__
    and not name.startswith("_")
}
"""id → setup: every public function of this module."""
