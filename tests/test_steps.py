"""The build's steps without MkDocs: the page set, the derived files, the stash, paths kept inside."""

from __future__ import annotations

import time

import pytest

from civplan.model.lifecycle import moment
from civplan.site import steps
from civplan.site.errors import SiteError
from civplan.site.stash import Stash

from conftest import REPO, build, make_project


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project: the steps write their caches beside it, never into the checkout."""
    return make_project(tmp_path_factory.mktemp("steps"))


def test_the_page_set_is_computed_without_mkdocs(project):
    pages = steps.load(steps.Settings(root=project))
    published = sorted(p.name for p in (REPO / "plans").glob("*.md"))
    assert pages.errors == 0
    assert sorted(uri.removeprefix("plans/") for uri in pages.plans) == published
    assert {uri for uri in pages.templates} == {
        f"library/{p.stem}.md" for p in (REPO / "templates").glob("*.md")
    }


def test_derived_files_are_computed_without_mkdocs(project):
    settings = steps.Settings(root=project)
    pages = steps.load(settings)
    files = steps.derived_files(pages, {}, moment("2026-05-15"))
    assert {"feed.xml", "data/plans.json", "data/plan.schema.json"} <= set(files)
    assert len(steps.history_pages(pages, {})) == len(pages.plans)


def test_a_stashed_piece_comes_back_once_and_a_forged_marker_is_left_alone():
    stash = Stash()
    marker = stash.put("<table>名单</table>")
    html = f"<p>前</p>{marker.strip()}<!--civ-0000000000000000-0--><p>后</p>"
    assert stash.restore(html, "plans/x.md") == (
        "<p>前</p><table>名单</table><!--civ-0000000000000000-0--><p>后</p>"
    )
    with pytest.raises(SiteError, match="找不到对应内容"):
        stash.restore(marker, "plans/x.md")


def test_two_stashes_never_share_markers():
    assert Stash().put("a") != Stash().put("a")


def test_a_download_path_that_leaves_the_site_stops_the_build(tmp_path):
    with pytest.raises(SiteError, match="不在网站文件夹"):
        steps.inside(tmp_path, "library/../../../tmp/x/pwn.docx")
    assert steps.inside(tmp_path, "library/a/a.docx") == tmp_path.resolve() / "library/a/a.docx"


def test_the_site_builds_whatever_the_order_of_the_plugins(tmp_path):
    root = make_project(tmp_path)
    config = (root / "mkdocs.yml").read_text("utf-8")
    civplan_block = config[config.index("  - civplan:") : config.index("  - macros:")]
    swapped = config.replace(civplan_block, "").replace(
        "      on_undefined: strict\n", "      on_undefined: strict\n" + civplan_block, 1
    )
    assert swapped.index("- macros:") < swapped.index("- civplan:")
    (root / "mkdocs.yml").write_text(swapped, "utf-8")
    result = build(root)
    assert result.returncode == 0, result.output
    page = result.page("plans/shilishidiyirenminyiyuan-2026")
    assert "civ-leading-group" in page
    assert "<!--civ-" not in page


def test_every_address_the_site_itself_uses_is_reserved(sample_site):
    from civplan.model.slug import RESERVED

    used = {entry.name.split(".")[0] for entry in sample_site.site.iterdir()}
    assert used - set(RESERVED) == set()


def test_a_page_over_its_time_budget_stops_the_build_naming_the_page(monkeypatch):
    from civplan.site import budget

    monkeypatch.setattr(budget, "PAGE_SECONDS", 0.05)
    try:
        with pytest.raises(RuntimeError, match="页面 plans/x.md 的渲染超过 0.05 秒"):
            budget.start("plans/x.md", RuntimeError)
            time.sleep(2)
    finally:
        budget.stop()


def test_a_shard_build_reads_back_the_settings_its_command_gave_it():
    from civplan.site.shards import ShardSettings

    for part in (
        ShardSettings(
            shard="shilisheng", key="unit.region.city", files="a.files", search_later=True
        ),
        ShardSettings(built="build/shards"),
        ShardSettings(),
    ):
        assert ShardSettings.from_environ(part.environ()) == part
