"""Progress reports (issue 26): what each unit promised against what it has done, on the plan
page, the home page, the directory, open data, the feed and the Word file, and the check that
keeps the reports honest. The samples are built as a reader meets them, on 2026-05-15."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import docx
import pytest

from civplan.history.versions import Version
from civplan.model.schema import measure_columns
from civplan.site.history_page import history_page

from conftest import REPO, build, civplan, make_project

TODAY = "2026-05-15"
LIBRARY = "plans/shilishitushuguan-2026"
HOSPITAL = "plans/shilishidiyirenminyiyuan-2026"
BUS = "plans/shilishigonggongjiaotongyouxiangongsi-2025"
SAMPLE = (REPO / "plans" / "shilishidiyirenminyiyuan-2026.md").read_text("utf-8")


def words(html: str) -> str:
    """The text a reader sees (tags dropped, runs of white space as one)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def part(html: str, start: str, end: str) -> str:
    found = re.search(re.escape(start) + r"(.*?)" + re.escape(end), html, re.S)
    assert found, start
    return found.group(1)


def test_plan_page_shows_latest_status_history_and_the_yearly_summary(sample_site):
    page = sample_site.page(LIBRARY)
    assert "2026年（截至目前）：完成 1 项，推进中 4 项，逾期 2 项。" in words(page)
    rows = re.findall(r"<tr>(.*?)</tr>", part(page, '<div class="civ-measures">', "</table>"))
    cells = [re.findall(r'<td data-label="([^"]+)">(.*?)</td>', row) for row in rows[1:]]
    progress = [words(dict(row)["进度"]).strip() for row in cells]
    # done before its deadline; reported 未按期完成; reported 推进中 but past its deadline (逾期);
    # no report and no deadline; a deadline still ahead
    assert progress[:4] == [
        "已完成2026-03-12 报告",
        "逾期2026-05-06 报告",
        "逾期2026-03-20 报告",
        "推进中",
    ]
    assert progress[6] == "推进中2026-05-08 报告"
    # the history, newest first, each entry dated with its status and note
    history = words(dict(cells[1])[measure_columns()[0]])  # the task column, by its schema title
    assert "进展记录（2 条，最近一次 2026-05-06）" in history
    assert history.index("2026-05-06未按期完成读者志愿者的网上培训推迟到5月") < history.index(
        "2026-04-02推进中已招募馆员志愿者18人"
    )


def test_a_task_done_on_time_is_never_overdue_and_evidence_links_to_an_upload(sample_site):
    page = sample_site.page(HOSPITAL)
    table = part(page, '<div class="civ-measures">', "</table>")
    assert "已完成2026-05-12 报告" in words(table)
    assert 'href="../../assets/uploads/yiyuan-2026-yidefengfeng-q1.pdf"' in table
    assert (sample_site.site / "assets/uploads/yiyuan-2026-yidefengfeng-q1.pdf").read_bytes()[
        :5
    ] == b"%PDF-"
    # a stage's own reports, under the stage
    stage = part(page, '<li class="civ-stage civ-stage--done">', "</details></li>")
    assert "3月6日召开全院创建动员大会" in words(stage)


def test_home_page_lists_overdue_tasks_and_tasks_completed_this_month(sample_site):
    home = sample_site.page("")
    overdue = words(part(home, '<ul class="civ-tasks civ-tasks--overdue">', "</ul>"))
    assert overdue.count("逾期") == 3
    assert "建立线上内容三级审核制度" in overdue and "期限 2026-03-31" in overdue
    assert "组织干部职工签订文明行为承诺书" in overdue  # the water bureau's, reported 未按期完成
    assert "开设“文明阅读”专栏" not in overdue  # done on time
    done = words(part(home, '<ul class="civ-tasks civ-tasks--done">', "</ul>"))
    assert "门诊大厅设立志愿服务站" in done and "2026-05-12 完成" in done


def test_directory_filters_by_overdue_tasks_at_a_fixed_address(sample_site):
    directory = sample_site.page("plans")
    assert (
        '<select name="tasks"><option value="">全部</option><option value="有逾期任务">'
        in directory
    )
    overdue = re.findall(r'<tr [^>]*data-tasks="有逾期任务"[^>]*>.*?<a href="([^"]+)"', directory)
    assert sorted(overdue) == ["shilishitushuguan-2026/", "shilixianshuiliju-2026/"]


def test_open_data_and_feed_carry_the_progress(sample_site):
    data = json.loads((sample_site.site / "data/plans.json").read_text("utf-8"))
    library = next(p for p in data["plans"] if p["slug"] == "shilishitushuguan-2026")
    assert library["progress"]["years"]["2026"] == {
        "done": 1,
        "current": 4,
        "overdue": 2,
        "upcoming": 0,
    }
    assert library["progress"]["measures"][:3] == ["done", "overdue", "overdue"]
    reports = library["metadata"]["measures"][1]["progress"]
    assert [r["status"] for r in reports] == ["推进中", "未按期完成"]
    assert library["maintainers"] == {"commits": []}  # no git here: no commit to name
    feed = (sample_site.site / "feed.xml").read_text("utf-8")
    assert "2026年任务：完成 1 项，推进中 4 项，逾期 2 项。最新进展（2026-05-08）" in feed


def test_word_file_carries_each_tasks_latest_report(sample_site):
    document = docx.Document(
        str(sample_site.site / HOSPITAL / "shilishidiyirenminyiyuan-2026.docx")
    )
    text = "\n".join(p.text for p in document.paragraphs)
    assert "任务进展（截至2026年5月15日，各项任务最近一次报告）：" in text
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert ["任务", "进展状态", "报告日期", "进展说明"] in rows
    done = next(
        row for row in rows if row[0].startswith("门诊大厅设立志愿服务站") and len(row) == 4
    )
    assert done[1:3] == ["已完成", "2026年5月12日"]


