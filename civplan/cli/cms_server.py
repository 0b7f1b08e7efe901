"""`make edit`: the web editor on this computer, saving straight into the working tree.

Serves /admin/ (the committed Decap bundle, with a config.yml generated on every request, so
a schema or template change shows at the next reload) and answers Decap's local-backend API
(POST /api/v1, the protocol of decap-server's file-system mode: info, entriesByFolder,
entriesByFiles, getEntry, persistEntry, getMedia, deleteFile, …).

Why not decap-server itself: it is a Node.js program (express, simple-git), and nothing on
PyPI serves that API, so the project's own promise (Python 3.11, git and make only) would
break. The API is small; this answers it with the standard library, on 127.0.0.1 only, and
writes only inside the plan and media folders.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import hashlib
import json
import mimetypes
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from civplan.site import cms

ADMIN = "/admin/"
WRITABLE = ("plans", "docs/assets/uploads")
"""The only folders the editor may write to or delete from (the collection and media folders)."""


class Refused(Exception):
    """A request for a path outside the repository or outside WRITABLE."""


class Repository:
    """The files Decap reads and writes, as decap-server's file-system mode answers for them."""

    def __init__(self, root: Path):
        self.root = root.resolve()

    def path(self, relative: str, writing: bool = False) -> Path:
        target = (self.root / relative).resolve()
        if not target.is_relative_to(self.root):
            raise Refused(relative)
        if writing and not any(target.is_relative_to(self.root / w) for w in WRITABLE):
            raise Refused(relative)
        return target

    def entry(self, relative: str) -> dict:
        try:
            content = self.path(relative).read_bytes()
        except (OSError, Refused):
            return {"data": None, "file": {"path": relative, "id": None}}
        digest = hashlib.sha256(content).hexdigest()
        return {"data": content.decode("utf-8"), "file": {"path": relative, "id": digest}}

    def listing(self, folder: str, extension: str, depth: int) -> list[str]:
        base = self.path(folder)
        if not base.is_dir():
            return []
        found = [p for p in base.rglob("*") if p.is_file() and p.name.endswith(extension or "")]
        found = [p for p in found if len(p.relative_to(base).parts) <= max(depth, 1)]
        return sorted(p.relative_to(self.root).as_posix() for p in found)

    def write(self, relative: str, content: bytes) -> None:
        target = self.path(relative, writing=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)

    def delete(self, relative: str) -> None:
        self.path(relative, writing=True).unlink(missing_ok=True)

    def media(self, relative: str) -> dict:
        content = self.path(relative).read_bytes()
        return {
            "id": hashlib.sha256(content).hexdigest(),
            "content": base64.b64encode(content).decode("ascii"),
            "encoding": "base64",
            "path": relative,
            "name": Path(relative).name,
        }


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
        repo.write(asset["path"], base64.b64decode(asset["content"]))
        return repo.media(asset["path"])
    if action in ("deleteFile", "deleteFiles"):
        for path in params.get("paths") or [params["path"]]:
            repo.delete(path)
        return {"message": "deleted"}
    if action == "getDeployPreview":
        return None
    raise KeyError(action)


def persist(repo: Repository, params: dict) -> dict:
    files = params.get("dataFiles") or [params["entry"]]
    for data_file in files:
        repo.write(data_file["path"], data_file["raw"].encode("utf-8"))
    for asset in params.get("assets", []):
        repo.write(asset["path"], base64.b64decode(asset["content"]))
    for data_file in files:
        if data_file.get("newPath"):
            repo.path(data_file["newPath"], writing=True)
            repo.path(data_file["path"], writing=True).rename(repo.path(data_file["newPath"]))
    return {"message": "entry persisted"}


class Handler(BaseHTTPRequestHandler):
    repo: Repository
    admin_dir: Path
    server_version = "civplan-edit"

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        """Only the saves and the failures: a page load is some hundred requests."""
        if self.command == "POST" or not str(args[1] if len(args) > 1 else "").startswith("2"):
            sys.stderr.write(f"{self.command} {self.path} {' '.join(map(str, args[1:]))}\n")

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path in ("/", "/admin"):
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", ADMIN)
            self.end_headers()
        elif path in (ADMIN, ADMIN + "index.html"):
            self.reply(cms.index_html(cms.csp({}, self.own_url())).encode(), "text/html")
        elif path == ADMIN + "config.yml":
            text = cms.config_text(self.repo.root, local_url=self.own_url() + "/api/v1")
            self.reply(text.encode(), "text/yaml")
        elif path.startswith(ADMIN):
            self.static(path.removeprefix(ADMIN))
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def static(self, relative: str) -> None:
        target = (self.admin_dir / relative).resolve()
        if not target.is_relative_to(self.admin_dir) or not target.is_file():
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self.reply(target.read_bytes(), kind, cache="max-age=600")

    def do_POST(self) -> None:
        if urlsplit(self.path).path != "/api/v1" or not self.same_origin():
            self.send_error(HTTPStatus.FORBIDDEN)
            return
        try:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            result = answer(self.repo, body["action"], body.get("params") or {})
        except Refused as err:
            self.reply(json.dumps({"error": f"不能写入 {err}"}).encode(), "application/json", 403)
        except (KeyError, ValueError, OSError) as err:
            self.reply(json.dumps({"error": str(err)}).encode(), "application/json", 422)
        else:
            self.reply(json.dumps(result, ensure_ascii=False).encode(), "application/json")

    def same_origin(self) -> bool:
        """Refuse other web sites' pages: they could otherwise post to this port."""
        origin = self.headers.get("Origin")
        return origin is None or origin == self.own_url()

    def own_url(self) -> str:
        return f"http://{self.headers.get('Host', 'localhost')}"

    def reply(self, content: bytes, kind: str, status: int = 200, cache: str = "no-store") -> None:
        self.send_response(status)
        charset = "; charset=utf-8" if kind.startswith("text/") or kind.endswith("json") else ""
        self.send_header("Content-Type", kind + charset)
        self.send_header("Content-Length", str(len(content)))
        self.send_header("Cache-Control", cache)  # the 6 MB bundle once; config.yml every time
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
