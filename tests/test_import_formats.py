"""`civplan import` of the files units really keep: Word 97 .doc, WPS .wps and PDF.

Every file here is made by the test itself with LibreOffice (the project's prerequisite for
.doc/.wps), from a plain-text plan and from the project's own Word export: the same plan in each
format must import to the same fields and keep its sentences.

.wps stand-in: WPS Writer (Kingsoft) saves .wps as an OLE compound file in Word 97's binary
format (the same D0 CF 11 E0 signature and WordDocument stream as a .doc); no free program
writes a genuine .wps, so the closest honest stand-in is a Word 97 .doc renamed .wps.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from civplan.importer import convert
from civplan.importer.read_source import read_source
from civplan.model.errors import InputError
from civplan.model.text import HAN

from conftest import SAMPLE, civplan

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")

# A fictional plan as a unit office types it: a long preamble that wraps on paper, odd spacing
# after numbers, full-width colons, the leading group and the stages in the usual words.
PLAN = """示例县水务局2025年创建市级文明单位实施方案

为深入贯彻落实《示例市文明单位创建管理办法》（示文明委〔2024〕5号）的要求，进一步提升我局干部职工的文明素质和机关的服务水平，推动水务事业高质量发展，结合我局工作实际，经局党组研究决定，制定本实施方案。

一、指导思想
以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，坚持以人民为中心的发展思想，把文明单位创建同水利工程建设、防汛抗旱和农村供水保障等中心工作紧密结合，做到两手抓、两不误、两促进。

二、创建目标
1. 2025年底前达到市级文明单位标准，群众对窗口服务的满意度保持在95%以上。
2. 全年无违纪违法案件，无重大安全责任事故，无有效投诉。

三、组织领导
为加强对创建工作的领导，成立示例县水务局创建文明单位工作领导小组：
组  长：陈志刚（局党组书记、局长）
副组长：刘海燕（局党组成员、副局长）、郑国强（副局长）
成  员：各股室负责人
领导小组下设办公室，办公室设在局办公室，负责创建工作的日常组织、协调和督促检查。

四、主要任务
（一）加强思想道德建设，由局办公室负责，每季度组织一次集中学习，开展社会主义核心价值观教育。
（二）提升窗口服务水平，由行政审批股负责，推行一次性告知和限时办结制度。
（三）改善机关办公环境，由后勤股牵头负责，做好机关院落的绿化、美化和净化工作。

五、实施步骤
（一）宣传发动阶段（2025年3月）。召开全局创建动员大会，印发实施方案，明确各股室的工作任务和责任人。
（二）组织实施阶段（4月至9月）。各股室按照任务分工逐项落实，局创建办每月通报一次进度。
（三）检查验收阶段（10月至12月）。对照测评体系开展自查，整改存在的问题，迎接市文明委的检查验收。

六、保障措施
（一）加强领导。局党组每季度专题研究一次创建工作，主要负责人亲自抓，分管领导具体抓。
（二）经费保障。将创建工作经费列入年度预算，做到专款专用，保障各项活动正常开展。

七、监督举报
举报电话：0000-5551234（局纪检组），通讯地址：示例县滨河路18号。
"""

COMPARED = ("title", "unit", "year", "level", "mode", "leading_group", "stages", "measures")


def _soffice(target: str, source: Path, out: Path, infilter: str | None = None) -> Path:
    args = ["soffice", "--headless", "--norestore", f"-env:UserInstallation={(out / 'p').as_uri()}"]
    args += [f"--infilter={infilter}"] if infilter else []
    args += ["--convert-to", target, "--outdir", str(out), str(source)]
    subprocess.run(args, check=True, capture_output=True, timeout=180)
    made = out / f"{source.stem}.{target.split(':')[0]}"
    assert made.is_file(), made
    return made


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    """The text plan as .txt, .doc, .wps and .pdf; the sample plan as .docx, .doc and .pdf."""
    root = tmp_path_factory.mktemp("formats")
    text = root / "plan.txt"
    text.write_text(PLAN, "utf-8")
    as_text = "Text (encoded):UTF8,LF,,,"
    files = {"txt": text}
    files["doc"] = _soffice("doc", text, root, as_text)
    files["pdf"] = _soffice("pdf", text, root, as_text)
    files["wps"] = root / "plan.wps"
    shutil.copy(files["doc"], files["wps"])
    exported = root / "export"
    done = civplan("export", str(SAMPLE), "-o", str(exported), cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    files["sample.docx"] = next(exported.glob("*.docx"))
    files["sample.pdf"] = _soffice("pdf", files["sample.docx"], exported)
    files["sample.doc"] = _soffice("doc", files["sample.docx"], exported)
    return files


def imported(path: Path, tmp: Path) -> tuple[dict, str, str]:
    """Import with the real command line; the plan's metadata, its body and the report."""
    tmp = tmp / path.name  # a folder of its own: the same plan twice would share an address
    tmp.mkdir()
    out = tmp / "plan.md"
    done = civplan("import", str(path), "--output", str(out), "--plans-dir", str(tmp), cwd=tmp)
    assert done.returncode == 0, done.stdout + done.stderr
    _, front, body = out.read_text("utf-8").split("---\n", 2)
    return yaml.safe_load(front), body, done.stdout


def kept(source: str, result: str) -> float:
    """The share of the source's sentences found whole in the result, spaces aside."""
    flat = re.sub(r"[\s\u3000#*]", "", result)
    pieces = [
        re.sub(r"[\s\u3000#*]", "", s)
        for line in source.splitlines()
        for s in re.split("(?<=[。；！？])", line)
    ]
    pieces = [p for p in pieces if p]
    return sum(p in flat for p in pieces) / len(pieces)


