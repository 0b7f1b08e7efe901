"""The page cache and the search index parts from the last build (civplan.site.page_cache,
civplan.site.search_index): a build that reuses them writes exactly the site a build from
nothing writes, and reuses only what nothing changed."""

import json
import shutil
from pathlib import Path

import pytest

from civplan.check.cache import CheckCache
from civplan.check.library import check_files
from civplan.check.rules import PLAN

from conftest import build, cache_dir, make_project

MARK = "<!--taken-from-cache-->"
BEFORE, AFTER = "2026-05-15", "2026-12-01"
"""Two days on which some plans show another status or stage, and some show the same."""


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _mark_pages(root: Path) -> int:
    """Sign every stored page, so that the next build shows which it reused."""
    pages = list((cache_dir(root) / "pages").rglob("*.html"))
    for page in pages:
        page.write_text(page.read_text("utf-8") + MARK, "utf-8")
    return len(pages)


def _mark_parts(root: Path) -> None:
    """Sign every stored index part (a signed page would change the part's pages)."""
    for part in (cache_dir(root) / "search").glob("*/*"):
        (part / "reused.txt").write_text("reused", "utf-8")


def _plan_pages(site: Path) -> dict[str, str]:
    return {
        p.parent.name: p.read_text("utf-8")
        for p in (site / "plans").glob("*/index.html")
        if p.parent.name != "history"
    }


def test_a_build_from_the_cache_is_the_build_from_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("CIVPLAN_SEARCH_PER_INDEX", "3")  # several index parts
    root = make_project(tmp_path / "p")
    first = build(root, BEFORE)
    assert first.returncode == 0, first.output
    before = _plan_pages(first.site)
    # every plan page, its history page and every template page
    stored = 2 * len(before) + len(list((root / "templates").glob("*.md")))
    assert len(list((cache_dir(root) / "pages").rglob("*.html"))) == stored
    _mark_parts(root)
    changed = root / "plans" / "shilishikexuejishuju-2024.md"
    changed.write_text(
        changed.read_text("utf-8").replace("## 指导思想\n", "## 指导思想\n\n新加的一句话。\n", 1),
        "utf-8",
    )
    edited = build(root, BEFORE)
    assert edited.returncode == 0, edited.output
    assert "新加的一句话" in _plan_pages(edited.site)["shilishikexuejishuju-2024"]
    assert f"页面：{stored - 1} 个沿用上次构建，1 个重新生成" in edited.output
    # the index parts without the changed plan were reused, the one with it was made again
    parts = list((edited.site / "pagefind").rglob("pagefind-entry.json"))
    made = [p for p in parts if not (p.parent / "reused.txt").exists()]
    assert len(made) == 1 and len(parts) > 2

    assert _mark_pages(root) == stored
    (root / "plans" / "shilishitushuguan-2026.md").unlink()
    renamed = root / "plans" / "shilishidiyirenminyiyuan-2026.md"  # its history page's title too
    text = renamed.read_text("utf-8")
    renamed.write_text(text.replace("实施方案\n", "实施方案（修订稿）\n", 1), "utf-8")
    again = build(root, AFTER)
    assert again.returncode == 0, again.output
    after = _plan_pages(again.site)
    reused = {slug for slug, html in after.items() if MARK in html}
    assert reused, "no page was taken from the cache"
    # some plans show another stage or status on the later day: those were drawn again
    assert any(after[slug] != before[slug] for slug in set(after) - reused)

    # the cache keeps the pages of the last build only: the deleted plan's entries are gone
    entries = list((cache_dir(root) / "pages").rglob("*.html"))
    assert len(entries) == stored - 2

    for kind in ("pages", "search"):  # the Word files keep theirs: a zip records its time
        shutil.rmtree(cache_dir(root) / kind)
    reused_site = _comparable(again.site)
    shutil.rmtree(again.site)
    fresh = build(root, AFTER)
    assert fresh.returncode == 0, fresh.output
    assert reused_site == _comparable(fresh.site)


def _comparable(site: Path) -> dict[str, object]:
    """Every file's bytes, without the signatures; of the search index, the pages each part
    holds: the same parts (Pagefind names and orders a part's files differently from one run
    to the next)."""
    files: dict[str, object] = {}
    for name, data in _files(site).items():
        if name.endswith("reused.txt"):
            continue
        if name.startswith("pagefind/") and name != "pagefind/merge.json":
            if name.endswith("pagefind-entry.json"):
                files[name] = "an index part"
            continue
        files[name] = data.replace(MARK.encode(), b"")
    return files


