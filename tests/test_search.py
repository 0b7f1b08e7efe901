"""The search index: Chinese in character pairs, built by Pagefind with the site, drafts never in it."""

import gzip
import json

import pytest

from civplan.site.errors import SiteError
from civplan.site.search_index import _check_entry, index_html, index_text, pairs

from conftest import SAMPLE, build, make_project

PLAN = "/plans/shilishidiyirenminyiyuan-2026/"


def fragments(site) -> dict[str, dict]:
    """Every page in the index by URL: Pagefind's fragments are gzip'd JSON behind a signature."""
    pages = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        raw = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        fragment = json.loads(raw)
        pages[fragment["url"]] = fragment
    return pages


@pytest.mark.parametrize(
    ("run", "expected"),
    [("林", "林"), ("林卫", "林卫"), ("林卫东", "林卫 卫东"), ("学雷锋", "学雷 雷锋")],
)
def test_a_run_of_chinese_is_indexed_as_its_overlapping_pairs(run, expected):
    assert pairs(run) == expected


def test_text_keeps_numbers_latin_and_punctuation_apart_from_the_pairs():
    assert index_text("2026年创建，civplan new") == "2026 年创 创建 ，civplan new"


def test_html_tags_and_attributes_are_left_as_they_are():
    html = '<h2 id="保障措施" title="保障">保障措施</h2>'
    assert index_html(html) == '<h2 id="保障措施" title="保障"> 保障 障措 措施 </h2>'


def test_the_site_is_indexed_plans_templates_and_guide_not_listings_or_history(sample_site):
    urls = set(fragments(sample_site.site))
    assert PLAN in urls and "/library/hospital/" in urls
    assert not {"/", "/plans/", "/library/"} & urls
    assert not [url for url in urls if "/history/" in url]
    assert (sample_site.site / "pagefind" / "pagefind.js").exists()


def test_every_file_of_the_index_is_whole(sample_site):
    """What a reader's first search reads: the entry file, then the meta, filters and chunks."""
    bundle = sample_site.site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]
    packed = [p for p in bundle.rglob("*") if p.suffix.startswith(".pf_")]
    assert packed
    for path in packed:
        assert gzip.decompress(path.read_bytes()).startswith(b"pagefind_dcd"), path


def test_an_unreadable_entry_file_fails_the_build_in_chinese(tmp_path):
    (tmp_path / "pagefind-entry.json").write_text("", "utf-8")  # as a stopped Pagefind left it
    with pytest.raises(SiteError, match="搜索索引不完整.*pagefind-entry.json"):
        _check_entry(tmp_path)


def test_an_indexed_page_has_its_real_title_and_its_tags(sample_site):
    fragment = fragments(sample_site.site)[PLAN]
    assert fragment["meta"]["title"] == "示例市第一人民医院2026年创建市级文明单位实施方案"
    assert fragment["meta"]["kind"] == "方案"  # the label of its search result
    kinds = {url: f["meta"]["kind"] for url, f in fragments(sample_site.site).items()}
    assert kinds["/library/hospital/"] == "模板"
    assert pairs("九不准") in fragment["content"]  # from its tags: 医德医风, 志愿服务, 九不准


def test_drafts_are_never_in_the_index(tmp_path):
    text = SAMPLE.read_text("utf-8")
    draft = text.replace("status: 实施中", "status: 草案").replace(
        "示例市第一人民医院", "草案甲医院"
    )
    root = make_project(tmp_path, {SAMPLE.name: text, "draft.md": draft})
    result = build(root)
    assert result.returncode == 0, result.output
    pages = fragments(result.site)
    assert PLAN in pages
    assert not [url for url in pages if "caoan" in url]
    assert not [url for url, page in pages.items() if pairs("草案甲") in page["content"]]


def test_editors_pages_stay_out_of_public_search(sample_site):
    """A unit's name is in the field reference's examples: a citizen searching for the unit
    must find its plan, never the editors' pages (reference/, public or not in the navigation)."""
    pages = fragments(sample_site.site)
    assert not [url for url in pages if url.startswith("/reference/")]
    name = pairs("示例市第一人民医院")
    assert [url for url, page in pages.items() if name in page["content"]] == [PLAN]


def test_buttons_and_links_are_not_glued_into_a_plan_s_excerpt(sample_site):
    """Search excerpts read as prose: the title runs into the card, not into “举报” or
    “下载 Word 文件”."""
    content = fragments(sample_site.site)[PLAN]["content"].replace(" ", "")
    title, card = pairs("实施方案").replace(" ", ""), pairs("创建单位").replace(" ", "")
    assert title + card in content, content[:200]
    for ui in ("举报：发现问题", "下载Word", "查看修订记录", "本页目录"):
        assert pairs(ui).replace(" ", "") not in content, ui
