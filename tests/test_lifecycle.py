"""Status from dates at fixed moments around each boundary, and working days with holidays."""

from datetime import date, datetime

import pytest

from civplan.check import plan_problems
from civplan.model import lifecycle
from civplan.model.lifecycle import BEIJING, status, working_days
from civplan.model.loader import parse

WINDOW = {"status": "公示中", "notice": {"start": "2026-11-25 09:00", "end": "2026-12-04"}}


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BEIJING)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2026-11-25T08:59", "待公示"),
        ("2026-11-25T09:00", "公示中"),
        ("2026-12-04T23:59", "公示中"),  # a bare end date runs to the end of that day
        ("2026-12-05T00:00", "公示结束"),  # closed the day after, whatever the metadata says
        ("2027-03-01T12:00", "公示结束"),
    ],
)
def test_notice_window_boundaries(moment, expected):
    assert status(WINDOW, at(moment)) == expected


def test_a_date_alone_means_noon_beijing_time():
    assert status(WINDOW, date(2026, 12, 4)) == "公示中"
    assert status(WINDOW, date(2026, 12, 5)) == "公示结束"
    assert lifecycle.days_left(WINDOW, date(2026, 11, 28)) == 6
    assert lifecycle.days_left(WINDOW, date(2026, 12, 4)) == 0


def test_other_statuses():
    assert status({"status": "实施中"}, date(2026, 1, 1)) == "实施中"
    assert status({"status": "已废止"}, date(2026, 1, 1)) == "已废止"
    assert status({"status": "已废止", "superseded_by": "x-2027"}, date(2026, 1, 1)) == "已被替代"
    assert not lifecycle.is_published({"status": "草案"})


def test_now_is_injectable(monkeypatch):
    monkeypatch.setenv("CIVPLAN_TODAY", "2026-12-05T08:30")
    assert lifecycle.now() == at("2026-12-05T08:30")
    monkeypatch.setenv("CIVPLAN_TODAY", "2026-12-05")
    assert lifecycle.now() == at("2026-12-05T12:00")


def test_working_days_across_national_day_and_an_adjusted_saturday():
    # 2026 国庆: 10月1日—7日 off; Sunday 9月20日 and Saturday 10月10日 are working days
    assert working_days(date(2026, 10, 1), date(2026, 10, 7)) == 0
    assert lifecycle.is_workday(date(2026, 10, 10))  # an adjusted working Saturday
    assert not lifecycle.is_workday(date(2026, 10, 17))  # an ordinary Saturday
    assert working_days(date(2026, 9, 28), date(2026, 10, 12)) == 7
    assert working_days(date(2026, 11, 23), date(2026, 11, 27)) == 5


def notice_problems(start: str, end: str):
    from conftest import SAMPLE

    text = SAMPLE.read_text("utf-8").replace('start: "2026-02-24 09:00"', f'start: "{start}"')
    text = text.replace('end: "2026-03-02 17:30"', f'end: "{end}"')
    plan, _ = parse(text, "plans/x.md")
    return [p for p in plan_problems(plan) if p.rule == "notice-length"]


def test_check_warns_when_the_window_is_shorter_than_five_working_days():
    # 9月30日 to 10月9日: ten calendar days but only 9月30日, 10月8日, 10月9日 are working days
    [problem] = notice_problems("2026-09-30", "2026-10-09")
    assert problem.severity == "警告" and "只有 3 个工作日" in problem.message
    assert notice_problems("2026-11-23", "2026-11-27") == []
    assert notice_problems("2026-10-08", "2026-10-14") == []  # 8, 9, 10 (Saturday), 12, 13, 14


def test_a_now_given_with_another_offset_is_read_in_beijing_time(monkeypatch):
    # 16:30 UTC on 12-04 is 00:30 on 12-05 in Beijing: the notice closed with 12-04, and the
    # build's day (page keys, "截至" dates) is Beijing's, never the offset's
    monkeypatch.setenv(lifecycle.TODAY_VARIABLE, "2026-12-04T16:30:00+00:00")
    now = lifecycle.now()
    assert now.utcoffset() == BEIJING.utcoffset(None)
    assert lifecycle.today() == date(2026, 12, 5)
    assert status(WINDOW, now) == "公示结束"
