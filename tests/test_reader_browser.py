"""Every kind of page as a reader sees it at 390 px (a phone) and 1366 px (a desktop), in
Debian's Chromium, and at 360 px (a narrow phone) for fit: nothing wider than the screen, no
clipped or broken badge, 举报 one tap from the top of a plan, contents on a phone, search
results labelled by kind with plans first.

The reader site (conftest.reader_site) is the samples in git with a changed hospital plan, built
on a day when every status is on show. Screenshots for a person land in reader/ of the
screenshots folder (conftest.screenshots).
"""

from __future__ import annotations

import re

import pytest

from conftest import require_browser, search_shown, serve

require_browser()

WIDTHS = {"360": (360, 740), "390": (390, 844), "1366": (1366, 900)}
PLANS = {
    "实施中": "plans/shilishidiyirenminyiyuan-2026/",
    "公示中": "plans/shilishirongmeitizhongxin-2027/",
    "公示结束": "plans/shilixianchengguanzhenyangguangshequ-2027/",
    "已完成": "plans/shilishikexuejishuju-2024/",
    "已废止": "plans/shilishigonggongjiaotongyouxiangongsi-2025/",
}
PAGES = {
    "home": "",
    "directory": "plans/",
    **{f"plan-{status}": path for status, path in PLANS.items()},
    "history": PLANS["实施中"] + "history/",
    "template": "library/hospital/",
    "guide": "reference/",
    "rules": "reference/rules/",
    "404": "404.html",
}
WORDS = ".civ-progress, .civ-status, .civ-badge, .civ-date, .civ-id, .civ-search__kind, .md-content :not(pre) > code"
"""What is read as one word and must never be cut off or broken across two lines."""
SCROLLING = {"rules"}
"""Editors' reference tables may scroll sideways in their own box; a plan's tables never do."""


@pytest.fixture(scope="module")
def reader_url(reader_site):
    with serve(reader_site.site) as url:
        yield url


@pytest.fixture(params=["390", "1366"], ids=lambda w: f"{w}px")
def reader_tab(request, chromium, reader_url):
    """A tab at a phone's and a desktop's width; the fit test also takes the narrowest phone."""
    width, height = WIDTHS[request.param]
    phone = width < 600
    context = chromium.new_context(
        viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone
    )
    local = reader_url.rstrip("/")
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(local) else route.abort(),
    )
    tab = context.new_page()
    tab.width = width
    yield tab
    context.close()


def overflow(reader_tab, scrolling: bool = False) -> dict:
    """What does not fit: the page's width, clipped cells, clipped or broken words."""
    return reader_tab.evaluate(
        """([selector, scrolling]) => {
        const wide = document.documentElement.scrollWidth > innerWidth;
        // a table head that the phone layout hides for screen readers only (1 px, clipped) is not shown
        const hidden = (el) => el.closest('thead') && el.closest('thead').getBoundingClientRect().width <= 1;
        const scroller = (el) => scrolling && el.closest('.md-typeset__scrollwrap');
        const shown = (el) => el.offsetParent !== null && el.getClientRects().length > 0 && !hidden(el);
        const cells = [...document.querySelectorAll('.md-content td, .md-content th')]
          .filter((el) => shown(el) && !scroller(el))
          .filter((el) => el.getBoundingClientRect().right > innerWidth + 1 || el.scrollWidth > el.clientWidth + 1)
          .map((el) => el.textContent.trim().slice(0, 20));
        const words = [...document.querySelectorAll(selector)].filter(shown).filter((el) => {
          const block = getComputedStyle(el).display !== 'inline';
          return el.getClientRects().length > 1 || (block && el.scrollWidth > el.clientWidth + 1);
        }).map((el) => el.textContent.trim());
        return {wide: wide ? [document.documentElement.scrollWidth, innerWidth] : null, cells, words};
    }""",
        [WORDS, scrolling],
    )


@pytest.mark.parametrize("reader_tab", list(WIDTHS), ids=lambda w: f"{w}px", indirect=True)
@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_fits_the_screen_with_whole_badges_and_the_footer(reader_tab, reader_url, name):
    reader_tab.goto(reader_url + PAGES[name])
    reader_tab.wait_for_load_state("networkidle")
    found = overflow(reader_tab, name in SCROLLING)
    assert found == {"wide": None, "cells": [], "words": []}, (
        f"{name} @ {reader_tab.width}px: {found}"
    )
    footer = reader_tab.locator("footer.civ-footer")
    text = footer.inner_text()
    assert "主办单位：示例市精神文明建设委员会办公室" in text and "监督举报" in text
    assert footer.locator("a", has_text="编辑和维护人员入口").count() == 1


@pytest.mark.parametrize("status", list(PLANS))
def test_report_is_one_tap_from_the_top_of_a_plan(reader_tab, reader_url, status):
    reader_tab.goto(reader_url + PLANS[status])
    link = reader_tab.locator(".civ-jump__report")
    box = link.bounding_box()
    assert box and box["y"] + box["height"] <= reader_tab.viewport_size["height"], (
        "举报链接不在首屏"
    )
    if reader_tab.width < 600:
        link.tap()
    else:
        link.click()
    reader_tab.wait_for_function("location.hash === '#jubao'")
    target = reader_tab.locator("#jubao")
    top = target.bounding_box()["y"]
    assert 0 <= top < reader_tab.viewport_size["height"] / 2, top
    assert "举报电话" in target.inner_text()


