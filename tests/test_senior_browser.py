"""The elderly-friendly mode (长辈模式) and the layout fixes a reader asked for (issue 26), in
Debian's Chromium at 390 px (a phone) and 1366 px (a desktop): one tap from the header, kept in
localStorage and applied before the first paint, larger text and line height, 7:1 contrast
(axe's color-contrast-enhanced), 48 px controls, axe clean in both modes, no outside request.
Screenshots for a person land in the screenshots folder (conftest.screenshots)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import require_browser, serve

require_browser("axe_playwright_python")
from axe_playwright_python.sync_playwright import Axe  # noqa: E402 (after the skip)

WIDTHS = {"390": (390, 844), "1366": (1366, 900)}
HOSPITAL = "plans/shilishidiyirenminyiyuan-2026/"
PAGES = {"home": "", "directory": "plans/", "plan": HOSPITAL}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CONTROLS = (
    ".md-header__button:not([hidden]), .md-nav__link, .civ-jump__report, .civ-report-button,"
    " .civ-toc summary, .civ-filter select, .md-button, .md-footer a"
)
"""What a finger taps: header buttons, navigation, the 举报 links, filters, footer links."""


@pytest.fixture(scope="module")
def senior_url(marked_site):
    """The samples with every footer mark set (conftest.MARKS), served."""
    with serve(marked_site.site) as url:
        yield url


@pytest.fixture(params=list(WIDTHS), ids=lambda w: f"{w}px")
def context(request, chromium, senior_url):
    """A browser context that may reach the local server only; it records any other request."""
    width, height = WIDTHS[request.param]
    phone = width < 600
    context = chromium.new_context(
        viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone
    )
    local = urlsplit(senior_url).netloc
    context.outside = []
    context.errors = []

    def guard(route):
        if urlsplit(route.request.url).netloc == local:
            route.continue_()
        else:
            context.outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    context.on("page", lambda p: p.on("pageerror", lambda e: context.errors.append(str(e))))
    context.width = width
    yield context
    context.close()
    assert context.outside == [], context.outside
    assert context.errors == [], context.errors


def senior_on(page) -> bool:
    return page.evaluate("document.documentElement.hasAttribute('data-civ-senior')")


def tap(page, selector: str) -> None:
    (page.tap if page.viewport_size["width"] < 600 else page.click)(selector)


def test_one_tap_turns_it_on_and_every_page_remembers_it(context, senior_url):
    page = context.new_page()
    for path in PAGES.values():
        page.goto(senior_url + path)
        button = page.locator("[data-civ-senior-toggle]")
        assert button.is_visible() and button.get_attribute("aria-pressed") == "false", path
        box = button.bounding_box()
        assert box["y"] + box["height"] <= 60, box  # in the header, in the first screen
    tap(page, "[data-civ-senior-toggle]")
    assert senior_on(page)
    assert page.locator("[data-civ-senior-toggle]").get_attribute("aria-pressed") == "true"
    # a new page is large from its first paint: the mode is on before the body is parsed
    page.add_init_script(
        "document.addEventListener('readystatechange', () => { if (document.readyState === "
        "'interactive') window.civFirst = document.documentElement.hasAttribute('data-civ-senior'); });"
    )
    for path in PAGES.values():
        page.goto(senior_url + HOSPITAL if not path else senior_url + path)
        assert senior_on(page) and page.evaluate("window.civFirst") is True, path
    tap(page, "[data-civ-senior-toggle]")
    page.goto(senior_url)
    assert not senior_on(page)


def measure(page) -> dict:
    """Body text size and line height, the smallest text in the content, headings, controls."""
    return page.evaluate(
        """([controls, width]) => {
        const shown = (el) => el.offsetParent !== null && el.getClientRects().length > 0;
        const style = (el) => getComputedStyle(el);
        const body = [...document.querySelectorAll('.md-content .md-typeset p')].filter(shown);
        const texts = [...document.querySelectorAll('.md-content *')].filter(shown)
          .filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()));
        const h1 = document.querySelector('.md-content h1');
        const small = (el) => el.getBoundingClientRect();
        return {
          body: Math.min(...body.map((p) => parseFloat(style(p).fontSize))),
          line: Math.min(...body.map((p) => parseFloat(style(p).lineHeight) / parseFloat(style(p).fontSize))),
          least: Math.min(...texts.map((el) => parseFloat(style(el).fontSize))),
          h1: parseFloat(style(h1).fontSize),
          small: [...document.querySelectorAll(controls)].filter(shown)
            .filter((el) => small(el).width < 47.5 || small(el).height < 47.5)
            .map((el) => `${el.className || el.tagName} ${el.textContent.trim().slice(0, 12)} ${Math.round(small(el).width)}x${Math.round(small(el).height)}`),
          // not innerWidth: a phone's layout viewport grows to fit a page that is too wide
          wide: document.documentElement.scrollWidth > width ? document.documentElement.scrollWidth : null,
        };
    }""",
        [CONTROLS, page.viewport_size["width"]],
    )


@pytest.mark.parametrize("name", list(PAGES))
def test_larger_text_line_height_and_tap_targets(context, senior_url, name):
    page = context.new_page()
    page.goto(senior_url + PAGES[name])
    standard = measure(page)
    tap(page, "[data-civ-senior-toggle]")
    large = measure(page)
    assert large["body"] >= 18 and large["body"] > standard["body"], (standard, large)
    assert large["line"] >= 1.5, large
    assert large["least"] >= 16, large
    assert large["h1"] > standard["h1"] and large["h1"] >= 1.4 * large["body"], large
    assert large["small"] == [], large["small"]
    assert large["wide"] is None, large


def axe_serious(page, senior: bool) -> list[str]:
    rules = {"color-contrast-enhanced": {"enabled": senior}}
    options = {"runOnly": {"type": "tag", "values": WCAG + (["wcag2aaa"] if senior else [])}}
    options |= {"rules": rules, "resultTypes": ["violations"]}
    violations = Axe().run(page, options=options).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:6]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("senior", [False, True], ids=["standard", "senior"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_clean_in_both_modes_with_7_to_1_contrast_in_the_senior_one(
    context, senior_url, name, senior
):
    page = context.new_page()
    page.goto(senior_url)
    if senior:
        tap(page, "[data-civ-senior-toggle]")
    page.goto(senior_url + PAGES[name])
    page.wait_for_load_state("networkidle")
    assert senior_on(page) is senior
    assert axe_serious(page, senior) == []


def test_screenshots_of_the_footer_and_the_senior_mode(context, senior_url, screenshots):
    SHOTS = screenshots
    page = context.new_page()
    width = context.width
    page.goto(senior_url + HOSPITAL)
    page.wait_for_load_state("networkidle")
    page.locator("footer.civ-footer").screenshot(path=SHOTS / f"reader-footer-{width}.png")
    page.evaluate("scrollTo(0, 0)")
    page.screenshot(path=SHOTS / f"reader-standard-plan-{width}.png")
    tap(page, "[data-civ-senior-toggle]")
    page.wait_for_timeout(300)
    page.screenshot(path=SHOTS / f"reader-senior-plan-{width}.png")
    page.goto(senior_url)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=SHOTS / f"reader-senior-home-{width}.png")
    page.locator("footer.civ-footer").screenshot(path=SHOTS / f"reader-senior-footer-{width}.png")
    for name in ("footer", "standard-plan", "senior-plan", "senior-home", "senior-footer"):
        assert (SHOTS / f"reader-{name}-{width}.png").stat().st_size > 1000, name
    assert senior_on(page)  # the senior pictures show the senior mode
