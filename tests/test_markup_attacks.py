"""Issue 28 items 4 and 10: a plan's markup cannot borrow the site's UI.

With attr_list an author could give a link the class of the floating 举报 button, a paragraph
Material's consent and dialog classes or the site's banner classes, or hide repeated text with
Pagefind's weight for the search. `check` refuses every attribute list in the body; and should
a rule miss one, the built page keeps no class, id, style, data-* or aria-* that the author
wrote, except the classes Markdown itself makes (admonitions, heading links).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SAMPLE, build, build_without_rule, civplan, make_project

HOSPITAL = "plans/shilishidiyirenminyiyuan-2026/"

FAKE_BUTTON = "[举报](https://evil.example/report){: .civ-report-button }"
FAKE_OVERLAY = (
    "平台已迁移，请前往新平台登录\n{: .md-consent .md-dialog .md-dialog--active #__consent }"
)
FAKE_BANNER = '本方案已废止\n{: .civ-banner .civ-banner--已废止 role="status" }'
POISON = (
    "示例市第一人民医院 示例市第一人民医院 示例市第一人民医院\n"
    '{: data-pagefind-weight="10" hidden style="display:none" aria-hidden="true" }'
)
FAKE_TYPE = '!!! md-dialog "平台已迁移"\n\n    请前往新平台登录。'
ATTACK_BODY = "\n\n".join(
    [
        "   多种写法的属性列表   ",
        FAKE_BUTTON,
        FAKE_OVERLAY,
        FAKE_BANNER,
        POISON,
        "## 联系我们 {: #jubao .civ-jump }",
        FAKE_TYPE,
    ]
)


def attack_plan() -> str:
    return SAMPLE.read_text("utf-8") + "\n\n" + ATTACK_BODY + "\n"


@pytest.fixture(scope="module")
def leaky_site(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("markup"))
    (root / "plans" / "shilishidiyirenminyiyuan-2026.md").write_text(attack_plan(), "utf-8")
    result = build_without_rule(root, "body-attributes")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def article(site: Path) -> str:
    page = (site / HOSPITAL / "index.html").read_text("utf-8")
    return page[page.index("<article") : page.index("</article>")]


def authored(site: Path) -> str:
    """The part of the plan page that the author wrote (after 监督举报's section)."""
    body = article(site)
    return body[body.index("多种写法的属性列表") : body.index('<p class="civ-tags"')]


def test_check_refuses_every_attribute_list_with_its_line(tmp_path):
    root = make_project(tmp_path, {"plan.md": attack_plan()})
    result = civplan("check", "plans", cwd=root)
    assert result.returncode == 1, result.stdout
    text = attack_plan().split("\n")
    marked = [n for n, line in enumerate(text, 1) if "{:" in line]
    lines = [line for line in result.stdout.splitlines() if line.endswith("[body-attributes]")]
    numbers = [int(line.split(":")[1]) for line in lines]
    assert len(marked) == 5 and numbers == marked, result.stdout
    assert "“{: .civ-report-button }”" in lines[0]
    assert "class“civ-report-button”" in lines[0]
    assert "id“__consent”" in lines[1]
    assert "hidden" in lines[3] and "style" in lines[3] and "data-pagefind-weight" in lines[3]
    assert "Traceback" not in result.stdout + result.stderr


def test_the_page_keeps_no_class_id_style_or_data_the_author_wrote(leaky_site):
    mine = authored(leaky_site)
    assert "平台已迁移" in mine and "本方案已废止" in mine  # the words stay, as words
    classes = set(" ".join(re.findall(r'class="([^"]*)"', mine)).split())
    assert classes <= {"admonition", "admonition-title", "headerlink"}, classes
    assert not re.search(r"\b(style|hidden|data-[\w-]+|aria-[\w-]+|role)=", mine), mine
    ids = re.findall(r'id="([^"]*)"', mine)
    assert ids and "jubao" not in ids and not any(i.startswith("_") for i in ids), ids


def test_the_site_keeps_its_own_classes_and_the_one_jubao(leaky_site):
    page = article(leaky_site)
    assert page.count('id="jubao"') == 1
    assert 'class="civ-banner civ-banner--实施中"' not in page  # the sample is in force
    assert 'class="civ-card"' in page and 'class="civ-timeline"' in page
    assert 'data-label="任务内容"' in page  # the site's own data-* in its tables


def test_search_weighs_no_author_text(leaky_site):
    assert "data-pagefind" not in authored(leaky_site)


def test_in_chromium_at_390_px_the_fake_button_does_not_cover_the_real_one(leaky_site, request):
    from conftest import require_browser, serve

    require_browser()
    chromium = request.getfixturevalue("chromium")  # the one browser of this test process
    with serve(leaky_site) as url:
        browser = chromium.new_context(viewport={"width": 390, "height": 844})
        page = browser.new_page()
        page.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url else r.abort())
        page.goto(url + HOSPITAL)
        # the real button shows once the top 举报 link is scrolled past (assets/report-button.js)
        page.mouse.wheel(0, 3000)
        page.locator("a.civ-report-button:not(.civ-report-button--away)").wait_for()
        real = page.locator('a.civ-report-button[href="#jubao"]').bounding_box()
        x, y = real["x"] + real["width"] / 2, real["y"] + real["height"] / 2
        on_top = page.evaluate(f"document.elementFromPoint({x}, {y}).outerHTML")
        assert 'href="#jubao"' in on_top and "evil" not in on_top, on_top
        fake = page.get_by_text("平台已迁移，请前往新平台登录")
        box = fake.bounding_box()
        assert box and box["height"] > 0  # shown as text of the plan, not as a dialog
        position = fake.evaluate("e => getComputedStyle(e).position")
        assert position == "static"
        borrowed = page.locator(".md-consent, .md-dialog, .civ-banner")
        assert borrowed.filter(has_text="平台已迁移").count() == 0
        assert borrowed.filter(has_text="本方案已废止").count() == 0
        browser.close()


