"""`civplan import` fills metadata only on evidence (issue 16), one test per kind of mistake.

Every text here is written for the test, in the shape of the real plans where the mistake was
seen: the unit taken from an organisation the plan founds, the kind from stray words, the level
from a 文明城市 campaign, a leading group written as one sentence, a county without its city,
a stage named by a fragment, a draft named after its source file, a body without macros.
"""

from __future__ import annotations

import re

import pytest

from civplan.importer.plan import import_source, write_import
from civplan.importer.read_source import Line, Source
from civplan.model.blank import has_blank
from civplan.model.loader import load


def imported(text: str):
    lines = text.strip("\n").split("\n")
    return import_source(
        Source("plan.txt", "UTF-8", tuple(Line(n, t) for n, t in enumerate(lines, 1)))
    )


def filled(value) -> bool:
    return value is not None and not has_blank(str(value))


def report_lines(result, field: str) -> list[tuple[int, str]]:
    return [(f.line, f.text) for f in result.findings if f.field == field]


# --- the unit: only from self-reference ------------------------------------------------------

FOUNDS = """
为推进文明单位创建，结合我馆实际，制定本方案。
一、主要任务
（一）成立红色文化展览馆，展示本地革命历史。
（二）成立新一届家长委员会，推动家校共建。
（三）把红色文化展览馆建设成为爱国主义教育基地。
"""


def test_an_organisation_the_plan_founds_is_not_the_unit():
    result = imported(FOUNDS)
    assert not filled(result.meta["unit"]["name"])
    notes = [f.text for f in result.findings if not f.field]
    assert any("红色文化展览馆" in note and "成立" in note for note in notes)


def test_the_unit_named_in_its_own_title_and_address():
    result = imported(
        """
青山县第二实验小学创建市级文明校园实施方案
为巩固创建成果，结合我校实际，制定本方案。
与青山县人民医院开展结对共建活动。
监督举报电话：0000-1234567，通讯地址：青山县第二实验小学（青山县文化路8号）。
"""
    )
    assert result.meta["unit"]["name"] == "青山县第二实验小学"
    assert result.meta["unit"]["kind"] == "学校"
    (line, text), *_ = report_lines(result, "unit.name")
    assert line == 1 and "标题" in text


def test_a_generic_or_placeholder_name_is_a_blank():
    for text in (
        "人民医院创建文明单位实施方案\n结合我院实际，制定本方案。",
        "XX县XX医院创建省级文明单位实施方案\n结合我院实际，医院制定本方案。",
    ):
        assert not filled(imported(text).meta["unit"]["name"])


def test_a_name_of_another_kind_than_the_plan_says_of_itself_is_not_the_unit():
    # a page heading of another plan glued before a bureau's text
    result = imported(
        "东风小学创建文明校园实施方案关于印发方案的通知各科室：结合我局工作实际，制定本方案。"
        "我局将认真落实。"
    )
    assert not filled(result.meta["unit"]["name"])
    assert result.meta["unit"]["kind"] == "机关"


# --- the kind: from 我校/我院/我局, never from stray words ------------------------------------


def test_a_school_that_calls_itself_woxiao_is_a_school():
    result = imported(
        """
为做好创建工作，我校结合机关党建和机关作风建设要求，制定本方案。
我校全体教职工要积极参与，机关各处室要配合。
"""
    )
    assert result.meta["unit"]["kind"] == "学校"
    assert "我校" in report_lines(result, "unit.kind")[0][1]


def test_a_broadcasting_centre_is_news_media():
    result = imported(
        """
青山县广播电视中心创建县级文明单位实施方案
为推进机关作风建设，我中心结合实际，制定本方案。
"""
    )
    assert (result.meta["unit"]["name"], result.meta["unit"]["kind"]) == (
        "青山县广播电视中心",
        "新闻媒体",
    )


# --- level and mode: from the phrase that governs the unit ---------------------------------


def test_the_level_of_the_units_own_goal_not_of_a_city_campaign():
    result = imported(
        """
为积极争创市级文明单位，结合我局实际，制定本方案。
全局干部职工要积极投身全国文明城市创建，助力我市创建全国文明城市。
"""
    )
    assert (result.meta["level"], result.meta["mode"]) == ("市级", "创建")
    line, text = report_lines(result, "level")[0]
    assert line == 1 and "争创市级文明单位" in text


def test_keeping_a_lower_title_while_striving_for_a_higher_one_is_creating():
    result = imported(
        """
我院连续保持了市级文明单位称号。在巩固市级文明单位成果的基础上，力争今年创建省级文明单位。
结合我院实际，医院制定本方案。
"""
    )
    assert (result.meta["level"], result.meta["mode"]) == ("省级", "创建")


def test_keeping_a_title_is_keeping():
    result = imported(
        "为继续保持省级文明单位称号，紧紧围绕创建省级文明单位目标，结合我局实际，制定本方案。"
    )
    assert (result.meta["level"], result.meta["mode"]) == ("省级", "保持")


def test_a_plan_for_a_city_campaign_only_has_no_level_or_mode():
    result = imported("为切实做好创建省级文明城市工作，结合我局实际，制定本方案。")
    assert not filled(result.meta["level"]) and not filled(result.meta["mode"])


# --- a leading group written as one sentence ------------------------------------------------

