"""Word export in the official document format (GB/T 9704-2012), read back with python-docx."""

from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
from datetime import date
from io import StringIO

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml.ns import qn

from civplan.cli import commands
from civplan.cli.main import main
from civplan.export import blocks as md
from civplan.export.docx import (
    SECTIONS,
    Outline,
    chinese_date,
    document_for,
    export_docx,
    strip_number,
)
from civplan.model.blank import BLANK
from civplan.model.loader import load, parse
from civplan.model.text import tidy
from civplan.site import sections as render

from conftest import REPO, SAMPLE

TODAY = date(2026, 5, 15)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def plan():
    loaded, problems = load(SAMPLE)
    assert loaded is not None, problems
    return loaded


@pytest.fixture(scope="module")
def exported(plan, tmp_path_factory):
    """The hospital sample exported once and read back from disk."""
    path = export_docx(plan, tmp_path_factory.mktemp("docx") / "plan.docx", TODAY)
    return docx.Document(str(path))


@pytest.fixture(scope="module")
def template():
    loaded, problems = load(REPO / "templates" / "hospital.md")
    assert loaded is not None, problems
    return document_for(loaded)


def mm(length) -> float:
    return round(length / 36000, 1)


def styled(document, name):
    return [p for p in document.paragraphs if p.style.name == name]


def fonts(style) -> dict[str, str]:
    found = style.element.find(f"{W}rPr/{W}rFonts")
    return {key.removeprefix(W): value for key, value in found.attrib.items()}


def people(meta) -> list[dict]:
    group = meta["leading_group"]
    singles = [group[key] for key in ("head", "executive_deputy") if group.get(key)]
    return singles + group.get("deputies", []) + group.get("members", [])


def headings(body: str) -> list[str]:
    return re.findall(r"^## (.+)$", body, re.M)


# --- page ----------------------------------------------------------------------------------------


def test_page_is_a4_with_the_gb_margins_and_a_156_by_225_mm_text_block(exported):
    section = exported.sections[0]
    assert (mm(section.page_width), mm(section.page_height)) == (210.0, 297.0)
    assert mm(section.top_margin) == 37.0 and mm(section.left_margin) == 28.0
    assert mm(section.right_margin) == 26.0 and mm(section.bottom_margin) == 35.0
    width = section.page_width - section.left_margin - section.right_margin
    height = section.page_height - section.top_margin - section.bottom_margin
    assert (mm(width), mm(height)) == (156.0, 225.0)


def test_document_grid_gives_22_lines_of_28_characters(exported):
    section = exported.sections[0]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    pitch = int(grid.get(qn("w:linePitch")))
    defaults = exported.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    spacing = int(defaults.find(qn("w:rPr")).find(qn("w:spacing")).get(qn("w:val"))) / 20
    height = (section.page_height - section.top_margin - section.bottom_margin) / 635
    width_pt = (section.page_width - section.left_margin - section.right_margin) / 12700
    assert math.floor(height / pitch) == 22
    assert math.floor(width_pt / (16 + spacing)) == 28
    body = exported.styles["Normal"].paragraph_format
    assert body.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert round(body.line_spacing / 635) == pitch


# --- fonts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "style, font, size, bold",
    [
        ("Normal", "仿宋_GB2312", 16, False),
        ("Doc Title", "方正小标宋简体", 22, False),
        ("Heading 1", "黑体", 16, False),
        ("Heading 2", "楷体_GB2312", 16, False),
        ("Heading 3", "仿宋_GB2312", 16, True),
        ("Footer", "宋体", 14, False),
    ],
)
def test_each_part_names_its_gb_font_for_east_asian_text(exported, style, font, size, bold):
    found = exported.styles[style]
    assert fonts(found) == {"ascii": font, "hAnsi": font, "eastAsia": font, "cs": font}
    assert found.font.size.pt == size
    assert bool(found.font.bold) == bold


def test_document_defaults_are_chinese_fangsong_not_theme_fonts(exported):
    defaults = exported.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    rfonts = defaults.find(f"{W}rFonts")
    assert rfonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert not any(key.endswith("Theme") or key.endswith("theme") for key in rfonts.attrib)
    assert defaults.find(f"{W}lang").get(qn("w:eastAsia")) == "zh-CN"


# --- title area, headings, closing ---------------------------------------------------------------