def test_an_abolished_plan_says_why(sample_site):
    banner = words(part(sample_site.page(BUS), '<div class="civ-banner', "</div>"))
    assert "本方案已废止" in banner
    assert "废止原因：公司2025年8月与示例市客运集团合并" in banner


def test_history_page_shows_no_commit_hash():
    commit = "0123456789abcdef0123456789abcdef01234567"
    version = Version(
        commit, datetime(2026, 3, 2, 1, 0, tzinfo=UTC), "编辑", "发布", "plans/a.md", SAMPLE
    )
    html = history_page("示例方案", [version], "../")
    assert "2026-03-02 09:00" in html
    assert "版本号" not in html and commit[:7] not in words(html)


# ---- check: the reports must be honest; a passed deadline without one is a warning --------


def plan_with(old: str, new: str) -> str:
    assert old in SAMPLE
    return SAMPLE.replace(old, new, 1)


MISSING = plan_with(
    '    deadline: "2026-09-30"\n    progress:\n      - date: "2026-04-01"\n        status: 未开始\n'
    "        note: 改造方案已报院长办公会，待审批后招标，预计6月开工。\n",
    '    deadline: "2026-04-30"   # 提前了\n',
)


def test_a_passed_deadline_without_a_report_is_a_warning_that_names_the_task(tmp_path, monkeypatch):
    monkeypatch.setenv("CIVPLAN_TODAY", TODAY)
    root = make_project(tmp_path / "p", {"a.md": MISSING})
    checked = civplan("check", "plans", cwd=root)
    assert checked.returncode == 0, checked.stdout
    assert re.search(
        r"plans/a\.md:\d+: 警告 任务“完成院区无障碍通道和母婴室改造，公共区域…”的完成期限 2026-04-30 已过，"
        r"还没有任何进展记录。.*\[progress-missing\]",
        checked.stdout,
    )
    # the strict build goes on (time alone must not stop a site) and the page says 逾期
    built = build(root, today=TODAY)
    assert built.returncode == 0, built.output
    assert "INFO" in built.output and "[progress-missing]" in built.output
    row = part(built.page(HOSPITAL), "完成院区无障碍通道", "</tr>")
    assert "逾期" in row


@pytest.mark.parametrize(
    "old, new, wanted",
    [
        (
            "        note: 志愿服务站5月12日启用，每个工作日安排导诊志愿者4人，周末2人。\n",
            "",
            "错误 任务“门诊大厅设立志愿服务站，每个工作日安排导…”的进展记录（2026-05-12，已完成）没有进展说明。",
        ),
        (
            '      - date: "2026-05-12"\n',
            '      - date: "2026-05-21"  # 还没到的日子\n',
            "错误 任务“门诊大厅设立志愿服务站，每个工作日安排导…”的进展记录日期 2026-05-21 晚于今天（2026-05-15）。",
        ),
        (
            "status: 实施中\n",
            "status: 已废止\n",
            "错误 方案状态为“已废止”，但没有写明废止原因。",
        ),
    ],
    ids=["done-without-note", "dated-after-now", "abolished-without-reason"],
)
def test_check_and_build_refuse_dishonest_reports(tmp_path, monkeypatch, old, new, wanted):
    monkeypatch.setenv("CIVPLAN_TODAY", TODAY)
    root = make_project(tmp_path / "p", {"a.md": plan_with(old, new)})
    checked = civplan("check", "plans", cwd=root)
    assert checked.returncode == 1 and wanted in checked.stdout, checked.stdout
    assert "Traceback" not in checked.stdout + checked.stderr
    built = build(root, today=TODAY)
    assert built.returncode != 0 and wanted in built.output


# ---- attacks on the new fields: every value meets the page escaped, every link checked ----

NOTE = "志愿服务站5月12日启用，每个工作日安排导诊志愿者4人，周末2人。"
SCRIPT = "</summary><script>alert(26)</script><img src=x onerror=alert(26)>"


def test_a_report_note_and_evidence_title_with_markup_reach_every_page_as_text(tmp_path):
    text = plan_with(f"        note: {NOTE}\n", f"        note: {json.dumps(NOTE + SCRIPT)}\n")
    text = text.replace(
        "          - title: 志愿服务站排班表（院网站公告）\n",
        f"          - title: {json.dumps('排班表' + SCRIPT, ensure_ascii=False)}\n",
    )
    built = build(make_project(tmp_path / "p", {"a.md": text}), today=TODAY)
    assert built.returncode == 0, built.output
    for page in (
        built.page(HOSPITAL),
        built.page(""),
        (built.site / "feed.xml").read_text("utf-8"),
    ):
        assert "<script>alert(26)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(26)" in built.page(HOSPITAL)


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(26)", " JaVaScRiPt:alert(26)", "data:text/html,<script>alert(26)</script>"],
)
def test_a_report_evidence_link_that_runs_a_script_never_reaches_the_page(tmp_path, url):
    """The schema's pattern lets `javascript:…` through (it begins like a relative address);
    the wall is the page's sanitizer (civplan.site.sanitize), as for a measure's evidence."""
    text = plan_with(
        "            url: https://www.shili-yiyuan.example/notice/2026-05-12.html\n",
        f"            url: {json.dumps(url)}\n",
    )
    built = build(make_project(tmp_path / "p", {"a.md": text}), today=TODAY)
    if built.returncode:  # refused by the check, naming the field: as safe
        assert "measures[1].progress[1].evidence[0].url" in built.output, built.output
        return
    page = built.page(HOSPITAL)
    assert "志愿服务站排班表（院网站公告）" in page
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert not [h for h in hrefs if re.match(r"\s*(javascript|data):", h, re.I)], hrefs