def test_a_blank_is_marked_in_the_text_never_inside_a_tag(tmp_path):
    """The site marks every 〔待填：…〕 for the editor (blank.html). A blank that opens in one value
    and closes in the next, or stands in a link's address, must not put that mark inside a tag:
    before, `<mark class="civ-blank">` landed in an href and broke the link open."""
    root = make_project(tmp_path)
    plan = root / "plans" / "shilishidiyirenminyiyuan-2026.md"
    text = plan.read_text("utf-8")
    text = text.replace(
        "          - title: 一季度专题教育签到表和课件\n"
        "            url: ../../assets/uploads/yiyuan-2026-yidefengfeng-q1.pdf",
        "          - title: 签到表〕x\n            url: ../../assets/uploads/〔待填：a",
    )
    plan.write_text(text, "utf-8")
    template = root / "templates" / "hospital.md"
    template.write_text(
        template.read_text("utf-8").replace(
            "    deadline: 〔待填：完成期限〕\n",
            "    deadline: 〔待填：完成期限〕\n"
            "    evidence: [{title: 〔待填：佐证名称〕, url: 〔待填：佐证网址〕}]\n",
            1,
        ),
        "utf-8",
    )
    result = build(root)
    assert result.returncode == 0, result.output[-3000:]
    inside_a_tag = re.compile(r"<[^<>]*(?:<mark|&lt;mark)")
    for page in (HOSPITAL, "library/hospital/"):
        html = result.page(page)
        assert not inside_a_tag.search(html), inside_a_tag.search(html).group(0)
    plan_page = result.page(HOSPITAL)
    assert 'href="../../assets/uploads/〔待填：a"' in plan_page
    library = result.page("library/hospital")
    assert '<mark class="civ-blank">〔待填：佐证名称〕</mark></a>' in library


def test_a_body_heading_never_takes_an_id_of_the_sites_head(tmp_path):
    """The site's head above a plan (cards, the 公示意见处理情况 section) has ids of its own; a
    body heading named like one gets a suffix, as one named jubao does."""
    root = make_project(tmp_path)
    plan = root / "plans" / "shilishidiyirenminyiyuan-2026.md"
    plan.write_text(plan.read_text("utf-8") + "\n## feedback-outcome\n\n另一段文字。\n", "utf-8")
    result = build(root)
    assert result.returncode == 0, result.output[-3000:]
    html = result.page(HOSPITAL)
    assert html.count('id="feedback-outcome"') == 1
    assert 'id="feedback-outcome-1"' in html
