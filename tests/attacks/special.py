"""The payloads that are not one plan file: a git history (forged or leaking), a file to import."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import lxml.html

from attacks import scan
from attacks.harness import (
    CHINESE,
    CIVPLAN,
    CRASHED,
    NEUTRALISED,
    REACHED,
    REFUSED,
    Outcome,
    _last_error,
    build_site,
    number,
    run,
)
from attacks.payloads import HISTORY, Payload

from conftest import SAMPLE, git, make_project

SAMPLE_TEXT = SAMPLE.read_text("utf-8")
OLDER = SAMPLE_TEXT.replace("不低于90分", "不低于85分", 1)
AUTHOR = "真实作者"
FORGED_DATE = "2020-01-01T00:00:00+08:00"
MOBILE, ID_NUMBER = "13812345678", "11010519491231002X"
PERSONAL = f"联系人王某，手机{MOBILE}，身份证号{ID_NUMBER}。"


def attempt(payload: Payload, campaign) -> Outcome:
    root = campaign._fresh()
    if payload.kind == HISTORY:
        return _history(payload, root)
    return _import(payload, root)


# --- history -------------------------------------------------------------------------------


def _commit(root: Path, text: str, subject: str, author: str, date: str) -> str:
    (root / "plans" / SAMPLE.name).write_text(text, "utf-8")
    (root / ".git-message").write_text(subject, "utf-8")
    git(root, "add", "plans", "docs", "mkdocs.yml")
    message = str(root / ".git-message")
    git(root, "commit", "-q", "--cleanup=verbatim", "-F", message, author=author, date=date)
    return git(root, "rev-parse", "HEAD").strip()


def _versions(payload: Payload, root: Path) -> list[str]:
    """Commit the two versions the payload names; return their hashes, oldest first."""
    n = number(payload)
    older, newer = OLDER, SAMPLE_TEXT
    subject, author = "修订目标", AUTHOR
    if payload.name == "history-privacy-body-removed":
        older = SAMPLE_TEXT.replace("坚持以人民健康为中心", PERSONAL + "坚持以人民健康为中心", 1)
    elif payload.name == "history-privacy-meta-removed":
        older = SAMPLE_TEXT.replace(
            "主持领导小组会议", f"主持领导小组会议，手机{MOBILE}，身份证号{ID_NUMBER}", 1
        )
    elif payload.name == "history-subject-xss":
        subject = f"修订<img src=x onerror=alert({n})>"
    elif payload.name == "history-author-xss":
        author = f'示例" onmouseover="alert({n})" x="'
    first = _commit(root, older, "初稿", AUTHOR, "2026-05-01T10:00:00+08:00")
    if payload.name == "history-forged-record":
        subject = f"修订目标\x1e{first}\x1f{FORGED_DATE}\x1f示例市文明办主任\x1f伪造的说明"
    elif payload.name == "history-record-separator-only":
        subject = "修订\x1e目标"
    elif payload.name == "history-unit-separator-only":
        subject = "修订\x1f伪造作者\x1f目标"
    return [first, _commit(root, newer, subject, author, "2026-05-10T10:00:00+08:00")]


def _history(payload: Payload, root: Path) -> Outcome:
    make_project(root, {SAMPLE.name: OLDER})
    git(root, "init", "-q")
    hashes = _versions(payload, root)
    result = build_site(root)
    outcome = Outcome(payload, NEUTRALISED, runs=[result])
    if result.killed or result.traceback or result.returncode:
        outcome.verdict, outcome.detail = CRASHED, "build: " + _last_error(result.output)
        return outcome
    pages = sorted((root / "site" / "plans").glob("*/history/index.html"))
    text = "".join(_text(page) for page in pages)
    problem = _history_problem(payload, text, hashes, root / "site")
    if problem:
        outcome.verdict, outcome.detail = REACHED, problem
    return outcome


def _text(page: Path) -> str:
    return re.sub(r"\s+", "", lxml.html.parse(str(page)).getroot().text_content())


def _history_problem(payload: Payload, text: str, hashes: list[str], site: Path) -> str:
    """What the history page shows that it must not (empty if nothing)."""
    # the public page names no commit (issue 26): the real versions are those open data lists
    # for the maintainers, and the page shows one section for each of them and no other
    missing = [h[:10] for h in hashes if h not in _maintainers_commits(site)]
    if missing:
        return f"open data lacks the real version(s) {', '.join(missing)}"
    shown = sum(
        len(lxml.html.parse(str(page)).getroot().find_class("civ-version"))
        for page in (site / "plans").glob("*/history/index.html")
    )
    if shown != len(hashes):
        return f"history pages show {shown} versions, the repository has {len(hashes)}"
    if (
        "2020-01-0100:00" in text
        or "修改人：示例市文明办主任" in text
        or "修改人：伪造作者" in text
    ):
        return "history page shows a forged version (date or author from a commit subject)"
    if "privacy" in payload.name:
        leaked = [s for s in (MOBILE, ID_NUMBER) if s in text or s in _other_files(site)]
        return f"site publishes removed personal data {', '.join(leaked)}" if leaked else ""
    found = [f for f in scan.findings(site, set()) if f"alert({number(payload)})" in f.what]
    return str(found[0])[:200] if found else ""


def _maintainers_commits(site: Path) -> set[str]:
    data = json.loads((site / "data" / "plans.json").read_text("utf-8"))
    return {c["commit"] for plan in data["plans"] for c in plan["maintainers"]["commits"]}


def _other_files(site: Path) -> str:
    """Every text file of the site but the HTML pages (feeds, open data, search index)."""
    suffixes = {".json", ".xml", ".txt", ".md", ".js", ".csv"}
    return "".join(p.read_text("utf-8", "replace") for p in site.rglob("*") if p.suffix in suffixes)


# --- import --------------------------------------------------------------------------------

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TITLE = "示例市第一人民医院2026年创建市级文明单位实施方案"


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def write_docx(path: Path, chunks, doctype: str = "") -> Path:
    """A minimal .docx whose document.xml is streamed from chunks (never held in memory)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(f'<?xml version="1.0" encoding="UTF-8"?>{doctype}'.encode())
            member.write(f'<w:document xmlns:w="{W}"><w:body>'.encode())
            for chunk in chunks:
                member.write(chunk)
            member.write(b"</w:body></w:document>")
    return path


