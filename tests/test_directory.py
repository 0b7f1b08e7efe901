"""The plan directory as HTML: rows carry their filter values; the filter form waits for JS."""

import json
import re
from datetime import date
from html import unescape

from civplan.site.directory import plan_directory

TODAY = date(2026, 5, 15)


def meta(title, kind, level, year, county=None):
    region = {"province": "示例省", "city": "示例市"} | ({"county": county} if county else {})
    unit = {"kind": kind, "region": region}
    return {"title": title, "unit": unit, "level": level, "year": year, "status": "实施中"}


ENTRIES = [
    ("a/", meta("甲医院方案", "医院", "市级", 2026)),
    ("b/", meta("乙局方案", "机关", "省级", 2025, county="示例县")),
]


def test_each_row_carries_its_place_kind_level_region_year_and_status():
    html = plan_directory(ENTRIES, TODAY)
    rows = re.findall(r"<tr (data-[^>]+)>", html)
    assert rows[0] == (
        'data-order="0" data-kind="医院" data-level="市级" data-region="示例省/示例市" data-year="2026" '
        'data-status="实施中" data-tasks=""'
    )
    assert 'data-region="示例省/示例市/示例县"' in rows[1]


def test_each_cell_names_its_column_for_the_phone_layout():
    html = plan_directory(ENTRIES, TODAY)
    assert '<td data-label="方案"><a href="a/">甲医院方案</a></td>' in html
    assert '<td data-label="地区">示例省示例市示例县</td>' in html


def test_the_filter_form_is_hidden_until_javascript_shows_it():
    html = plan_directory(ENTRIES, TODAY)
    form = re.search(r"<form[^>]*>", html).group(0)
    assert "hidden" in form and "data-civ-filters" in form
    names = re.findall(r'<select name="(\w+)">', html)
    assert names == ["kind", "level", "region", "year", "status", "tasks"]


def test_the_region_filter_offers_every_province_city_and_county():
    html = plan_directory(ENTRIES, TODAY)
    region = re.search(r'<select name="region">(.*?)</select>', html).group(1)
    values = re.findall(r'<option value="([^"]*)">', region)
    assert values == ["", "示例省", "示例省/示例市", "示例省/示例市/示例县"]


def test_values_from_plans_are_escaped():
    html = plan_directory([("x/", meta('<b>"方案"</b>', "其他", "县级", 2024))], TODAY)
    assert "<b>" not in html and "&lt;b&gt;&quot;方案&quot;&lt;/b&gt;" in html


def test_a_large_directory_lays_out_its_newest_rows_and_keeps_the_rest_in_parts(monkeypatch):
    from civplan.site import directory

    monkeypatch.setattr(directory, "SHOWN", 1)
    html, parts = directory.directory_files(ENTRIES, TODAY)
    table = html[html.index("<table>") : html.index("</table>")]
    assert "甲医院方案" in table and "乙局方案" not in table  # 2026 before 2025
    assert list(parts) == ["0.html"]
    assert "乙局方案" in parts["0.html"] and 'data-region="示例省/示例市/示例县"' in parts["0.html"]
    assert 'data-order="1"' in parts["0.html"]
    assert "这里列出最新的 1 个方案（共 2 个）" in html
    index = json.loads(unescape(html.split('data-parts="')[1].split('"')[0]))
    assert index == [
        {
            "file": "parts/0.html",
            "first": 1,
            "rows": 1,
            "values": {
                "kind": ["机关"],
                "level": ["省级"],
                "region": ["示例省/示例市/示例县"],
                "year": ["2025"],
                "status": [index[0]["values"]["status"][0]],
                "tasks": [""],
            },
        }
    ]
    monkeypatch.setattr(directory, "SHOWN", 2)
    html, parts = directory.directory_files(ENTRIES, TODAY)
    assert parts == {} and "civ-directory-note" not in html


def test_a_row_is_what_its_template_makes_with_every_value_escaped():
    # rows are filled into directory_row.html rendered once (a render per row is six times
    # slower): the shortcut must make what the template would, escaping included
    from civplan.site import directory
    from civplan.site.markup import render

    plan = meta("<i>\"{{甲}}\"</i> & '乙'", "医<院>", "市级", 2026, county="{县}")
    values = directory._facets(plan, TODAY) | {"tasks": "有逾期任务"}
    row = directory._row('a/?x=1&y="2"', plan, values, 7)
    shown = {
        "url": 'a/?x=1&y="2"',
        "title": plan["title"],
        "kind": "医<院>",
        "level": "市级",
        "region": "示例省示例市{县}",
        "year": 2026,
        "status": values["status"],
        "order": 7,
    }
    made = render("directory_row.html", columns=directory.COLUMNS, data=values.items(), **shown)
    assert row == made
    assert "<i>" not in row and "{" not in row and "&#123;县&#125;" in row
    assert 'data-tasks="有逾期任务"' in row
