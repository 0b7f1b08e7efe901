"""The real site, built into tmp_path, read as HTML."""

import re
from pathlib import Path

from conftest import REPO, SAMPLE, build, line_of, make_project, text_of

PLAN_URL = "plans/shilishidiyirenminyiyuan-2026"


def test_every_sample_is_published_under_plans(sample_site):
    for path in (REPO / "plans").glob("*.md"):
        if "status: 草案" in path.read_text("utf-8"):
            continue
        assert (sample_site.site / "plans" / path.stem / "index.html").exists(), path.name


def test_plan_page_shows_leading_group_as_a_table(sample_site):
    html = sample_site.page(PLAN_URL)
    roster = re.search(r'class="civ-leading-group".*?<table>(.*?)</table>', html, re.S).group(1)
    names = re.findall(r'class="civ-name">([^<]+)<', roster)
    assert names == ["林卫东", "周明华", "陈晓梅", "王建国", "赵丽", "孙强", "刘芳"]
    assert "<title>示例市第一人民医院2026年创建市级文明单位实施方案" in html


def test_plan_page_shows_stages_in_order_with_todays_marker(sample_site):
    html = sample_site.page(PLAN_URL)
    names = re.findall(r'class="civ-stage__name">([^<]+)<', html)
    assert names == ["宣传发动", "自查整改", "全面实施", "检查验收"]
    current = re.findall(r'civ-stage--now" aria-current="step"><h3[^>]*>([^<]+)<', html)
    assert current == ["自查整改"]  # today is fixed at 2026-05-15


def test_plan_page_has_card_guarantees_and_supervision(sample_site):
    page = text_of(sample_site.page(PLAN_URL))
    for label, value in [
        ("文号", "示一院党〔2026〕8号"),
        ("成文日期", "2026-03-03"),
        ("目标级别", "市级"),
    ]:
        assert f"{label}{value}" in page
    assert "经费保障" in page and "0000-86120011" in page


def test_today_is_injectable(tmp_path):
    root = make_project(tmp_path, {SAMPLE.name: SAMPLE.read_text("utf-8")})
    html = build(root, today="2026-11-20").page(PLAN_URL)
    assert re.findall(r'civ-stage--now" aria-current="step"><h3[^>]*>([^<]+)<', html) == [
        "检查验收"
    ]


def test_directory_lists_plans_and_the_nav_does_not(sample_site):
    directory = sample_site.page("plans")
    published = [
        p for p in (REPO / "plans").glob("*.md") if "status: 草案" not in p.read_text("utf-8")
    ]
    links = re.findall(r'<td[^>]*><a href="([^"]+)/">', directory)
    assert sorted(links) == sorted(p.stem for p in published)
    nav = re.search(
        r'<nav class="md-nav md-nav--primary".*?</nav>', sample_site.page(""), re.S
    ).group(0)
    assert "shilishidiyirenminyiyuan" not in nav


def test_home_page_counts_and_latest(sample_site):
    home = text_of(sample_site.page(""))
    published = [
        p for p in (REPO / "plans").glob("*.md") if "status: 草案" not in p.read_text("utf-8")
    ]
    assert f"共公开方案 {len(published)} 个" in home
    assert "示例市第一人民医院2026年创建市级文明单位实施方案" in home


def test_field_reference_is_generated_from_the_schema(sample_site):
    from civplan.model.schema import schema

    page = sample_site.page("reference/fields")
    for name, field in schema()["properties"].items():
        assert f"<code>{name}</code>" in page and field["title"] in page


# What makes a browser fetch something: src/srcset, <link href>, form actions, refreshes, CSS url()
# and @import. Plain <a href> links to other sites (a unit's own news page as evidence) are
# followed only when a reader chooses to, so they are allowed.
OUTSIDE = re.compile(
    r"""(?:\bsrc|\bsrcset|\baction|\bposter|\bdata)\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|http-equiv=["']?refresh[^>]*url=\s*(?:https?:)?//""",
    re.I,
)
CSS_OUTSIDE = re.compile(
    r"""(?:url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:url\()?\s*["']?(?:https?:)?//)""", re.I
)


def test_no_page_or_stylesheet_makes_a_request_to_an_outside_host(sample_site):
    offenders = []
    for path in sample_site.site.rglob("*"):
        if path.suffix == ".html":
            offenders += [f"{path}: {m}" for m in OUTSIDE.findall(path.read_text("utf-8"))]
        elif path.suffix == ".css":
            offenders += [f"{path}: {m}" for m in CSS_OUTSIDE.findall(path.read_text("utf-8"))]
    assert offenders == []