INLINE_GROUP = """
一、主要措施
（一）加强组织领导。成立以局党组书记、局长周国平为组长，副局长吴敏、李华和纪检组长赵六为副组长，各科室负责人为成员的创建工作领导小组，统筹推进创建工作。
（二）加强宣传。开展宣传活动。
"""


def test_a_leading_group_in_one_sentence_inside_a_measure():
    result = imported(INLINE_GROUP)
    group = result.meta["leading_group"]
    assert group["head"] == {"name": "周国平", "post": "局党组书记、局长"}
    assert [(p["name"], p["post"]) for p in group["deputies"]] == [
        ("吴敏", "副局长"),
        ("李华", "副局长"),
        ("赵六", "纪检组长"),
    ]
    assert group["members_note"] == "各科室负责人"
    assert group["name"] == "创建工作领导小组"
    assert report_lines(result, "leading_group.head")[0][0] == 2


def test_roles_in_another_order_and_run_on_after_a_sentence():
    group = imported(
        "以各科室主任为成员、副院长李四为常务副组长、院长王五为组长，成立创建领导小组。"
    ).meta["leading_group"]
    assert (group["head"]["name"], group["executive_deputy"]["name"]) == ("王五", "李四")
    group = imported("1、成立创建工作领导小组，保证创建工作顺利开展。组长：胡光明").meta[
        "leading_group"
    ]
    assert group["head"]["name"] == "胡光明"


def test_names_run_together_are_not_split_into_wrong_people():
    group = imported("组长：胡光明\n成员：付慧敏唐晓琳欧子珈各班班主任").meta["leading_group"]
    assert "members" not in group
    assert "付慧敏唐晓琳欧子珈各班班主任" in group["members_note"]


# --- region: completed from the unit's own county, never from a place it mentions ----------


def test_province_and_city_follow_from_the_units_county():
    result = imported(
        """
为争创县级文明单位，根据《古田县文明单位考评办法》，结合我局实际，制定本方案。
与厦门市思明区某社区开展结对共建。
"""
    )
    region = result.meta["unit"]["region"]
    assert (region["province"], region["city"], region["county"]) == ("福建省", "宁德市", "古田县")
    texts = [text for _, text in report_lines(result, "unit.region.city")]
    assert texts and "地名库" in texts[0] and "古田县" in texts[0]


def test_a_district_and_its_city_both_named_in_the_address():
    meta = imported(
        "结合我院实际，医院制定本方案。\n举报电话：025-12345678，通讯地址：南京市鼓楼区示例路1号。"
    ).meta
    region = meta["unit"]["region"]
    assert (region["province"], region["city"], region["county"]) == ("江苏省", "南京市", "鼓楼区")


def test_a_place_only_mentioned_gives_no_region():
    meta = imported(
        "结合我局实际，制定本方案。组织干部到厦门市思明区参观学习，助力宁德市创建全国文明城市。"
    ).meta
    region = meta["unit"]["region"]
    assert has_blank(region["province"]) and has_blank(region["city"]) and "county" not in region


# --- stages: dates from Chinese time expressions, names from the clause that names the step --

STAGES = """
三、实施步骤
（一）20xx年3月至12月期间，全局一盘棋，逐项落实创建任务。
（二）动员部署阶段（3月份）。召开动员大会。
（三）上半年，完成自查整改。
（四）年底前，迎接检查验收。
"""


def test_a_step_without_a_name_is_not_named_by_a_fragment():
    stages = imported(STAGES).meta["stages"]
    assert has_blank(stages[0]["name"]) and "期间" not in stages[0]["name"]
    assert stages[1]["name"] == "动员部署阶段"


def test_months_kept_when_the_year_is_a_placeholder():
    stages = imported(STAGES).meta["stages"]
    months = [(s["start"][-5:], s["end"][-5:]) for s in stages]
    assert months == [
        ("03-01", "12-31"),
        ("03-01", "03-31"),
        ("01-01", "06-30"),
        ("开始日期〕", "12-31"),
    ]
    assert all(s["start"].startswith("〔待填：") for s in stages)


# --- the file name and the body ---------------------------------------------------------------


def test_without_unit_and_year_the_file_is_not_named_after_the_source(tmp_path):
    source = tmp_path / "jiufangan.txt"
    source.write_text(INLINE_GROUP, "utf-8")
    report = write_import(source, None, tmp_path / "plans")
    assert report.target.endswith("daoru-1.md")
    meta = load(tmp_path / "plans" / "daoru-1.md")[0].meta
    assert has_blank(meta["slug"])
    assert not list((tmp_path / "plans").glob("jiufangan*"))


def test_with_unit_and_year_the_file_is_named_by_their_pinyin(tmp_path):
    source = tmp_path / "jiufangan.txt"
    source.write_text(INLINE_GROUP, "utf-8")
    report = write_import(source, None, tmp_path / "plans", unit="青山县水利局", year=2026)
    assert report.target.endswith("qingshanxianshuiliju-2026.md")


def test_the_body_gains_the_section_macros_where_the_sections_stood():
    body = imported(INLINE_GROUP + STAGES).body
    for macro in ("leading_group", "stages", "guarantees", "supervision"):
        assert body.count(f"{{{{ {macro}() }}}}") == 1
    assert re.search(r"## 三、实施步骤\n\n\{\{ stages\(\) \}\}\n\n（一）20xx年3月至12月期间", body)
    assert "全局一盘棋" in body  # the source's words stay


