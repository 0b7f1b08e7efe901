"""`make edit`: the web editor on this computer, saving straight into the working tree.

Serves /admin/ (the committed Decap bundle, with a config.yml generated on every request, so
a schema or template change shows at the next reload) and answers Decap's local-backend API
(POST /api/v1, the protocol of decap-server's file-system mode: info, entriesByFolder,
entriesByFiles, getEntry, persistEntry, getMedia, deleteFile, …).

Why not decap-server itself: it is a Node.js program (express, simple-git), and nothing on
PyPI serves that API, so the project's own promise (Python 3.11, git and make only) would
break. The API is small; this answers it with the standard library, on 127.0.0.1 only, and
reads and writes only inside the plan and media folders.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import contextlib
import hashlib
import json
import mimetypes
import os
import re
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from civplan.cli import cms_check
from civplan.model import uploads
from civplan.model.problems import Problem, has_errors
from civplan.model.text import WIDE
from civplan.site import cms

ADMIN = "/admin/"
CHINESE = re.compile(f"[{WIDE}]")
"""A message a person wrote for the editor (a library's own error is in English)."""
PLANS = "plans"
FOLDERS = (PLANS, uploads.FOLDER)
"""The only folders the editor reads, lists, writes or deletes in: the collection folder (where
Decap keeps every plan, whichever template it came from) and the media folder."""
MAX_BODY = 8 * 1024 * 1024
"""The largest request body read: a plan is some tens of KB, an upload a few MB (base64)."""
OUTSIDE = "编辑器只能读写 plans/ 和 docs/assets/uploads/ 中的文件（不含以“.”开头的文件和符号链接）"


class Refused(Exception):
    """A request for a path outside FOLDERS, a dotfile, a symlink or a disallowed upload."""


class Unsaved(Exception):
    """A plan the check refuses: nothing was written; the problems go back to the editor."""

    def __init__(self, relative: str, text: str, problems: list[Problem]):
        super().__init__(cms_check.summary(problems, relative))
        self.problems = cms_check.described(problems, text, relative)


class BadRequest(Exception):
    """A request the server does not read: wrong length, too large, not JSON, too deep."""


class Repository:
    """The files Decap reads and writes, as decap-server's file-system mode answers for them."""

    def __init__(self, root: Path):
        self.root = root.resolve()

    def path(self, relative: str) -> Path:
        """The file `relative` names, if it lies in one of FOLDERS: judged on the name as written
        (no `..`, no dot-part) and then on the disk (no symlink at any level, still inside)."""
        name = PurePosixPath(relative)
        parts = name.parts
        if name.is_absolute() or not parts or any(p.startswith(".") or "\\" in p for p in parts):
            raise Refused(f"{relative}：{OUTSIDE}")
        folder = next((f for f in FOLDERS if name.is_relative_to(f)), None)
        if folder is None:
            raise Refused(f"{relative}：{OUTSIDE}")
        target = self.root.joinpath(*parts)
        steps = [self.root.joinpath(*parts[:n]) for n in range(1, len(parts) + 1)]
        if any(step.is_symlink() for step in steps) or not target.resolve().is_relative_to(
            self.root / folder
        ):
            raise Refused(f"{relative}：{OUTSIDE}")
        return target

    def entry(self, relative: str) -> dict:
        try:
            content = self.path(relative).read_bytes()
        except FileNotFoundError:
            return {"data": None, "file": {"path": relative, "id": None}}
        digest = hashlib.sha256(content).hexdigest()
        return {"data": content.decode("utf-8"), "file": {"path": relative, "id": digest}}

    def listing(self, folder: str, extension: str, depth: int) -> list[str]:
        """Files under `folder` to `depth` levels, never a dotfile or anything behind a symlink."""
        base = self.path(folder)
        found = []
        for where, folders, files in os.walk(base):  # os.walk does not enter linked folders
            folders[:] = [f for f in folders if not f.startswith(".")]
            level = len(Path(where).relative_to(base).parts) + 1
            for name in files if level <= max(int(depth), 1) else []:
                path = Path(where, name)
                if name.startswith(".") or path.is_symlink() or not name.endswith(extension or ""):
                    continue
                found.append(path.relative_to(self.root).as_posix())
        return sorted(found)

    def write(self, relative: str, content: bytes) -> None:
        target = self.path(relative)
        allowed(relative, content)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)

    def text(self, relative: str) -> str | None:
        """The file's text on disk, None when there is none."""
        try:
            return self.path(relative).read_text("utf-8")
        except (FileNotFoundError, UnicodeDecodeError):
            return None

    def delete(self, relative: str) -> None:
        self.path(relative).unlink(missing_ok=True)

    def media(self, relative: str) -> dict:
        content = self.path(relative).read_bytes()
        return {
            "id": hashlib.sha256(content).hexdigest(),
            "content": base64.b64encode(content).decode("ascii"),
            "encoding": "base64",
            "path": relative,
            "name": Path(relative).name,
        }