def test_the_notice_banner_links_to_the_report_section(reader_tab, reader_url):
    reader_tab.goto(reader_url + PLANS["公示中"])
    banner = reader_tab.locator(".civ-banner--公示中")
    assert "公示期至" in banner.inner_text()
    banner.locator("a[href='#jubao']").click()
    reader_tab.wait_for_function("location.hash === '#jubao'")


def test_a_phone_has_the_page_s_contents_and_a_fixed_report_button(reader_tab, reader_url):
    reader_tab.goto(reader_url + PLANS["实施中"])
    contents = reader_tab.locator("details.civ-toc")
    button = reader_tab.locator(".civ-report-button")
    if reader_tab.width >= 1220:  # Material's own contents column is on screen instead
        assert not contents.is_visible() and not button.is_visible()
        assert reader_tab.locator(".md-sidebar--secondary a", has_text="监督举报").is_visible()
        return
    contents.locator("summary").click()
    links = contents.locator("a").all_inner_texts()
    assert links[0] == "指导思想" and "实施步骤" in links and links[-1].startswith("监督举报")
    reader_tab.mouse.wheel(0, 4000)
    button.wait_for(state="visible")  # once the top 举报 link is scrolled past (report-button.js)
    assert button.bounding_box()["x"] + button.bounding_box()["width"] <= reader_tab.width


def test_phone_tables_are_cards_with_every_column(reader_tab, reader_url):
    reader_tab.goto(reader_url + PLANS["实施中"])
    row = reader_tab.locator(".civ-leading-group tbody tr").first
    assert "林卫东" in row.inner_text() and "全面负责创建工作" in row.inner_text()
    overdue = reader_tab.locator(".civ-measures .civ-progress--overdue").first
    assert overdue.inner_text() == "逾期" and overdue.is_visible()
    if reader_tab.width < 600:
        labels = row.locator("td").evaluate_all(
            "tds => tds.map(td => getComputedStyle(td, '::before').content)"
        )
        assert labels == ['"职务"', '"姓名"', '"本单位职务"', '"职责分工"']


def search(reader_tab, reader_url, query: str) -> list[tuple[str, str]]:
    reader_tab.goto(reader_url)
    box = reader_tab.locator(".md-search__input")
    if not box.is_visible():
        reader_tab.click("label.md-header__button[for=__search]")
    box.fill(query)
    search_shown(reader_tab, query)
    items = reader_tab.locator(".md-search-result__item")
    kinds = items.locator(".civ-search__kind").all_inner_texts()
    excerpts = items.locator("p").all_inner_texts()
    return list(zip(kinds, excerpts, strict=True))


def test_search_labels_each_result_and_lists_plans_first(reader_tab, reader_url):
    results = search(reader_tab, reader_url, "领导小组")
    kinds = [kind for kind, _ in results]
    assert {"方案", "模板"} <= set(kinds)
    order = ["方案", "模板", "说明"]
    assert kinds == sorted(kinds, key=order.index), kinds
    assert overflow(reader_tab)["words"] == [] and overflow(reader_tab)["wide"] is None


def test_search_excerpts_keep_table_cells_apart(reader_tab, reader_url):
    [(kind, excerpt), *_] = search(reader_tab, reader_url, "林卫东")
    assert kind == "方案"
    assert re.search(r"林卫东；党委书记", excerpt), excerpt


def test_chinese_404_page(reader_tab, reader_url):
    reader_tab.goto(reader_url + "404.html")
    assert reader_tab.locator("h1").inner_text() == "找不到这个页面"
    assert "Not found" not in reader_tab.content()
    assert reader_tab.title().startswith("找不到这个页面")


def test_screenshots_for_a_person_to_look_at(reader_tab, reader_url, screenshots):
    """reader/<page>-<width>.png: home, directory, a plan (top and 监督举报), history;
    the jump to 监督举报 brings that section into view."""
    SHOTS = screenshots / "reader"
    SHOTS.mkdir(exist_ok=True)
    for name, path in [("home", ""), ("directory", "plans/"), ("history", PAGES["history"])]:
        reader_tab.goto(reader_url + path)
        reader_tab.wait_for_load_state("networkidle")
        reader_tab.screenshot(path=SHOTS / f"{name}-{reader_tab.width}.png", full_page=True)
    reader_tab.goto(reader_url + PLANS["实施中"])
    reader_tab.wait_for_load_state("networkidle")
    reader_tab.screenshot(path=SHOTS / f"plan-top-{reader_tab.width}.png")
    reader_tab.click(".civ-jump__report")
    reader_tab.wait_for_function("location.hash === '#jubao'")
    reader_tab.wait_for_timeout(300)
    reader_tab.screenshot(path=SHOTS / f"plan-report-{reader_tab.width}.png")
    # what the screenshot is for: the jump lands on 监督举报, in view, and every picture was taken
    assert reader_tab.locator("#jubao").is_visible()
    top = reader_tab.evaluate("document.getElementById('jubao').getBoundingClientRect().top")
    assert 0 <= top < reader_tab.viewport_size["height"]
    for name in ("home", "directory", "history", "plan-top", "plan-report"):
        assert (SHOTS / f"{name}-{reader_tab.width}.png").stat().st_size > 1000, name
