"""What a reader met on a phone (issue 26, item 4), in Debian's Chromium: a 文号 broken inside
the number, the floating 举报 button over the plan's card on the first screen, a copy command
broken inside words, editors' pages wider than the phone."""

from __future__ import annotations

import pytest

from conftest import require_browser

require_browser()

WATER = "plans/shilixianshuiliju-2026/"
HOSPITAL = "plans/shilishidiyirenminyiyuan-2026/"
REFERENCE = [
    "",
    "fields/",
    "rules/",
    "security/",
    "performance/",
    "upgrade/",
    "import/",
    "site-owner/",
]


@pytest.fixture
def phone(chromium, sample_url):
    def open_(width: int = 390, height: int = 844):
        context = chromium.new_context(
            viewport={"width": width, "height": height}, is_mobile=True, has_touch=True
        )
        local = sample_url.rstrip("/")
        context.route(
            "**/*", lambda r: r.continue_() if r.request.url.startswith(local) else r.abort()
        )
        opened.append(context)
        return context.new_page()

    opened = []
    yield open_
    for context in opened:
        context.close()


@pytest.mark.parametrize("width", [360, 390])
def test_the_document_number_is_never_broken_and_fits(phone, sample_url, width):
    page = phone(width)
    page.goto(sample_url + WATER)
    number = page.locator(".civ-card__doc_number dd")
    assert number.inner_text() == "示县水〔2026〕6号"
    # it may break between the issuer and 〔year〕number, never inside either
    broken = number.locator(".civ-id").evaluate_all(
        """spans => spans.filter((span) => {
            const range = document.createRange();
            range.selectNodeContents(span);
            return new Set([...range.getClientRects()].map((box) => Math.round(box.top))).size > 1;
        }).map((span) => span.textContent)"""
    )
    assert number.locator(".civ-id").all_inner_texts() == ["示县水", "〔2026〕6号"]
    assert broken == [], f"文号在词中间折行：{broken}"
    assert number.evaluate("e => e.getBoundingClientRect().right") <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("plan", [WATER, HOSPITAL])
def test_the_report_button_covers_nothing_on_the_first_screen(phone, sample_url, plan):
    page = phone()
    page.goto(sample_url + plan)
    page.wait_for_timeout(300)  # the button's observer has answered
    covered = page.evaluate(
        """() => [...document.querySelectorAll('.civ-card dd, .civ-banner, .civ-jump a')]
        .filter((el) => el.checkVisibility() && el.getBoundingClientRect().bottom <= innerHeight)
        .filter((el) => [...el.getClientRects()].some((box) => {
            const points = [[box.left + 2, box.top + 2], [box.right - 2, box.bottom - 2], [box.right - 2, box.top + 2],
                            [(box.left + box.right) / 2, (box.top + box.bottom) / 2]];
            return points.some(([x, y]) => { const hit = document.elementFromPoint(x, y); return hit && !el.contains(hit); });
        }))
        .map((el) => el.textContent.trim().slice(0, 20))"""
    )
    assert covered == [], f"首屏被遮住：{covered}"
    # farther down, the button is there, and the footer's last line can scroll clear of it
    page.mouse.wheel(0, 100000)
    button = page.locator(".civ-report-button")
    button.wait_for(state="visible")
    last = page.locator(".civ-footer__part p").last.bounding_box()
    assert last["y"] + last["height"] <= button.bounding_box()["y"], "页脚最后一行在举报按钮下面"


def test_the_copy_command_wraps_between_words_only(phone, sample_url):
    page = phone(360)
    page.goto(sample_url + "library/keep-title/")
    code = page.locator(".civ-template-card pre code")
    text = code.inner_text()
    assert "TEMPLATE=keep-title" in text
    broken = code.evaluate(
        r"""(e) => {
        const node = e.firstChild, broken = [];
        for (const word of node.textContent.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index); range.setEnd(node, word.index + word[0].length);
          if (new Set([...range.getClientRects()].map((b) => Math.round(b.top))).size > 1) broken.push(word[0]);
        }
        return broken;
    }"""
    )
    assert broken == [], f"命令在词中间折行：{broken}"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("path", REFERENCE, ids=lambda p: p or "index")
def test_every_editors_page_fits_a_phone(phone, sample_url, path):
    page = phone()
    page.goto(sample_url + "reference/" + path)
    assert page.locator("h1").count() == 1
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"/reference/{path} 在 390 像素宽的手机上宽 {width} 像素"