def decoded(asset: dict) -> bytes:
    try:
        return base64.b64decode(asset["content"], validate=True)
    except (binascii.Error, TypeError) as err:
        raise ValueError(f"{asset.get('path')}：上传的内容不是 base64 编码。") from err


def allowed(relative: str, content: bytes) -> None:
    """Plans are Markdown files; uploads one of the types civplan.model.uploads allows."""
    if PurePosixPath(relative).is_relative_to(uploads.FOLDER):
        reason = uploads.refusal(relative, content[: uploads.HEAD])
        if reason:
            raise ValueError(reason)
    elif not relative.endswith(".md"):
        raise ValueError(f"{relative}：plans/ 中只能保存方案文件（.md）。")


def answer(repo: Repository, action: str, params: dict):
    """One API call: the JSON decap-server's file-system mode would send back."""
    if action == "info":
        return {"repo": repo.root.name, "publish_modes": ["simple"], "type": "local_fs"}
    if action == "entriesByFolder":
        files = repo.listing(params["folder"], params.get("extension", ""), params.get("depth", 1))
        return [repo.entry(f) for f in files]
    if action == "entriesByFiles":
        return [repo.entry(f["path"]) for f in params["files"]]
    if action == "getEntry":
        return repo.entry(params["path"])
    if action == "persistEntry":
        return persist(repo, params)
    if action == "getMedia":
        return [repo.media(f) for f in repo.listing(params["mediaFolder"], "", 1)]
    if action == "getMediaFile":
        return repo.media(params["path"])
    if action == "persistMedia":
        asset = params["asset"]
        repo.write(asset["path"], decoded(asset))
        return repo.media(asset["path"])
    if action in ("deleteFile", "deleteFiles"):
        for path in params.get("paths") or [params["path"]]:
            repo.delete(path)
        return {"message": "deleted"}
    if action == "getDeployPreview":
        return None
    if action == "civplanCheck":  # the editor's 检查 button: the same check, nothing written
        relative, text = params["path"], params["raw"]
        found = cms_check.problems(repo.root, relative, text, repo.text(relative))
        problems = cms_check.described(found, text, relative)
        return {"problems": problems, "path": cms_check.new_name(relative, text)}
    raise KeyError(action)


def persist(repo: Repository, params: dict) -> dict:
    """Save an entry with its assets: every path, every upload and every plan judged before
    anything is written, so a refused picture or a plan `civplan check` refuses leaves
    everything unsaved (Decap shows the message). A new plan is written under its address."""
    files = params.get("dataFiles") or [params["entry"]]
    writes = [(_target(repo, f), f["raw"].encode("utf-8")) for f in files]
    writes += [(a["path"], decoded(a)) for a in params.get("assets") or []]
    moves = [(f["path"], f["newPath"]) for f in files if f.get("newPath")]
    for relative, content in writes:
        repo.path(relative)
        allowed(relative, content)
    for old, new in moves:  # the moved file keeps its bytes: judged under its new name
        repo.path(new)
        allowed(new, repo.path(old).read_bytes())
    warnings = [
        w for f, (path, _) in zip(files, writes, strict=False) for w in judged(repo, f, path)
    ]
    for relative, content in writes:
        repo.write(relative, content)
    for old, new in moves:
        repo.path(old).rename(repo.path(new))
    return {"message": "entry persisted", "path": writes[0][0], "warnings": warnings}


