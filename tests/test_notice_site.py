"""Public notice and supervision on the built site: banners, home page, history, feeds, open data."""

import json
import re

import feedparser
import pytest

from conftest import SAMPLE, build, git, make_project, text_of

SLUG = "shilishidiyirenminyiyuan-2026"


def draft_of(text: str) -> str:
    draft = text.replace("status: 实施中", "status: 草案").replace(
        "name: 示例市第一人民医院", "name: 示例市草案医院", 1
    )
    return draft.replace("实施方案\n", "实施方案（草案）\n", 1).replace("林卫东", "草案甲")


@pytest.fixture(scope="module")
def history_site(tmp_path_factory):
    """A project in its own git repository: the sample plan in three commits, plus a draft."""
    root = make_project(tmp_path_factory.mktemp("history"), {})
    plan = root / "plans" / f"{SLUG}.md"
    text = SAMPLE.read_text("utf-8")
    notice = text.replace("status: 实施中", "status: 公示中")
    plan.write_text(
        notice.replace("每个工作日安排导诊志愿者不少于4人", "每个工作日安排导诊志愿者不少于2人"),
        "utf-8",
    )
    git(root, "init", "-q", author="党委办公室")
    git(root, "add", ".", author="党委办公室")
    git(root, "commit", "-qm", "公示稿", author="党委办公室")
    plan.write_text(notice, "utf-8")
    git(root, "commit", "-qam", "采纳公示意见：导诊志愿者增加到4人", author="党委办公室")
    plan.write_text(text, "utf-8")
    git(root, "commit", "-qam", "正式实施", author="党委办公室")
    (root / "plans" / "draft.md").write_text(draft_of(text), "utf-8")
    result = build(root, today="2026-05-15")
    assert result.returncode == 0, result.output
    return result


def test_history_page_shows_every_commit_and_its_diff(history_site):
    html = history_site.page(f"plans/{SLUG}/history")
    # the commits' subjects and author are the editors' own: never shown to the public
    for private in ["公示稿", "采纳公示意见：导诊志愿者增加到4人", "修改人"]:
        assert private not in html
    versions = re.split(r'<section class="civ-version"', html.split("</article>")[0])[1:]
    assert len(versions) == 3
    assert "修改了方案状态。" in text_of(versions[0])  # no note of its own: a neutral line
    assert "方案状态：公示中 → 实施中" in text_of(versions[0])
    assert "修改了主要任务。" in text_of(versions[1])
    assert "不少于<del>2</del><ins>4</ins>人" in versions[1]
    assert "采纳公示意见" in text_of(versions[2]) and "这是第一个版本" in versions[2]


def test_plan_page_links_its_history_and_shows_last_update(history_site):
    html = history_site.page(f"plans/{SLUG}")
    assert re.search(
        r"最后更新</dt><dd><span class=\"civ-date\">\d{4}-\d{2}-\d{2}</span> <a href=\"history/\"[^>]*>查看修订记录</a>",
        html,
    )


def test_home_page_lists_recent_changes(history_site):
    home = history_site.page("")
    recent = re.search(r'<ul class="civ-recent">(.*?)</ul>', home, re.S).group(1)
    assert recent.count("<li>") == 3 and "示例市第一人民医院：修改了方案状态。" in recent