def test_the_report_gives_line_and_phrase_for_every_filled_identity_field(tmp_path):
    source = tmp_path / "plan.txt"
    source.write_text(
        "青山县第二实验小学2026年创建市级文明校园实施方案\n结合我校实际，根据《青山县文明校园考评办法》，制定本方案。",
        "utf-8",
    )
    text = write_import(source, None, tmp_path / "plans").text()
    for field in ("unit.name", "unit.kind", "year", "level", "mode"):
        line = next(x for x in text.split("\n") if f" {field}：" in x)
        assert re.match(r"  第\d+行 ", line) and "依据" in line and "“" in line, line


# --- second round: mistakes seen on the first fresh set -------------------------------------


def test_an_activity_of_creating_titles_is_not_the_units_mode():
    result = imported(
        "为做好创建省级文明城市工作，结合我局实际，制定本方案。\n"
        "广泛开展创建文明机关活动，开展创建文明单位、文明社区、文明学校等活动。"
    )
    assert not filled(result.meta["mode"]) and not filled(result.meta["level"])


def test_the_body_that_decided_the_plan_says_the_kind():
    result = imported("经园区党工委、管委会研究，决定成立青山工业集中区创建文明城市领导小组。")
    assert (result.meta["unit"]["name"], result.meta["unit"]["kind"]) == ("青山工业集中区", "机关")


def test_a_name_with_its_city_left_out_is_completed_or_left_blank():
    text = "按照{}，结合市城建委实际，制定本方案。"
    result = imported(text.format("《宁德市创建全国文明城市工作方案》"))
    assert result.meta["unit"]["name"] == "宁德市城建委"
    assert result.meta["unit"]["region"]["province"] == "福建省"
    assert not filled(imported(text.format("上级要求")).meta["unit"]["name"])


def test_a_campaign_title_is_not_taken_for_a_place():
    meta = imported("根据《创建省级文明县城工作实施方案》，结合我局实际，制定本方案。").meta
    assert has_blank(meta["unit"]["region"]["province"]) and "county" not in meta["unit"]["region"]


# --- issue 27, fourth round: the shapes people write plans in --------------------------------


def test_a_traditional_plan_reads_as_its_simplified_twin():
    traditional = imported(
        "城關鎮中心衛生院2024年創建市級文明單位實施方案\n結合我院實際，制定本方案。\n"
        "一、組織領導\n組長：張國華\n副組長：李曉紅、王建軍"
    ).meta
    simplified = imported(
        "城关镇中心卫生院2024年创建市级文明单位实施方案\n结合我院实际，制定本方案。\n"
        "一、组织领导\n组长：张国华\n副组长：李晓红、王建军"
    ).meta
    for key in ("unit", "year", "level", "mode", "leading_group"):
        assert traditional[key] == simplified[key]
    assert traditional["unit"]["name"] == "城关镇中心卫生院"


def test_full_width_digits_and_pinyin_glosses_are_read_as_plain_text():
    meta = imported("城关镇中心卫生院２０２４年創(chuàng)建市级文明单位实施方案").meta
    assert (meta["year"], meta["level"], meta["mode"]) == (2024, "市级", "创建")


def test_a_span_of_years_gives_the_first_as_year_and_the_last_as_end_year():
    for span in ("2023-2024年度", "2023—2024学年度", "2023至2024年", "２０２３－２０２４年度"):
        result = imported(f"城关镇中心卫生院{span}创建市级文明单位实施方案")
        assert (result.meta["year"], result.meta.get("end_year")) == (2023, 2024), span
        assert report_lines(result, "end_year")[0][0] == 1


def test_names_spaced_to_a_common_width_or_listed_with_spaces_are_people():
    group = imported(
        "一、组织领导\n组  长：汪文明\n副组长：王 静、李　军、贺欣荣\n成  员：张伟 李红梅 王建国"
    ).meta["leading_group"]
    assert [p["name"] for p in group["deputies"]] == ["王静", "李军", "贺欣荣"]
    assert [p["name"] for p in group["members"]] == ["张伟", "李红梅", "王建国"]


def test_names_run_together_are_split_where_surnames_start():
    result = imported("一、组织领导\n组长：胡光明\n副组长 胡光辉杨秀英陈静")
    deputies = result.meta["leading_group"]["deputies"]
    assert [p["name"] for p in deputies] == ["胡光辉", "杨秀英", "陈静"]
    assert any(
        "按姓氏分成 3 人" in text for _, text in report_lines(result, "leading_group.deputies")
    )


def test_a_role_list_that_runs_into_a_sentence_gives_no_verbs_as_people():
    text = (
        "二、组织领导\n组 长:XXX   副组长:XXXXXXXXX成员:XXXXXXXXXXXX领导小组下设办公室XX同志任"
        "办公室主任,成员由XXX、XXX组成,负责创建工作的组织、协调,收集、归档并报送各类资料等工作。"
    )
    group = imported(text).meta["leading_group"]
    assert "deputies" not in group and "members" not in group
    listed = imported("一、组织领导\n组长：胡光明\n副组长：李军、王静，负责日常协调、督查。")
    assert [p["name"] for p in listed.meta["leading_group"]["deputies"]] == ["李军", "王静"]


