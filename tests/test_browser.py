"""What a reader sees, in a real browser: Debian's Chromium, headless, driven by Playwright.

The sample site is built into tmp_path and served by Python's http.server on 127.0.0.1. Every
test's browser context aborts and reports any request to another host. Screenshots of the main
pages land in screenshots/ at the top of the repository, for a person to look at.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from playwright.sync_api import expect

from conftest import REPO, build, make_project, require_browser, search_shown, serve

require_browser("axe_playwright_python")
from axe_playwright_python.sync_playwright import Axe  # noqa: E402 (after the skip)

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
HOSPITAL = "plans/shilishidiyirenminyiyuan-2026/"
WATER = "plans/shilixianshuiliju-2026/"
COMMUNITY = "plans/shilixianchengguanzhenyangguangshequ-2027/"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def open_context(chromium, sample_url):
    """New browser contexts that may talk to the local server only, with no script errors."""
    local = urlsplit(sample_url).netloc
    outside: list[str] = []
    errors: list[str] = []
    contexts = []

    def guard(route):
        if urlsplit(route.request.url).netloc == local:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    def record(request):
        url = urlsplit(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.netloc != local:
            outside.append(request.url)

    def watch(page):
        page.on("pageerror", lambda e: errors.append(str(e)))
        # the theme's own scripts and styles must live with the Content-Security-Policy
        page.on(
            "console",
            lambda m: "Content Security Policy" in m.text and errors.append(m.text),
        )

    def open_(**options):
        context = chromium.new_context(**{"viewport": DESKTOP, **options})
        context.route("**/*", guard)
        context.on("request", record)
        context.on("page", lambda page: watch(page))
        contexts.append(context)
        return context

    open_.outside = outside
    open_.errors = errors
    yield open_
    for context in contexts:
        context.close()
    assert not outside, f"页面向本地服务器以外的地址发出了请求：{sorted(set(outside))}"
    assert not errors, f"页面脚本出错或违反内容安全策略：{errors}"


@pytest.fixture
def sample_tab(open_context):
    return open_context().new_page()


def search(sample_tab, sample_url, query: str) -> list[str]:
    """Type a query into the header's search box on the home page; the result URLs, best first."""
    if not sample_tab.url.startswith(sample_url):
        sample_tab.goto(sample_url)
    box = sample_tab.locator(".md-search__input")
    if not box.is_visible():  # a phone shows the magnifier, not the box
        sample_tab.click("label.md-header__button[for=__search]")
    box.fill(query)
    box.press("End")
    search_shown(sample_tab, query)
    links = sample_tab.locator(".md-search-result__item a")
    return [
        urlsplit(href).path.lstrip("/") for href in links.evaluate_all("a => a.map(x => x.href)")
    ]


def published_plans() -> list[dict]:
    plans = []
    for path in sorted((REPO / "plans").glob("*.md")):
        meta = yaml.safe_load(path.read_text("utf-8").split("---")[1])
        if meta.get("status") != "草案":
            plans.append(meta)
    return plans


def test_search_from_home_opens_the_plan_with_its_leading_group_and_stages(sample_tab, sample_url):
    sample_tab.goto(sample_url)
    sample_tab.keyboard.press("/")  # the search shortcut; then type as a reader does, key by key
    sample_tab.keyboard.type("林卫东", delay=50)
    first = sample_tab.locator(".md-search-result__item a").first
    first.wait_for()
    assert "示例市第一人民医院" in first.inner_text()
    first.click()
    sample_tab.wait_for_url(f"**/{HOSPITAL}")
    assert sample_tab.locator("h2#组织领导").is_visible()
    group = sample_tab.locator(".civ-leading-group table")
    assert "林卫东" in group.inner_text() and "党委书记" in group.inner_text()
    stages = sample_tab.locator(".civ-timeline .civ-stage__name")
    assert stages.count() == 4
    assert sample_tab.locator(".civ-stage--now").inner_text().startswith("自查整改")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("林卫东", HOSPITAL),  # a leader's name
        ("韩立新", WATER),
        ("示例市第一人民医院", HOSPITAL),  # a unit's name
        ("示例县城关镇阳光社区", COMMUNITY),
        ("示例县水利局", WATER),
        ("九不准", HOSPITAL),  # domain terms
        ("网格整治", WATER),
        ("学雷锋", WATER),
        ("河长制", WATER),
        ("文明单位", "plans/"),
        ("领导小组", "plans/"),
        ("志愿服务", "plans/"),
    ],
)
def test_chinese_search_finds_the_right_plan_first(
    sample_tab, sample_url, sample_site, query, expected
):
    results = search(sample_tab, sample_url, query)
    assert results, f"“{query}”没有搜到任何页面"
    assert results[0].startswith(expected), f"“{query}”的第一个结果是 {results[0]}"
    first = sample_site.page(results[0])
    assert query in first