@pytest.mark.parametrize("kind", ["doc", "wps", "pdf"])
def test_each_format_imports_the_plan_to_the_same_fields_and_keeps_its_sentences(
    made, tmp_path, kind
):
    want, _, _ = imported(made["txt"], tmp_path)
    meta, body, report = imported(made[kind], tmp_path)
    assert {k: meta.get(k) for k in COMPARED} == {k: want.get(k) for k in COMPARED}
    assert want["unit"]["name"] == "示例县水务局" and want["year"] == 2025
    assert [s["name"] for s in want["stages"]] == ["宣传发动阶段", "组织实施阶段", "检查验收阶段"]
    assert kept(PLAN, meta["title"] + "\n" + body) >= 0.98
    assert {"doc": "Word 97 文档", "wps": "WPS 文档", "pdf": "PDF 文档"}[kind] in report


def test_a_pdf_of_the_word_export_loses_no_stage_person_or_sentence_to_the_page_layout(
    made, tmp_path
):
    """The export is justified, indented, paged and numbered “—1—” like an official document."""
    want, want_body, _ = imported(made["sample.docx"], tmp_path)
    meta, body, _ = imported(made["sample.pdf"], tmp_path)
    for key in ("title", "unit", "year", "leading_group", "stages"):
        assert meta[key] == want[key], key
    assert not re.search(r"—\s*\d+\s*—", body)  # page numbers are not text
    assert not re.search(f"[{HAN}] [{HAN}]", body)  # no “完 善”
    # running text: a table's cells wrap cell by cell on paper, so its rows are not compared
    running = [line for line in want_body.splitlines() if "\u3000" not in line]
    assert kept("\n".join(running), body) >= 0.98


def test_a_doc_saved_from_the_word_export_imports_like_the_export(made, tmp_path):
    want, _, _ = imported(made["sample.docx"], tmp_path)
    meta, _, _ = imported(made["sample.doc"], tmp_path)
    assert {k: meta.get(k) for k in COMPARED} == {k: want.get(k) for k in COMPARED}


def test_a_scanned_pdf_says_it_has_no_text_and_what_to_do(tmp_path):
    """A PDF whose page is a picture: a drawn shape and no text at all, as a scanner makes."""
    scan = tmp_path / "扫描件.pdf"
    scan.write_bytes(_picture_only_pdf())
    done = civplan("import", str(scan), "--plans-dir", str(tmp_path), cwd=tmp_path)
    assert done.returncode != 0
    assert "没有文字层" in done.stderr and "PDF 转 Word" in done.stderr
    assert "Traceback" not in done.stderr and not list(tmp_path.glob("*.md"))


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("旧方案.doc", "这其实是一份纯文本。".encode(), "不是有效的 Word 97–2003 或 WPS 文档"),
        ("旧方案.wps", b"PK\x03\x04 not an OLE file", "不是有效的 Word 97–2003 或 WPS 文档"),
        ("旧方案.pdf", "不是PDF".encode(), "不是有效的 PDF 文件"),
        ("旧方案.pdf", b"%PDF-1.4\n%broken beyond repair", "PDF 文件已损坏或加了密码"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_gets_a_chinese_message(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    done = civplan("import", str(path), "--plans-dir", str(tmp_path), cwd=tmp_path)
    assert done.returncode != 0 and words in done.stderr and "Traceback" not in done.stderr


def test_a_doc_larger_than_any_plan_is_refused_unread(tmp_path):
    path = tmp_path / "大文件.doc"
    path.write_bytes(convert.OLE_MAGIC + b"\0" * 21_000_000)
    done = civplan("import", str(path), "--plans-dir", str(tmp_path), cwd=tmp_path)
    assert done.returncode != 0 and "超过 20 MB" in done.stderr


def test_a_converter_that_hangs_is_stopped_with_a_chinese_message(tmp_path, monkeypatch):
    """A .doc that makes LibreOffice hang: a stand-in soffice that never finishes."""
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nsleep 30\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:/usr/bin:/bin")
    monkeypatch.setattr(convert, "CONVERT_SECONDS", 1)
    path = tmp_path / "卡住.doc"
    path.write_bytes(convert.OLE_MAGIC + b"\0" * 512)
    with pytest.raises(InputError, match="在 1 秒内没有读完这个文件"):
        read_source(path)


def test_a_machine_without_libreoffice_is_told_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    path = tmp_path / "旧方案.doc"
    path.write_bytes(convert.OLE_MAGIC + b"\0" * 512)
    with pytest.raises(InputError, match="libreoffice-writer-nogui"):
        read_source(path)


def test_a_converter_runs_under_a_memory_cap(tmp_path, monkeypatch):
    """The cap is set in the converter's own process: a stand-in soffice reports its limit."""
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\nulimit -v > {tmp_path}/limit\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:/usr/bin:/bin")
    path = tmp_path / "旧方案.doc"
    path.write_bytes(convert.OLE_MAGIC + b"\0" * 512)
    with pytest.raises(InputError, match="无法读取这个文件"):
        read_source(path)
    assert int((tmp_path / "limit").read_text()) == convert.MEMORY_BYTES // 1024


def _picture_only_pdf() -> bytes:
    """A one-page PDF that paints a grey rectangle and holds no text: a scan's shape."""
    content = b"0.5 g 72 72 451 698 re f"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out