def _target(repo: Repository, file: dict) -> str:
    """Where a plan is written: a new one (nothing on disk, not moved) under its address."""
    relative = file["path"]
    if not _is_plan(relative) or file.get("newPath") or repo.path(relative).exists():
        return relative
    return cms_check.new_name(relative, file["raw"])


def _is_plan(relative: str) -> bool:
    return PurePosixPath(relative).parent == PurePosixPath(PLANS) and relative.endswith(".md")


def judged(repo: Repository, file: dict, relative: str) -> list[dict]:
    """The plan's warnings; Unsaved when the check finds an error."""
    if not _is_plan(relative):
        return []
    text = file["raw"]
    found = cms_check.problems(repo.root, relative, text, repo.text(file["path"]))
    if has_errors(found):
        raise Unsaved(relative, text, found)
    return cms_check.described(found, text, relative)


class Handler(BaseHTTPRequestHandler):
    repo: Repository
    admin_dir: Path
    server_version = "civplan-edit"
    timeout = 10
    """Seconds a request may take to arrive: a stalled client cannot hold a thread longer."""

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        """Only the saves and the failures: a page load is some hundred requests."""
        if self.command == "POST" or not str(args[1] if len(args) > 1 else "").startswith("2"):
            sys.stderr.write(f"{self.command} {self.path} {' '.join(map(str, args[1:]))}\n")

    def do_GET(self) -> None:
        if not self.own_host():
            return
        path = urlsplit(self.path).path
        if path in ("/", "/admin"):
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", ADMIN)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path in (ADMIN, ADMIN + "index.html"):
            page = cms.index_html(cms.csp({}, self.own_url()), cms.template_ids(self.repo.root))
            self.reply(page.encode(), "text/html")
        elif path == ADMIN + "config.yml":
            text = cms.config_text(self.repo.root, local_url=self.own_url() + "/api/v1")
            self.reply(text.encode(), "text/yaml")
        elif path.startswith(ADMIN):
            self.static(path.removeprefix(ADMIN))
        else:
            self.refuse(HTTPStatus.NOT_FOUND, "编辑器没有这个页面，请打开 /admin/。")

    def static(self, relative: str) -> None:
        target = (self.admin_dir / relative).resolve()
        if not target.is_relative_to(self.admin_dir) or not target.is_file():
            self.refuse(HTTPStatus.NOT_FOUND, "编辑器没有这个文件。")
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self.reply(target.read_bytes(), kind, cache="max-age=600")

    def do_POST(self) -> None:
        if not self.own_host():
            return
        if urlsplit(self.path).path != "/api/v1" or not self.same_origin():
            self.refuse(HTTPStatus.FORBIDDEN, "编辑器只回答它自己页面（/admin/）的请求。")
            return
        try:
            body = self.json_body()
            result = answer(self.repo, body["action"], body.get("params") or {})
        except BadRequest as err:
            self.close_connection = True  # the rest of the body, if any, is never read
            self.refuse(err.args[1], f"请求无法处理：{err.args[0]}")
        except Refused as err:
            self.refuse(HTTPStatus.FORBIDDEN, f"不能读写 {err}")
        except Unsaved as err:
            self.refuse(HTTPStatus.UNPROCESSABLE_ENTITY, str(err), problems=err.problems)
        except (KeyError, TypeError, AttributeError) as err:
            self.refuse(HTTPStatus.UNPROCESSABLE_ENTITY, f"请求缺少或写错了字段 {err}。")
        except ValueError as err:  # ours say in Chinese what is wrong; a library's, not
            said = str(err) if CHINESE.search(str(err)) else "文件名或内容不合要求，请检查后再试。"
            self.refuse(HTTPStatus.UNPROCESSABLE_ENTITY, said)
        except OSError:  # never the system's English words, nor the server's own paths
            message = "无法读写这个路径：它可能是一个文件夹，或名字中有不允许的字符。"
            self.refuse(HTTPStatus.UNPROCESSABLE_ENTITY, message)
        else:
            self.reply(json.dumps(result, ensure_ascii=False).encode(), "application/json")

    def json_body(self) -> dict:
        """The request's JSON, read only when its declared length is a plain number within
        MAX_BODY; nesting deeper than the parser's recursion limit is refused, not crashed on."""
        length = self.headers.get("Content-Length", "")
        if not re.fullmatch(r"[0-9]{1,12}", length.strip()):
            raise BadRequest("缺少或写错了请求长度（Content-Length）。", HTTPStatus.BAD_REQUEST)
        if int(length) > MAX_BODY:
            limit = f"请求超过 {MAX_BODY // 1024 // 1024} MB。上传的文件请先压缩。"
            raise BadRequest(limit, HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        try:
            body = json.loads(self.rfile.read(int(length)))
        except TimeoutError as err:
            slow = f"请求在 {self.timeout} 秒内没有传完，连接已关闭。"
            raise BadRequest(slow, HTTPStatus.REQUEST_TIMEOUT) from err
        except (ValueError, RecursionError) as err:
            raise BadRequest("请求不是编辑器发送的 JSON。", HTTPStatus.BAD_REQUEST) from err
        if not isinstance(body, dict):
            raise BadRequest("请求不是编辑器发送的 JSON。", HTTPStatus.BAD_REQUEST)
        return body

    def own_host(self) -> bool:
        """Answer only requests addressed to this server by its own loopback name and port: a
        page whose domain re-resolves to 127.0.0.1 (DNS rebinding) still sends its own Host."""
        port = self.server.server_address[1]
        if self.headers.get("Host", "") in (f"127.0.0.1:{port}", f"localhost:{port}"):
            return True
        self.close_connection = True
        self.refuse(
            HTTPStatus.MISDIRECTED_REQUEST,
            f"编辑器只接受发给 http://localhost:{port} 或 http://127.0.0.1:{port} 的请求。"
            "请在地址栏打开这两个地址之一。",
        )
        return False

    def same_origin(self) -> bool:
        """Refuse other web sites' pages: they could otherwise post to this port."""
        origin = self.headers.get("Origin")
        return origin is None or origin == self.own_url()

    def own_url(self) -> str:
        return f"http://{self.headers['Host']}"  # checked by own_host before any use

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own refusals (a malformed request line, an unknown method) in Chinese,
        as JSON, never its English page."""
        self.close_connection = True
        self.refuse(code, f"编辑器无法处理这个请求（HTTP {int(code)}）。")

    def refuse_method(self) -> None:
        self.refuse(HTTPStatus.METHOD_NOT_ALLOWED, "编辑器只接受 GET 和 POST 请求。")

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_HEAD = do_TRACE = do_CONNECT = refuse_method

    def refuse(self, status: int, message: str, **more) -> None:
        """An error Decap shows as it is: JSON with the Chinese message under "error"."""
        content = json.dumps({"error": message, **more}, ensure_ascii=False).encode()
        self.reply(content, "application/json", status)

    def reply(self, content: bytes, kind: str, status: int = 200, cache: str = "no-store") -> None:
        self.send_response(status)
        charset = "; charset=utf-8" if kind.startswith("text/") or kind.endswith("json") else ""
        self.send_header("Content-Type", kind + charset)
        self.send_header("Content-Length", str(len(content)))
        self.send_header("Cache-Control", cache)  # the 6 MB bundle once; config.yml every time
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(content)


def serve(root: Path, port: int) -> ThreadingHTTPServer:
    handler = type("BoundHandler", (Handler,), {"repo": Repository(root)})
    handler.admin_dir = (root / "docs" / "admin").resolve()
    return ThreadingHTTPServer(("127.0.0.1", port), handler)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="在本机打开网页编辑器，保存直接写入 plans/。")
    parser.add_argument("--port", type=int, default=8081, help="端口，默认 8081")
    parser.add_argument("--root", type=Path, default=Path("."), help="仓库目录，默认当前目录")
    args = parser.parse_args(argv)
    try:
        server = serve(args.root, args.port)
    except OSError as err:
        print(
            f"无法在端口 {args.port} 启动编辑器（{err.strerror}）。请换一个端口：make edit PORT=8082",
            file=sys.stderr,
        )
        return 1
    print(f"网页编辑器：http://localhost:{server.server_address[1]}/admin/ （按 Ctrl+C 停止）")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
