"""Issue 28: the families an independent attacker found after the first round of walls, each as
it was reproduced (two crashed the build, four reached a public page), now refused."""

from __future__ import annotations

import pytest

from conftest import SAMPLE, build, civplan, make_project

BODY_AT = "## 制定依据"


def _project(tmp_path, text: str):
    return make_project(tmp_path / "p", plans={SAMPLE.name: text})


def _checked(tmp_path, text: str):
    root = _project(tmp_path, text)
    result = civplan("check", "plans", cwd=root)
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.mark.parametrize(
    ("name", "edit", "rule"),
    [
        ("complex-key", ("tags: [", "? [a, b]\n: c\ntags: ["), "[yaml]"),
        ("float-year", ("year: 2026\n", "year: 2026.0\n"), "[schema-type]"),
        (
            "future-note",
            ("revisions:\n", 'revisions:\n  - date: "2099-06-30"\n    note: 将来的修改。\n'),
            "[future-date]",
        ),
        # a region is a path in the directory's filter (示例省/示例市/示例区): a "/" in a name
        # would file the plan under a city it is not in
        ("region-slash", ("    city: 示例市\n", "    city: 示例市/别的县\n"), "[schema-pattern]"),
        ("region-space", ("    city: 示例市\n", "    city: 示例市 别的县\n"), "[schema-pattern]"),
        (
            "tel-text",
            (BODY_AT, f"举报电话：[0000-86120011](tel:0000-99999999)\n\n{BODY_AT}"),
            "[link-text]",
        ),
        (
            "url-text",
            (
                BODY_AT,
                f"举报网址：[https://www.shili-yiyuan.example/jubao](https://evil.example/p18)\n\n{BODY_AT}",
            ),
            "[link-text]",
        ),
    ],
)
def test_the_second_rounds_payloads_are_refused_by_check(tmp_path, name, edit, rule):
    text = SAMPLE.read_text("utf-8")
    assert edit[0] in text
    result = _checked(tmp_path, text.replace(edit[0], edit[1], 1))
    assert result.returncode == 1, result.stdout
    assert rule in result.stdout and f"plans/{SAMPLE.name}:" in result.stdout


def test_an_upload_folder_named_like_a_page_is_refused_and_never_crashes_the_build(tmp_path):
    root = _project(tmp_path, SAMPLE.read_text("utf-8"))
    folder = root / "docs" / "assets" / "uploads" / "x.html"
    folder.mkdir(parents=True)
    (folder / "index.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 20)
    checked = civplan("check", "plans", cwd=root)
    assert checked.returncode == 1 and "[upload-type]" in checked.stdout
    assert "“x.html”" in checked.stdout
    result = build(root)
    assert result.returncode != 0 and "Traceback" not in result.output
    assert "[upload-type]" in result.output
