"""Pull requests come from anyone: no plan may run code, leak the environment or publish HTML."""

import pytest

from civplan.check import plan_problems
from civplan.model.loader import parse
from civplan.site.sanitize import clean

from conftest import build, make_project

SECRET = "civplan-secret-7f3a9c"

BODY_PAYLOADS = {
    "environ": "{{ cycler.__init__.__globals__.os.environ }}",
    "popen": "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "config": "{{ config }}",
    "filter": "{{ stages() | safe }}",
    "statement": "{% for k in range(3) %}{{ k }}{% endfor %}",
    "macro-argument": "{{ stages(config.site_name) }}",
    "script": "<script>alert(document.cookie)</script>",
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "style": "<style>body{display:none}</style>",
    "onerror": '<img src="x.png" onerror="alert(1)">',
    "onclick": '<p onclick="alert(1)">点击</p>',
    "div": '<div class="x">看起来无害</div>',
    "comment": "<!-- 注释里藏东西 -->",
    "js-link": "[举报入口](javascript:alert(1))",
    "js-link-entity": "[举报入口](jav&#x61;script:alert(1))",
    "js-link-upper": "[举报入口]( JAVASCRIPT:alert(1))",
    "js-reference": "[举报入口][x]\n\n[x]: javascript:alert(1)",
    "js-autolink": "<javascript:alert(1)>",
    "data-link": "[下载](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
}
META_PAYLOADS = {
    "title-jinja": (
        "title: 示例市第一人民医院2026年创建市级文明单位实施方案",
        'title: "{{ config.site_name }}实施方案"',
    ),
    "name-jinja": ("name: 林卫东", 'name: "{% set x = 1 %}林"'),
}


def with_body_payload(sample_text: str, payload: str) -> str:
    return sample_text.replace("## 制定依据", f"{payload}\n\n## 制定依据", 1)


@pytest.mark.parametrize("name", BODY_PAYLOADS)
def test_each_body_payload_fails_check_at_its_line(sample_text, name):
    text = with_body_payload(sample_text, BODY_PAYLOADS[name])
    plan, _ = parse(text, "plans/x.md")
    problems = [p for p in plan_problems(plan) if p.is_error]
    payload_line = next(
        i for i, line in enumerate(text.split("\n"), 1) if line.startswith(BODY_PAYLOADS[name][:8])
    )
    assert problems, name
    # a call Jinja reads as the macro's (`{{ stages() | safe }}`) also makes the plan's own
    # {{ stages() }} a repeat, reported where that one stands
    repeats = {p.line for p in problems if "已经用过一次" in p.message}
    assert {p.line for p in problems} - repeats <= {payload_line, payload_line + 2}
    assert all(
        p.rule in {"body-macro", "body-html", "body-link-scheme", "body-attributes"}
        for p in problems
    )


@pytest.mark.parametrize("name", META_PAYLOADS)
def test_template_code_in_metadata_fails_check(sample_text, name):
    old, new = META_PAYLOADS[name]
    plan, _ = parse(sample_text.replace(old, new, 1), "plans/x.md")
    assert [p.rule for p in plan_problems(plan)] == ["meta-template-code"]


def test_every_payload_fails_the_build_and_nothing_leaks(tmp_path, sample_text, monkeypatch):
    plans = {f"{name}.md": with_body_payload(sample_text, p) for name, p in BODY_PAYLOADS.items()}
    for name, (old, new) in META_PAYLOADS.items():
        plans[f"{name}.md"] = sample_text.replace(old, new, 1)
    for index, name in enumerate(plans):  # distinct slugs and titles, so only the payload is wrong
        plans[name] = plans[name].replace(
            "name: 示例市第一人民医院", f"name: 示例市第{index + 2}人民医院", 1
        )
        plans[name] = plans[name].replace("实施方案\n", f"实施方案（{index}）\n", 1)
    monkeypatch.setenv("CIVPLAN_SECRET", SECRET)
    result = build(make_project(tmp_path, plans))
    assert result.returncode != 0
    for name in plans:
        assert f"plans/{name}:" in result.output, name
    assert SECRET not in result.output
    assert not (result.site / "plans").exists() or not any((result.site / "plans").iterdir())


def test_docs_pages_render_in_a_sandbox(tmp_path, monkeypatch):
    root = make_project(tmp_path)
    (root / "docs" / "leak.md").write_text(
        "# 泄露\n\n{{ cycler.__init__.__globals__.os.environ['CIVPLAN_SECRET'] }}\n", "utf-8"
    )
    monkeypatch.setenv("CIVPLAN_SECRET", SECRET)
    result = build(root)
    assert result.returncode != 0
    assert "SecurityError" in result.output and SECRET not in result.output
    leaked = [
        p for p in result.site.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()
    ]
    assert leaked == []


def test_sanitiser_removes_active_content_and_keeps_the_page():
    html = (
        '<h2 id="x">保障措施<a class="headerlink" href="#x">¶</a></h2>'
        '<p onclick="alert(1)">文字<script>alert(1)</script></p>'
        '<a href="javascript:alert(1)">坏链接</a><a href="tel:0000-1234567">电话</a>'
        '<img src="https://tracker.example/p.png"><img src="../assets/logo.png" alt="标志">'
        '<li class="civ-stage civ-stage--current" aria-current="step">阶段</li>'
    )
    cleaned = clean(html)
    for bad in ("onclick", "<script", "javascript:", "tracker.example"):
        assert bad not in cleaned
    for kept in (
        'class="headerlink" href="#x"',
        'href="tel:0000-1234567"',
        'src="../assets/logo.png"',
        'aria-current="step"',
        'class="civ-stage civ-stage--current"',
    ):
        assert kept in cleaned