def test_search_says_when_nothing_is_found(sample_tab, sample_url):
    assert search(sample_tab, sample_url, "鳄鱼潜水艇") == []
    assert "没有找到" in sample_tab.locator(".md-search-result__meta").inner_text()


def test_search_says_so_when_its_index_cannot_be_read(open_context, sample_url):
    """As when a build published an empty pagefind-entry.json: a message, not a box that waits."""
    sample_tab = open_context().new_page()
    sample_tab.route("**/pagefind/pagefind-entry.json*", lambda route: route.fulfill(body=""))
    sample_tab.goto(sample_url)
    sample_tab.locator(".md-search__input").fill("林卫东")
    meta = sample_tab.locator(".md-search-result__meta")
    meta.filter(has_text="搜索暂时无法使用").wait_for(timeout=20_000)
    assert sample_tab.locator(".md-search-result__item").count() == 0
    # Pagefind's own complaint about the file it was given, and nothing else
    errors = open_context.errors
    assert errors and all("Failed to load Pagefind metadata" in e for e in errors)
    errors.clear()


ROW_TITLES = ".civ-directory-wrap tbody tr:visible td:first-child a"


def visible_titles(page) -> list[str]:
    return page.locator(ROW_TITLES).all_inner_texts()


def shown_rows(page, count: int) -> list[str]:
    """The titles in the table once it shows `count` rows: a filter may fetch parts first."""
    expect(page.locator(ROW_TITLES)).to_have_count(count)
    return visible_titles(page)


def test_directory_filtered_by_two_facets_and_the_url_reproduces_it(open_context, sample_url):
    plans = published_plans()
    kind, level = "机关", "省级"
    expected = sorted(
        p["title"] for p in plans if p["unit"]["kind"] == kind and p["level"] == level
    )
    assert 0 < len(expected) < len(plans)
    sample_tab = open_context().new_page()
    sample_tab.goto(sample_url + "plans/")
    assert len(visible_titles(sample_tab)) == len(plans)
    sample_tab.select_option("select[name=kind]", kind)
    sample_tab.select_option("select[name=level]", level)
    assert sorted(visible_titles(sample_tab)) == expected
    assert (
        f"符合条件的方案 {len(expected)} 个" in sample_tab.locator(".civ-filter-count").inner_text()
    )
    query = parse_qs(urlsplit(sample_tab.url).query)
    assert query == {"kind": [kind], "level": [level]}

    shared = open_context().new_page()
    shared.goto(sample_tab.url)
    assert sorted(visible_titles(shared)) == expected
    assert shared.locator("select[name=kind]").input_value() == kind
    assert shared.locator("select[name=level]").input_value() == level

    shared.click(".civ-filters button[type=reset]")
    shared.wait_for_function("() => !location.search")
    assert len(visible_titles(shared)) == len(plans)


def test_directory_region_filter_includes_the_counties_below(sample_tab, sample_url):
    sample_tab.goto(sample_url + "plans/?region=示例省/示例市/示例县")
    assert sorted(visible_titles(sample_tab)) == sorted(
        p["title"] for p in published_plans() if p["unit"]["region"].get("county") == "示例县"
    )
    sample_tab.select_option("select[name=region]", "示例省")
    assert len(visible_titles(sample_tab)) == len(published_plans())


