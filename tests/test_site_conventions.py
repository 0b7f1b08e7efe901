"""A Chinese public-service site's conventions, on the built site (issue 26, item 3): the footer's
record marks from mkdocs.yml, each hidden when not set. The browser side (elderly-friendly
mode, layout) is in test_senior_browser.py."""

from __future__ import annotations

import re

import pytest


def footer_of(html: str) -> str:
    return re.search(r'<footer class="md-footer civ-footer">.*?</footer>', html, re.S).group(0)


@pytest.mark.parametrize("path", ["", "plans/", "plans/shilishidiyirenminyiyuan-2026/"])
def test_footer_shows_every_mark_set_with_links_to_the_record_sites(marked_site, path):
    footer = footer_of(marked_site.page(path))
    assert "网站标识码：1100000001" in footer
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener">京ICP备12345678号-1</a>' in footer
    police = "https://beian.mps.gov.cn/#/query/webSearch?code=11010502030000"
    assert f'<a href="{police}" rel="noopener">京公网安备 11010502030000号</a>' in footer
    conac = "https://bszs.conac.cn/sitename?method=show&amp;id=0CA1A58D2B3D5E5EE053022819AC4C8D"
    assert f'href="{conac}"' in footer
    # the mark is a picture on this site, never a load from the issuer
    image = re.search(r'<img src="([^"]+)"[^>]*alt="党政机关网站标识"', footer).group(1)
    assert not re.match(r"(https?:)?//", image), image
    assert (marked_site.site / path / image).resolve().is_file(), image
    assert "<script" not in footer


def test_footer_without_marks_has_none_of_them(sample_site):
    footer = footer_of(sample_site.page(""))
    for word in ("网站标识码", "ICP", "公网安备", "beian", "conac", "党政机关", "备案信息"):
        assert word not in footer, word
    assert "主办单位：" in footer  # the rest of the footer is still there


def test_heading_links_are_titled_in_chinese(marked_site):
    page = marked_site.page("plans/shilishidiyirenminyiyuan-2026/")
    links = re.findall(r'<a class="headerlink" href="#[^"]+" title="([^"]*)">', page)
    assert len(links) > 5 and set(links) == {"本节链接"}, set(links)
    assert "Permanent link" not in page


def test_home_page_names_the_feed_and_the_data_for_a_citizen(marked_site):
    home = marked_site.page("")
    assert '<a href="feed.xml">订阅：方案有更新时通知我</a>' in home
    assert '<a href="data/plans.json">数据下载：全部公开方案</a>' in home
    assert "（Atom）" not in home and "（JSON）" not in home
