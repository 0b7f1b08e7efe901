"""A plan or template as a Word file in the official document format (GB/T 9704-2012).

`document_for(plan)` builds the document from the same metadata and standard wording
(wording.yaml) as the website; `export_docx` writes it. The layout:

- A4, margins top 37 mm, left 28 mm, right 26 mm, bottom 35 mm: a 156 × 225 mm text block;
- body 3号仿宋 (16 pt) on a document grid of 22 lines × 28 characters, exact line spacing;
- title 2号小标宋 centred, the 文号 under it; headings 黑体, 楷体, bold 仿宋, numbered
  一、（一）1.（1） from their Markdown level (## is 一、), counted here so they never skip;
- signature and date of issue (2026年3月2日) after the body, the leading group's roster as 附件;
- page numbers "— 1 —" in 4号宋体, right on odd pages and left on even ones.

The GB fonts are named, not embedded: the office suite on the reader's machine supplies them.
Word and WPS lay the body on the character grid at 28 a line. LibreOffice (7.4) gives each
16 pt character two cells of the 15.79 pt grid, so its PDFs show about 14 a line.
"""

from __future__ import annotations

import copy
import functools
import io
import math
from datetime import date, datetime
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml import etree

from civplan.export import blocks
from civplan.export.errors import ExportError
from civplan.model import lifecycle
from civplan.model.blank import BLANK, GUIDANCE
from civplan.model.budget import memory_budget, seconds_from, time_budget
from civplan.model.lifecycle import parse_date
from civplan.model.loader import Plan
from civplan.model.numerals import OUTLINE as WRITTEN_NUMBERS
from civplan.model.numerals import to_chinese as chinese_number
from civplan.model.schema import measure_columns
from civplan.model.text import tidy
from civplan.model.wording import roster, wording

FANGSONG, HEITI, KAITI, XIAOBIAOSONG, SONGTI = (
    "仿宋_GB2312",
    "黑体",
    "楷体_GB2312",
    "方正小标宋简体",
    "宋体",
)
BODY_SIZE, TITLE_SIZE, PAGE_NUMBER_SIZE, TABLE_SIZE = Pt(16), Pt(22), Pt(14), Pt(14)
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
TOP, LEFT, RIGHT, BOTTOM = Mm(37), Mm(28), Mm(26), Mm(35)
PAGE_NUMBER_GAP = Mm(7)
"""GB/T 9704 7.5: the dash of the page number stands 7 mm below the text block."""
PAGE_NUMBER_LINE = Pt(18)
TITLE_CHARS = 20
"""Characters of 2号 (22 pt) on a 156 mm line."""
TITLE_LINE = Pt(33)
HEADING_FONTS = {1: (HEITI, False), 2: (KAITI, False), 3: (FANGSONG, True), 4: (FANGSONG, False)}
OUTLINE = ("{cn}、", "（{cn}）", "{n}.", "（{n}）")
ATTACHMENT = "附件"
ROSTER_TITLE = "{group}名单"
BLACK = RGBColor(0, 0, 0)
CORE_PROPERTY = 255
"""Characters a core property (title, author) of a Word file may hold (python-docx refuses more)."""
THEME_FONTS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


EXPORT_SECONDS = seconds_from("CIVPLAN_EXPORT_SECONDS", 60)
"""What one Word file may take (a plan takes about 25 ms): a backstop, like a page's budget,
for text that check's bounds did not foresee."""
TOO_LONG = "导出 Word 文件超过 {seconds:g} 秒，已停止。请检查正文是否有异常长的段落、表格或大量的“*”“_”符号。"
EXPORT_BYTES = int(seconds_from("CIVPLAN_EXPORT_BYTES", 1_500_000_000))
"""Memory one Word file may take beyond what the process holds (a plan takes a few MB)."""
TOO_LARGE = "导出 Word 文件需要的内存过多，已停止。请检查正文是否有异常大的表格或段落。"
TOO_DEEP = "正文的列表、引用或提示框嵌套得太深，无法导出 Word 文件。请减少缩进，把内容改写成不超过三层的列表。"