def test_directory_without_javascript_shows_the_whole_table(open_context, sample_url):
    sample_tab = open_context(java_script_enabled=False).new_page()
    sample_tab.goto(sample_url + "plans/?kind=医院")
    assert len(visible_titles(sample_tab)) == len(published_plans())
    assert not sample_tab.locator(".civ-filters").is_visible()


@pytest.fixture(scope="module")
def large_directory(tmp_path_factory):
    """The samples built with a directory that lays out two rows at a time and keeps the rest in
    parts of two rows, as one of thousands of plans lays out its newest 200, 2,000 a part."""
    root = make_project(tmp_path_factory.mktemp("large-directory"))
    result = build(root, CIVPLAN_DIRECTORY_ROWS="2", CIVPLAN_DIRECTORY_PART="2")
    assert result.returncode == 0, result.output
    with serve(result.site) as url:
        yield url


def test_a_large_directory_filters_every_plan_and_shows_more_on_request(chromium, large_directory):
    plans = published_plans()
    assert len(plans) > 4
    errors, requested = [], []
    sample_tab = chromium.new_page(viewport=DESKTOP)
    sample_tab.on("pageerror", lambda error: errors.append(str(error)))
    sample_tab.on("request", lambda request: requested.append(request.url))
    sample_tab.goto(large_directory + "plans/")
    sample_tab.wait_for_load_state("networkidle")
    assert len(visible_titles(sample_tab)) == 2
    parts = [url for url in requested if "/plans/parts/" in url]
    assert parts == []  # the first screen is the page alone
    assert (
        sample_tab.locator(".civ-filter-count").inner_text()
        == f"共 {len(plans)} 个方案，下面列出前 2 个"
    )
    assert not sample_tab.locator(".civ-directory-note").is_visible()
    sample_tab.click(".civ-directory-more button")
    assert len(shown_rows(sample_tab, 4)) == 4
    oldest = min(plans, key=lambda p: p["year"])  # listed last: in a part, not in the page
    sample_tab.select_option("select[name=year]", str(oldest["year"]))
    assert shown_rows(sample_tab, 1) == [oldest["title"]]
    assert sample_tab.locator(".civ-directory-more").is_hidden()
    sample_tab.select_option("select[name=year]", "2026")  # three plans: two, then all three
    of_2026 = sorted(p["title"] for p in plans if p["year"] == 2026)
    assert len(of_2026) == 3
    expect(sample_tab.locator(".civ-filter-count")).to_contain_text("符合条件的方案 3 个")
    assert len(shown_rows(sample_tab, 2)) == 2 and set(visible_titles(sample_tab)) < set(of_2026)
    sample_tab.click(".civ-directory-more button")
    assert sorted(shown_rows(sample_tab, 3)) == of_2026
    sample_tab.goto(large_directory + f"plans/?year={oldest['year']}")  # a shared address
    assert shown_rows(sample_tab, 1) == [oldest["title"]]

    assert not errors
    assert all(url.startswith(large_directory) for url in requested)
    assert any("/plans/parts/" in url for url in requested)
    sample_tab.close()

    static = chromium.new_context(java_script_enabled=False)
    sample_tab = static.new_page()
    sample_tab.goto(large_directory + "plans/")
    assert len(visible_titles(sample_tab)) == 2
    assert f"共 {len(plans)} 个" in sample_tab.locator(".civ-directory-note").inner_text()
    static.close()


def test_every_request_goes_to_the_local_server(open_context, sample_url):
    requested = []
    context = open_context()
    context.on("request", lambda request: requested.append(request.url))
    sample_tab = context.new_page()
    for path in ["", HOSPITAL, "library/hospital/", "plans/", "reference/fields/"]:
        sample_tab.goto(sample_url + path)
        sample_tab.wait_for_load_state("networkidle")
    search(sample_tab, sample_url, "志愿服务")
    sample_tab.wait_for_load_state("networkidle")
    assert any("/pagefind/" in url for url in requested)
    assert all(url.startswith(sample_url) for url in requested if url.startswith("http"))