def test_feed_parses_with_the_published_plans(history_site):
    feed = feedparser.parse((history_site.site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert [e.title for e in feed.entries] == ["示例市第一人民医院2026年创建市级文明单位实施方案"]
    entry = feed.entries[0]
    assert entry.link.endswith(f"plans/{SLUG}/") and "修改了方案状态" in entry.summary
    kind = feedparser.parse((history_site.site / "feeds" / "yiyuan.xml").read_bytes())
    assert len(kind.entries) == 1 and not kind.bozo


def test_drafts_are_absent_from_site_search_feeds_and_data(history_site):
    site = history_site.site
    assert not (site / "plans" / "draft").exists()
    assert not list(site.glob("plans/shilishicaoanyiyuan*"))
    # the search index (Pagefind's, compressed) is checked in test_search.py
    for path in [
        site / "feed.xml",
        site / "data" / "plans.json",
        *site.rglob("*.html"),
    ]:
        text = path.read_text("utf-8")
        assert "草案甲" not in text and "示例市草案医院" not in text, path


def test_open_data_has_every_published_plan_and_a_schema_version(history_site):
    data = json.loads((history_site.site / "data" / "plans.json").read_text("utf-8"))
    assert data["schema_version"] == "1"
    [plan] = data["plans"]
    assert plan["slug"] == SLUG and plan["status"] == "实施中"
    assert plan["metadata"]["leading_group"]["head"]["name"] == "林卫东"
    assert json.loads((history_site.site / "data" / "plan.schema.json").read_text("utf-8"))[
        "$schema"
    ]


def notice_site(tmp_path, today, **changes):
    text = SAMPLE.read_text("utf-8").replace("status: 实施中", "status: 公示中")
    text = text.replace('start: "2026-02-24 09:00"', 'start: "2026-11-25 09:00"')
    text = text.replace('end: "2026-03-02 17:30"', 'end: "2026-12-04 17:30"')
    for old, new in changes.items():
        text = text.replace(old, new)
    return build(make_project(tmp_path, {f"{SLUG}.md": text}), today=today)


def test_open_notice_banner_and_home_page(tmp_path):
    result = notice_site(tmp_path, "2026-11-28T10:00")
    page = result.page(f"plans/{SLUG}")
    banner = re.search(
        r'<div class="civ-banner civ-banner--公示中" role="status"><p>(.*?)</p>', page
    ).group(1)
    assert '文末<a href="#jubao">“监督举报”</a>' in banner  # a real link to the contacts
    banner = text_of(banner)
    assert "公示期至 2026年12月4日 17:30（北京时间），还有 6 天" in banner
    assert "意见反馈方式：书面意见送医院党委办公室" in banner
    home = result.page("")
    notice = re.search(r'<ul class="civ-notice-now">(.*?)</ul>', home, re.S).group(1)
    assert "截止 2026年12月4日 17:30（北京时间），还有 6 天" in text_of(notice)


def test_last_day_of_the_notice_says_today_and_the_hour_it_closes(tmp_path):
    result = notice_site(tmp_path, "2026-12-04T09:00")
    banner = text_of(
        re.search(r'<div class="civ-banner[^>]*>(.*?)</div>', result.page(f"plans/{SLUG}")).group(1)
    )
    assert "公示期至 2026年12月4日 17:30（北京时间），今天截止（17:30）。" in banner
    home = text_of(
        re.search(r'<ul class="civ-notice-now">(.*?)</ul>', result.page(""), re.S).group(1)
    )
    assert "截止 2026年12月4日 17:30（北京时间），今天截止（17:30）" in home
    assert "0 天" not in banner + home


def test_closed_notice_shows_closed_whatever_the_metadata_says(tmp_path):
    result = notice_site(tmp_path, "2026-12-05T09:00")
    page = result.page(f"plans/{SLUG}")
    assert "civ-banner--公示结束" in page and "公示期已于 2026年12月4日 17:30 结束" in text_of(page)
    assert "目前没有正在公示的方案" in result.page("")


def test_feedback_outcome_and_stages_due_this_month(tmp_path):
    result = notice_site(tmp_path, "2026-06-10", **{"status: 公示中": "status: 实施中"})
    page = result.page(f"plans/{SLUG}")
    assert "公示期间共收到意见 12 条" in page and "收费标准由价格主管部门规定" in page
    due = re.search(r'<ul class="civ-due">(.*?)</ul>', result.page(""), re.S).group(1)
    assert "“自查整改”阶段" in due and "2026-06-30 到期" in text_of(due)


def test_superseded_plan_links_its_successor_and_renamed_plan_redirects(tmp_path):
    text = SAMPLE.read_text("utf-8")
    old = text.replace(
        "status: 实施中",
        "status: 已废止\nsuperseded_by: shilishidiyirenminyiyuan-2027\n"
        "withdrawal_reason: 2027年起按新的测评体系制定新方案，本方案不再执行。",
    )
    new = text.replace("year: 2026", "year: 2027").replace("2026年创建", "2027年创建")
    new = new.replace("title:", "former_slugs: [shiliyiyuan-2027]\ntitle:", 1)
    new = new.replace('"2026-', '"2027-').replace("〔2026〕", "〔2027〕")
    result = build(make_project(tmp_path, {"a.md": old, "b.md": new}), today="2027-07-15")
    assert result.returncode == 0, result.output
    page = result.page(f"plans/{SLUG}")
    assert "civ-banner--已被替代" in page and '<a href="../shilishidiyirenminyiyuan-2027/">' in page
    # why, then where to go: a withdrawn plan must say both (issue 26)
    assert "废止原因：2027年起按新的测评体系制定新方案，本方案不再执行。" in page
    redirect = result.page("plans/shiliyiyuan-2027")
    assert "url=../shilishidiyirenminyiyuan-2027/" in redirect
