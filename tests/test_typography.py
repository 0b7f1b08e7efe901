"""Chinese typography on every built page: no space between two Chinese characters or full-width
marks in any sentence a reader sees (“履行承诺， 或有违反” is a typo), and goals read as Chinese."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from civplan.model.text import CJK, HAN

from conftest import REPO

SPACED = re.compile(f"[{CJK}][ \t\n\u00a0]+[{CJK}]")
BLOCKS = {
    "address", "article", "aside", "body", "br", "button", "dd", "details", "div", "dl", "dt",
    "figcaption", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
    "html", "label", "li", "main", "nav", "ol", "option", "p", "section", "select", "summary",
    "table", "tbody", "td", "th", "thead", "title", "tr", "ul",
}  # fmt: skip
"""Elements that end a run of text: a space next to one is layout, not part of a sentence."""
APART = {"code", "pre", "script", "style", "svg", "kbd", "textarea"}
"""Not prose: code shows what an editor types, exactly."""


class Sentences(HTMLParser):
    """The runs of text a reader sees as one line of prose, inline tags joined."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.runs, self.current, self.apart = [], [], 0

    def _flush(self):
        if self.current:
            self.runs.append("".join(self.current).strip())
            self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in APART:
            self._flush()
            self.apart += 1
        elif tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in APART:
            self.apart = max(0, self.apart - 1)
            self._flush()
        elif tag in BLOCKS:
            self._flush()

    def handle_data(self, data):
        if not self.apart:
            self.current.append(data)


def spaced(html: str) -> list[str]:
    parser = Sentences()
    parser.feed(html)
    parser.close()
    parser._flush()
    return [
        run[max(0, m.start() - 12) : m.end() + 12]
        for run in parser.runs
        for m in SPACED.finditer(run)
    ]


def test_the_checker_sees_a_stray_space_across_inline_tags_but_not_across_cells():
    assert spaced("<p>未按方案履行承诺， <strong>或有</strong>违反</p>") == [
        "未按方案履行承诺， 或有违反"
    ]
    assert spaced("<table><tr><td>组长</td> <td>林卫东</td></tr></table>") == []
    assert spaced("<p>运行 <code>civplan check</code> 检查</p>") == []


def test_no_space_inside_a_chinese_sentence_on_any_page(reader_site):
    pages = sorted(reader_site.site.rglob("*.html"))
    assert len(pages) > 30
    found = {
        str(page.relative_to(reader_site.site)): hits
        for page in pages
        if (hits := spaced(page.read_text("utf-8")))
    }
    assert not found, found


@pytest.mark.parametrize("typo", ["履行承诺， 或有违反", "进程的 予以通报", "限期整改、 跟踪销号"])
def test_the_standard_wording_reads_without_the_stray_spaces(reader_site, typo):
    text = re.sub(r"<[^>]+>", "", reader_site.page("plans/shilishidiyirenminyiyuan-2026"))
    assert typo not in text and typo.replace(" ", "") in text


def test_goals_lead_with_year_and_level_as_a_sentence(reader_site):
    html = reader_site.page("plans/shilishidiyirenminyiyuan-2026")
    goals = re.search(r'<ol class="civ-goals">(.*?)</ol>', html, re.S).group(1)
    text = re.sub(r"<[^>]+>", "", goals)
    assert "2026年目标（市级文明单位）：年底前通过示例市文明委" in text
    assert "门诊患者满意度保持在95%以上" in text


def test_search_script_has_the_model_character_ranges():
    """search.js splits Chinese into pairs in the browser as the index does at build time: its
    copy of the ranges is civplan.model.text's, or a query stops matching what was indexed."""
    script = (REPO / "docs" / "assets" / "search.js").read_text("utf-8")

    def escaped(chars: str) -> str:
        return chars.encode("unicode_escape").decode("ascii")

    assert f'const CJK = "{escaped(CJK)}";' in script
    assert f"const HAN = /[{escaped(HAN)}]+/g;" in script
    assert f"const PAIR = /^[{escaped(HAN)}]{{2}}$/;" in script