def test_title_is_centred_with_the_document_number_under_it(exported, plan):
    title, number = exported.paragraphs[:2]
    assert title.style.name == "Doc Title"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER or (
        title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    )
    assert title.text.replace("\n", "") == plan.meta["title"]
    # a long title breaks after the unit's name, not wherever the line happens to end
    assert title.text.split("\n")[0] == plan.meta["unit"]["name"]
    assert number.text == plan.meta["doc_number"]
    assert re.fullmatch(r"\S+〔\d{4}〕\d+号", number.text)


def test_level_one_headings_are_numbered_in_order_from_the_markdown(exported, plan):
    found = [p.text for p in styled(exported, "Heading 1")]
    written = headings(plan.body)
    numbers = "一二三四五六七八九十"[: len(written)]
    assert found == [f"{n}、{text}" for n, text in zip(numbers, written, strict=True)]


def test_stages_and_guarantees_are_level_two_headings_numbered_under_their_section(exported, plan):
    texts = [p.text for p in exported.paragraphs]
    level_two = [p.text for p in styled(exported, "Heading 2")]
    stages = [s["name"] for s in plan.meta["stages"]]
    kinds = [g["kind"] for g in plan.meta["guarantees"]]
    assert len(level_two) == len(stages) + len(kinds)
    numbers = ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）"]
    for found, label, name in zip(level_two, numbers, stages, strict=False):
        assert found.startswith(f"{label}{name}（")
    for found, label, kind in zip(level_two[len(stages) :], numbers, kinds, strict=False):
        assert found == f"{label}{kind}"
    first = plan.meta["stages"][0]
    assert f"（{chinese_date(first['start'])}至{chinese_date(first['end'])}）" in level_two[0]
    steps = next(i for i, t in enumerate(texts) if t.endswith("、实施步骤"))
    guarantees = next(i for i, t in enumerate(texts) if t.endswith("、保障措施"))
    assert steps < texts.index(level_two[0]) < guarantees < texts.index(level_two[len(stages)])


def test_outline_numbers_count_in_order_and_never_skip_a_level():
    outline = Outline()
    asked = [1, 3, 3, 2, 1, 4, 4, 1, 2, 3, 4, 5]
    labels = [outline.next(level)[1] for level in asked]
    # a heading two levels below the last (## then ####) becomes the next level down
    assert labels[:4] == ["一、", "（一）", "1.", "（二）"]
    assert labels[4:8] == ["二、", "（一）", "1.", "三、"]
    assert labels[8:] == ["（一）", "1.", "（1）", "（2）"]


def test_numbers_typed_in_headings_are_replaced_by_the_generated_ones():
    assert strip_number("二、组织领导") == "组织领导"
    assert strip_number("（三）督导检查") == "督导检查"
    assert strip_number("2. 志愿服务") == "志愿服务"
    assert strip_number("2026年目标") == "2026年目标"


def test_closing_notes_the_attachment_then_signs_and_dates(exported, plan):
    texts = [p.text for p in exported.paragraphs]
    note = next(i for i, t in enumerate(texts) if t.startswith("附件："))
    assert texts[note].endswith("领导小组名单")
    last_heading = texts.index(styled(exported, "Heading 1")[-1].text)
    assert last_heading < note
    signature = [p.text for p in styled(exported, "Signature")]
    assert signature == [plan.meta["unit"]["name"], chinese_date(plan.meta["issued"])]
    assert re.fullmatch(r"\d{4}年[1-9]\d?月[1-9]\d?日", signature[1])
    assert texts.index(signature[0]) > note


def test_the_leading_group_roster_is_the_attachment_with_every_name(exported, plan):
    paragraphs = exported.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.text == "附件")
    assert paragraphs[at].style.name == "Attachment"
    assert paragraphs[at].paragraph_format.page_break_before
    assert paragraphs[at + 2].style.name == "Doc Title"
    note = next(p.text for p in paragraphs if p.text.startswith("附件："))
    assert note == f"附件：{paragraphs[at + 2].text}"
    roster = exported.tables[-1]
    rows = [[cell.text for cell in row.cells] for row in roster.rows]
    assert rows[0] == render.wording()["leading_group"]["columns"]
    assert rows[0] == ["职务", "姓名", "本单位职务", "职责分工"]
    assert [r[1] for r in rows[1:]] == [p["name"] for p in people(plan.meta)]
    assert [r[3] for r in rows[1:]] == [p.get("duty", "") for p in people(plan.meta)]
    assert roster.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None


# --- page numbers --------------------------------------------------------------------------------


def field_parts(paragraph) -> list[str]:
    """The run contents of a footer paragraph in order: text, fldChar types, instrText."""
    parts = []
    for run in paragraph._p.iter(f"{W}r"):
        for child in run:
            if child.tag == f"{W}t":
                parts.append(child.text)
            elif child.tag == f"{W}fldChar":
                parts.append(child.get(qn("w:fldCharType")))
            elif child.tag == f"{W}instrText":
                parts.append(child.text.strip())
    return parts