def export_docx(plan: Plan, path: str | Path, today: date, reported: date | None = None) -> Path:
    """Write the plan (or template) as .docx to `path`, dated `today`, with the progress
    reported up to `reported` (default: `today`); return the path.
    Raise ExportError (in Chinese) when the plan is too deep or takes past EXPORT_SECONDS."""
    try:
        with (
            time_budget(EXPORT_SECONDS, ExportError(TOO_LONG.format(seconds=EXPORT_SECONDS))),
            memory_budget(EXPORT_BYTES, ExportError(TOO_LARGE), etree.LxmlError),
        ):
            document = document_for(plan, _reused(), reported or today)
    except RecursionError:
        raise ExportError(TOO_DEEP) from None
    properties = document.core_properties
    properties.created = properties.modified = datetime(today.year, today.month, today.day)
    document.save(str(path))
    return Path(path)


def document_for(
    plan: Plan, document: Document | None = None, today: date | None = None
) -> Document:
    """The Word document of a plan or a template (guidance dropped, blanks highlighted), in a
    new document or, emptied first, in `document`; progress reported up to `today` (the build's
    day, else the clock's) follows the measures."""
    if document is None:
        document = docx.Document(io.BytesIO(_blank()))
    else:
        body = document.element.body
        for child in [c for c in body if c.tag != qn("w:sectPr")]:
            body.remove(child)
    writer = _Writer(document, plan.meta, today or lifecycle.today())
    writer.title_area()
    body = GUIDANCE.sub("", plan.body.rstrip("\n") + "\n")
    for block in blocks.blocks(body):
        writer.block(block)
    writer.closing()
    writer.roster()
    properties = document.core_properties
    # a core property holds 255 characters: check bounds the title, this bounds the rest
    properties.title = str(plan.meta.get("title", ""))[:CORE_PROPERTY]
    properties.author = properties.last_modified_by = _unit(plan.meta)[:CORE_PROPERTY]
    properties.comments = properties.keywords = ""
    properties.language = "zh-CN"
    properties.revision = 1
    return document


@functools.cache
def _reused() -> Document:
    """The document every export of this process writes into, emptied each time: reading the
    blank document back from its bytes was a fifth of the time of every Word file. Writing a
    plan adds no part, relationship or style, only the body and the core properties, which
    document_for and export_docx set anew."""
    return docx.Document(io.BytesIO(_blank()))


@functools.cache
def _style_id(name: str) -> str:
    """The id of a style of the blank document, which every document starts from: python-docx's
    `….style = name` scans every style each time."""
    return _reused().styles[name].style_id


@functools.cache
def _blank() -> bytes:
    """An empty document with the page and the styles set up, made once per process: setting
    up the styles was a third of the time of every Word file."""
    document = docx.Document()
    _styles(document, _page_setup(document))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def chinese_date(value) -> str:
    """2026-03-02 -> 2026年3月2日; anything that is not a date (a blank) is kept as it is."""
    day = parse_date(value)
    return f"{day.year}年{day.month}月{day.day}日" if day else str(value or "")


def title_lines(title: str, unit: str) -> str:
    """Break a title too long for one line after the unit's name, as printed titles do.

    示例市第一人民医院 / 2026年创建市级文明单位实施方案, not a break wherever the line ends.
    """
    if _width(title) <= TITLE_CHARS or not unit or not title.startswith(unit) or title == unit:
        return title
    return unit + blocks.LINE_BREAK + title[len(unit) :]


def _width(text: str) -> float:
    """Width in full-width characters: Latin letters and digits count half."""
    return sum(0.5 if char.isascii() else 1 for char in text)


class Outline:
    """Outline numbers 一、（一）1.（1）: counted in order, never deeper than one below the last."""

    def __init__(self):
        self.counts: list[int] = []

    @property
    def depth(self) -> int:
        return len(self.counts)

    def next(self, level: int) -> tuple[int, str]:
        """(the level actually used, its number) for a heading asked at `level` (1 = 一、)."""
        level = max(1, min(level, self.depth + 1, len(OUTLINE)))
        self.counts = self.counts[:level] + [0] * (level - len(self.counts))
        self.counts[-1] += 1
        n = self.counts[-1]
        return level, OUTLINE[level - 1].format(cn=chinese_number(n), n=n)


def strip_number(text: str) -> str:
    """A heading without the number an editor typed (## 二、组织领导): the export numbers it."""
    for pattern, _, _ in WRITTEN_NUMBERS:
        found = pattern.match(text)
        if found:
            return text[found.end() :].strip()
    return text.strip()


# --- page and styles ---------------------------------------------------------------------------


