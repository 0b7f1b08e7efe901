"""Issue 28, items 2 and 3: the `make edit` server as an attacker meets it.

A real server on 127.0.0.1 in a thread, spoken to with raw http.client and sockets: a page of
another site whose name re-resolves to 127.0.0.1 (DNS rebinding) sends its own Host; a request
may name .git/config, a dotfile or a symlink out of plans/; a client may lie about its length
or stall. Every refusal is in Chinese, and the server keeps answering others meanwhile.
"""

from __future__ import annotations

import base64
import http.client
import json
import re
import socket
import time

import pytest

from civplan.cli import cms_server
from civplan.model.text import HAN

from conftest import editor_server

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>'


@pytest.fixture
def editor(tmp_path, monkeypatch):
    """A repository as a maintainer has it: plans, uploads, a .git with a token, and a secret
    file next to it; the server bound to a free port, with a short request timeout."""
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    (root / "plans" / "a.md").write_text("---\ntitle: 甲\n---\n正文\n", "utf-8")
    (root / "docs" / "assets" / "uploads").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[remote]\n  url = https://TOKEN@git.example/a\n")
    (tmp_path / "outside.txt").write_text("outside secret", "utf-8")
    monkeypatch.setattr(cms_server.Handler, "timeout", 2)
    with editor_server(root) as url:
        yield root, int(url.rsplit(":", 1)[1])