def test_page_numbers_are_dashed_right_on_odd_pages_and_left_on_even_ones(exported):
    section = exported.sections[0]
    assert exported.settings.odd_and_even_pages_header_footer
    assert exported.settings.element.find(f"{W}evenAndOddHeaders") is not None
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert even.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert odd.paragraph_format.right_indent.pt == 14
    assert even.paragraph_format.left_indent.pt == 14
    for paragraph in (odd, even):
        expected = ["— ", "begin", "PAGE", "separate", "1", "end", " —"]
        assert field_parts(paragraph) == expected
        assert paragraph.style.name == "Footer"


# --- content -------------------------------------------------------------------------------------


def every_text(document) -> str:
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_every_macro_has_a_word_counterpart():
    assert SECTIONS.keys() == render.PLAN_MACROS.keys()


def test_macros_become_paragraphs_and_tables_from_the_metadata_and_standard_wording(exported, plan):
    text = every_text(exported)
    assert "{{" not in text and "}}" not in text
    meta, words = plan.meta, render.wording()
    measures = exported.tables[0]
    assert [c.text for c in measures.rows[0].cells] == ["任务内容", "责任科室", "完成期限"]
    # the site's table has the same headings, and its own 进度 after them
    site_head = re.findall(r'<th scope="col">(.*?)</th>', render.measures(meta, date(2026, 5, 15)))
    assert site_head == ["任务内容", "责任科室", "完成期限", "进度"]
    for row, measure in zip(measures.rows[1:], meta["measures"], strict=True):
        cells = [c.text for c in row.cells]
        assert cells[:2] == [measure["text"], measure["department"]]
        assert cells[2] == (chinese_date(measure["deadline"]) if "deadline" in measure else "—")
    for guarantee in meta["guarantees"]:
        assert tidy(words["guarantees"]["items"][guarantee["kind"]]) in text
        assert guarantee.get("text", "") in text
    for reward in meta["rewards"]:
        assert reward["condition"] in text and reward["consequence"] in text
    for phone in meta["supervision"]["phones"]:
        assert phone["number"] in text
    for document in meta["basis"]:
        assert f"《{document['title']}》（{document['number']}）" in text
    for goal in meta["goals"]:
        assert goal["text"] in text
    for stage in meta["stages"]:
        for task in stage["tasks"]:
            assert task in text
    intro = words["leading_group"]["intro"].format(
        unit=meta["unit"]["name"], group=words["leading_group"]["default_name"]
    )
    assert intro in text


def test_a_template_drops_its_guidance_and_keeps_its_blanks_highlighted(template):
    text = every_text(template)
    assert "填写说明" not in text and "!!!" not in text
    runs = [r for p in template.paragraphs for r in p.runs] + [
        r
        for t in template.tables
        for row in t.rows
        for c in row.cells
        for r in c.paragraphs[0].runs
    ]
    blanks = [r for r in runs if BLANK.fullmatch(r.text)]
    assert len(blanks) > 10
    assert all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in blanks)
    assert not any(r.font.highlight_color for r in runs if not BLANK.search(r.text))
    assert "〔待填：本院落实“九不准”的具体办法" in text


MARKDOWN_BODY = """
## 二、指导思想

坚持以人民为中心，
把创建工作**落到实处**。

### 重点

- 第一项
- 第二项
    - 其中一小项

然后：

1. 甲
2. 乙

| 项目 | 责任人 |
|---|---|
| 环境整治 | **后勤科** |

#### 细则

{{ rewards() }}
"""


def test_markdown_blocks_of_a_body():
    found = md.blocks(MARKDOWN_BODY)
    assert found[0] == md.Heading(2, "二、指导思想")
    assert found[1] == md.Paragraph(
        (md.Run("坚持以人民为中心，把创建工作"), md.Run("落到实处", bold=True), md.Run("。"))
    )
    assert found[3] == md.List(
        False,
        (
            md.ListItem(0, (md.Run("第一项"),)),
            md.ListItem(0, (md.Run("第二项"),)),
            md.ListItem(1, (md.Run("其中一小项"),)),
        ),
    )
    assert found[5].ordered and len(found[5].items) == 2
    assert found[6].head == ((md.Run("项目"),), (md.Run("责任人"),))
    assert found[6].rows == (((md.Run("环境整治"),), (md.Run("后勤科", bold=True),)),)
    assert found[-1] == md.Macro("rewards")


