"""Acceptance on the real corpus: the importer finds in each plan what a careful reader finds.

EXPECTED is written by hand from reading ../shared/corpus/<stem>.txt: the leading group (role,
name), the stages (name, first and last month; None where the plan gives no month), the report
phones and the postal address. The imported plans are written to tmp_path only: the corpus is
real units' text and is never published.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from civplan.importer.plan import import_source, write_import
from civplan.importer.read_source import read_source
from civplan.importer.report import coverage
from civplan.model.blank import has_blank

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

if not CORPUS.exists():
    pytest.skip(
        f"../shared/corpus is absent ({CORPUS}): the real plans to import are not here",
        allow_module_level=True,
    )

EXPECTED = {
    "hospital-nine-prohibitions": {
        # “领导小组下设办公室(名单附后)”: the group is named, its members never listed.
        "group": [],
        "group_name": "哈医大四院贯彻加强医疗卫生行风“九不准”领导小组",
        "stages": [
            ("学习发动阶段", None),
            ("自查梳理阶段", (2, 2)),  # “20xx年2月”
            ("检查整改阶段", (3, 4)),  # “20xx年3-4月”
            ("巩固总结阶段", (5, 5)),
        ],
        "phones": [("0451-82576516", "医务科"), ("0451-82576548", "医风办")],
        "address": "哈医大四院(哈尔滨市南岗区银行街31号)",
        "unit": ("哈医大四院", "医院"),
        # (四)院人事科 (五)院采购办、药品采购办 (六)院宣传科 负责……
        "departments": {"院人事科", "院采购办、药品采购办", "院宣传科"},
        "source_errors": {"placeholder", "numbering"},  # 20xx年2月…; (四)(五)(六)(八)
    },
    "county-bureau-civilized-county": {
        "group": [
            ("组长", "叶斌"),
            ("常务副组长", "王祥德"),
            ("副组长", "毛显伙"),
            ("副组长", "曾秋菊"),
            ("副组长", "陈南京"),
            ("副组长", "刘琳"),
        ],
        "members_note": "各股室负责人",
        "duties": 6,  # “叶斌:全面统筹负责……” … “刘琳:督促机关各办公室……”
        "director": "王祥德",  # “王祥德:兼任领导小组办公室主任”
        "stages": [],
        "phones": [],
        "address": None,
        "unit": (None, "机关"),  # “我局”; the bureau never names itself
        "rewards": 4,
        "source_errors": {"placeholder"},  # 闽文明委〔20xx〕7号 …
    },
    "city-science-bureau-keep-title": {
        "group": [],  # “成立市科技局创建精神文明单位领导小组” — nobody named
        "group_name": "市科技局创建精神文明单位领导小组",
        "stages": [
            ("制订方案,宣传发动阶段", (3, 4)),
            ("全面实施阶段", (4, 9)),
            ("争创达标阶段", (10, 11)),
        ],
        "phones": [],
        "address": None,
        "unit": ("聊城市科技局", "机关"),
        "mode": "保持",
        "goals": 5,  # 一是…五是 创建学习型/负责型/创新型/团结型/清廉型机关
        "measures": 7,  # 一是…四是, 六是…八是
        "guarantees": ["加强领导", "经费保障", "宣传氛围"],
        "source_errors": {"numbering"},  # 五是 missing
    },
    "primary-school-five-year": {
        "group": [],  # “组长:” “副组长:” “成员:” all empty
        "members_note_has": ["各班班主任", "各班家长委员会成员", "各班班长"],
        "stages": [],
        "phones": [],
        "address": None,
        "unit": (None, "学校"),
        "goals": 4,
        "measures": 7,
        "source_errors": {"placeholder", "empty-role"},
    },
    "news-center-city-level": {
        "group": [],
        "stages": [],
        "phones": [],
        "address": None,
        "unit": (None, "新闻媒体"),
        "goals": 4,
        "measures": 4,
        "unplaced_lines": [1],  # “……下面是有创建市级文明单位工作实施方案,欢迎参阅。”
        # 党的xx大, 20xx年; “,提出具体的学习要求” lost its start (“制定学习计划”) in copying
        "source_errors": {"placeholder", "lost-start"},
    },
}
ROLES = [("head", "组长"), ("executive_deputy", "常务副组长"), ("deputies", "副组长")]
ROLES += [("members", "成员")]


def people(group: dict) -> list[tuple[str, str]]:
    found = []
    for key, role in ROLES:
        value = group.get(key, [])
        for person in value if isinstance(value, list) else [value]:
            if not has_blank(person["name"]):
                found.append((role, person["name"]))
    return found


def imported(stem: str):
    return import_source(read_source(CORPUS / f"{stem}.txt"))


def test_every_corpus_file_has_its_row():
    assert sorted(path.stem for path in CORPUS.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_leading_group(stem):
    expected, meta = EXPECTED[stem], imported(stem).meta
    group = meta["leading_group"]
    assert people(group) == expected["group"]
    if "group_name" in expected:
        assert group["name"] == expected["group_name"]
    if "members_note" in expected:
        assert group["members_note"] == expected["members_note"]
    for words in expected.get("members_note_has", []):
        assert words in group["members_note"]
    if "duties" in expected:
        everyone = [group["head"], group["executive_deputy"], *group["deputies"]]
        assert sum("duty" in person for person in everyone) == expected["duties"]
    if "director" in expected:
        assert group["office"]["director"]["name"] == expected["director"]


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_stages(stem):
    found = [
        (s.name, (s.months.start, s.months.end) if s.months else None)
        for s in imported(stem).stages
    ]
    assert found == EXPECTED[stem]["stages"]


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_contacts(stem):
    expected, supervision = EXPECTED[stem], imported(stem).meta["supervision"]
    phones = [(p["number"], p.get("label")) for p in supervision["phones"]]
    assert [p for p in phones if not has_blank(p[0])] == expected["phones"]
    address = None if has_blank(supervision["address"]) else supervision["address"]
    assert address == expected["address"]


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_unit_and_lists(stem):
    expected, meta = EXPECTED[stem], imported(stem).meta
    name, kind = expected["unit"]
    assert (None if has_blank(meta["unit"]["name"]) else meta["unit"]["name"]) == name
    assert meta["unit"]["kind"] == kind
    for key in ("goals", "measures", "rewards"):
        if key in expected:
            assert len(meta[key]) == expected[key], key
    if "guarantees" in expected:
        assert [g["kind"] for g in meta["guarantees"]] == expected["guarantees"]
    if "departments" in expected:
        assert expected["departments"] <= {m["department"] for m in meta["measures"]}
    if "mode" in expected:
        assert meta["mode"] == expected["mode"]


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_import_and_check(stem, tmp_path):
    """The draft is a well-formed plan; `check` reports only what is wrong in the source."""
    source = CORPUS / f"{stem}.txt"
    started = time.perf_counter()
    report = write_import(source, tmp_path / f"{stem}.md", tmp_path)
    seconds = time.perf_counter() - started
    share = coverage(report)
    print(f"{stem}: {share:.1%} of the source in a recognised section, imported in {seconds:.3f} s")
    errors = {p.rule for p in report.problems if p.is_error}
    assert errors == EXPECTED[stem]["source_errors"]
    unplaced = [p.first for p in report.placements if p.section is None]
    assert unplaced == EXPECTED[stem].get("unplaced_lines", [])
    assert share >= 0.9
    body = (tmp_path / f"{stem}.md").read_text("utf-8").split("\n---\n", 1)[1]
    for line in source.read_text("utf-8").split("\n"):
        assert line.strip() in body, "no source text may be dropped"


def test_a_year_given_dates_the_stages_and_check_sees_the_overlap(tmp_path):
    """The science bureau's stages run 3–4月, 4–9月: with --year 2018 they overlap in April."""
    source = CORPUS / "city-science-bureau-keep-title.txt"
    report = write_import(source, tmp_path / "plan.md", tmp_path, year=2018)
    overlap = [p for p in report.problems if p.rule == "stage-overlap"]
    assert len(overlap) == 1 and "2018-04-01" in overlap[0].message
