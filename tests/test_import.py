"""`civplan import`: plans written elsewhere (.txt, .md, .docx) become structured drafts.

The fixtures are small plans of fictional units written for these tests (never copies of the
corpus): one with the official outline intact, one whose headings were lost in copying.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from civplan.check import check_file
from civplan.importer.cues import heading_section
from civplan.importer.outline import marker_of
from civplan.importer.people import split_person
from civplan.importer.plan import import_source, write_import
from civplan.importer.read_source import Line, Source, read_source
from civplan.importer.report import coverage
from civplan.importer.stages import months_in
from civplan.model.blank import has_blank
from civplan.model.errors import InputError
from civplan.model.loader import load

from conftest import civplan

STRUCTURED = """示例市第二人民医院2026年创建市级文明单位实施方案

根据《示例市文明单位创建管理办法》（示文明委〔2025〕3号）要求，结合我院实际，制定本方案。

一、指导思想
以习近平新时代中国特色社会主义思想为指导，坚持以人民健康为中心。

二、创建目标
1.到2026年底达到市级文明单位标准。
2.门诊满意度保持在95%以上。

三、组织领导
成立示例市第二人民医院创建文明单位工作领导小组：
组  长：张建华（党委书记）
常务副组长：李明 院长
副组长：王芳（副院长）、赵强（副院长）
成  员：各科室主任
领导小组下设办公室，办公室设在党委办公室，由王芳兼任办公室主任。
张建华：负责创建工作全面领导。
李明：负责日常工作。
王芳：分管宣传教育。
赵强：分管后勤保障。

四、主要任务
（一）开展医德医风教育，由党委办公室负责。
（二）设立门诊志愿服务站（责任科室：门诊部）。
（三）改造无障碍设施，后勤保障部牵头负责。

五、实施步骤
（一）宣传发动阶段（2026年3月）。召开动员大会；印发实施方案。
（二）自查整改阶段（4月—6月）。对照测评体系逐项自查。
（三）检查验收阶段（11月至12月）。迎接测评，总结表彰。

六、保障措施
（一）加强领导。党委定期研究创建工作。
（二）经费保障。安排专项经费30万元。

七、奖惩措施
对创建工作成绩突出的科室，给予通报表扬；对工作不力的科室，取消年度评优资格。

八、监督举报
举报电话：0000-86120021（纪检监察室），电子邮箱：jubao@example.org.cn，通讯地址：示例市健康路2号，邮编：000100。受理时间：工作日8:30-17:30。举报箱设在门诊大厅东侧。

九、其他事项
本方案自印发之日起施行。
"""

LOST = """（本文转自示例网站，欢迎参阅）

为做好创建工作，根据《示例县文明单位测评办法》（示文明委〔20xx〕2号），结合我局实际，制定本方案。

以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神。

通过创建活动，实现县级文明单位的目标。

（一）开展志愿服务，办公室负责。
（二）整治办公环境。
（四）开展文明家庭评选。

组长：周国平 局长
副组长：吴敏 副局长
成员：各股室负责人

周国平：全面负责。
吴敏：负责日常工作。

（一）宣传发动阶段（20xx年3月）。召开动员会。
（二）整改提升阶段（4-9月）。逐项整改。
（三）总结验收阶段（10月份-11月份）。迎接验收。