@pytest.mark.parametrize(
    ("run", "cuts"),
    [
        # 李 is a common surname and 红 a rare one, but 张伟李、红梅 is a possible cut all the same
        ("张伟李红梅王建国", ("张伟、李红梅、王建国", "张伟李、红梅、王建国")),
        ("刘伟黄金艳刘晨辉", ("刘伟、黄金艳、刘晨辉", "刘伟黄、金艳、刘晨辉")),
    ],
)
def test_a_run_that_splits_two_ways_is_left_blank_with_both_ways_reported(run, cuts):
    result = imported(f"一、组织领导\n组长：胡光明\n副组长：{run}")
    assert "deputies" not in result.meta["leading_group"]
    notes = [text for _, text in report_lines(result, "")]
    assert any(all(cut in n for cut in cuts) for n in notes)


def test_the_surname_lists_are_read_from_jionlp():
    from civplan.importer.surnames import surnames

    every, seldom_else, compound = surnames()
    assert {"张", "王", "黄", "金", "红"} <= every and len(every) > 400
    assert "张" in seldom_else and not {"金", "红"} & seldom_else
    assert {"欧阳", "司马", "诸葛"} <= compound


def test_a_county_alone_gives_province_and_city_when_only_one_county_has_its_name():
    result = imported("陇县中学2005年创建市级文明单位工作规划")
    assert result.meta["unit"]["region"] == {
        "province": "陕西省",
        "city": "宝鸡市",
        "county": "陇县",
    }
    assert report_lines(result, "unit.region.city")[0][0] == 1


def test_a_county_name_several_cities_share_stays_blank_with_the_candidates():
    result = imported("鼓楼区第一中学创建省级文明单位实施方案\n结合我校实际。")
    region = result.meta["unit"]["region"]
    assert not filled(region["city"]) and not filled(region["province"])
    notes = [text for _, text in report_lines(result, "")]
    assert any("江苏省南京市鼓楼区" in n and "福建省福州市鼓楼区" in n for n in notes)


def test_the_kind_is_read_from_the_ending_of_the_units_name():
    for name, kind in (
        ("青山县税务局", "机关"),
        ("青山县融媒体中心", "新闻媒体"),
        ("青山县城关镇卫生院", "医院"),
        ("青山县城关镇东街社区居委会", "社区"),
        ("XX县XX医院", "医院"),
        ("青山县人民法院", "机关"),
        ("青山县人民检察院", "机关"),
        ("青山日报社", "新闻媒体"),
        ("青山县城关镇柳溪村", "社区"),
        ("青山县供电局", "企业"),  # a state enterprise, though it ends like a bureau
        ("青山县城关镇社区卫生服务中心", "医院"),
    ):
        meta = imported(f"{name}创建市级文明单位实施方案").meta
        assert meta["unit"]["kind"] == kind, name


def test_every_kind_a_name_ending_says_is_one_the_schema_allows():
    from civplan.importer.selfname import NAME_ENDS
    from civplan.model.schema import schema

    allowed = schema()["properties"]["unit"]["properties"]["kind"]["enum"]
    assert {kind for kind in NAME_ENDS if kind} <= set(allowed)


def test_the_unit_alone_under_the_title_and_the_mode_of_a_recheck():
    meta = imported("2024年度文明单位复查工作方案\n城关镇中心卫生院\n一、指导思想\n结合实际。").meta
    assert (meta["unit"]["name"], meta["unit"]["kind"], meta["mode"]) == (
        "城关镇中心卫生院",
        "医院",
        "保持",
    )


def test_a_cover_note_gives_the_level_and_mode_of_the_plan_it_issues():
    meta = imported(
        "关于印发《2023—2024学年度创建省级文明校园实施方案》的通知\n\n阳光县实验小学\n各处室："
    ).meta
    assert (meta["level"], meta["mode"], meta["year"], meta["end_year"]) == (
        "省级",
        "创建",
        2023,
        2024,
    )


# --- issue 27, fifth round --------------------------------------------------------------------


def test_the_plan_a_sentence_draws_up_names_the_unit_and_its_year():
    meta = imported(
        "关于呈报创建市级文明单位工作规划的报告县精文办: 自我校1991年被评为县级文明单位以来，"
        "特制订陇县中学2005年创建市级文明单位规划。"
    ).meta
    assert (meta["unit"]["name"], meta["year"], meta["unit"]["region"]["city"]) == (
        "陇县中学",
        2005,
        "宝鸡市",
    )


def test_a_collecting_sites_heading_gives_no_year_but_the_restated_title_does():
    collected = imported("2023年单位创建文明城市方案(八篇)\n结合我局工作实际，特制定如下工作方案。")
    assert not filled(collected.meta["year"])
    restated = imported(
        "乡镇创建全国文明村镇工作计划\n\n2018年*乡镇创建全国文明村镇工作计划\n结合我镇实际。"
    )
    assert restated.meta["year"] == 2018


def test_a_towns_own_plan_strives_for_the_title_of_a_civilised_town():
    meta = imported("镇工作计划\n结合我镇实际，拟定汤口镇争创全国文明村镇行动计划。").meta
    assert (meta["unit"]["name"], meta["level"], meta["mode"]) == ("汤口镇", "全国", "创建")
    city = imported("镇工作计划\n为配合我市争创全国文明村镇，结合实际制定本计划。").meta
    assert not filled(city["level"])


def test_titles_counted_are_other_units_and_a_citywide_campaign_has_no_level():
    counted = imported(
        "局工作计划\n确保市级、省级文明单位各一个，力争市级或省级文明单位二个。"
    ).meta
    assert not filled(counted["level"])
    campaign = imported("学校工作方案\n为了促进全市文明校园创建工作常态化，结合我校实际。").meta
    assert not filled(campaign["level"])