def test_a_change_to_the_theme_draws_every_page_again(tmp_path):
    root = make_project(tmp_path / "p")
    assert build(root).returncode == 0
    _mark_pages(root)
    main = root / "overrides" / "main.html"
    main.write_text(main.read_text("utf-8") + "\n{#- a change -#}\n", "utf-8")
    again = build(root)
    assert again.returncode == 0, again.output
    pages = list(again.site.rglob("*.html"))
    assert pages and not [p for p in pages if MARK in p.read_text("utf-8")]


def test_an_unchanged_file_keeps_its_check_a_changed_one_is_checked_again(tmp_path):
    root = make_project(tmp_path / "p")
    assert build(root).returncode == 0
    line = 0
    for stored in (cache_dir(root) / "check").rglob("problems-*.json"):
        entries = json.loads(stored.read_text("utf-8"))
        for entry in entries.values():  # what the cache says, the build reports
            # one distinct record per file: the build says a problem found twice only once
            line += 1
            entry["problems"].append(["缓存", line, "缓存里的记录", "cached", "警告"])
        stored.write_text(json.dumps(entries, ensure_ascii=False), "utf-8")
    broken = root / "plans" / "shilishikexuejishuju-2024.md"
    broken.write_text(broken.read_text("utf-8").replace("\nyear: 2024\n", "\n", 1), "utf-8")

    again = build(root)
    assert again.returncode != 0
    assert "shilishikexuejishuju-2024.md" in again.output and "year" in again.output
    files = len(list((root / "plans").glob("*.md"))) + len(list((root / "templates").glob("*.md")))
    assert again.output.count("缓存里的记录") == files - 1


def test_a_plan_from_the_check_cache_is_the_plan_the_loader_reads(tmp_path):
    """The cache keeps each loaded plan as JSON; it must come back field for field and line for
    line, and a plan JSON cannot hold (a number as a key) is read from its file again."""
    root = make_project(tmp_path / "p")
    odd = root / "plans" / "shilishidiyirenminyiyuan-2026.md"
    odd.write_text(
        odd.read_text("utf-8").replace("\ntags:", "\nextra_notes:\n  2026: 一\ntags:", 1)
    )
    paths = sorted((root / "plans").glob("*.md"))
    cache = CheckCache(tmp_path / "problems.json")
    first = check_files(paths, root, PLAN, cache)
    again = check_files(paths, root, PLAN, CheckCache(tmp_path / "problems.json"))
    assert len(again) == len(first) == len(paths)
    for (plan, problems), (cached, cached_problems), path in zip(first, again, paths, strict=True):
        assert cached_problems == problems, path
        assert (cached.path, cached.meta, cached.body, cached.body_line, cached.lines) == (
            plan.path,
            plan.meta,
            plan.body,
            plan.body_line,
            plan.lines,
        ), path
    stored = {}
    for bucket in tmp_path.glob("problems-*.json"):
        stored.update(json.loads(bucket.read_text("utf-8")))
    kept = [e["plan"]["path"] for e in stored.values() if e["plan"]]
    assert len(kept) == len(paths) - 1 and str(odd.relative_to(root)) not in kept


