"""What may sit in docs/assets/uploads/: PNG, JPEG, GIF and WebP images and PDF files, known by
their first bytes, whose file name's extension says the same thing.

The bytes, because a browser runs what a file is (an SVG or HTML file runs its scripts on the
site's origin), and the extension too, because a web server picks the Content-Type from it: a
PNG named x.html would be served as a page. Everything else is refused, not listed as bad:
SVG, HTML, JS, CSS, Markdown, dotfiles, symlinks and any type not named here.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from civplan.model.loader import SYMLINK
from civplan.model.problems import Problem

FOLDER = "docs/assets/uploads"
"""The media folder, relative to the project root (Decap's media_folder)."""
RULE = "upload-type"
ALLOWED = "上传文件夹只允许 PNG、JPEG、GIF、WebP 图片和 PDF 文件"
HEAD = 12
"""Bytes read from a file: enough for every signature below (WebP's is at offset 8)."""

SIGNATURES = {
    "PNG": (b"\x89PNG\r\n\x1a\n",),
    "JPEG": (b"\xff\xd8\xff",),
    "GIF": (b"GIF87a", b"GIF89a"),
    "PDF": (b"%PDF-",),
}
EXTENSIONS = {
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".gif": "GIF",
    ".webp": "WebP",
    ".pdf": "PDF",
}


def kind_of(head: bytes) -> str | None:
    """The allowed type these first bytes begin, or None."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    return next((k for k, marks in SIGNATURES.items() if head.startswith(marks)), None)


def refusal(name: str, head: bytes) -> str | None:
    """None when a file of this name beginning with these bytes may be published, else why not
    (in Chinese, for the editor who added it)."""
    shown = PurePosixPath(name).name
    claimed = EXTENSIONS.get(PurePosixPath(name).suffix.lower())
    if any(part.startswith(".") for part in PurePosixPath(name).parts) or claimed is None:
        return (
            f"文件“{shown}”不能发布：{ALLOWED}（扩展名 .png .jpg .jpeg .gif .webp .pdf）。"
            "SVG、网页、脚本、样式表和 Markdown 文件会在本站的域名下运行或成为页面，请删去它；"
            "图片请另存为 PNG 或 JPEG 再上传。"
        )
    folders = [part for part in PurePosixPath(name).parts[:-1] if "." in part]
    if folders:  # a folder "x.html" is served, and read by the build, as if it were a page
        return (
            f"文件夹名“{folders[0]}”不能带“.”：网站会把这样的文件夹当成网页或文件。"
            "请把文件夹改成不带点的名字（例如 2026-03）。"
        )
    actual = kind_of(head[:HEAD])
    if actual != claimed:
        found = f"{actual} 文件" if actual else "无法识别的内容"
        return (
            f"文件“{shown}”的扩展名说它是 {claimed}，内容却是{found}。"
            f"{ALLOWED}，而且扩展名必须与文件内容一致；请用图片软件另存为正确的格式再上传。"
        )
    return None


def file_refusal(path: Path, folder: Path) -> str | None:
    """`refusal` for a file on disk inside `folder`; a symlink (at any level below the project's
    docs/) or anything but a regular file is refused without being opened."""
    relative = path.relative_to(folder).as_posix()
    linked = [p for p in [*reversed(path.parents), path] if p.is_relative_to(folder.parent.parent)]
    if any(p.is_symlink() for p in linked) or not stat.S_ISREG(path.lstat().st_mode):
        return f"“{relative}”是符号链接或特殊文件，不能发布：{ALLOWED}，请放入文件本身。"
    with path.open("rb") as handle:
        return refusal(relative, handle.read(HEAD))


def folder_problems(root: Path) -> list[Problem]:
    """Every file under root/docs/assets/uploads that may not be published, as problems whose
    paths are relative to `root` (so `civplan check` prints docs/assets/uploads/x.svg:1)."""
    folder = root / FOLDER
    if not folder.exists() and not folder.is_symlink():
        return []
    found = [folder] if folder.is_symlink() else []
    for where, folders, files in os.walk(folder):  # never enters a linked folder
        found += [Path(where, n) for n in folders if Path(where, n).is_symlink()]
        found += [Path(where, n) for n in files]
    problems = []
    for path in sorted(found):
        shown = path.relative_to(root).as_posix()
        if path.is_symlink():  # in the words and under the id the tree's walk uses: said once
            problems.append(Problem(shown, 1, SYMLINK, "symlink"))
        elif reason := file_refusal(path, folder):
            problems.append(Problem(shown, 1, reason, RULE))
    return problems


def published_problems(files: list[tuple[str, str]], docs: Path, root: Path) -> list[Problem]:
    """The build's last wall: of the files MkDocs is about to publish, as (src_uri, source
    path), those in the uploads folder that may not be published (a Markdown page there among
    them). The check chain has normally stopped the build already; this also holds for builds
    that did not load the plans folder whole."""
    folder = docs / PurePosixPath(FOLDER).relative_to("docs")
    problems = []
    for src_uri, source in files:
        path = docs / src_uri
        if not path.is_relative_to(folder):
            continue
        reason = file_refusal(path, folder) if source and Path(source) == path else None
        reason = reason or (None if source else f"“{src_uri}”不能在上传文件夹中生成：{ALLOWED}。")
        if reason:
            shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
            problems.append(Problem(shown, 1, reason, RULE))
    return problems