def test_roles_run_into_one_line_with_duties_in_brackets():
    group = imported(
        "三、实施措施\n“美丽校园”创建领导小组。 组 长:曾昭辉(全面负责) 副组长:屈巍(负责校园绿化)"
        "  凌红云(负责校园净化)廖金花(负责校园美化) 成 员:各班班主任"
    ).meta["leading_group"]
    assert group["head"]["name"] == "曾昭辉"
    assert [(p["name"], p["duty"]) for p in group["deputies"]] == [
        ("屈巍", "负责校园绿化"),
        ("凌红云", "负责校园净化"),
        ("廖金花", "负责校园美化"),
    ]


def test_a_community_is_no_district_and_a_post_is_no_name():
    meta = imported("东淮社区2010年创建文明社区工作计划\n结合本社区实际。").meta
    assert "county" not in meta["unit"]["region"] and meta["mode"] == "创建"
    group = imported("二、组织机构\n由党委书记任组长，宣传委员任副组长。").meta["leading_group"]
    assert "deputies" not in group


def test_a_unit_named_after_its_city_is_there_only_when_the_plan_writes_the_city():
    ours = imported(
        "襄阳五中迎接全国文明城市检查实施方案\n襄阳市创建全国文明城市，我市我校积极参与。"
    )
    assert ours.meta["unit"]["region"]["city"] == "襄阳市"
    assert not filled(
        imported("襄阳五中迎接检查实施方案\n结合我校实际。").meta["unit"]["region"]["city"]
    )
    # 中山大学 is in 广州, not in 中山市: a name's first words are no evidence on their own
    guess = imported("中山大学创建文明校园实施方案\n我市创建全国文明城市，我校积极参与。")
    assert not filled(guess.meta["unit"]["region"]["city"])
    notes = [text for _, text in report_lines(guess, "")]
    assert any("可能在广东省中山市" in n and "没有填入" in n for n in notes)


def test_the_plan_speaking_of_its_hospital_street_or_bureau_head_gives_the_kind():
    cases = {
        "为做好迎检工作，结合医院文明创建工作实际，制定本方案。": "医院",
        "为做好创城工作，结合街道实际，制定本方案。": "机关",
        "一、组织领导\n成立创城工作小组，由局长为组长，全体干部职工为成员。": "机关",
    }
    for text, kind in cases.items():
        assert imported(text).meta["unit"]["kind"] == kind, text
    assert not filled(imported("由副局长任组长，结合实际制定本方案。").meta["unit"]["kind"])


def test_a_title_of_a_place_the_unit_strives_for_gives_its_region():
    text = "工作方案\n今年我局将巩固创建成果，力争创建为成都市文明单位，特制定本方案。"
    region = imported(text).meta["unit"]["region"]
    assert (region["province"], region["city"]) == ("四川省", "成都市")
    county = imported("工作方案\n我局创建为“青白江区级优秀文明单位”，特制定本方案。")
    assert county.meta["unit"]["region"]["county"] == "青白江区"
    # a 文明城市 is the place's title, not the unit's: it gives no region
    city = imported("工作方案\n助力创建为全国文明城市，结合我局实际制定本方案。")
    assert not filled(city.meta["unit"]["region"]["city"])


def test_a_governing_document_with_its_year_first_still_names_the_place():
    text = "工作方案\n根据《2019年桂阳县创建全国文明城市实施方案》，结合我局实际，制定本方案。"
    region = imported(text).meta["unit"]["region"]
    assert (region["city"], region["county"]) == ("郴州市", "桂阳县")


def test_a_generic_school_name_is_no_unit_name():
    meta = imported("中小学学校文明校园创建活动方案\n结合我校实际，制定本方案。").meta
    assert not filled(meta["unit"]["name"]) and meta["unit"]["kind"] == "学校"


def test_a_plan_that_calls_itself_two_kinds_names_both_and_fills_neither():
    result = imported("工作方案\n结合我校实际，我局制定本方案。我校全体教师、我局全体干部参加。")
    assert not filled(result.meta["unit"]["kind"])
    notes = [text for _, text in report_lines(result, "")]
    assert any("学校（“我校”等 2 处）" in n and "机关（“我局”等 2 处）" in n for n in notes)


# --- issue 27, seventh round: sentence groups, signatures, villages, 州 ------------------------


def test_a_group_named_first_then_its_roles_without_yi_or_you():
    result = imported(
        "三、组织领导\n成立争创市级文明单位领导小组，党组书记、检察长孙立新任组长，"
        "党组成员、副检察长钱红任副组长，其他院领导为成员。领导小组下设办公室。"
    )
    group = result.meta["leading_group"]
    assert group["head"] == {"name": "孙立新", "post": "党组书记、检察长"}
    assert [p["name"] for p in group["deputies"]] == ["钱红"]
    assert group["members_note"] == "其他院领导"
    assert report_lines(result, "leading_group.head") == [(2, "组长 孙立新")]