def _page_setup(document: Document) -> Length:
    """A4, the GB margins, the 22 × 28 grid, odd and even page numbers; the grid's line pitch."""
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    section.left_margin, section.right_margin = LEFT, RIGHT
    section.header_distance = Mm(15)
    section.footer_distance = Length(BOTTOM - PAGE_NUMBER_GAP - PAGE_NUMBER_LINE // 2)
    grid = section._sectPr.find(qn("w:docGrid"))
    pitch = grid_of(section)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(pitch))
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)
    return Length(pitch * 635)


def grid_of(section) -> int:
    """The line pitch in twips giving 22 lines in the text block."""
    height = section.page_height - section.top_margin - section.bottom_margin
    return int(Length(height).twips // LINES_PER_PAGE)


def char_spacing(section) -> int:
    """Character spacing (in 1/20 pt) that fits 28 characters of 16 pt in the 156 mm line.

    28 × 16 pt is 448 pt, more than the 442 pt the standard's text block allows, so the
    characters are drawn 0.25 pt closer. A line grid plus this spacing gives 22 × 28 in Word,
    WPS and LibreOffice alike; a character grid (linesAndChars) would give 28 in Word but 14
    in LibreOffice, which puts each character in two cells.
    """
    width = Length(section.page_width - section.left_margin - section.right_margin).pt
    return math.floor((width / CHARS_PER_LINE - BODY_SIZE.pt) * 20)


def _page_number(footer, align) -> None:
    """— PAGE — in the footer; odd pages right, even pages left, one 4号 character in."""
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.alignment = align
    indent = "right_indent" if align == WD_ALIGN_PARAGRAPH.RIGHT else "left_indent"
    setattr(paragraph.paragraph_format, indent, PAGE_NUMBER_SIZE)
    paragraph.add_run("— ")
    _field_char(paragraph, "begin")
    instruction = _element("w:instrText", {"xml:space": "preserve"})
    instruction.text = " PAGE "
    paragraph.add_run()._r.append(instruction)
    _field_char(paragraph, "separate")
    paragraph.add_run("1")
    _field_char(paragraph, "end")
    paragraph.add_run(" —")


def _field_char(paragraph: Paragraph, kind: str) -> None:
    paragraph.add_run()._r.append(_element("w:fldChar", {"w:fldCharType": kind}))


def _off_grid(ppr) -> None:
    """w:snapToGrid off, in its place in w:pPr (before spacing, ind, jc, …)."""
    later = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap")
    ppr.insert_element_before(_element("w:snapToGrid", {"w:val": "0"}), *later, "w:jc", "w:rPr")


def _element(tag: str, attributes: dict[str, str]):
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(name), value)
    return element


def _fonts(rpr, name: str) -> None:
    """Name the font for Latin and East Asian text alike (w:eastAsia is what Chinese uses)."""
    fonts = rpr.get_or_add_rFonts()
    for theme in THEME_FONTS:
        fonts.attrib.pop(qn(f"w:{theme}"), None)
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), name)


def _style(
    document, name, font, size, *, base="Normal", bold=False, align=None, indent=None, grid=True
):
    """A paragraph style; indent in characters (None keeps the base's).

    Text in another size than the body's stays off the 28-character grid (grid=False): a 22 pt
    title character is wider than a grid cell, and 14 pt table text would be spread to 16 pt.
    """
    styles = document.styles
    style = styles[name] if name in styles else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if name != "Normal":
        style.base_style = styles[base]
    _fonts(style.element.get_or_add_rPr(), font)
    style.font.size, style.font.bold, style.font.italic = size, bold, False
    style.font.color.rgb = BLACK
    fmt = style.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    if align is not None:
        fmt.alignment = align
    if indent is not None:
        _indent(style.element.get_or_add_pPr(), "firstLine", indent, BODY_SIZE)
    if not grid:
        _off_grid(style.element.get_or_add_pPr())
    return style


def _indent(ppr, side: str, chars: int, size: Length) -> None:
    """An indent in characters (w:…Chars, for Word's grid) and in twips (for other readers)."""
    ind = ppr.get_or_add_ind()
    ind.set(qn(f"w:{side}"), str(Length(size * chars).twips))
    ind.set(qn(f"w:{side}Chars"), str(chars * 100))