def test_the_outside_host_check_can_fail(tmp_path):
    page = '<link rel="stylesheet" href="https://fonts.googleapis.com/css"><img src="//cdn.example/x.png">'
    assert len(OUTSIDE.findall(page)) == 2
    assert CSS_OUTSIDE.findall('@import url("https://fonts.googleapis.com/css");')
    assert not OUTSIDE.findall('<a href="https://www.example.org/news">新闻</a>')


def failing_build(tmp_path: Path, text: str):
    root = make_project(tmp_path, {"bad.md": text})
    result = build(root)
    assert result.returncode != 0
    assert not (result.site / "plans" / "bad").exists()
    return result.output


def test_bad_yaml_fails_the_build_with_file_and_line(tmp_path, sample_text):
    text = sample_text.replace("  kind: 医院", "  kind: [医院", 1)
    assert "plans/bad.md:5: 错误 元数据的 YAML 格式有误" in failing_build(tmp_path, text)


def test_wrong_type_fails_the_build_with_file_and_line(tmp_path, sample_text):
    text = sample_text.replace("year: 2026", "year: 今年", 1)
    output = failing_build(tmp_path, text)
    assert f"plans/bad.md:{line_of(text, 'year: 今年')}: 错误 “年度”（year）应为整数" in output


def test_missing_field_fails_the_build_with_file_and_line(tmp_path, sample_text):
    text = sample_text.replace("status: 实施中\n", "", 1)
    # where it belongs: below the last line of supervision, the field before it in the schema
    line = line_of(text, "notice:") - 1
    assert f"plans/bad.md:{line}: 错误 缺少必填字段 status（方案状态）" in failing_build(
        tmp_path, text
    )


def test_unknown_macro_fails_the_build_with_file_and_line(tmp_path, sample_text):
    text = sample_text.replace("{{ guarantees() }}", "{{ guarantee() }}")
    output = failing_build(tmp_path, text)
    assert f"plans/bad.md:{line_of(text, 'guarantee()')}: 错误 未知的宏“guarantee()”" in output


def test_template_library_groups_every_template_by_kind(sample_site):
    from civplan.model.blank import template_kind
    from civplan.model.loader import load

    page = sample_site.page("library")
    for path in sorted((REPO / "templates").glob("*.md")):
        plan, _ = load(path)
        # a template for any unit leaves its kind blank: it is listed under 各类单位
        group = re.search(rf"<h2[^>]*>{template_kind(plan.meta)}</h2><ul>(.*?)</ul>", page, re.S)
        assert group and f'href="{path.stem}/"' in group.group(1), path.stem
        assert plan.meta["template_info"]["purpose"] in page


def test_template_page_shows_blanks_guidance_example_download_and_command(sample_site):
    html = sample_site.page("library/hospital")
    assert html.count('<mark class="civ-blank">〔待填：') >= 10
    assert "填写说明" in html and 'class="admonition info"' in html
    example = re.search(r'<a href="([^"]+)">查看按此模板填好的示例方案</a>', html).group(1)
    assert (sample_site.site / "library" / "hospital" / example / "index.html").resolve().exists()
    assert re.search(r'<a href="hospital.md" download[^>]*>下载 Markdown 文件</a>', html)
    download = sample_site.site / "library" / "hospital" / "hospital.md"
    assert download.read_text("utf-8") == (REPO / "templates" / "hospital.md").read_text("utf-8")
    assert 'make new TEMPLATE=hospital UNIT="示例市某某医院"' in html.replace("&quot;", '"')


def test_every_plan_and_template_page_offers_its_word_file(sample_site):
    import docx

    for page, name in [
        (PLAN_URL, "shilishidiyirenminyiyuan-2026"),
        ("library/hospital", "hospital"),
    ]:
        html = sample_site.page(page)
        assert re.search(rf'<a href="{name}.docx" download[^>]*>下载 Word 文件', html), page
        document = docx.Document(str(sample_site.site / page / f"{name}.docx"))
        assert any("实施方案" in p.text for p in document.paragraphs[:3])


def test_preview_builds_one_plan_alone_drafts_included(tmp_path, monkeypatch, sample_text):
    draft = sample_text.replace("status: 实施中", "status: 草案")
    root = make_project(
        tmp_path, {SAMPLE.name: draft, "other.md": sample_text.replace("示例市第一", "示例市第九")}
    )
    monkeypatch.setenv("CIVPLAN_ONLY", f"plans/{SAMPLE.name}")
    result = build(root)
    assert result.returncode == 0, result.output
    assert "草案预览" in result.page(PLAN_URL)
    assert sorted(p.name for p in (result.site / "plans").iterdir() if p.is_dir()) == [SAMPLE.stem]