def _bomb_chunks():
    chunk = (_paragraph("开展文明创建活动，提升服务水平。") * 12_000).encode()  # ~1 MB
    for _ in range(1_000_000_000 // len(chunk)):
        yield chunk


def _plan_text() -> str:
    block = (
        "一、指导思想\n坚持以人民为中心，把文明创建与业务工作结合起来。\n"
        "二、创建目标\n年底前通过市级文明单位测评。\n"
        "三、主要任务\n（一）开展志愿服务。\n1. 每月组织一次志愿服务活动，责任部门：办公室。\n"
        "四、实施步骤\n宣传发动阶段（2026年3月）：召开动员大会。\n"
    )
    return TITLE + "\n" + block * (10_000_000 // len(block.encode()))


def _source(payload: Payload, root: Path) -> tuple[Path, str]:
    """The file to import and a secret that must not come out of it."""
    secret = f"civplan-xxe-secret-{number(payload)}"
    (root / "secret.txt").write_text(secret, "utf-8")
    head = [_paragraph(TITLE).encode(), _paragraph("一、指导思想").encode()]
    if payload.name == "import-docx-zip-bomb":
        return write_docx(root / "bomb.docx", _bomb_chunks()), secret
    if payload.name == "import-txt-10MB":
        path = root / "big.txt"
        path.write_text(_plan_text(), "utf-8")
        return path, secret
    if payload.name == "import-docx-xxe":
        doctype = f'<!DOCTYPE d [<!ENTITY x SYSTEM "file://{root / "secret.txt"}">]>'
        return write_docx(root / "xxe.docx", [*head, _paragraph("&x;").encode()], doctype), secret
    entities = '<!ENTITY a0 "文明文明文明文明文明文明文明文明文明文明">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    doctype = f"<!DOCTYPE d [{entities}]>"
    return write_docx(root / "laughs.docx", [*head, _paragraph("&a9;").encode()], doctype), secret


def _import(payload: Payload, root: Path) -> Outcome:
    make_project(root, {})
    source, secret = _source(payload, root)
    result = run([CIVPLAN, "import", str(source), "--plans-dir", "plans"], root)
    outcome = Outcome(payload, REFUSED if result.returncode else NEUTRALISED, runs=[result])
    written = "".join(p.read_text("utf-8", "replace") for p in (root / "plans").rglob("*.md"))
    if result.killed or result.traceback or "MemoryError" in result.output:
        outcome.verdict, outcome.detail = CRASHED, "import: " + _last_error(result.output)
    elif result.returncode and not CHINESE.search(result.output):
        outcome.verdict, outcome.detail = CRASHED, "import failed without a Chinese message"
    elif secret in written or secret in result.output:
        outcome.verdict, outcome.detail = REACHED, "a local file's content came into the draft"
    elif payload.name == "import-docx-zip-bomb" and not result.returncode:
        outcome.verdict, outcome.detail = CRASHED, "inflated a 1 GB document.xml and accepted it"
    else:
        outcome.detail = _last_error(result.output) if result.returncode else ""
    return outcome