def _styles(document: Document, line: Length) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr, FANGSONG)
    rpr.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), str(int(BODY_SIZE.pt * 2)))
    rpr.append(_element("w:spacing", {"w:val": str(char_spacing(document.sections[0]))}))
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.attrib.clear()
    spacing.set(qn("w:after"), "0")

    normal = _style(document, "Normal", FANGSONG, BODY_SIZE, indent=2)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.paragraph_format.line_spacing = line
    normal.paragraph_format.widow_control = False
    for level, (font, bold) in HEADING_FONTS.items():
        heading = _style(document, f"Heading {level}", font, BODY_SIZE, bold=bold)
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.keep_together = False
    center, right, left = (
        WD_ALIGN_PARAGRAPH.CENTER,
        WD_ALIGN_PARAGRAPH.RIGHT,
        WD_ALIGN_PARAGRAPH.LEFT,
    )
    title = _style(
        document, "Doc Title", XIAOBIAOSONG, TITLE_SIZE, align=center, indent=0, grid=False
    )
    title.paragraph_format.line_spacing = TITLE_LINE
    _style(document, "Doc Number", FANGSONG, BODY_SIZE, align=center, indent=0)
    signature = _style(document, "Signature", FANGSONG, BODY_SIZE, align=right, indent=0)
    _indent(signature.element.get_or_add_pPr(), "right", 2, BODY_SIZE)
    _style(document, "Attachment", HEITI, BODY_SIZE, align=left, indent=0)
    cell = _style(document, "Table Text", FANGSONG, TABLE_SIZE, align=left, indent=0, grid=False)
    cell.paragraph_format.line_spacing = Pt(TABLE_SIZE.pt * 1.5)
    _style(document, "Table Head", HEITI, TABLE_SIZE, base="Table Text", align=center)
    footer = _style(document, "Footer", SONGTI, PAGE_NUMBER_SIZE, indent=0, grid=False)
    footer.paragraph_format.line_spacing = PAGE_NUMBER_LINE


# --- content -----------------------------------------------------------------------------------


def _unit(meta: dict) -> str:
    return str((meta.get("unit") or {}).get("name", ""))


def _item_label(n: int, depth: int) -> str:
    """List items in print: 1. 2. …, items of an inner list （1）（2）…"""
    return f"{n}." if depth == 0 else f"（{n}）"


def _runs(value) -> blocks.Runs:
    return value if isinstance(value, tuple) else (blocks.Run(str(value)),)


