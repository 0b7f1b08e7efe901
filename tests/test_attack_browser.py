"""Hostile plans that check lets through, opened in Chromium: nothing runs, nothing leaves.

Each payload plan is built into one site beside the samples; every page of it is loaded with a
dialog listener (alert/confirm/prompt), a request guard (anything not on the local server is
aborted and reported) and a watch for Content-Security-Policy reports, from the theme or not.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import REPO, SAMPLE, build_without_rule, make_project, require_browser, serve

require_browser()

TITLE = "title: 示例市第一人民医院2026年创建市级文明单位实施方案"
PAYLOADS = {
    "title-img": lambda t: t.replace(TITLE, f"{TITLE}<img src=x onerror=alert(1)>", 1),
    "title-script": lambda t: t.replace(TITLE, f"{TITLE}</title><script>alert(2)</script>", 1),
    "heading-id": lambda t: t.replace(
        "## 指导思想", "## 指导思想 {: id='q\" autofocus onfocus=\"alert(3)' }", 1
    ),
    "heading-label": lambda t: t.replace(
        "## 指导思想", "## 指导思想 {: data-toc-label='&lt;img src=x onerror=alert(4)&gt;' }", 1
    ),
    "group-name": lambda t: t.replace(
        "    name: 周明华", '    name: "周明华<svg onload=alert(5)>"', 1
    ),
}


def hostile(name: str) -> str:
    text = PAYLOADS[name](SAMPLE.read_text("utf-8"))
    unit = f"示例市攻击测试{sorted(PAYLOADS).index(name) + 1}号医院"
    return text.replace("示例市第一人民医院", unit)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    plans = {p.name: p.read_text("utf-8") for p in (REPO / "plans").glob("*.md")}
    plans |= {f"attack-{name}.md": hostile(name) for name in PAYLOADS}
    root = make_project(tmp_path_factory.mktemp("hostile"), plans)
    # check refuses the attribute lists now (body-attributes): built as if that rule missed
    # them, the page the sanitiser and the CSP must still hold
    result = build_without_rule(root, "body-attributes")
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    site = root / "site"
    with serve(site) as url:
        yield site, url


def test_no_payload_runs_or_fetches_in_the_browser(hostile_site, chromium):
    site, base = hostile_site
    pages = sorted(
        str(p.parent.relative_to(site)) + "/"
        for p in (site / "plans").rglob("index.html")
        if "gongjiceshi" in str(p)
    )
    assert len(pages) == 2 * len(PAYLOADS)  # each plan and its history page
    dialogs, outside, violations = [], [], []
    context = chromium.new_context()
    local = urlsplit(base).netloc

    def guard(route):
        if urlsplit(route.request.url).netloc == local:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    for path in ["", "plans/", *pages]:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        page.keyboard.press("Tab")  # focus handlers run on focus
    context.close()
    assert dialogs == []
    assert outside == []
    assert violations == []