def call(port: int, action: str, params: dict, host: str | None = None, origin: str | None = None):
    """POST /api/v1 with the given Host (default: the server's own) and Origin headers."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    body = json.dumps({"action": action, "params": params}).encode()
    headers = {"Host": host or f"127.0.0.1:{port}", "Content-Type": "application/json"}
    if origin:
        headers["Origin"] = origin
    connection.request("POST", "/api/v1", body, headers)
    response = connection.getresponse()
    status, data = response.status, response.read().decode("utf-8", "replace")
    connection.close()
    return status, data


def get(port: int, path: str, host: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": host})
    response = connection.getresponse()
    status, data = response.status, response.read().decode("utf-8", "replace")
    connection.close()
    return status, data


# --- 1. DNS rebinding: only the server's own Host ------------------------------------------


@pytest.mark.parametrize(
    "host",
    ["evil.example:{port}", "evil.example", "127.0.0.1", "127.0.0.1:1", "127.0.0.1.nip.io:{port}"],
)
def test_a_rebound_page_with_its_own_host_reads_and_writes_nothing(editor, host):
    root, port = editor
    forged = host.format(port=port)
    origin = f"http://{forged}"  # what the rebound page's fetch() sends: its own origin
    status, data = call(port, "getEntry", {"path": "plans/a.md"}, host=forged, origin=origin)
    assert status in (403, 421) and "甲" not in data and "只接受" in data
    entry = {"path": "plans/a.md", "raw": "---\ntitle: 改\n---\n", "slug": "a"}
    assert call(port, "persistEntry", {"entry": entry}, host=forged, origin=origin)[0] in (403, 421)
    assert call(port, "deleteFile", {"path": "plans/a.md"}, host=forged)[0] in (403, 421)
    assert (root / "plans" / "a.md").read_text("utf-8").startswith("---\ntitle: 甲")
    status, page = get(port, "/admin/config.yml", forged)
    assert status in (403, 421) and "只接受" in page


def test_the_editor_itself_on_localhost_or_127_0_0_1_still_works(editor):
    _, port = editor
    for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
        status, data = call(port, "getEntry", {"path": "plans/a.md"}, host, f"http://{host}")
        assert status == 200 and "甲" in data, host


def test_an_origin_other_than_the_host_is_refused_in_chinese(editor):
    _, port = editor
    status, data = call(port, "info", {}, origin="http://evil.example")
    assert status == 403 and "编辑器" in data


# --- 2. Only the collection and media folders, no dotfile, no symlink ------------------------


@pytest.mark.parametrize(
    "action, params",
    [
        ("getEntry", {"path": ".git/config"}),
        ("entriesByFiles", {"files": [{"path": ".git/config"}]}),
        ("getMediaFile", {"path": ".git/config"}),
        ("getMedia", {"mediaFolder": ".git"}),
        ("entriesByFolder", {"folder": ".git", "extension": "", "depth": 1}),
        ("getEntry", {"path": "plans/../.git/config"}),
        ("getEntry", {"path": "docs/assets/uploads/../../../.git/config"}),
    ],
)
def test_git_config_cannot_be_read(editor, action, params):
    _, port = editor
    status, data = call(port, action, params)
    assert "TOKEN" not in data
    assert status == 403 and "plans/" in data


def test_dotfiles_inside_the_folders_are_neither_read_nor_listed_nor_written(editor):
    root, port = editor
    (root / "plans" / ".env").write_text("SECRET=1", "utf-8")
    (root / "plans" / ".hidden").mkdir()
    (root / "plans" / ".hidden" / "b.md").write_text("---\ntitle: 隐\n---\n", "utf-8")
    assert call(port, "getEntry", {"path": "plans/.env"})[0] == 403
    status, data = call(port, "entriesByFolder", {"folder": "plans", "extension": "md", "depth": 9})
    assert status == 200 and "隐" not in data and ".hidden" not in data
    entry = {"path": "plans/.hidden/c.md", "raw": "x", "slug": "c"}
    assert call(port, "persistEntry", {"entry": entry})[0] == 403
    assert not (root / "plans" / ".hidden" / "c.md").exists()


def test_files_outside_the_two_folders_are_not_read(editor):
    root, port = editor
    (root / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    status, data = call(port, "getEntry", {"path": "mkdocs.yml"})
    assert status == 403 and "site_name" not in data


def test_a_symlink_in_plans_pointing_outside_is_not_followed(editor):
    root, port = editor
    (root / "plans" / "link.md").symlink_to(root.parent / "outside.txt")
    (root / "plans" / "dir").symlink_to(root.parent, target_is_directory=True)
    (root / "plans" / "cfg.md").symlink_to("../.git/config")  # resolves inside the repository
    status, data = call(port, "getEntry", {"path": "plans/link.md"})
    assert "outside secret" not in data
    status, data = call(port, "getEntry", {"path": "plans/cfg.md"})
    assert status == 403 and "TOKEN" not in data
    status, data = call(port, "entriesByFolder", {"folder": "plans", "extension": "", "depth": 9})
    assert status == 200 and "outside secret" not in data and "TOKEN" not in data
    assert "link.md" not in data and "cfg.md" not in data
    assert call(port, "getEntry", {"path": "plans/dir/outside.txt"})[0] == 403
    entry = {"path": "plans/link.md", "raw": "overwritten", "slug": "link"}
    assert call(port, "persistEntry", {"entry": entry})[0] == 403
    assert (root.parent / "outside.txt").read_text("utf-8") == "outside secret"


# --- 3. Every request bounded ------------------------------------------------------------


def raw(port: int, request: bytes, wait: float = 8) -> bytes:
    """Send `request` as it is; what the server answers until it closes (b"" if nothing)."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


def post_with_length(port: int, length: str, body: bytes = b"{}") -> bytes:
    head = (
        f"POST /api/v1 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {length}\r\nConnection: close\r\n\r\n"
    )
    return raw(port, head.encode() + body)


@pytest.mark.parametrize("length", ["-1", "abc", "1e3", "99999999999"])
def test_a_lying_content_length_is_answered_at_once_in_chinese(editor, length):
    _, port = editor
    started = time.monotonic()
    answer = post_with_length(port, length)
    assert time.monotonic() - started < 1.5
    status = int(answer.split(b" ", 2)[1])
    assert status in (400, 411, 413) and "请求" in answer.decode("utf-8", "replace")


