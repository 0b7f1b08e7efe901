"""A sharded site: the samples split by province into three ordinary builds and a top level.

Built with the command `make shards` runs (python -m civplan.site.shards all), then read as a
reader would: the top level's directory, feed and open data list every shard's plans, and its
search box, in Chromium, finds plans of every shard through Pagefind's mergeIndex.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from civplan.site.shards import shard_id

from conftest import make_project, require_browser, search_shown, serve, type_search

HOSPITAL = "shilishidiyirenminyiyuan-2026"  # stays in 示例省
WATER = "shilixianshuiliju-2026"
COMMUNITY = "shilixianchengguanzhenyangguangshequ-2027"
MOVED = {WATER: "样例省", COMMUNITY: "模拟省"}


PER_INDEX = "4"
"""Pages per Pagefind index (a shard's parts are twice as large): so small that every shard's
index comes in parts, as a large shard's would, and the top level's search joins those too."""


TIER_LIMIT = "2"
"""Plans kept for a term of the search tier: so few that “示例”, “医院” … keep a cut list, as
at 50,000 plans, and a search meets both kinds of list."""


def shards_command(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "CIVPLAN_TODAY": "2026-05-15",
        "NO_MKDOCS_2_WARNING": "1",
        "CIVPLAN_SEARCH_PER_INDEX": PER_INDEX,
        "CIVPLAN_SEARCH_TIER_LIMIT": TIER_LIMIT,
    }
    return subprocess.run(
        [sys.executable, "-m", "civplan.site.shards", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def sharded(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("sharded"))
    for slug, province in MOVED.items():
        path = root / "plans" / f"{slug}.md"
        path.write_text(
            path.read_text("utf-8").replace("province: 示例省", f"province: {province}")
        )
    result = shards_command(root, "all", "--jobs", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def shard_of(slug: str) -> str:
    return shard_id(MOVED.get(slug, "示例省"))


def test_each_shard_is_a_complete_site_of_its_own_region_only(sharded):
    out = sharded / "build" / "shards"
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == sorted(
        {shard_of(HOSPITAL), shard_of(WATER), shard_of(COMMUNITY)}
    )
    water = out / shard_of(WATER)
    assert (water / "plans" / WATER / "index.html").is_file()
    assert not (water / "plans" / HOSPITAL).exists()
    data = json.loads((water / "data" / "plans.json").read_text("utf-8"))
    assert [p["slug"] for p in data["plans"]] == [WATER]
    assert (water / "pagefind" / "pagefind.js").is_file()
    # indexed once MkDocs has exited, in parts twice the size a build makes on its own
    from civplan.site.search_index import searchable

    parts = json.loads((water / "pagefind" / "merge.json").read_text("utf-8"))["indexes"]
    pages = len(searchable(water))
    assert 1 + len(parts) == -(-pages // (2 * int(PER_INDEX))) > 1


def test_top_level_lists_and_publishes_every_shards_plans(sharded):
    site = sharded / "site"
    directory = (site / "plans" / "index.html").read_text("utf-8")
    for slug in (HOSPITAL, WATER, COMMUNITY):
        assert f'href="../{shard_of(slug)}/plans/{slug}/"' in directory
        assert (site / shard_of(slug) / "plans" / slug / "index.html").is_file()
    data = json.loads((site / "data" / "plans.json").read_text("utf-8"))
    urls = {p["slug"]: p["url"] for p in data["plans"]}
    assert urls[WATER] == f"{shard_of(WATER)}/plans/{WATER}/"
    assert len(urls) == len(list((sharded / "plans").glob("*.md")))
    feed = (site / "feed.xml").read_text("utf-8")
    assert f'href="{shard_of(COMMUNITY)}/plans/{COMMUNITY}/"' in feed
    merge = json.loads((site / "pagefind" / "merge.json").read_text("utf-8"))
    assert merge["tier"] == "tier/"  # the top level searches the tier, not the shards' indexes
    assert not any(shard_of(WATER) in index["bundle"] for index in merge["indexes"])
    tier = json.loads((site / "pagefind" / "tier" / "tier.json").read_text("utf-8"))
    assert tier["records"] == len(urls)
    assert {"id": shard_of(WATER), "name": "样例省"} in tier["shards"]


def test_a_changed_plan_rebuilds_its_shard_only(sharded):
    path = sharded / "plans" / f"{WATER}.md"
    path.write_text(path.read_text("utf-8").replace("## 指导思想\n\n", "## 指导思想\n\n修改。", 1))
    result = shards_command(sharded, "build", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert f"{shard_of(WATER)}：已构建（1 个方案文件）" in lines
    assert f"{shard_of(HOSPITAL)}：没有变化，沿用上次构建的结果" in lines
    assert f"{shard_of(COMMUNITY)}：没有变化，沿用上次构建的结果" in lines
    before = (sharded / "site" / shard_of(WATER) / "plans" / WATER / "index.html").read_text()
    assert "修改。" not in before  # the top level still serves the shard as it was built
    result = shards_command(sharded, "top")
    assert result.returncode == 0, result.stderr
    after = (sharded / "site" / shard_of(WATER) / "plans" / WATER / "index.html").read_text()
    assert "修改。" in after


@pytest.fixture(scope="module")
def shard_home(sharded, chromium):
    require_browser()
    with serve(sharded / "site") as base:
        context = chromium.new_context()
        # watched, not intercepted: the first search fetches dozens of index files at once, and
        # routing each through this process stalled it on a busy machine
        outside = []
        context.on(
            "request",
            lambda request: None if request.url.startswith(base) else outside.append(request.url),
        )
        tab = context.new_page()
        tab.goto(base)
        yield tab
        context.close()
        assert outside == []


def search(shard_home, query: str) -> list[str]:
    shard_home.fill("#civ-search-query", "")
    type_search(shard_home, query, timeout=300_000)
    return shard_home.locator(".md-search-result__item a").evaluate_all(
        "links => links.map(a => a.href)"
    )


@pytest.mark.parametrize(
    ("query", "slug"),
    [("林卫东", HOSPITAL), ("韩立新", WATER), ("示例县城关镇阳光社区", COMMUNITY)],
)
def test_top_level_search_finds_plans_of_every_shard(shard_home, query, slug):
    links = search(shard_home, query)
    assert links and links[0].endswith(f"/{shard_of(slug)}/plans/{slug}/")


def test_the_top_level_reads_the_tier_and_no_shards_full_text(sharded, chromium):
    """What a search on the top level fetches: the tier's files, never a shard's Pagefind index
    (those are the megabytes a province's full text weighs)."""
    with serve(sharded / "site") as base:
        context = chromium.new_context()
        fetched = []
        context.on("request", lambda request: fetched.append(request.url.removeprefix(base)))
        tab = context.new_page()
        tab.goto(base)
        assert search(tab, "韩立新")[0].endswith(f"/{shard_of(WATER)}/plans/{WATER}/")
        context.close()
    assert any(url.startswith("pagefind/tier/terms/") for url in fetched)
    assert any(url.startswith("pagefind/tier/records/") for url in fetched)
    shards = {shard_of(slug) for slug in (HOSPITAL, WATER, COMMUNITY)}
    assert not [url for url in fetched if url.split("/")[0] in shards]


PHRASE = "门诊大厅公示"
"""In a progress note of the hospital's plan: its full text only, in no unit's name."""


def test_a_province_s_full_text_is_one_link_away(shard_home):
    """A phrase only in the text of a plan: the top level's results end with each province's
    own search, which opens with the query and finds it in that shard's full text."""
    search(shard_home, PHRASE)
    link = shard_home.get_by_role("link", name="样例省")
    assert link.get_attribute("href").endswith(f"/{shard_of(WATER)}/?q={quote(PHRASE)}")
    # read and tapped by older readers: the results' type size, a finger-sized target
    assert link.bounding_box()["height"] >= 40
    assert float(link.evaluate("a => getComputedStyle(a).fontSize")[:-2]) >= 15
    shard_home.get_by_role("link", name="示例省").click()
    shard_home.wait_for_url(f"**/{shard_of(HOSPITAL)}/?q=*")
    search_shown(shard_home, PHRASE, timeout=300_000)
    links = shard_home.locator(".md-search-result__item a").evaluate_all("a => a.map(x => x.href)")
    assert links[0].endswith(f"/{shard_of(HOSPITAL)}/plans/{HOSPITAL}/")
    shard_home.goto(
        shard_home.url.split(shard_of(HOSPITAL))[0]
    )  # back to the top level for the next test


def test_a_search_result_opens_the_plan_in_its_shard(shard_home):
    search(shard_home, "韩立新")
    shard_home.locator(".md-search-result__item a").first.click()
    shard_home.wait_for_url(f"**/{shard_of(WATER)}/plans/{WATER}/")
    assert "韩立新" in shard_home.locator(".civ-leading-group").inner_text()


def test_the_shard_of_each_plan_is_remembered_by_its_bytes(tmp_path, monkeypatch):
    """A CI matrix job asks which plans are in its shard: unchanged files are not loaded again."""
    from civplan.site import shards

    root = make_project(tmp_path)
    cache = shards.groups_file(root)
    first = shards.grouped_files(root / "plans", cache=cache)
    assert first == shards.grouped_files(root / "plans")  # the same answer as without a cache
    path = root / "plans" / f"{WATER}.md"
    path.write_text(path.read_text("utf-8").replace("province: 示例省", "province: 样例省"))
    loaded = []
    real_load = shards.load
    monkeypatch.setattr(shards, "load", lambda p: loaded.append(p) or real_load(p))
    second = shards.grouped_files(root / "plans", cache=cache)
    assert loaded == [path]
    assert second[shard_id("样例省")] == [path]
    assert path not in second[shard_id("示例省")]
    cache.write_text("{not json", "utf-8")  # a damaged cache: every file is loaded again
    loaded.clear()
    assert shards.grouped_files(root / "plans", cache=cache) == second
    assert len(loaded) == len(list((root / "plans").glob("*.md")))


def test_the_top_levels_listings_read_nothing_but_the_fields_it_keeps(tmp_path):
    """The top level keeps only directory.LISTED of each shard's plans: every listing of the
    home page and the directory comes out the same as from the whole metadata, on any day."""
    from civplan.model import lifecycle
    from civplan.model.loader import load
    from civplan.site import directory

    repository = Path(__file__).parents[1]
    sys.path[:0] = [str(repository), str(repository / "scripts")]
    from synthetic_plans import write_plans

    from macros.main import PLAN_LISTINGS

    root = make_project(tmp_path)
    paths = sorted((root / "plans").glob("*.md")) + write_plans(tmp_path / "more", 200)
    whole = [(f"{path.stem}/", load(path)[0].meta) for path in paths]
    replaced = {**whole[0][1], "status": "已废止", "superseded_by": "shilishidiyirenminyiyuan-2027"}
    whole.append(("replaced/", replaced))
    kept = [(url, directory.listed_fields(meta)) for url, meta in whole]
    assert len(json.dumps(kept, default=str)) < len(json.dumps(whole, default=str)) / 2
    for day in ("2025-03-01", "2026-05-15", "2026-06-10", "2027-01-20", "2028-12-31"):
        now = lifecycle.moment(day)
        for name in PLAN_LISTINGS:  # every listing macro of the site's pages
            listing = getattr(directory, name)
            assert listing(kept, now) == listing(whole, now), (name, day)