def test_markdown_body_in_word(sample_text):
    front = sample_text[: sample_text.index("\n---\n", 4) + 5]
    loaded, _ = parse(front + MARKDOWN_BODY, "p.md")
    document = document_for(loaded)
    texts = [p.text for p in document.paragraphs]
    assert [p.text for p in styled(document, "Heading 1")] == ["一、指导思想"]
    assert [p.text for p in styled(document, "Heading 2")] == ["（一）重点"]
    assert [p.text for p in styled(document, "Heading 3")] == ["1.细则"]
    assert "坚持以人民为中心，把创建工作落到实处。" in texts
    bold = next(p for p in document.paragraphs if "落到实处" in p.text)
    assert [r.text for r in bold.runs if r.bold] == ["落到实处"]
    for item in ("1.第一项", "2.第二项", "（1）其中一小项", "1.甲", "2.乙"):
        assert item in texts
    table = document.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["项目", "责任人"],
        ["环境整治", "后勤科"],
    ]
    assert render.wording()["rewards"]["intro"] in texts


# --- command -------------------------------------------------------------------------------------


def test_export_writes_the_good_files_and_reports_a_broken_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    shutil.copy(SAMPLE, tmp_path / "plans" / "good.md")
    (tmp_path / "plans" / "bad.md").write_text("---\ntitle: [未闭合\nyear: 2026\n---\n", "utf-8")
    out = StringIO()
    status = commands.export(["plans/bad.md", "plans/good.md"], tmp_path / "out", out=out)
    assert status == 1
    lines = out.getvalue().splitlines()
    assert re.match(r"plans/bad\.md:\d+: 错误 元数据的 YAML 格式有误", lines[0])
    assert (
        lines[-1]
        == f"已导出 1 个 Word 文件到 {tmp_path / 'out'}，1 个文件有错误，没有导出（见上）。"
    )
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.docx"]


def test_export_all_writes_published_plans_and_every_template(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "templates").mkdir()
    shutil.copy(SAMPLE, tmp_path / "plans" / "published.md")
    draft = SAMPLE.read_text("utf-8").replace("status: 实施中", "status: 草案")
    (tmp_path / "plans" / "draft.md").write_text(draft, "utf-8")
    shutil.copy(REPO / "templates" / "hospital.md", tmp_path / "templates" / "hospital.md")
    assert main(["export", "--all", "-o", "out"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "hospital.docx",
        "published.docx",
    ]


def test_export_needs_files_or_all_but_not_both(capsys):
    for argv in (["export"], ["export", "--all", "plans/x.md"]):
        assert main(argv) == 2
    assert "export 需要列出要导出的文件，或者用 --all 导出全部" in capsys.readouterr().err


# --- a real office suite -------------------------------------------------------------------------


def office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def test_libreoffice_prints_the_export_to_pdf(plan, tmp_path):
    if not office() or not shutil.which("pdfinfo") or not shutil.which("pdftotext"):
        reason = "LibreOffice (soffice) or poppler-utils (pdfinfo, pdftotext) is not installed"
        print(f"skipped: {reason}")
        pytest.skip(reason)
    source = export_docx(plan, tmp_path / "plan.docx", TODAY)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [office(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "plan.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
    assert 4 <= pages <= 16, info.stdout
    assert re.search(r"^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info.stdout, re.M)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = re.sub(r"\s+", "", text)
    assert plan.meta["title"] in flat
    assert plan.meta["leading_group"]["head"]["name"] in flat
    assert "—1—" in flat and f"—{pages}—" in flat


def test_a_word_file_carries_nothing_of_the_plan_exported_before_it(tmp_path):
    """Each process writes every plan into one reused document: the second file must be the
    file that plan gives alone, and must not hold a word of the first."""
    first, _ = load(REPO / "templates" / "hospital.md")
    second, _ = load(SAMPLE)
    alone = docx.Document(io.BytesIO(document_bytes(document_for(second, None, TODAY))))
    export_docx(first, tmp_path / "first.docx", TODAY)
    after = docx.Document(str(export_docx(second, tmp_path / "second.docx", TODAY)))
    assert [p.text for p in after.paragraphs] == [p.text for p in alone.paragraphs]
    assert len(after.tables) == len(alone.tables)
    cells = [[c.text for c in row.cells] for t in after.tables for row in t.rows]
    assert cells == [[c.text for c in row.cells] for t in alone.tables for row in t.rows]
    assert "〔待填" not in "".join(p.text for p in after.paragraphs)  # the template's blanks


def document_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