def test_a_request_to_another_host_is_refused_by_the_page_itself(open_context, sample_url):
    """The Content-Security-Policy stops a script's request before it leaves the browser; the
    test's own guard (which aborts and reports) is the wall behind it."""
    sample_tab = open_context().new_page()
    sample_tab.goto(sample_url)
    url = "http://outside.invalid/tracker.js"  # .invalid never resolves
    assert sample_tab.evaluate("url => fetch(url).then(() => false, () => true)", url)
    assert open_context.outside == []
    assert any("Content Security Policy" in error for error in open_context.errors)
    open_context.errors.clear()


@pytest.mark.parametrize(
    "path", ["", HOSPITAL, "library/hospital/", "plans/", "search: 志愿服务"], ids=str
)
def test_no_serious_or_critical_accessibility_violations(sample_tab, sample_url, path):
    if path.startswith("search: "):
        search(sample_tab, sample_url, path.removeprefix("search: "))
    else:
        sample_tab.goto(sample_url + path)
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    violations = Axe().run(sample_tab, options=options).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, "\n".join(serious)


@pytest.mark.parametrize("path", ["", HOSPITAL, "plans/"], ids=["home", "plan", "directory"])
def test_phone_no_sideways_scrolling_readable_text_and_tables(open_context, sample_url, path):
    sample_tab = open_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    sample_tab.goto(sample_url + path)
    width = sample_tab.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1], f"页面比手机屏幕宽：{width}"
    sizes = sample_tab.locator(".md-content .md-typeset p").evaluate_all(
        "ps => ps.filter(p => p.offsetParent).map(p => parseFloat(getComputedStyle(p).fontSize))"
    )
    assert sizes and min(sizes) >= 16, f"正文字号小于 16px：{min(sizes)}"
    overflowing = sample_tab.locator(".md-content table").evaluate_all(
        """tables => tables.filter(table => {
            const fits = table.getBoundingClientRect().right <= innerWidth + 1;
            let box = table.parentElement;
            while (box && box !== document.body) {
              if (['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) return false;
              box = box.parentElement;
            }
            return !fits;
        }).length"""
    )
    assert overflowing == 0, "有表格超出屏幕，又没有放在可横向滚动的框里"


def test_printing_a_plan_shows_the_text_only(sample_tab, sample_url):
    sample_tab.goto(sample_url + HOSPITAL)
    sample_tab.emulate_media(media="print")
    for part in [".md-header", ".md-search", ".md-sidebar--primary", ".md-footer"]:
        assert not sample_tab.locator(part).first.is_visible(), f"打印时仍显示 {part}"
    assert sample_tab.locator(".civ-leading-group table").is_visible()


def test_headings_have_readable_anchors(sample_tab, sample_url, sample_site):
    assert 'id="保障措施"' in sample_site.page(HOSPITAL)
    sample_tab.goto(sample_url + HOSPITAL + "#保障措施")
    heading = sample_tab.locator("h2#保障措施")
    assert heading.inner_text().startswith("保障措施")
    assert sample_tab.evaluate("document.querySelector(':target').id") == "保障措施"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_screenshots_for_a_person_to_look_at(open_context, sample_url, viewport, screenshots):
    """<page>-<desktop|phone>.png in the screenshots folder (conftest.screenshots): home, a
    plan, the directory and search results."""
    label = "desktop" if viewport is DESKTOP else "phone"
    sample_tab = open_context(viewport=viewport).new_page()
    for name, path in [("home", ""), ("plan", HOSPITAL), ("directory", "plans/")]:
        sample_tab.goto(sample_url + path)
        sample_tab.wait_for_load_state("networkidle")
        sample_tab.screenshot(path=screenshots / f"{name}-{label}.png", full_page=True)
    search(sample_tab, sample_url, "志愿服务")
    sample_tab.screenshot(path=screenshots / f"search-{label}.png")