def test_a_missing_content_length_is_refused(editor):
    _, port = editor
    request = f"POST /api/v1 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n{{}}"
    answer = raw(port, request.encode())
    assert int(answer.split(b" ", 2)[1]) in (400, 411)


def test_a_stalled_client_is_dropped_and_others_are_still_answered(editor):
    _, port = editor
    stalled = socket.create_connection(("127.0.0.1", port), timeout=10)
    head = f"POST /api/v1 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 100\r\n\r\n{{"
    stalled.sendall(head.encode())
    assert call(port, "info", {})[0] == 200  # another thread answers meanwhile
    started = time.monotonic()
    chunks = []  # the server's per-request timeout (2 s here) ends the wait, then it closes
    while chunk := stalled.recv(65536):  # headers and body may come in separate packets
        chunks.append(chunk)
    assert time.monotonic() - started < 6
    answer = b"".join(chunks)
    assert answer.startswith(b"HTTP/1.0 408") and "秒内没有传完" in answer.decode("utf-8")
    stalled.close()


def test_deeply_nested_json_is_refused_in_chinese(editor):
    _, port = editor
    body = b'{"action": "info", "params": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    answer = post_with_length(port, str(len(body)), body)
    assert int(answer.split(b" ", 2)[1]) == 400 and "请求" in answer.decode("utf-8", "replace")
    assert call(port, "info", {})[0] == 200


# --- Uploads through the editor -----------------------------------------------------------


def test_the_editor_refuses_an_svg_upload_and_keeps_a_png(editor):
    root, port = editor
    svg = {"path": "docs/assets/uploads/x.svg", "content": base64.b64encode(SVG).decode()}
    status, data = call(port, "persistMedia", {"asset": svg})
    assert status == 422 and "只允许 PNG、JPEG、GIF、WebP 图片和 PDF 文件" in data
    assert not (root / "docs" / "assets" / "uploads" / "x.svg").exists()
    fake = {"path": "docs/assets/uploads/x.png", "content": base64.b64encode(SVG).decode()}
    assert call(port, "persistMedia", {"asset": fake})[0] == 422
    entry = {"path": "plans/a.md", "raw": "---\ntitle: 乙\n---\n", "slug": "a"}
    status, data = call(port, "persistEntry", {"entry": entry, "assets": [svg]})
    assert status == 422 and "只允许 PNG、JPEG、GIF、WebP 图片和 PDF 文件" in data
    assert "乙" not in (root / "plans" / "a.md").read_text("utf-8")
    png = {"path": "docs/assets/uploads/y.png", "content": base64.b64encode(PNG).decode()}
    assert call(port, "persistMedia", {"asset": png})[0] == 200
    assert (root / "docs" / "assets" / "uploads" / "y.png").read_bytes() == PNG


# --- the second attack: every refusal in Chinese, no server path, no English page ----------


@pytest.mark.parametrize(
    ("action", "params"),
    [
        ("getEntry", {"path": "plans/a\u0000.md"}),
        ("persistEntry", {"entry": {"path": "plans", "raw": "x"}, "assets": []}),
        ("deleteFile", {"path": "plans"}),
    ],
)
def test_odd_requests_are_refused_in_chinese_without_the_servers_paths(editor, action, params):
    root, port = editor
    status, data = call(port, action, params)
    assert 400 <= status < 500, data
    message = json.loads(data)["error"]
    assert re.search(f"[{HAN}]", message), message
    assert str(root) not in data and "Errno" not in data and "Exceeds" not in data


@pytest.mark.parametrize("method", ["PUT", "OPTIONS", "HEAD", "DELETE", "PATCH", "BREW"])
def test_other_methods_are_refused_in_chinese(editor, method):
    _, port = editor
    answer = raw(port, f"{method} /api/v1 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split()[1] in (b"405", b"501")
    if method != "HEAD":
        assert "编辑器" in body.decode("utf-8") and b"<html" not in body.lower()