class _Writer:
    """Appends to one document, keeping the outline count across body and macro sections."""

    def __init__(self, document: Document, meta: dict, today: date):
        self.document, self.meta, self.outline = document, meta, Outline()
        self.today = today
        self.section_depth = 0
        """The outline depth where the macro being written stands."""

    def style(self, paragraph: Paragraph, name: str | None) -> None:
        if name:
            # w:pStyle is always pPr's first child; python-docx's setter searches the schema's
            # list of the elements that may follow it, on every paragraph
            ppr = paragraph._p.get_or_add_pPr()
            found = ppr.find(qn("w:pStyle"))
            if found is None:
                found = ppr.makeelement(qn("w:pStyle"), {})
                ppr.insert(0, found)
            found.set(qn("w:val"), _style_id(name))

    def paragraph(self, content="", style: str | None = None) -> Paragraph:
        paragraph = self.document.add_paragraph()
        self.style(paragraph, style)
        for run in _runs(content):
            _add_text(paragraph, run)
        return paragraph

    def heading(self, level: int, text: str) -> None:
        level, number = self.outline.next(level)
        self.paragraph(number + strip_number(text), f"Heading {level}")

    def subheading(self, text: str) -> None:
        """A heading one level below the section the macro stands in."""
        self.heading(self.section_depth + 1, text)

    def numbered(self, items) -> None:
        for n, item in enumerate(items, 1):
            self.paragraph((blocks.Run(_item_label(n, 0)),) + _runs(item))

    def table(self, head: list, rows: list[list], widths: list[float]) -> None:
        """A ruled table across the text block; the head row repeats on every page."""
        columns = max([len(head)] + [len(row) for row in rows])
        table = self.document.add_table(rows=0, cols=columns)
        table._tbl.tblStyle_val = _style_id("Table Grid")
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        shares = (widths + [1.0] * columns)[:columns]
        section = self.document.sections[0]
        text_width = section.page_width - section.left_margin - section.right_margin
        widths = [Length(int(text_width * share / sum(shares))) for share in shares]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        # an empty row of each style, copied for every row: python-docx spends a millisecond
        # setting one row's widths and alignment (most of a plan's Word file is its tables)
        empty: dict[str, object] = {}
        for cells, style in [(head, "Table Head")] * bool(head) + [(r, "Table Text") for r in rows]:
            if style in empty:
                table._tbl.append(copy.deepcopy(empty[style]))
                row = table.rows[-1]
            else:
                row = self._empty_row(table, style, widths)
                empty[style] = copy.deepcopy(row._tr)
            for cell, value in zip(row.cells, cells + [""] * columns, strict=False):
                paragraph = cell.paragraphs[0]
                for run in _runs(value):
                    _add_text(paragraph, run)

    def _empty_row(self, table, style: str, widths: list[Length]):
        row = table.add_row()
        if style == "Table Head":
            row._tr.get_or_add_trPr().append(_element("w:tblHeader", {}))
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            self.style(cell.paragraphs[0], style)
        return row

    # the parts of the document, in order

    def title_area(self) -> None:
        self.paragraph(title_lines(str(self.meta.get("title", "")), _unit(self.meta)), "Doc Title")
        if self.meta.get("doc_number"):
            self.paragraph(self.meta["doc_number"], "Doc Number")
        self.paragraph()

    def block(self, block: blocks.Block) -> None:
        if isinstance(block, blocks.Heading):
            self.heading(block.level - 1, block.text)
        elif isinstance(block, blocks.Paragraph):
            self.paragraph(block.runs)
        elif isinstance(block, blocks.List):
            self.listing(block)
        elif isinstance(block, blocks.Table):
            self.table(list(block.head), [list(row) for row in block.rows], [])
        elif isinstance(block, blocks.Macro) and block.name in SECTIONS:
            self.section_depth = self.outline.depth
            SECTIONS[block.name](self)

    def listing(self, block: blocks.List) -> None:
        counts: list[int] = []
        for item in block.items:
            counts = counts[: item.depth + 1] + [0] * (item.depth + 1 - len(counts))
            counts[-1] += 1
            self.paragraph((blocks.Run(_item_label(counts[-1], item.depth)),) + item.runs)

    def closing(self) -> None:
        """附件说明, then the signature and the date of issue (GB/T 9704 7.3.4, 7.3.5)."""
        self.paragraph()
        self.paragraph(f"{ATTACHMENT}：{self.roster_title()}")
        self.paragraph()
        self.paragraph(_unit(self.meta), "Signature")
        if self.meta.get("issued"):
            self.paragraph(chinese_date(self.meta["issued"]), "Signature")

    def roster_title(self) -> str:
        group = self.meta.get("leading_group") or {}
        name = group.get("name") or wording()["leading_group"]["default_name"]
        return ROSTER_TITLE.format(group=name)

    def roster(self) -> None:
        """The 附件 on a page of its own: 附件 top left, the title on line 3, then the table."""
        words = wording()["leading_group"]
        group = self.meta.get("leading_group") or {}
        label = self.paragraph(ATTACHMENT, "Attachment")
        label.paragraph_format.page_break_before = True
        self.paragraph()
        self.paragraph(self.roster_title(), "Doc Title")
        self.paragraph()
        rows = [
            [role, p.get("name", ""), p.get("post", ""), p.get("duty", "")]
            for role, p in roster(group)
        ]
        self.table(words["columns"], rows, [0.19, 0.14, 0.27, 0.40])
        if group.get("members_note"):
            self.paragraph(words["members_note"].format(note=group["members_note"]))


def _add_text(paragraph: Paragraph, run: blocks.Run) -> None:
    """Runs for one styled text: line breaks kept, every 〔待填：…〕 highlighted."""
    for index, line in enumerate(run.text.split(blocks.LINE_BREAK)):
        if index:
            paragraph.add_run().add_break()
        position = 0
        for found in BLANK.finditer(line):
            _add_run(paragraph, line[position : found.start()], run)
            _add_run(paragraph, found.group(0), run).font.highlight_color = WD_COLOR_INDEX.YELLOW
            position = found.end()
        _add_run(paragraph, line[position:], run)


def _add_run(paragraph: Paragraph, text: str, style: blocks.Run):
    added = paragraph.add_run(text) if text else paragraph.add_run()
    if style.bold:  # a run is plain by default: setting None would still add an empty w:rPr
        added.bold = True
    if style.italic:
        added.italic = True
    return added


# --- the macros of a plan body, in Word ---------------------------------------------------------


def _basis(w: _Writer) -> None:
    w.numbered(
        f"《{str(doc.get('title', '')).strip('《》')}》"
        + (f"（{doc['number']}）" if doc.get("number") else "")
        for doc in w.meta.get("basis") or []
    )