def test_the_roles_in_the_sentence_after_the_group_is_named():
    group = imported(
        "二、加强领导\n局里成立了创建市级文明单位工作领导小组。由局长何志远任组长，"
        "副局长冯敏、纪检组长卫东任副组长，各股室负责人为成员。"
    ).meta["leading_group"]
    assert group["head"]["name"] == "何志远"
    assert [p["name"] for p in group["deputies"]] == ["冯敏", "卫东"]
    # a sentence two sentences away from the group's name is not read as its roles
    far = imported(
        "二、加强领导\n成立创建工作领导小组。各科室要密切配合。由王一鸣任组长的宣传组负责宣传。"
    )
    assert not filled(far.meta["leading_group"]["head"]["name"])


def test_a_signature_above_a_date_names_the_unit_even_before_the_plan():
    result = imported(
        "关于印发《创建文明单位实施方案》的通知\n各庭室：\n现将方案印发给你们，请认真执行。\n"
        "青溪县人民法院\n2024年3月6日\n创建文明单位实施方案\n为争创市级文明单位，结合我院实际，"
        "制定本方案。"
    )
    unit = result.meta["unit"]
    assert (unit["name"], unit["kind"]) == ("青溪县人民法院", "机关")
    assert report_lines(result, "unit.name")[0][0] == 4
    # a name alone on a line in the middle, with no date under it, is no signature
    middle = imported(
        "工作方案\n青溪县人民法院\n为争创市级文明单位，结合实际，制定本方案。\n一、目标"
    )
    assert not filled(middle.meta["unit"]["name"])


def test_the_unit_that_draws_up_this_very_plan_is_the_unit():
    meta = imported("宣传工作方案\n根据上级要求，结合实际，青溪日报社特制定此宣传工作方案。").meta
    assert (meta["unit"]["name"], meta["unit"]["kind"]) == ("青溪日报社", "新闻媒体")


def test_a_towns_plan_for_its_village_gives_the_village():
    result = imported(
        "文明村创建实施意见\n为促进我镇精神文明建设，经镇党委研究，决定将柳溪村确定为市级文明创建村，"
        "制定如下意见。\n一、基本情况\n柳溪村位于我镇东部，全村三百余户。"
    )
    unit = result.meta["unit"]
    assert (unit["name"], unit["kind"]) == ("柳溪村", "社区")
    assert (result.meta["level"], result.meta["mode"]) == ("市级", "创建")
    assert any("文明村" in text for _, text in report_lines(result, "unit.kind"))
    # the town's own plan for the campaign of its villages and towns stays the town's
    town = imported("创建全国文明村镇实施方案\n结合我镇实际，争创全国文明村镇，制定本方案。")
    assert town.meta["unit"]["kind"] == "机关"


def test_a_village_title_is_the_units_but_no_name():
    meta = imported("市级“文明村”创建实施方案\n结合我村实际，制定本方案。").meta
    assert (meta["level"], meta["mode"], meta["unit"]["kind"]) == ("市级", "创建", "社区")
    assert not filled(meta["unit"]["name"])  # 文明村 is the title, not the village's name
    # 农村 and 新农村 are no village
    assert not filled(
        imported("工作方案\n把新农村建成美丽家园，结合我村实际。").meta["unit"]["name"]
    )


def test_a_converters_word_for_creating_is_creating():
    meta = imported("2024年省级文明单位建立工作实施方案\n结合我院实际，制定本方案。").meta
    assert (meta["level"], meta["mode"]) == ("省级", "创建")


def test_a_city_with_zhou_in_its_name_and_a_local_plan_cited_in_quotes():
    text = "新闻宣传方案\n根据漳州市“创建全国文明城市”相关方案，结合实际，本报社制定此方案。"
    region = imported(text).meta["unit"]["region"]
    assert (region["province"], region["city"]) == ("福建省", "漳州市")
    address = imported("工作方案\n结合我局实际。\n通讯地址：贵州省遵义市红花岗区文化路1号")
    assert address.meta["unit"]["region"]["province"] == "贵州省"
    # a quoted slogan that is not a plan names no place
    slogan = imported("工作方案\n围绕漳州市“创建全国文明城市”目标，结合我局实际，制定本方案。")
    assert not filled(slogan.meta["unit"]["region"]["city"])


def test_roles_written_role_first_with_you_and_danren():
    group = imported(
        "三、组织领导\n成立创建工作领导小组，组长由党委书记、院长张志强担任，"
        "副组长由副院长李明、王芳担任，成员由各科室主任组成。"
    ).meta["leading_group"]
    assert group["head"] == {"name": "张志强", "post": "党委书记、院长"}
    assert [(p["name"], p["post"]) for p in group["deputies"]] == [
        ("李明", "副院长"),
        ("王芳", "副院长"),
    ]
    split = imported(
        "一、组织领导\n学校成立文明校园创建领导小组。组长由校长周文担任；常务副组长由副校长钱华担任。"
    ).meta["leading_group"]
    assert split["executive_deputy"]["name"] == "钱华"
    # a role held by a post and no name leaves the name to fill
    post_only = imported("一、组织领导\n成立创建领导小组，组长由局长担任。").meta["leading_group"]
    assert not filled(post_only["head"]["name"])


# --- issue 27, eighth round: what the seventh fresh set showed --------------------------------


def test_a_name_after_a_blank_year_is_not_taken_with_the_years_remnant():
    result = imported("整治方案\n现制定____年区建设局创建全国文明城市的工作实施方案如下。")
    assert not filled(result.meta["unit"]["name"])
    notes = [text for _, text in report_lines(result, "")]
    assert any("年区建设局" in note for note in notes)


