"""Issue 28, items 1 and 12: what a pull request commits around its plan files. Build state it
commits (stored pages, check results, shard fingerprints) is refused, build state left in the
checkout by a CI cache step is never read, and symlinks anywhere in the content folders are
refused, not followed. Each attack runs through the real `mkdocs build` and `civplan check`."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import build, cache_dir, civplan, git, make_project

FORGED = "<script>alert('forged-cache')</script>"
PLAN = "shilishidiyirenminyiyuan-2026"


def _repository(root: Path) -> Path:
    make_project(root)
    shutil.copy(Path(__file__).resolve().parent.parent / ".gitignore", root / ".gitignore")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "plans")
    return root


def _forge_pages(cache: Path) -> int:
    """Every stored page of a real build, with a script added, as an attacker would commit."""
    pages = list((cache / "pages").rglob("*.html"))
    for page in pages:
        page.write_text(page.read_text("utf-8").replace("</body>", FORGED + "</body>"), "utf-8")
    return len(pages)


def _published(site: Path) -> str:
    return "".join(p.read_text("utf-8", "replace") for p in site.rglob("*.html"))


def test_committed_cache_entries_stop_the_build_and_fail_check(tmp_path):
    root = _repository(tmp_path / "p")
    in_tree = root / ".cache"  # a CI that keeps its cache folder inside the checkout
    first = build(root, CIVPLAN_CACHE_DIR=str(in_tree))
    assert first.returncode == 0, first.output
    assert _forge_pages(in_tree) > 10
    git(root, "add", "-f", ".cache")
    git(root, "commit", "-qm", "cache")
    shutil.rmtree(first.site)

    again = build(root, CIVPLAN_CACHE_DIR=str(in_tree))
    assert again.returncode != 0
    assert "[committed-build-state]" in again.output and ".cache/pages/" in again.output
    assert "forged-cache" not in (_published(again.site) if again.site.exists() else "")
    checked = civplan("check", "plans", cwd=root)
    assert checked.returncode == 1
    assert ".cache/pages/" in checked.stdout and "git rm --cached" in checked.stdout


def test_a_cache_restored_into_the_checkout_is_never_read(tmp_path):
    """The deploy job restores its cache on top of the checkout: a folder .cache/ full of valid
    keys and forged pages (and check results) that nobody committed. The build reads its own
    caches only, outside the checkout."""
    root = _repository(tmp_path / "p")
    first = build(root, CIVPLAN_CACHE_DIR=str(root / ".cache"))
    assert first.returncode == 0, first.output
    _forge_pages(root / ".cache")
    for result in (root / ".cache" / "check").rglob("problems-*.json"):
        result.write_text(result.read_text("utf-8").replace("示例市第一人民医院", "伪造的单位"))
    # no CIVPLAN_CACHE_DIR: the default, a folder of the user's cache
    again = build(root, XDG_CACHE_HOME=str(tmp_path / "home-cache"), CIVPLAN_CACHE_DIR="")
    assert again.returncode == 0, again.output
    text = _published(again.site)
    assert "forged-cache" not in text and "伪造的单位" not in text
    assert (tmp_path / "home-cache" / "civplan").is_dir()  # its own cache, outside the checkout


def test_a_committed_shard_fingerprint_is_refused(tmp_path):
    root = _repository(tmp_path / "p")
    (root / "build" / "shards" / "shilisheng").mkdir(parents=True)
    (root / "build" / "shards" / "shilisheng" / "index.html").write_text(FORGED, "utf-8")
    (root / "build" / "shards" / "shilisheng.fingerprint").write_text("0" * 64)
    git(root, "add", "-f", "build")
    git(root, "commit", "-qm", "shard")
    checked = civplan("check", "plans", cwd=root)
    assert checked.returncode == 1
    assert "build/shards/shilisheng.fingerprint:1: 错误" in checked.stdout
    result = build(root)
    assert result.returncode != 0 and "[committed-build-state]" in result.output


def test_symlinks_in_content_folders_are_refused(tmp_path):
    root = make_project(tmp_path / "p")
    outside = tmp_path / "secret.md"
    outside.write_text(
        (root / "plans" / f"{PLAN}.md")
        .read_text("utf-8")
        .replace("示例市第一人民医院", "链接进来的单位"),
        "utf-8",
    )
    (root / "plans" / "linked.md").symlink_to(outside)
    (root / "docs" / "assets" / "env.txt").symlink_to("/proc/self/environ")
    (root / "plans" / "loop").symlink_to(root / "plans" / "loop")
    checked = civplan("check", "plans", cwd=root)
    assert checked.returncode == 1, checked.stdout
    assert "Traceback" not in checked.stdout + checked.stderr
    for name in ("plans/linked.md:1: 错误", "docs/assets/env.txt:1: 错误", "plans/loop:1: 错误"):
        assert name in checked.stdout, checked.stdout
    result = build(root)
    assert result.returncode != 0 and "[symlink]" in result.output
    assert not (result.site / "assets" / "env.txt").exists()
    assert "链接进来的单位" not in (_published(result.site) if result.site.exists() else "")


def test_a_file_name_cannot_rewrite_the_report(tmp_path):
    root = make_project(tmp_path / "p")
    (root / "docs" / "x\x1b[2J\n::error::fake").symlink_to("/etc/hostname")
    checked = civplan("check", "plans", cwd=root)
    assert "\x1b" not in checked.stdout
    assert not any(line.startswith("::") for line in checked.stdout.splitlines())
    assert "docs/x\\x1b[2J\\n::error::fake:1: 错误" in checked.stdout


def test_caches_default_to_a_folder_outside_the_checkout(tmp_path, monkeypatch):
    from civplan.site.inputs import cache_root

    monkeypatch.delenv("CIVPLAN_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    root = tmp_path / "project"
    root.mkdir()
    assert not cache_root(root).is_relative_to(root)
    assert cache_root(root) != cache_root(tmp_path)  # one folder per checkout
    assert cache_dir(root) != cache_root(root)
