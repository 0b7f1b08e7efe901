"""Who wrote an imported plan, for when and for what: unit, kind, region, year, level, mode.

Read from the title when the plan has one, else from how the text speaks of itself (“把聊城市
科技局建设成为……”, “我局”, “我院”) and from the place names that open its cited documents and
its address. What cannot be read stays a blank; --unit and --year override.
"""

from __future__ import annotations

import re
from collections import Counter

from civplan.importer.fields import LEVELS
from civplan.importer.values import Finding

UNIT_END = (
    r"(?:医院|卫生院|院|局|委员会|委|办公室|中心|小学|中学|学校|大学|学院|幼儿园|公司|集团"
    r"|社区|村|站|所|馆|台|报社|厅|署)"
)
UNIT_IN_TEXT = [
    re.compile(rf"把([\u4e00-\u9fff]{{2,20}}?{UNIT_END})(?:建设|打造)成"),
    re.compile(rf"成立([\u4e00-\u9fff]{{2,20}}?{UNIT_END})"),
]
TITLE_UNIT = re.compile(
    r"^(.+?)(?:关于|20\d\d|20[xX×]{2}|[一二三四五六七八九十]{1,3}年|创建|争创|保持|开展|贯彻|年度)"
)
SELF_REFERENCE = re.compile(r"^(?:我|本|全|该|各|市|县|区)")
KIND_OF_NAME = [
    ("医院", re.compile(r"医院|卫生院|医大\S*院|中医院|保健院")),
    ("学校", re.compile(r"小学|中学|学校|大学|学院|幼儿园|职校")),
    ("新闻媒体", re.compile(r"新闻|报社|电视台|广播|融媒体|传媒")),
    ("企业", re.compile(r"公司|集团|企业|银行")),
    ("社区", re.compile(r"社区|村委|居委|村$")),
    ("机关", re.compile(r"局$|委员会$|委$|办公室$|厅$|政府$|人大|政协|法院|检察院")),
]
KIND_IN_TEXT = {
    "机关": re.compile(r"我局|本局|我委|本委|我办|机关"),
    "医院": re.compile(r"我院|本院|全院|医务人员|患者"),
    "学校": re.compile(r"我校|本校|全校|学生|教师"),
    "新闻媒体": re.compile(r"新闻中心|报社|电视台|广播电视|融媒体"),
    "企业": re.compile(r"我公司|本公司|企业职工"),
    "社区": re.compile(r"我社区|本社区|居民群众"),
}
PROVINCE_NAMES = re.compile(
    "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北"
    "|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门"
)
PLACE = re.compile(
    r"^(?:(内蒙古自治区|广西壮族自治区|西藏自治区|宁夏回族自治区|新疆维吾尔自治区|"
    r"[\u4e00-\u9fff]{2,3}?省|北京市|天津市|上海市|重庆市))?"
    r"([\u4e00-\u9fff]{2,5}?(?:市|州|盟|地区))?([\u4e00-\u9fff]{1,4}?(?:县|区|旗))?"
)
LEVEL = re.compile(
    r"(县级|区级|市级|州级|地级|省级|全国)文明(?:单位|校园|标兵|机关|医院|学校|家园)?"
)
RANK = ["县级", "市级", "省级", "全国"]
KEEP = re.compile(r"(?:保持|复查|巩固)[^。，,]{0,12}(?:文明单位|称号)")
CREATE = re.compile(r"创建|争创")
YEAR = re.compile(r"(?<![\d〔])(20\d\d)\s*年")


def identity(
    unit: str | None,
    year: int | None,
    title_text: str | None,
    text: str,
    dated: list[int],
    places: list[str],
) -> tuple[dict, list[Finding]]:
    """Title, unit name, kind, region, year, level and mode; None for what cannot be read."""
    name, name_how = unit_name(unit, title_text, text)
    kind_found, kind_how = kind(name, text)
    year_found, year_how = years(year, title_text, dated)
    who = {
        "title": title_text if title_text and len(title_text) >= 6 else None,
        "name": name,
        "kind": kind_found,
        "region": region([name or ""] + places),
        "year": year_found,
        "level": level(title_text, text),
        "mode": mode(title_text, text),
    }
    hows = {
        "unit.name": name_how,
        "unit.kind": kind_how,
        "year": year_how,
        "level": "“…级文明单位”的说法",
        "mode": "“创建、争创”或“保持、复查”的说法",
    }
    findings = [Finding(0, f"unit.region.{key}", value) for key, value in who["region"].items()]
    for field, how in hows.items():
        value = who[field.removeprefix("unit.")]
        if value:
            findings.append(Finding(0, field, f"{value}（依据{how}）"))
        else:
            findings.append(Finding(0, "", f"原文看不出{FIELD_NAMES[field]}，留作待填"))
    return who, findings


FIELD_NAMES = {
    "unit.name": "单位名称",
    "unit.kind": "单位类别",
    "year": "年度",
    "level": "目标级别",
    "mode": "创建类型（创建或保持）",
}


def unit_name(given: str | None, title_text: str | None, text: str) -> tuple[str | None, str]:
    """(name or None, where it came from)."""
    if given:
        return given, "命令行 --unit"
    if title_text:
        found = TITLE_UNIT.match(title_text)
        if found and len(found.group(1)) >= 2:
            return found.group(1), "标题"
    for pattern in UNIT_IN_TEXT:
        for found in pattern.finditer(text):
            if not SELF_REFERENCE.match(found.group(1)):
                return found.group(1), f"正文“{found.group(0)}”"
    return None, ""


def kind(name: str | None, text: str) -> tuple[str | None, str]:
    for value, pattern in KIND_OF_NAME:
        if name and pattern.search(name):
            return value, f"单位名称“{name}”"
    votes = Counter({value: len(pattern.findall(text)) for value, pattern in KIND_IN_TEXT.items()})
    (best, count), (_, second) = (votes.most_common() + [("", 0)])[:2]
    if count and (count >= 2 * second if count >= 2 else not second):
        words = "、".join(sorted(set(KIND_IN_TEXT[best].findall(text))))
        return best, f"正文中的“{words}”"
    return None, ""


def region(places: list[str]) -> dict[str, str]:
    """Province, city and county from the strings most likely to open with them."""
    votes: dict[str, Counter] = {"province": Counter(), "city": Counter(), "county": Counter()}
    for text in places:
        for start in [0] + [m.end() for m in re.finditer(r"[(（]", text)]:
            found = PLACE.match(text[start:])
            for key, value in zip(votes, found.groups(), strict=True):
                if value and _real_place(key, value):
                    votes[key][value] += 1
    return {key: count.most_common(1)[0][0] for key, count in votes.items() if count}


def _real_place(key: str, value: str) -> bool:
    if key == "province":
        return PROVINCE_NAMES.match(value) is not None
    return not SELF_REFERENCE.match(value)


def level(title_text: str | None, text: str) -> str | None:
    """The level in the title, else the highest level the text aims at."""
    for where in (title_text or "", text):
        found = [LEVELS.get(m.group(1), m.group(1)) for m in LEVEL.finditer(where)]
        if found:
            return max(found, key=RANK.index)
    return None


def mode(title_text: str | None, text: str) -> str | None:
    for where in (title_text or "", text):
        if KEEP.search(where):
            return "保持"
        if CREATE.search(where):
            return "创建"
    return None


def years(given: int | None, title_text: str | None, dated: list[int]) -> tuple[int | None, str]:
    """The plan's year: --year, the title's, or the earliest written with a stage or goal."""
    if given:
        return given, "命令行 --year"
    found = YEAR.search(title_text or "")
    if found:
        return int(found.group(1)), "标题"
    if dated:
        return min(dated), "阶段或目标中写明的年份"
    return None, ""