def test_a_collecting_sites_heading_and_numbering_give_no_level():
    meta = imported(
        "创建全国文明单位实施方案两篇\n创建全国文明单位实施方案一\n"
        "为巩固市节能办精神文明建设成果，结合本单位实际，争创市级文明单位，特制订本方案。"
    ).meta
    assert (meta["level"], meta["mode"]) == ("市级", "创建")
    # 巩固市节能办精神文明建设成果: the office speaks of itself
    assert meta["unit"]["kind"] == "机关"


def test_the_local_party_committee_or_campaign_office_names_the_place():
    region = imported(
        "创城方案\n为了贯彻落实涿州市市委、市政府创建省文明城市的工作要求，我校制定本方案。"
    ).meta["unit"]["region"]
    assert (region["province"], region["city"], region["county"]) == ("河北省", "保定市", "涿州市")
    office = imported("创城方案\n根据衡阳市创建办向我校交办的责任清单，结合我校实际，制定本方案。")
    assert office.meta["unit"]["region"]["city"] == "衡阳市"
    # a committee member is a person, not an organ
    member = imported("创城方案\n邀请衡阳市委员会的同志指导，结合我校实际，制定本方案。")
    assert not filled(member.meta["unit"]["region"]["city"])


# --- issue 27, ninth round: the wrong values of three unseen sets, and fresh8's misses --------


def test_a_title_that_opens_with_guanyu_names_no_unit():
    result = imported("关于社区文明创建的工作计划\n结合社区实际，争创县级文明社区。")
    assert not filled(result.meta["unit"]["name"])
    notes = [text for _, text in report_lines(result, "")]
    assert any("关于社区" in note for note in notes)
    # the unit named plainly in its title still is the unit
    plain = imported("青山社区文明创建工作计划\n结合社区实际，争创县级文明社区。")
    assert plain.meta["unit"]["name"] == "青山社区"


def test_the_schools_of_our_town_are_not_the_town_speaking():
    meta = imported("亮丽工程实施方案\n为提升校容校貌，结合我镇各校实际，制定本方案。").meta
    assert meta["unit"]["kind"] != "机关"
    town = imported("人居环境整治方案\n结合我镇实际，制定本方案。").meta
    assert town["unit"]["kind"] == "机关"


def test_province_and_city_named_together_are_their_campaigns():
    meta = imported("文明校园创建活动方案\n积极响应省市文明校园创建工作部署，结合我校实际。").meta
    assert not filled(meta["level"])
    # a city's own title for the unit still gives the level
    named = imported("创建方案\n力争创建成都市文明单位，结合我局实际，制定本方案。").meta
    assert named["level"] == "市级"


def test_a_name_where_the_excerpt_ends_is_read_only_when_complete():
    cut = imported("三、组织领导\n组长：张剑锋\n副组长：刘晨光、左宽、郭树").meta["leading_group"]
    assert [p["name"] for p in cut["deputies"]] == ["刘晨光", "左宽"]
    whole = imported("三、组织领导\n组长：张剑锋\n副组长：刘晨光、李寿祥").meta["leading_group"]
    assert [p["name"] for p in whole["deputies"]] == ["刘晨光", "李寿祥"]
    # the same short name is read when a full stop closes the list
    closed = imported("三、组织领导\n副组长：刘晨光、郭树。\n四、保障措施\n加强领导。")
    assert [p["name"] for p in closed.meta["leading_group"]["deputies"]] == ["刘晨光", "郭树"]


def test_a_body_the_plan_founds_says_nothing_of_the_units_kind():
    meta = imported("工作方案\n成立青山县家长学校，把青山县家长学校建设成为家校共建的阵地。").meta
    assert not filled(meta["unit"]["kind"])


def test_items_numbered_as_stages_are_stages_though_they_open_with_a_year():
    stages = imported(
        "医院创建文明单位工作计划\n今年的创建工作分三个阶段进行\n"
        "第一阶段：20xx年2月至4月，制定方案、宣传发动阶段。要修改、制定创建方案。\n"
        "第二阶段：20xx年5月至7月，逐项落实、全面创建阶段。逐项落实分解责任。\n"
    ).meta["stages"]
    assert [s["name"] for s in stages] == ["制定方案、宣传发动阶段", "逐项落实、全面创建阶段"]
    assert [s["start"][-5:] for s in stages] == ["02-01", "05-01"]


def test_a_role_alone_on_its_line_takes_the_names_below_it():
    group = imported(
        "二、组织领导\n成立“亮丽工程”领导小组，组成人员名单如下：\n组长：\n\n汪亚军\n\n"
        "副组长：\n\n毕茂军、周训银\n"
    ).meta["leading_group"]
    assert group["head"]["name"] == "汪亚军"
    assert [p["name"] for p in group["deputies"]] == ["毕茂军", "周训银"]
    # a sentence below an empty role is no one
    empty = imported("二、组织领导\n组长：\n由校长担任，负责全面工作。").meta["leading_group"]
    assert not filled(empty["head"]["name"])


def test_a_title_that_names_its_project_in_quotes_names_the_unit():
    meta = imported("白果镇中心小学“亮丽工程”实施方案\n为提升校容校貌，制定本方案。").meta
    assert (meta["unit"]["name"], meta["unit"]["kind"]) == ("白果镇中心小学", "学校")


