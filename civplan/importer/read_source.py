"""Read a plan someone already wrote (.txt, .md, .docx, .doc, .wps, .pdf) into numbered lines.

Old Word .doc and WPS .wps files are converted to .docx by LibreOffice first, and a PDF's
printed lines are joined back into paragraphs (civplan.importer.convert, pdf_layout).

Text files come in whatever encoding the editor's machine saved them in: UTF-8 (with or without
a byte order mark), UTF-16, or GB18030/GBK from a Chinese Windows editor. The encoding is
detected with charset-normalizer, never assumed; a file that is not readable text stops the
import with a message that names the file and says what to do.
"""

from __future__ import annotations

import codecs
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from civplan.importer.convert import office_to_docx, pdf_pages
from civplan.importer.lines import Line
from civplan.importer.pdf_layout import pdf_lines
from civplan.model.errors import InputError
from civplan.model.text import HAN

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
DOCX_SUFFIX = ".docx"
OFFICE_SUFFIXES = {".doc": "Word 97 文档", ".wps": "WPS 文档"}
PDF_SUFFIX = ".pdf"
KINDS = {DOCX_SUFFIX: "Word 文档", PDF_SUFFIX: "PDF 文档"} | OFFICE_SUFFIXES
BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# When a short file reads equally well in several encodings, a Chinese plan is GB18030:
# it is what a Chinese Windows editor saves as “ANSI”, and a superset of GBK and GB2312.
CHINESE = {"gb18030", "gbk", "gb2312"}
CJK = re.compile(f"[{HAN}]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
WORD_HEADING = re.compile(r"^(?:Heading|标题)\s*(\d)$", re.I)


@dataclass(frozen=True)
class Source:
    path: str
    encoding: str  # “UTF-8”, “GB18030”, … or “Word 文档”
    lines: tuple[Line, ...]

    @property
    def unit(self) -> str:
        """What the report counts in: lines of a text file, paragraphs of a Word document."""
        return "段" if self.encoding in KINDS.values() else "行"


MAX_SOURCE_BYTES = 2_000_000
"""A real plan is 10–50 KB of text; two megabytes is generous."""
MAX_UNPACKED_BYTES = 50_000_000
"""What the parts of a .docx may inflate to, checked from the zip's directory before any is
read: a small file whose document.xml inflates to a gigabyte is refused unopened."""
MAX_BINARY_BYTES = 20_000_000
"""A .doc, .wps or PDF carries its fonts and pictures: ten times a text file's allowance."""


def read_source(path: Path) -> Source:
    """Read a plan file of any supported kind; raise InputError (in Chinese) when it cannot."""
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES + tuple(KINDS):
        raise InputError(
            f"{path}：不能导入扩展名为“{path.suffix or '（无）'}”的文件。"
            "可以导入 .docx、.doc、.wps、.pdf、.txt 和 .md 文件；"
            "其他文件请在 Word 或 WPS 中另存为 .docx 再导入。"
        )
    raw = _read_bytes(path, MAX_BINARY_BYTES if suffix in KINDS else MAX_SOURCE_BYTES)
    if suffix in OFFICE_SUFFIXES:
        with tempfile.TemporaryDirectory(prefix="civplan-import-") as workdir:
            converted = office_to_docx(path, raw, Path(workdir))
            lines = _docx_lines(converted, converted.read_bytes(), shown=path)
        source = Source(str(path), KINDS[suffix], lines)
    elif suffix == PDF_SUFFIX:
        source = Source(str(path), KINDS[suffix], _pdf_lines(path, raw))
    elif suffix == DOCX_SUFFIX:
        source = Source(str(path), KINDS[suffix], _docx_lines(path, raw))
    else:
        text, encoding = decode(raw, path)
        source = Source(str(path), encoding, _text_lines(text, markdown=suffix != ".txt"))
    if not any(CJK.search(line.text) for line in source.lines):
        raise InputError(
            f"{path}：文件中没有中文文字，不像是一份实施方案。请确认选对了文件；"
            "如果是扫描件或图片，请先转成文字。"
        )
    return source


def _read_bytes(path: Path, most: int) -> bytes:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(most + 1)
    except OSError as err:
        raise InputError(f"{path}：无法读取文件（{err.strerror}）。请检查文件名和路径。") from err
    if len(raw) > most:
        raise InputError(
            f"{path}：文件超过 {most // 1_000_000} MB，不像是一份实施方案。"
            "请只导入方案本身（图片、附件请另外保存）。"
        )
    if not raw.strip():
        raise InputError(f"{path}：文件是空的，没有可导入的内容。请确认选对了文件。")
    return raw


def _pdf_lines(path: Path, raw: bytes) -> tuple[Line, ...]:
    """The paragraphs of a PDF with a text layer; a scan (pictures of pages) is refused."""

    paragraphs = pdf_lines(pdf_pages(path, raw))
    if sum(len(CJK.findall(p)) for p in paragraphs) < SCAN_CJK_MIN:
        raise InputError(
            f"{path}：这个 PDF 没有文字层（是扫描件或图片），读不出文字。"
            "请改用原来的 Word 或 WPS 文件导入；没有原文件时，先用 WPS 或 Word 的"
            "“PDF 转 Word”（文字识别）功能转成 .docx，核对文字后再导入。"
        )
    return tuple(Line(number, text) for number, text in enumerate(paragraphs, 1))


SCAN_CJK_MIN = 20
"""A plan has thousands of Chinese characters; a scan's text layer has none, or a stamp's few."""


def decode(raw: bytes, path: Path) -> tuple[str, str]:
    """The text and the name of the encoding it was found to be in."""
    for bom, codec in BOMS:
        if raw.startswith(bom):
            return _strict(raw, codec, path), {"utf-8-sig": "UTF-8"}.get(codec, codec.upper())
    if b"\x00" not in raw:  # UTF-16 without a byte order mark can look like UTF-8 with NULs
        try:
            return _checked(raw.decode("utf-8"), path), "UTF-8"
        except UnicodeDecodeError:
            pass
    matches = from_bytes(raw)
    best = matches.best()
    if best is None or not CJK.search(str(best)):
        return _gb18030_or_nothing(raw, path), "GB18030"
    tied = [m for m in matches if m.chaos <= best.chaos and m.coherence >= best.coherence]
    encoding = "gb18030" if any(m.encoding in CHINESE for m in tied) else best.encoding
    return _strict(raw, encoding, path), encoding.upper().replace("_", "-")


def _gb18030_or_nothing(raw: bytes, path: Path) -> str:
    """The last reading a Chinese text can have; when even that fails, say where it fails."""
    try:
        return _checked(raw.decode("gb18030"), path)
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise InputError(
            f"{path}：无法识别文件的编码：它不是 UTF-8，也不是 GB18030/GBK（第 {line} 行附近有无法解读的字节），"
            "可能不是文本文件（例如图片或压缩包），或者已经损坏。"
            "请用记事本或 WPS 打开，确认文字显示正常后“另存为”UTF-8 编码的 .txt 再导入。"
        ) from err


def _strict(raw: bytes, codec: str, path: Path) -> str:
    try:
        return _checked(raw.decode(codec), path)
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise InputError(
            f"{path}：第 {line} 行附近有无法按 {codec.upper()} 解读的字节，文件可能已损坏或混用了多种编码。"
            "请用编辑器打开，改正这一处后“另存为”UTF-8 编码再导入。"
        ) from err


def _checked(text: str, path: Path) -> str:
    if CONTROL.search(text):
        raise InputError(
            f"{path}：文件中有控制字符，它不是纯文本文件（可能是 Word、PDF 或其他二进制文件）。"
            "Word 文档请保存为 .docx 再导入，其他文件请先另存为 .txt。"
        )
    return text


def _text_lines(text: str, markdown: bool) -> tuple[Line, ...]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return tuple(_text_line(number, line, markdown) for number, line in enumerate(lines, 1))


def _text_line(number: int, text: str, markdown: bool) -> Line:
    heading = MD_HEADING.match(text) if markdown else None
    if heading:
        return Line(number, heading.group(2), len(heading.group(1)))
    return Line(number, text)


def _docx_lines(path: Path, raw: bytes, shown: Path | None = None) -> tuple[Line, ...]:
    """Paragraphs and table rows of a Word document, in document order, one per line.
    `shown`: the file the editor named, when `path` is its converted copy."""
    from docx import Document
    from docx.opc.exceptions import OpcError
    from docx.table import Table

    not_docx = (
        f"{shown or path}：不是有效的 Word 文档（.docx 应是一个 zip 压缩包，这个文件不是）。"
        "如果它是旧版 .doc 或改了扩展名的文件，请用 Word 或 WPS 打开后“另存为”.docx 再导入。"
    )
    if not raw.startswith(b"PK") or not zipfile.is_zipfile(path):
        raise InputError(not_docx)
    _refuse_zip_bomb(path, shown or path)
    _refuse_too_many_paragraphs(path)
    try:
        document = Document(str(path))
        blocks = list(document.iter_inner_content())
    except (OpcError, KeyError, ValueError, zipfile.BadZipFile, SyntaxError) as err:
        raise InputError(not_docx) from err
    texts: list[tuple[str, int]] = []
    for block in blocks:
        if isinstance(block, Table):
            texts.extend((_row_text(row), 0) for row in block.rows)
        else:
            texts.append((block.text, _word_heading(block)))
    return tuple(Line(number, text, level) for number, (text, level) in enumerate(texts, 1))


def _refuse_zip_bomb(path: Path, shown: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError) as err:
        raise InputError(
            f"{shown}：Word 文档已损坏，无法打开。请用 Word 或 WPS 另存一份再导入。"
        ) from err
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(
            f"{shown}：这个 Word 文档解压后超过 {MAX_UNPACKED_BYTES // 1_000_000} MB，"
            "不像是一份实施方案（可能含有大量图片或已损坏）。请删去图片后另存为 .docx，或另存为纯文本 .txt 再导入。"
        )


MAX_PARAGRAPHS = 20_000
"""Paragraphs (table cells' included) of a .docx: a real plan has a few hundred. Empty ones
are a few bytes each, so millions of them fit in a small file under MAX_UNPACKED_BYTES, and
python-docx holds every one in memory (8.2 million of them ran out of memory after 276 s)."""
WORD_PARAGRAPH = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"


def _refuse_too_many_paragraphs(path: Path) -> None:
    """Count the paragraphs as the XML parser reads them, streamed, stopping at the bound:
    whatever prefix the file gives the namespace, a paragraph is the element python-docx reads."""
    from lxml import etree

    count = 0
    try:
        with zipfile.ZipFile(path) as archive, archive.open("word/document.xml") as part:
            for _, element in etree.iterparse(part, tag=WORD_PARAGRAPH, resolve_entities=False):
                element.clear()
                count += 1
                if count > MAX_PARAGRAPHS:
                    raise InputError(
                        f"{path}：这个 Word 文档有超过 {MAX_PARAGRAPHS} 段（一份实施方案通常只有几百段），"
                        "可能含有大量空段落或已损坏。请删去空段落后另存为 .docx，或另存为纯文本 .txt 再导入。"
                    )
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, OSError):
        return  # not a Word document's body: python-docx says so in the words of not_docx


def _row_text(row) -> str:
    """A table row as one line; merged cells repeat in python-docx, so each is kept once."""
    cells: list[str] = []
    for cell in row.cells:
        text = cell.text.strip().replace("\n", " ")
        if text and (not cells or cells[-1] != text):
            cells.append(text)
    return "\u3000".join(cells)


def _word_heading(paragraph) -> int:
    style = paragraph.style.name if paragraph.style is not None else ""
    found = WORD_HEADING.match(style or "")
    return int(found.group(1)) if found else 0