监督举报电话：0000-7654321，来信请寄：示例县示例路8号。
"""


def source_of(text: str, name: str = "plan.txt") -> Source:
    lines = text.split("\n")
    return Source(name, "UTF-8", tuple(Line(n, t) for n, t in enumerate(lines, 1)))


def sections(text: str) -> list[tuple[int, str | None]]:
    return [(u.first_line, u.section) for u in import_source(source_of(text)).units]


def roles(group: dict) -> list[tuple[str, str, str]]:
    people = [("组长", group["head"])]
    people += [("常务副组长", group["executive_deputy"])] if "executive_deputy" in group else []
    people += [("副组长", p) for p in group.get("deputies", [])]
    people += [("成员", p) for p in group.get("members", [])]
    return [(role, p["name"], p["post"]) for role, p in people if not has_blank(p["name"])]


# --- the outline, months, people, headings -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "n", "rest"),
    [
        ("一、指导思想", "一、", 1, "指导思想"),
        ("十二、其他", "一、", 12, "其他"),
        ("二:创建目标", "一、", 2, "创建目标"),
        ("（三）宣传发动阶段", "（一）", 3, "宣传发动阶段"),
        ("(九)不准收受红包。", "（一）", 9, "不准收受红包。"),
        ("1.强化队伍建设", "1.", 1, "强化队伍建设"),
        ("2、20xx年,创建市级文明单位", "1.", 2, "20xx年,创建市级文明单位"),
        ("1.2026年底前达标", "1.", 1, "2026年底前达标"),
        ("3.20xx年，创建省级文明单位", "1.", 3, "20xx年，创建省级文明单位"),
        ("（2）公共场所文明有序", "（1）", 2, "公共场所文明有序"),
        ("三是创建创新型机关", "一是", 3, "创建创新型机关"),
        ("第二阶段:全面实施阶段(4月份-9月份)", "第一阶段", 2, "全面实施阶段(4月份-9月份)"),
        ("③整理档案", "①", 3, "整理档案"),
    ],
)
def test_outline_markers(text, kind, n, rest):
    marker, after = marker_of(text)
    assert (marker.kind, marker.n, after) == (kind, n, rest)


@pytest.mark.parametrize(
    "text", ["1.5倍的投入", "2.25万元", "统一是前提", "组长：张三", "2026年3月"]
)
def test_text_that_is_not_a_number(text):
    assert marker_of(text)[0] is None


@pytest.mark.parametrize(
    ("text", "start", "end", "year", "next_year"),
    [
        ("检查整改阶段(20xx年3-4月)", 3, 4, None, False),
        ("全面实施阶段(4月份-9月份)", 4, 9, None, False),
        ("自查梳理阶段(20xx年2月)", 2, 2, None, False),
        ("宣传发动（2026年3月—5月）", 3, 5, 2026, False),
        ("三月至五月", 3, 5, None, False),
        ("2025年11月至次年1月", 11, 1, 2025, True),
    ],
)
def test_months(text, start, end, year, next_year):
    months = months_in(text)
    assert (months.start, months.end, months.year, months.next_year) == (
        start,
        end,
        year,
        next_year,
    )


def test_no_months():
    assert months_in("学习发动阶段") is None


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("张建华（党委书记）", ("张建华", "党委书记")),
        ("李明 院长", ("李明", "院长")),
        ("党委书记张三", ("张三", "党委书记")),
        ("张三副院长", ("张三", "副院长")),
        ("叶斌", ("叶斌", None)),
        ("各股室负责人", None),
        ("各班家长委员会成员(带动家长与学校合作)", None),
    ],
)
def test_split_person(entry, expected):
    assert split_person(entry) == expected


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("指导思想", "guiding"),
        ("创建思路", "guiding"),
        ("工作目标", "goals"),
        ("组织领导", "group"),
        ("领导小组及职责", "group"),
        ("主要任务", "measures"),
        ("创建措施", "measures"),
        ("实施步骤", "stages"),
        ("工作安排", "stages"),
        ("保障措施", "guarantees"),
        ("工作要求", "guarantees"),
        ("奖惩措施", "rewards"),
        ("监督举报", "supervision"),
        ("其他事项", None),
    ],
)
def test_heading_wording(heading, section):
    assert heading_section(heading) == section


# --- sections and metadata -----------------------------------------------------------------


def test_sections_by_heading():
    assert sections(STRUCTURED) == [
        (1, "title"),
        (3, "basis"),
        (5, "guiding"),
        (8, "goals"),
        (12, "group"),
        (24, "measures"),
        (29, "stages"),
        (34, "guarantees"),
        (38, "rewards"),
        (41, "supervision"),
        (44, None),
    ]


def test_sections_by_content_when_headings_are_lost():
    assert sections(LOST) == [
        (1, None),
        (3, "basis"),
        (5, "guiding"),
        (7, "goals"),
        (9, "measures"),
        (13, "group"),
        (20, "stages"),
        (24, "supervision"),
    ]


def test_metadata_of_a_structured_plan():
    meta = import_source(source_of(STRUCTURED)).meta
    assert meta["title"] == "示例市第二人民医院2026年创建市级文明单位实施方案"
    assert meta["unit"]["name"] == "示例市第二人民医院"
    assert (meta["unit"]["kind"], meta["unit"]["region"]["city"]) == ("医院", "示例市")
    assert has_blank(meta["unit"]["region"]["province"])
    assert (meta["year"], meta["level"], meta["mode"], meta["status"]) == (
        2026,
        "市级",
        "创建",
        "草案",
    )
    assert meta["basis"] == [
        {"title": "示例市文明单位创建管理办法", "number": "示文明委〔2025〕3号"}
    ]
    assert [g.get("level") for g in meta["goals"]] == ["市级", None]
    group = meta["leading_group"]
    assert roles(group) == [
        ("组长", "张建华", "党委书记"),
        ("常务副组长", "李明", "院长"),
        ("副组长", "王芳", "副院长"),
        ("副组长", "赵强", "副院长"),
    ]
    assert group["head"]["duty"] == "负责创建工作全面领导"
    assert group["deputies"][1]["duty"] == "分管后勤保障"
    assert group["members_note"] == "各科室主任"
    assert group["name"] == "示例市第二人民医院创建文明单位工作领导小组"
    assert group["office"] == {
        "location": "党委办公室",
        "director": {"name": "王芳", "post": "副院长"},
    }
    assert [m["department"] for m in meta["measures"]] == ["党委办公室", "门诊部", "后勤保障部"]
    assert [(s["name"], s["start"], s["end"]) for s in meta["stages"]] == [
        ("宣传发动阶段", "2026-03-01", "2026-03-31"),
        ("自查整改阶段", "2026-04-01", "2026-06-30"),
        ("检查验收阶段", "2026-11-01", "2026-12-31"),
    ]
    assert meta["stages"][0]["tasks"] == ["召开动员大会", "印发实施方案"]
    assert [g["kind"] for g in meta["guarantees"]] == ["加强领导", "经费保障"]
    assert meta["rewards"] == [
        {"condition": "创建工作成绩突出的科室", "consequence": "给予通报表扬"},
        {"condition": "工作不力的科室", "consequence": "取消年度评优资格"},
    ]
    assert meta["supervision"] == {
        "phones": [{"number": "0000-86120021", "label": "纪检监察室"}],
        "address": "示例市健康路2号",
        "email": "jubao@example.org.cn",
        "postcode": "000100",
        "hours": "工作日8:30-17:30",
        "box": "门诊大厅东侧",
    }


def test_metadata_when_headings_are_lost():
    imported = import_source(source_of(LOST))
    meta = imported.meta
    assert roles(meta["leading_group"]) == [
        ("组长", "周国平", "局长"),
        ("副组长", "吴敏", "副局长"),
    ]
    assert meta["leading_group"]["head"]["duty"] == "全面负责"
    assert [(s.name, s.months.start, s.months.end) for s in imported.stages] == [
        ("宣传发动阶段", 3, 3),
        ("整改提升阶段", 4, 9),
        ("总结验收阶段", 10, 11),
    ]
    assert meta["supervision"]["phones"] == [{"number": "0000-7654321"}]
    assert meta["supervision"]["address"] == "示例县示例路8号"
    assert (meta["unit"]["kind"], meta["level"], meta["unit"]["region"]["county"]) == (
        "机关",
        "县级",
        "示例县",
    )
    assert [m["department"] for m in meta["measures"]][:1] == ["办公室"]


def test_unknown_values_are_blanks():
    meta = import_source(source_of(LOST)).meta
    for value in (meta["title"], meta["unit"]["name"], meta["year"], meta["slug"] and None):
        assert value is None or has_blank(value)
    assert meta["stages"][0]["start"] == "〔待填：年份〕-03-01"
    assert meta["stages"][1]["end"] == "〔待填：年份〕-09-30"


def test_year_given_dates_the_stages():
    meta = import_source(source_of(LOST), year=2027).meta
    assert meta["year"] == 2027
    assert [(s["start"], s["end"]) for s in meta["stages"]] == [
        ("2027-03-01", "2027-03-31"),
        ("2027-04-01", "2027-09-30"),
        ("2027-10-01", "2027-11-30"),
    ]


def test_placeholders_stay_in_the_body_and_become_blanks_in_the_metadata():
    imported = import_source(source_of(LOST))
    assert "（示文明委〔20xx〕2号）" in imported.body
    assert "宣传发动阶段（20xx年3月）" in imported.body
    assert imported.meta["basis"][0]["number"] == "示文明委〔〔待填：年份〕〕2号"


@pytest.mark.parametrize("text", [STRUCTURED, LOST])
def test_no_text_is_dropped(text):
    imported = import_source(source_of(text))
    for line in text.split("\n"):
        if line.strip():
            assert line.strip() in imported.body or line.strip() == imported.meta["title"]


def test_text_it_cannot_place_keeps_its_words_and_heading():
    body = import_source(source_of(STRUCTURED)).body
    assert body.endswith("## 九、其他事项\n\n本方案自印发之日起施行。\n")
    lost = import_source(source_of(LOST)).body
    assert lost.startswith("（本文转自示例网站，欢迎参阅）\n\n## 制定依据\n")


def test_body_headings_keep_the_source_words_or_use_the_standard_ones():
    structured = import_source(source_of(STRUCTURED)).body
    # the macro stands where the moved section stood, above the source's own words
    assert "## 五、实施步骤\n\n{{ stages() }}\n\n（一）宣传发动阶段" in structured
    lost = import_source(source_of(LOST)).body
    headings = [line for line in lost.split("\n") if line.startswith("## ")]
    assert headings == [
        "## 制定依据",
        "## 指导思想",
        "## 创建目标",
        "## 主要任务",
        "## 组织领导",
        "## 实施步骤",
        "## 监督举报",
        "## 保障措施",  # the source has none: added with its macro, so the plan is complete
    ]


def test_a_list_interrupted_by_a_paragraph_stays_one_list():
    text = "\n".join(
        [
            "（一）加强领导。党委定期研究。",
            "（二）经费保障。安排专项经费。",
            "对违反规定的科室，给予通报批评。",
            "（三）营造氛围。开展宣传。",
        ]
    )
    imported = import_source(source_of(text))
    assert [(u.first_line, u.section) for u in imported.units] == [(1, "guarantees")]
    assert imported.units[0].insets == {3: ("rewards", "给予通报批评")}
    assert imported.meta["rewards"] == [
        {"condition": "违反规定的科室", "consequence": "给予通报批评"}
    ]


# --- files: encodings, Word, Markdown, the written plan ------------------------------------


def test_coverage_of_a_structured_plan(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(STRUCTURED, "utf-8")
    report = write_import(path, tmp_path / "out.md", tmp_path)
    assert coverage(report) == pytest.approx(1 - 16 / 653, abs=0.01)  # 九、其他事项 not placed


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig", "utf-16"])
def test_encodings_give_the_same_plan(tmp_path, encoding):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    reference, other = tmp_path / "a" / "lost.txt", tmp_path / "b" / "lost.txt"
    reference.write_text(LOST, "utf-8")
    other.write_bytes(LOST.encode(encoding))
    write_import(reference, None, tmp_path / "a")
    report = write_import(other, None, tmp_path / "b")
    # no unit or year in the text: a neutral file name, never the source's (lost.md)
    a, b = (tmp_path / folder / "daoru-1.md" for folder in "ab")
    assert b.read_text("utf-8") == a.read_text("utf-8")
    assert report.encoding == {"gbk": "GB18030", "utf-8-sig": "UTF-8"}.get(
        encoding, encoding.upper()
    )


def test_short_gb18030_text_is_not_taken_for_big5(tmp_path):
    path = tmp_path / "short.txt"
    path.write_bytes("组长：张三".encode("gb18030"))
    source = read_source(path)
    assert (source.encoding, source.lines[0].text) == ("GB18030", "组长：张三")


def test_word_document(tmp_path):
    document = Document()
    document.add_heading("示例县示例镇中心小学2025年创建县级文明单位实施方案", level=0)
    document.add_paragraph("为做好创建工作，根据上级要求，制定本方案。")
    document.add_heading("一、组织领导", level=1)
    table = document.add_table(rows=3, cols=3)
    rows = [("组长", "陈文", "校长"), ("副组长", "林静", "副校长"), ("成员", "各年级组长", "")]
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_heading("二、实施步骤", level=1)
    document.add_paragraph("（一）宣传发动阶段（3月）。召开全体教师会议。")
    document.add_paragraph("（二）总结验收阶段（11-12月）。整理创建档案。")
    document.add_heading("三、监督举报", level=1)
    document.add_paragraph("监督电话：0000-5551234，通讯地址：示例县示例镇学府路1号。")
    path = tmp_path / "方案.docx"
    document.save(path)

    report = write_import(path, None, tmp_path / "plans")
    plan, problems = check_file(Path(report.target))
    meta = plan.meta
    assert [p for p in problems if p.is_error] == []
    assert report.target == str(tmp_path / "plans" / "shilixianshilizhenzhongxinxiaoxue-2025.md")
    assert (meta["unit"]["kind"], meta["year"], meta["level"]) == ("学校", 2025, "县级")
    assert roles(meta["leading_group"]) == [("组长", "陈文", "校长"), ("副组长", "林静", "副校长")]
    assert meta["leading_group"]["members_note"] == "各年级组长"
    assert [(s["name"], s["start"], s["end"]) for s in meta["stages"]] == [
        ("宣传发动阶段", "2025-03-01", "2025-03-31"),
        ("总结验收阶段", "2025-11-01", "2025-12-31"),
    ]
    assert meta["supervision"] == {
        "phones": [{"number": "0000-5551234"}],
        "address": "示例县示例镇学府路1号",
    }
    assert "第4段 leading_group.head：组长 陈文" in report.text()


def test_markdown_headings(tmp_path):
    markdown = STRUCTURED.replace("\n一、", "\n## 一、").replace("\n二、", "\n## 二、")
    markdown = "# " + markdown.replace("\n三、", "\n## 三、").replace("\n四、", "\n## 四、")
    for number in "五六七八九":
        markdown = markdown.replace(f"\n{number}、", f"\n## {number}、")
    path = tmp_path / "plan.md"
    path.write_text(markdown, "utf-8")
    from_text = import_source(source_of(STRUCTURED))
    from_markdown = import_source(read_source(path))
    assert from_markdown.meta == from_text.meta
    assert from_markdown.body == from_text.body


def test_the_written_plan_passes_check(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(STRUCTURED, "utf-8")
    report = write_import(path, None, tmp_path / "plans")
    plan, problems = check_file(Path(report.target))
    assert plan.meta["status"] == "草案"
    assert [p for p in problems if p.is_error] == []
    assert load(report.target)[0].meta == import_source(read_source(path)).meta


def test_check_reports_what_is_wrong_in_the_source(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(LOST, "utf-8")
    report = write_import(path, None, tmp_path / "plans")
    errors = [p for p in report.problems if p.is_error]
    assert {p.rule for p in errors} == {"placeholder", "numbering"}
    assert any("“（四）”前面缺少“（三）”" in p.message for p in errors)
    lines = Path(report.target).read_text("utf-8").split("\n")
    for problem in report.problems:
        if problem.rule == "placeholder":
            assert "20xx" in lines[problem.line - 1]


def test_refuses_bad_overrides(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(LOST, "utf-8")
    with pytest.raises(InputError, match="--year 1999"):
        write_import(path, None, tmp_path, year=1999)
    with pytest.raises(InputError, match="--unit"):
        write_import(path, None, tmp_path, unit="〔待填：单位〕")
    assert list(tmp_path.iterdir()) == [path]


# --- the command line ------------------------------------------------------------------------


def test_cli_writes_the_draft_and_prints_the_report(tmp_path):
    (tmp_path / "方案.txt").write_text(STRUCTURED, "utf-8")
    result = civplan("import", "方案.txt", cwd=tmp_path)
    target = tmp_path / "plans" / "shilishidierrenminyiyuan-2026.md"
    assert result.returncode == 0, result.stderr
    assert target.is_file()
    assert "→ plans/shilishidierrenminyiyuan-2026.md（状态：草案，不会发布）" in result.stdout
    assert "第14行 leading_group.head：组长 张建华" in result.stdout
    assert "第44—45行 → 未能归类（标题“九、其他事项”不是标准部分）" in result.stdout
    assert "归入已识别部分的字符：" in result.stdout
    assert civplan("check", str(target), cwd=tmp_path).returncode == 0


def test_cli_refuses_to_overwrite(tmp_path):
    (tmp_path / "方案.txt").write_text(STRUCTURED, "utf-8")
    assert civplan("import", "方案.txt", cwd=tmp_path).returncode == 0
    target = tmp_path / "plans" / "shilishidierrenminyiyuan-2026.md"
    before = target.read_text("utf-8")
    target.write_text(before + "\n编辑已经改过。\n", "utf-8")
    result = civplan("import", "方案.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert (
        "已经存在，不会覆盖" in result.stderr and str(Path("plans") / target.name) in result.stderr
    )
    assert target.read_text("utf-8").endswith("编辑已经改过。\n")


def test_cli_output_report_unit_and_year(tmp_path):
    (tmp_path / "lost.txt").write_text(LOST, "utf-8")
    result = civplan(
        "import",
        "lost.txt",
        "--output",
        "out/lost.md",
        "--report",
        "lost-report.txt",
        "--unit",
        "示例县示例局",
        "--year",
        "2026",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "plans").exists()
    assert (tmp_path / "lost-report.txt").read_text("utf-8") == result.stdout
    meta = load(tmp_path / "out" / "lost.md")[0].meta
    assert (meta["unit"]["name"], meta["year"], meta["stages"][0]["start"]) == (
        "示例县示例局",
        2026,
        "2026-03-01",
    )
    assert "unit.name：示例县示例局（依据命令行 --unit）" in result.stdout


def test_cli_reports_the_source_problems_check_will_find(tmp_path):
    (tmp_path / "lost.txt").write_text(LOST, "utf-8")
    result = civplan("import", "lost.txt", "--output", "lost.md", cwd=tmp_path)
    assert result.returncode == 0
    assert "civplan check 报告的问题（3 个错误，来自原文" in result.stdout
    check = civplan("check", "lost.md", cwd=tmp_path)
    assert check.returncode == 1
    assert "[placeholder]" in check.stdout and "[numbering]" in check.stdout


def make_zip_that_is_not_word(path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "不是 Word 文档")


BAD_INPUTS = {
    "empty.txt": (b"", "文件是空的"),
    "blank.md": (b"  \n\n \t\n", "文件是空的"),
    "picture.txt": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64 + bytes(range(256)), "不是文本文件"),
    "broken.txt": ("组长：张三\n".encode("gb18030") + b"\xff\xfe\x81" * 8, "无法识别文件的编码"),
    "english.txt": (b"Implementation plan, in English only.\n", "没有中文文字"),
    "renamed.docx": ("一、指导思想\n".encode(), "不是有效的 Word 文档"),
    "plan.pdf": (b"%PDF-1.4 ...", "PDF 文件已损坏或加了密码"),
    "plan.odt": (b"PK\x03\x04", "不能导入扩展名为“.odt”的文件"),
    "plan.doc": (b"\xd0\xcf\x11\xe0", "另存为 .docx"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_cli_bad_input(tmp_path, name):
    content, message = BAD_INPUTS[name]
    (tmp_path / name).write_bytes(content)
    result = civplan("import", name, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"错误：{name}：") and message in result.stderr
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_cli_zip_that_is_not_a_word_document(tmp_path):
    make_zip_that_is_not_word(tmp_path / "archive.docx")
    result = civplan("import", "archive.docx", cwd=tmp_path)
    assert result.returncode == 2 and "不是有效的 Word 文档" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive.docx"]


def test_cli_missing_file(tmp_path):
    result = civplan("import", "nowhere.txt", cwd=tmp_path)
    assert result.returncode == 2 and "nowhere.txt：无法读取文件" in result.stderr
    assert list(tmp_path.iterdir()) == []
