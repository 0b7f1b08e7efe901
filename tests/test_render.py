import re
from datetime import date

from civplan.model.loader import parse
from civplan.site import sections as render


def meta_of(text):
    plan, _ = parse(text, "p.md")
    return plan.meta


def cells(html: str) -> list[list[str]]:
    """The text of each body row's cells."""
    rows = re.findall(r"<tr>(.*?)</tr>", html)
    return [
        [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)] for row in rows
    ]


def test_leading_group_is_a_table_of_roles_in_order(sample_text):
    html = render.leading_group(meta_of(sample_text), date(2026, 5, 1))
    rows = [r for r in cells(html) if r]
    assert [r[:2] for r in rows] == [
        ["组长", "林卫东"],
        ["常务副组长", "周明华"],
        ["副组长", "陈晓梅"],
        ["副组长", "王建国"],
        ["成员", "赵丽"],
        ["成员", "孙强"],
        ["成员", "刘芳"],
    ]
    assert "成立示例市第一人民医院创建文明单位工作领导小组" in html
    assert "办公室设在党委办公室，由赵丽（党委办公室主任）兼任办公室主任" in html


def test_stages_mark_only_the_stage_due_today(sample_text):
    meta = meta_of(sample_text)
    html = render.stages(meta, date(2026, 5, 15))
    names = re.findall(r'civ-stage__name">([^<]+)', html)
    assert names == ["宣传发动", "自查整改", "全面实施", "检查验收"]
    assert stage_progress(html) == ["done", "current", "upcoming", "upcoming"]
    assert html.count("当前阶段") == 1 and html.count('aria-current="step"') == 1
    assert re.findall(r'civ-stage--now" aria-current="step"><h3[^>]*>([^<]+)', html) == ["自查整改"]
    # on the last day of a stage it is still current; the next day the next one is
    assert "自查整改<strong" in render.stages(meta, date(2026, 6, 30))
    assert "全面实施<strong" in render.stages(meta, date(2026, 7, 1))


def stage_progress(html: str) -> list[str]:
    return re.findall(r'class="civ-stage civ-stage--(\w+)', html)


def test_progress_of_stages_from_dates_and_done():
    meta = {
        "stages": [
            {
                "name": "甲",
                "start": "2026-03-01",
                "end": "2026-03-31",
                "done": "2026-03-30",
                "tasks": ["t"],
            },
            {"name": "乙", "start": "2026-04-01", "end": "2026-04-30", "tasks": ["t"]},
            {
                "name": "丙",
                "start": "2026-05-01",
                "end": "2026-06-30",
                "done": "2026-06-01",
                "tasks": ["t"],
            },
            {"name": "丁", "start": "2026-07-01", "end": "2026-08-31", "tasks": ["t"]},
        ]
    }
    # 乙 ended without a completion date: overdue; 丙's completion lies in the future: in progress
    assert stage_progress(render.stages(meta, date(2026, 5, 15))) == [
        "done",
        "overdue",
        "current",
        "upcoming",
    ]
    assert "逾期" in render.stages(meta, date(2026, 5, 15))


def test_measures_show_progress_and_evidence(sample_text):
    html = render.measures(meta_of(sample_text), date(2026, 6, 15))
    rows = cells(html)[1:]
    progress = [row[3] for row in rows]
    # each reported state with the day it was reported; the fourth has no report and no
    # deadline: in progress since the plan started
    assert progress == [
        "推进中2026-04-08 报告",
        "已完成2026-05-12 报告",
        "未开始2026-04-01 报告",
        "推进中",
    ]
    assert 'href="https://www.shili-yiyuan.example/news/2026-05-20.html"' in html
    # after the deadlines: 逾期 only where no 已完成 was reported
    assert [
        row[3] for row in cells(render.measures(meta_of(sample_text), date(2027, 1, 5)))[1:]
    ] == [
        "逾期2026-04-08 报告",
        "已完成2026-05-12 报告",
        "逾期2026-04-01 报告",
        "推进中",
    ]


def test_guarantees_use_the_standard_wording_plus_the_units_text(sample_text):
    html = render.guarantees(meta_of(sample_text), date(2026, 5, 1))
    words = render.wording()["guarantees"]["items"]
    assert re.findall(r"<dt>([^<]+)</dt>", html) == [
        "加强领导",
        "经费保障",
        "宣传氛围",
        "督导检查",
        "考核奖惩",
    ]
    assert words["经费保障"] in html and "创建专项经费30万元" in html


def test_supervision_lists_every_channel(sample_text):
    html = render.supervision(meta_of(sample_text), date(2026, 5, 1))
    assert 'href="tel:0000-86120011"' in html and "（纪检监察室）" in html
    assert 'href="mailto:jubao@shili-yiyuan.example"' in html
    for text in ("示例市健康路1号", "000100", "工作日 8:00", "门诊大厅东侧"):
        assert text in html


def test_metadata_is_escaped_never_markup():
    meta = {
        "leading_group": {
            "head": {"name": "<script>alert(1)</script>", "post": "书记"},
            "office": {},
        }
    }
    html = render.leading_group(meta, date(2026, 1, 1))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_card_shows_status_from_the_notice_window(sample_text):
    meta = meta_of(sample_text)
    meta.update(status="公示中", notice={"start": "2026-03-01", "end": "2026-03-07"})
    assert "公示中" in render.card(meta, date(2026, 3, 7))
    assert "公示结束" in render.card(meta, date(2026, 3, 8))