def _goals(w: _Writer) -> None:
    items = []
    for goal in w.meta.get("goals") or []:
        when = "，".join(
            f"{goal[k]}{'年' if k == 'year' else ''}" for k in ("year", "level") if goal.get(k)
        )
        items.append((f"（{when}）" if when else "") + str(goal.get("text", "")))
    w.numbered(items)


def _leading_group(w: _Writer) -> None:
    """The group in sentences; names with duties follow as the 附件 (see roster)."""
    words = wording()["leading_group"]
    group = w.meta.get("leading_group") or {}
    name = group.get("name") or words["default_name"]
    w.paragraph(words["intro"].format(unit=_unit(w.meta), group=name))
    by_role: dict[str, list[str]] = {}
    for role, person in roster(group):
        by_role.setdefault(role, []).append(f"{person.get('name', '')}（{person.get('post', '')}）")
    for role, people in by_role.items():
        w.paragraph(f"{role}：{'、'.join(people)}")
    if group.get("members_note"):
        w.paragraph(words["members_note"].format(note=group["members_note"]))
    office = group.get("office") or {}
    director = office.get("director") or {}
    w.paragraph(
        words["office"].format(
            location=office.get("location", ""),
            director=director.get("name", ""),
            post=director.get("post", ""),
        )
        + (office.get("duty") or words["office_duty"])
    )


def _measures(w: _Writer) -> None:
    head = measure_columns()
    rows = [
        [m.get("text", ""), m.get("department", ""), chinese_date(m.get("deadline")) or "—"]
        for m in w.meta.get("measures") or []
    ]
    w.table(head, rows, [0.53, 0.22, 0.25])
    _progress(w)


def _progress(w: _Writer) -> None:
    """The latest report of each measure that has one, dated: what the web page's 进度 column
    and history say, for a reader of the paper copy."""
    reported = [
        (m, lifecycle.latest_report(m, w.today))
        for m in w.meta.get("measures") or []
        if isinstance(m, dict)
    ]
    rows = [
        [
            m.get("text", ""),
            latest.get("status", ""),
            chinese_date(latest["date"]),
            latest.get("note") or "",
        ]
        for m, latest in reported
        if latest
    ]
    if rows:
        w.paragraph(f"任务进展（截至{chinese_date(w.today.isoformat())}，各项任务最近一次报告）：")
        w.table(["任务", "进展状态", "报告日期", "进展说明"], rows, [0.34, 0.14, 0.2, 0.32])


def _stages(w: _Writer) -> None:
    words = wording()["stages"]
    items = w.meta.get("stages") or []
    # The web's intro goes on to say the current stage is coloured; paper keeps the first clause.
    w.paragraph(words["intro"].format(count=len(items)).split("，")[0] + "。")
    for stage in items:
        period = words["period"].format(
            start=chinese_date(stage.get("start")), end=chinese_date(stage.get("end"))
        )
        w.subheading(f"{stage.get('name', '')}（{period.replace(' ', '')}）")
        w.numbered(stage.get("tasks") or [])


def _guarantees(w: _Writer) -> None:
    words = wording()["guarantees"]
    w.paragraph(words["intro"])
    for item in w.meta.get("guarantees") or []:
        kind = item.get("kind", "")
        w.subheading(kind)
        w.paragraph(tidy(words["items"].get(kind, "")) + str(item.get("text") or ""))


def _rewards(w: _Writer) -> None:
    words = wording()["rewards"]
    w.paragraph(words["intro"])
    rows = [[r.get("condition", ""), r.get("consequence", "")] for r in w.meta.get("rewards") or []]
    w.table(words["columns"], rows, [0.5, 0.5])


def _supervision(w: _Writer) -> None:
    words = wording()["supervision"]
    labels = words["labels"]
    contact = w.meta.get("supervision") or {}
    w.paragraph(tidy(words["intro"]))
    phones = [
        str(p["number"]) + (f"（{p['label']}）" if p.get("label") else "")
        for p in contact.get("phones") or []
        if p.get("number")
    ]
    if phones:
        w.paragraph(f"{labels['phones']}：{'、'.join(phones)}")
    for key in ("email", "address", "postcode", "hours", "box"):
        if contact.get(key):
            w.paragraph(f"{labels[key]}：{contact[key]}")


SECTIONS = {
    "basis": _basis,
    "goals": _goals,
    "leading_group": _leading_group,
    "measures": _measures,
    "stages": _stages,
    "guarantees": _guarantees,
    "rewards": _rewards,
    "supervision": _supervision,
}
"""The Word counterpart of every macro in model.macros.MACROS (a test keeps the two in step)."""