def test_a_sites_label_of_one_plan_gives_its_mode_but_not_its_level():
    meta = imported("创建全国文明单位实施方案一\n结合本单位实际，制定本方案。").meta
    assert not filled(meta["level"]) and meta["mode"] == "创建"
    labelled = imported("小学文明校园创建实施方案 篇1\n结合我校实际，制定本方案。").meta
    assert labelled["mode"] == "创建"


def test_names_spaced_out_before_a_category_are_each_a_member():
    group = imported(
        "一、组织领导\n组长：吴光淮\n组 员:谢 丽 王丽霞 叶冬秀 刘俐宏 肖丹 各班班主任\n"
    ).meta["leading_group"]
    assert [p["name"] for p in group["members"]] == ["谢丽", "王丽霞", "叶冬秀", "刘俐宏", "肖丹"]
    assert "各班班主任" in group["members_note"]


def test_a_collecting_sites_talk_gives_no_level():
    meta = imported(
        "工作方案\n千文网小编为你整理了多篇相关的创建省级文明单位实施方案，仅供参考。\n"
        "结合我局实际，助力创建全国文明城市，制定本方案。"
    ).meta
    assert not filled(meta["level"])


# --- round ten: a collecting site's page around the plan -------------------------------------

PAGE = """
文明单位创建工作实施方案
时间:2023-07-25 19:05:12 晓凤 方案 我要投稿
文明单位创建工作实施方案范文(通用10篇)
为了确保事情或工作能无误进行，下面是小编帮大家整理的文明单位创建工作实施方案范文。
文明单位创建工作实施方案 1
按照市局的统一部署，结合我局实际，对照测评体系开展城市管理整改，迎接文明城市检查。
如文档侵犯商业秘密、侵犯著作权，请点击“版权申诉”，也可以打举报电话:400-050-0827。
【城管整改方案】相关文章:
文明校园创建工作计划范文03-19
争创省级文明单位工作计划03-20
"""


def test_a_sites_title_byline_notice_and_related_list_are_set_aside_and_reported():
    result = imported(PAGE)
    meta = result.meta
    # the page's title, printed three times, is the site's category, not this bureau's title
    assert not filled(meta["mode"]) and not filled(meta["level"])
    phones = [p["number"] for p in meta["supervision"].get("phones", [])]
    assert not [n for n in phones if filled(n)]  # the complaint line is the site's
    aside = {f.line for f in result.findings if "不是方案的内容" in f.text}
    assert aside == {1, 2, 3, 4, 5, 7, 8, 9, 10}
    assert "按照市局的统一部署" in result.body and "400-050-0827" not in result.body


def test_a_sites_category_of_another_genre_does_not_join_the_title():
    result = imported(
        "创建卫生镇发言稿\n金北镇卫生院2011年创建省级卫生镇工作计划\n结合我院实际，制定本计划。"
    )
    assert result.meta["unit"]["name"] == "金北镇卫生院"
    assert any(f.line == 1 and "栏目" in f.text for f in result.findings)


def test_a_plan_whose_lines_mention_downloads_and_reading_keeps_them():
    result = imported(
        """
青山县文化馆2025年创建市级文明单位实施方案
为深入开展全民阅读活动，结合我馆实际，制定本方案。
（一）组织干部职工下载“学习强国”，每天阅读不少于30分钟。
（二）设立投诉电话，对群众反映的问题限时办结。
"""
    )
    assert not [f for f in result.findings if "不是方案的内容" in f.text]
    assert result.meta["unit"]["name"] == "青山县文化馆" and result.meta["level"] == "市级"


def test_a_city_writing_for_its_units_names_their_title_not_its_own():
    meta = imported(
        "创建市级文明单位工作实施方案\n我市将积极推进文明单位创建工作，每年新增一批市级文明单位。"
    ).meta
    assert not filled(meta["level"]) and not filled(meta["mode"])
    bureau = imported("结合我局实际，我局力争创建成市级文明单位，助力我市创建文明城市。").meta
    assert (bureau["level"], bureau["mode"]) == ("市级", "创建")


def test_a_bureau_named_without_its_place_is_not_a_full_name():
    result = imported(
        "水利局争创国家文明城市工作方案\n为配合我市创建工作，结合我局实际，制定本方案。"
    )
    assert not filled(result.meta["unit"]["name"]) and result.meta["unit"]["kind"] == "机关"
    assert any("水利局" in f.text and "缺少所在地" in f.text for f in result.findings)


def test_a_name_without_a_place_needs_the_plan_to_vouch_for_it():
    pasted = imported("双庙完全小学创建省级文明城市工作实施方案\n结合我局工作实际，制定本方案。")
    assert not filled(pasted.meta["unit"]["name"])  # a school's title over a bureau's plan
    own = imported("莲花中心小学创建“文明校园”实施方案\n结合我校实际，制定本方案。").meta
    assert own["unit"]["name"] == "莲花中心小学"  # the plan speaks as a school: 我校


def test_the_offices_imprint_under_a_cover_note_names_the_unit():
    unit = imported(
        "关于印发《区城管局宣传报道工作方案》的通知\n局机关各股室:\n现将方案印发给你们。\n"
        "二〇一三年二月二十八日\n安源区城市管理局办公室2013年2月28日印发\n"
        "为加强宣传工作，结合我局实际，特制定本方案。"
    ).meta["unit"]
    assert unit["name"] == "安源区城市管理局"
    assert (unit["region"]["city"], unit["region"]["county"]) == ("萍乡市", "安源区")