def test_every_cache_key_moves_with_any_file_of_the_code_it_names(tmp_path, monkeypatch):
    """The caches key on civplan.cache.digest.code_digest: an edit anywhere in a named package,
    a subpackage's data file included, and a library upgrade must each make every entry anew."""
    from civplan.cache import digest

    package = tmp_path / "digestprobe"
    (package / "rules").mkdir(parents=True)
    (package / "__init__.py").write_text("", "utf-8")
    (package / "rules" / "__init__.py").write_text("", "utf-8")
    (package / "rules" / "wording.yaml").write_text("a: 1\n", "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    before = digest.code_digest(["digestprobe"], ["pyyaml"])
    assert digest.code_digest(["digestprobe"], ["pyyaml"]) == before
    (package / "rules" / "wording.yaml").write_text("a: 2\n", "utf-8")
    edited = digest.code_digest(["digestprobe"], ["pyyaml"])
    assert edited != before
    monkeypatch.setattr(digest, "library_version", lambda name: "99.0")
    assert digest.code_digest(["digestprobe"], ["pyyaml"]) != edited


def test_a_stored_page_that_vanishes_during_the_build_stops_it_and_says_what_to_do(
    tmp_path, monkeypatch, caplog
):
    """A page found in the cache is read only when it is written: if the entry is deleted in
    between (another build pruning the same folder, a person clearing it), the build stops with
    the way out, and publishes nothing half-made."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    from civplan.site.page_cache import PageCache

    root = make_project(tmp_path / "p")
    monkeypatch.chdir(root)
    monkeypatch.setenv("CIVPLAN_TODAY", BEFORE)
    monkeypatch.setenv("CIVPLAN_CACHE_DIR", str(cache_dir(root)))
    # both builds in this process: the second must find what the first stored, whatever state
    # the tests run before in this worker left (the keys of a separate process are the other
    # tests' question)
    mkdocs_build(load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "first")))
    assert list((cache_dir(root) / "pages").rglob("*.html"))
    real_get = PageCache.get
    found = []

    def found_then_lost(self, key):
        found.append(real_get(self, key))
        self._path(key).unlink(missing_ok=True)
        return found[-1]

    monkeypatch.setattr(PageCache, "get", found_then_lost)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "again"))
    with pytest.raises(Abort):
        mkdocs_build(config)
    assert "在构建过程中被删除或损坏了（" in caplog.text
    assert (
        f"{cache_dir(root)}/pages/" in caplog.text and "请删除这个文件夹后重新构建。" in caplog.text
    )
    assert any(found), "the second build found none of the first build's pages"
    assert not (tmp_path / "again" / "plans" / "shilishikexuejishuju-2024" / "index.html").exists()


def test_a_cached_page_skips_markdown_only_while_mkdocs_renders_as_the_plugin_expects():
    """The plugin gives a cached page what mkdocs 1.6.1's Page.render gives an empty source;
    another Page.render (a new mkdocs) needs a look at pages.skip_markdown, then a new pin."""
    from civplan.site.plugin import pages

    assert pages.SKIPS, (
        "mkdocs 的 Page.render 变了：请对照 plugin/pages.py 的 skip_markdown 检查后更新 RENDER_RELIED_ON"
    )


def test_an_edit_and_a_new_day_rebuild_the_site_a_build_from_nothing_makes(tmp_path):
    """Pages are keyed on their inputs (the plan file, and of "now" only what the page can
    show): the next day's build after one plan's title changed reuses the pages that did not
    change and writes, byte for byte, the site a build without any cache writes, the listings
    that show the title and the plan whose notice closed overnight included."""
    root = make_project(tmp_path / "p")
    assert build(root, "2026-12-01T17:00").returncode == 0
    _mark_pages(root)
    edited = root / "plans" / "shilishirongmeitizhongxin-2027.md"
    text = edited.read_text("utf-8")
    edited.write_text(text.replace("实施方案\n", "实施方案（修订稿）\n", 1), "utf-8")
    warm = build(root, "2026-12-02T09:00")
    assert warm.returncode == 0, warm.output
    pages = _plan_pages(warm.site)
    assert MARK in pages["shilishikexuejishuju-2024"]  # finished long ago: nothing changed
    closed = pages["shilixianchengguanzhenyangguangshequ-2027"]
    assert MARK not in closed and "公示结束" in closed  # its notice closed overnight
    assert "（修订稿）" in (warm.site / "plans" / "index.html").read_text("utf-8")
    reused = _comparable(warm.site)
    for kind in ("pages", "search"):
        shutil.rmtree(cache_dir(root) / kind)
    shutil.rmtree(warm.site)
    fresh = build(root, "2026-12-02T09:00")
    assert fresh.returncode == 0, fresh.output
    assert reused == _comparable(fresh.site)


def test_make_serve_reuses_its_own_pages_and_shows_every_save(tmp_path):
    """`make serve` (drafts shown) keeps caches of its own: a save draws the saved plan again
    and the site equals one served from nothing; the public build never takes a page from it."""
    root = make_project(tmp_path / "p")
    assert build(root, CIVPLAN_DRAFTS="1").returncode == 0
    stored = _mark_pages(root)
    saved = root / "plans" / "shilishikexuejishuju-2024.md"
    saved.write_text(
        saved.read_text("utf-8").replace("## 指导思想\n", "## 指导思想\n\n刚保存的一句。\n", 1),
        "utf-8",
    )
    served = build(root, CIVPLAN_DRAFTS="1")
    assert served.returncode == 0, served.output
    assert f"页面：{stored - 1} 个沿用上次构建，1 个重新生成" in served.output
    page = _plan_pages(served.site)["shilishikexuejishuju-2024"]
    assert "刚保存的一句" in page and MARK not in page
    reused = _comparable(served.site)
    public = build(root)
    assert public.returncode == 0, public.output
    assert not [p for p in public.site.rglob("*.html") if MARK in p.read_text("utf-8")]
    for kind in ("pages", "search"):
        shutil.rmtree(cache_dir(root) / kind)
    fresh = build(root, CIVPLAN_DRAFTS="1")
    assert fresh.returncode == 0, fresh.output
    assert reused == _comparable(fresh.site)


def _shown(meta: dict, now) -> str:
    """Everything of a plan or template page that "now" can change: head and every section."""
    from civplan.site import sections

    head = (
        sections.template_card(meta, "../x/", now)
        if meta.get("template_info")
        else sections.banner(meta, now, "../y/") + sections.card(meta, now, None, "h/", "x.docx")
    )
    return head + "".join(section(meta, now) for section in sections.PLAN_MACROS.values())


def test_two_moments_a_page_key_cannot_tell_apart_draw_the_same_page():
    """The page key holds lifecycle.now_seen instead of the rendered page: on every sample plan
    and template, on the days around each of its dates (before and after a notice's closing
    hour too) and every other week for two years and more, equal now_seen means an equal page."""
    import re
    from datetime import timedelta

    from civplan.model.lifecycle import moment, now_seen
    from civplan.model.loader import load

    repo = Path(__file__).resolve().parent.parent
    files = sorted([*(repo / "plans").glob("*.md"), *(repo / "templates").glob("*.md")])
    weeks = [moment("2025-01-01T10:00") + timedelta(days=14 * n) for n in range(60)]
    for path in files:
        plan, _ = load(path)
        days = set(re.findall(r"\d{4}-\d{2}-\d{2}", path.read_text("utf-8")))
        around = [
            moment(f"{day}T{hour}") + timedelta(days=shift)
            for day in days
            for shift in (-1, 0, 1)
            for hour in ("00:00", "17:29", "17:31")
        ]
        drawn: dict[str, str] = {}
        for when in [*weeks, *around]:
            page = _shown(plan.meta, when)
            assert drawn.setdefault(now_seen(plan.meta, when), page) == page, (path.name, when)
        assert len(drawn) > 1, path.name  # "now" shows on every page: some moments differ


@pytest.mark.parametrize("where", ["env", "inherit"])
def test_a_setting_read_from_elsewhere_reaches_every_cached_page(tmp_path, where):
    """What MkDocs resolves from outside mkdocs.yml's bytes (an !ENV value, a file it INHERITs)
    is on every page: a changed value redraws the pages the cache holds, as it does the home page."""
    root = make_project(tmp_path / "p")
    config = root / "mkdocs.yml"
    host = "    host: 示例市精神文明建设委员会办公室\n"
    text = config.read_text("utf-8")
    assert host in text
    if where == "env":
        config.write_text(text.replace(host, "    host: !ENV [FOOTER_HOST, 示例办公室]\n"), "utf-8")
        first, second = {"FOOTER_HOST": "甲办公室"}, {"FOOTER_HOST": "乙办公室"}
    else:
        (root / "base.yml").write_text(text.replace(host, "    host: 甲办公室\n"), "utf-8")
        config.write_text("INHERIT: base.yml\n", "utf-8")
        first = second = {}
    assert build(root, BEFORE, **first).returncode == 0
    if where == "inherit":
        base = root / "base.yml"
        base.write_text(base.read_text("utf-8").replace("甲办公室", "乙办公室"), "utf-8")
    again = build(root, BEFORE, **second)
    assert again.returncode == 0, again.output
    pages = _plan_pages(again.site)
    assert pages and all("乙办公室" in html and "甲办公室" not in html for html in pages.values())
