"""Old Word (.doc), WPS (.wps) and PDF files, turned into what the importer reads.

.doc and .wps go through LibreOffice headless (Debian: libreoffice-writer-nogui) into a .docx
in a temporary folder; PDF text comes from poppler's pdftotext (Debian: poppler-utils). Both are
programs outside Python, so each runs with a time limit and a memory cap, and a file they choke
on stops the import with a Chinese message, never a traceback.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import tempfile
from pathlib import Path

from civplan.model.errors import InputError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97 .doc and WPS .wps: an OLE compound file
RTF_MAGIC = b"{\\rtf"  # many “.doc” files saved by other programs are RTF
PDF_MAGIC = b"%PDF-"
CONVERT_SECONDS = 90
"""LibreOffice's first start in a fresh profile takes a few seconds; a plan converts in one."""
PDF_SECONDS = 30
MEMORY_BYTES = 3_000_000_000
INSTALL = "（Debian/Ubuntu：sudo apt-get install {package}）"


def _capped() -> None:
    """Runs in the child before it starts: a converter that runs away hits a memory wall."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def _run(args: list[str], seconds: int, path: Path, program: str, package: str):
    try:
        return subprocess.run(
            args, capture_output=True, timeout=seconds, preexec_fn=_capped, check=False
        )
    except FileNotFoundError as err:
        raise InputError(
            f"{path}：导入这种文件需要 {program}，这台电脑上没有安装。"
            f"请安装后再导入{INSTALL.format(package=package)}，或先把文件另存为 .docx 或 .txt。"
        ) from err
    except subprocess.TimeoutExpired as err:
        raise InputError(
            f"{path}：{program} 在 {seconds} 秒内没有读完这个文件，导入已停止。"
            "文件可能过大或已损坏：请用 Word 或 WPS 打开后另存为 .docx，再导入。"
        ) from err


def office_to_docx(path: Path, raw: bytes, workdir: Path) -> Path:
    """A .doc or .wps converted to a .docx inside `workdir` (which the caller removes)."""
    if not (raw.startswith(OLE_MAGIC) or raw.startswith(RTF_MAGIC)):
        raise InputError(
            f"{path}：不是有效的 Word 97–2003 或 WPS 文档（文件开头不是这种格式应有的内容），"
            "可能已损坏或只是改了扩展名。请用 Word 或 WPS 打开它，另存为 .docx 再导入。"
        )
    program = shutil.which("soffice") or "soffice"
    # a profile of its own: a LibreOffice the editor has open (or another import) never blocks it
    profile = (workdir / "profile").as_uri()
    source = workdir / f"source{path.suffix.lower()}"
    source.write_bytes(raw)
    args = [program, "--headless", "--norestore", f"-env:UserInstallation={profile}"]
    args += ["--convert-to", "docx:MS Word 2007 XML", "--outdir", str(workdir / "out"), str(source)]
    _run(args, CONVERT_SECONDS, path, "LibreOffice", "libreoffice-writer-nogui")
    converted = workdir / "out" / "source.docx"
    if not converted.is_file():
        raise InputError(
            f"{path}：LibreOffice 无法读取这个文件，它可能已损坏或加了密码。"
            "请用 Word 或 WPS 打开它（如有密码请先取消），另存为 .docx 再导入。"
        )
    return converted


def pdf_pages(path: Path, raw: bytes) -> list[str]:
    """The text of each page of a PDF, laid out as printed (pdftotext -layout)."""
    if not raw.startswith(PDF_MAGIC):
        raise InputError(
            f"{path}：不是有效的 PDF 文件（文件开头不是“%PDF-”），可能已损坏或只是改了扩展名。"
            "请重新导出 PDF，或另存为 .docx 再导入。"
        )
    with tempfile.TemporaryDirectory(prefix="civplan-pdf-") as workdir:
        source = Path(workdir) / "source.pdf"
        source.write_bytes(raw)
        program = shutil.which("pdftotext") or "pdftotext"
        args = [program, "-layout", "-enc", "UTF-8", "-eol", "unix", str(source), "-"]
        done = _run(args, PDF_SECONDS, path, "pdftotext（poppler）", "poppler-utils")
    if done.returncode != 0:
        raise InputError(
            f"{path}：PDF 文件已损坏或加了密码，读不出文字。"
            "请用原来的 Word 或 WPS 文件导入，或取消密码后重新导出 PDF。"
        )
    pages = done.stdout.decode("utf-8", "replace").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages
