"""Province, city and county of a place name, from jionlp's gazetteer of China's divisions.

jionlp ships the gazetteer inside its package (nothing is downloaded at run time), keeps it up to
date with renamed divisions, and leaves a district name that several cities share (鼓楼区)
unresolved instead of guessing one. The importer gives it only place names written with their
suffix (省、市、县、区、州、旗) where the unit speaks of its own place, and keeps an answer
only when every part it returns was written or follows from a part that was.
"""

from __future__ import annotations

import contextlib
import io
import re
from functools import cache

from civplan.model.text import HAN

CHAR = rf"(?:(?![省市县区州旗])[{HAN}])"
# 州 inside a name before 省, 市, 区 or 县: 贵州省, 漳州市, 通州区 (else it ends a prefecture: 恩施州)
NAMED = rf"(?:{CHAR}|州(?=[省市区县]))"
SUFFIXED = re.compile(
    r"(?P<province>内蒙古自治区|广西壮族自治区|西藏自治区|宁夏回族自治区|新疆维吾尔自治区"
    rf"|{NAMED}{{2,3}}?省|北京市|天津市|上海市|重庆市)?"
    rf"(?P<city>{NAMED}{{2,7}}?(?:自治州|市|州|盟|地区))?"
    rf"(?P<county>{NAMED}{{1,5}}?(?:自治县|县|区|旗|市))?"
)
# words that end in 区 or 市 and are a county only if the gazetteer knows them: 社区, 小区,
# 园区, 城区, 辖区, 景区, 校区…… (望城区 is a district, 恩阳城区 a town's centre)
NOT_A_COUNTY = re.compile(r"(?:社|小|园|城|辖|景|校|片|街|营|院|厂|超)[区市]$")
NOT_A_PLACE = re.compile(r"^(?:我|本|全|该|各|某|XX|xx|××|省|市|县|区)|创建|文明|级|工作|实施|方案")


@cache
def _jionlp():
    # jionlp prints a banner on import; the CLI's output is the user's, so it goes nowhere.
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp

    return jionlp


def _parser():
    return _jionlp().parse_location


@cache
def _homes() -> dict[str, list[tuple[str, str]]]:
    """County name -> every (province, city) that has a county of that name, from jionlp's
    gazetteer: 陇县 has one home, 鼓楼区 four."""
    homes: dict[str, list[tuple[str, str]]] = {}
    for province, cities in _jionlp().china_location_loader().items():
        for city, counties in cities.items():
            if city.startswith("_"):
                continue
            for county in counties:
                if not county.startswith("_"):
                    homes.setdefault(county, []).append((province, city))
    return homes


def homes(county: str) -> list[str]:
    """Where a county of this name lies, as “省市县” strings; more than one: it is ambiguous."""
    return [f"{province}{city}{county}" for province, city in _homes().get(county, [])]


def leading_place(text: str) -> str:
    """The place name a string opens with, suffixes included: “哈尔滨市南岗区银行街31号” ->
    “哈尔滨市南岗区”; “” when it opens with none (“我市”, “XX市”, “聊城” without 市)."""
    found = SUFFIXED.match(text)
    place = found.group(0) if found else ""
    county = found.group("county") if found else None
    if county and NOT_A_COUNTY.search(county) and county not in _homes():
        place = place[: found.start("county")]  # 东淮社区 is no district; 望城区 is one
    return "" if NOT_A_PLACE.match(place) else place


def divisions(place: str, unknown_ok: bool = False) -> dict[str, str]:
    """{"province", "city", "county"} that the gazetteer gives for a suffixed place name; a
    part is kept only when its name, or a division under it, is written in `place`.
    `unknown_ok`: a place the gazetteer does not know (new, or made up for a sample) is taken
    as written; only for words that surely are a place (the unit's address or name)."""
    if len(place) < 3 and not (place.endswith("县") and place in _homes()):
        return {}  # two characters are a place only as a county the gazetteer knows: 陇县
    parsed = _parser()(place, town_village=False, change2new=True)
    found = {key: parsed.get(key) for key in ("province", "city", "county")}
    written = [value for value in found.values() if value and _written(value, place)]
    if not written:
        if not unknown_ok:
            return {}
        return {k: v for k, v in SUFFIXED.match(place).groupdict().items() if v}
    lowest = max(i for i, key in enumerate(found) if found[key] and _written(found[key], place))
    # a part above the lowest written part follows from it; a part below it was guessed
    return {key: found[key] for i, key in enumerate(found) if found[key] and i <= lowest}


def _written(name: str, place: str) -> bool:
    """“海安市” is written in “海安县” too: the gazetteer gives a renamed county its new name."""
    stem = re.sub(r"(?:省|市|县|区|旗|州|自治州|自治县|地区|盟)$", "", name)
    return name in place or (len(stem) >= 2 and stem in place)


@cache
def _city_aliases() -> dict[str, list[tuple[str, str]]]:
    """A prefecture-level city's name without 市 (襄阳 -> 湖北省襄阳市), from jionlp's gazetteer."""
    aliases: dict[str, list[tuple[str, str]]] = {}
    for province, cities in _jionlp().china_location_loader().items():
        for city, data in cities.items():
            if city.startswith("_") or not isinstance(data, dict):
                continue
            names = data.get("_alias") or []
            for alias in [names] if isinstance(names, str) else names:
                if len(alias) >= 2 and alias != city:
                    aliases.setdefault(alias, []).append((province, city))
    return aliases


def city_of_alias(name: str) -> dict[str, str]:
    """{"province", "city"} of the one prefecture-level city whose short name `name` opens
    with (“襄阳五中”); {} when none or more than one."""
    found = {h for alias, homes in _city_aliases().items() if name.startswith(alias) for h in homes}
    if len(found) != 1:
        return {}
    province, city = found.pop()
    return {"province": province, "city": city}
