"""Who wrote an imported plan, for when and for what: unit, kind, region, year, level, mode.

Precision before recall: a field is filled only on evidence, and each filled field is reported
with the source line and phrase it came from, so the editor can check it in seconds. What has
no evidence stays a blank; --unit and --year override.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from civplan.importer import claims as import_claims
from civplan.importer import selfname
from civplan.importer.fields import YEAR
from civplan.importer.outline import Para
from civplan.importer.region import city_of_alias, divisions, homes, leading_place
from civplan.importer.values import Finding
from civplan.model.text import HAN

SPAN = r"(?<![\d〔])(20\d\d)\s*(?:年\s*)?(?:至|到|—{1,2}|－|-|~|～)\s*(20\d\d)\s*学?年"
# “2023-2024年度”, “2023—2024学年”, “2023至2024年”: a title's span is the plan's own
TITLE_SPAN = re.compile(SPAN)
YEAR_SPAN = re.compile(SPAN + r"(?=[^。；;]{0,30}(?:方案|创建|目标))")
PLAN_YEAR = re.compile(
    r"(?:制定|制订|拟定|印发)[^。；;]{0,12}?(20\d\d)\s*学?年度?[^。；;]{0,30}?(?:方案|计划|规划)"
)
# “为……全面做好2023年度巩固提升……工作，……特制定本工作方案”: the one year of the sentence
# that announces the plan (a cited document's year is inside its 《》 and not read)
ANNOUNCING = re.compile(r"(?:特|现)?制[定订](?:本|此|如下)|制定如下")
# a collecting site's heading, counting the plans it shows: “2023年单位创建文明城市方案(八篇)”,
# “……合集14篇”, “创建全国文明单位实施方案两篇”
COLLECTION = re.compile(
    r"[(（【]\s*(?:精选|通用|优质|推荐|专业|实用)?\s*[\d一二三四五六七八九十]+\s*篇[)）】]"
    r"|合集\s*\d+\s*篇|[两\d一二三四五六七八九十]+篇$"
)
# and its label of one of them, the category it files the plan under: “……实施方案一”,
# “小学文明校园创建实施方案 篇1”. The category says what kind of plan it is (创建 or 保持),
# but its level is the category's, not the unit's (a 市级 plan filed under 创建全国文明单位)
FILED_UNDER = re.compile(
    r"篇\s*[一二三四五六七八九十\d]+$|(?:方案|计划|规划)\s*[一二三四五六七八九十\d]$"
)
ISSUED = re.compile(r"(20\d\d)年\d{1,2}月\d{1,2}日(?:印发|制定|起施行)")
# the local rules and campaign plans the unit follows open with the unit's own place
GOVERNING_DOCUMENT = re.compile(
    r"《(?:关于印发[<〈＜])?([^》]{2,60}(?:文明单位|精神文明|文明创建|文明校园|美丽校园|文明城市|文明县城)"
    r"[^》]{0,30})》"
)
# the same written without 《》: “根据漳州市“创建全国文明城市”相关方案”
QUOTED_GOVERNING = re.compile(
    rf"(?:根据|按照|依据)([{HAN}]{{2,12}}?[省市县区])[“\"]([^”\"]{{0,20}}文明[^”\"]{{0,20}})[”\"]"
    r"(?:相关|有关)?(?:实施)?(?:方案|意见|办法|规划|部署|要求)"
)
# “《xx年桂阳县创建全国文明城市实施方案》”: the year before the place
DOCUMENT_YEAR = re.compile(r"^(?:20\d\d|20[xX×]{2}|[xX×]{2})\s*年度?")
# the local party committee, government or campaign office a unit answers to names its place:
# “贯彻落实涿州市市委、市政府……的工作要求”, “衡阳市创建办向我校交办的……清单”
LOCAL_ORGAN = re.compile(
    rf"([{HAN}]{{2,12}}?[市县区])(?:[市县区]委|委|人民政府|政府|创建办|创城办|创文办|文明办)"
    r"(?![员会])"
)
# the organ a unit answers to names the unit's place: a school's 望城区教育局, a hospital's
# 海安县卫生健康委员会 (the organ must be of the unit's own kind)
SUPERIOR = {
    "学校": re.compile(rf"([{HAN}]{{2,20}}?)(?:教育局|教育系统|教育和体育局|教体局)"),
    "医院": re.compile(rf"([{HAN}]{{2,20}}?)(?:卫生健康委员会|卫生健康局|卫健委|卫健局|卫生局)"),
}
# “力争创建为成都市文明单位”, “我局创建为‘青白江区级优秀文明单位’”: the title of a place
# is given to a unit in that place
TITLE_OF_PLACE = re.compile(
    rf"(?:创建为|创建成|建成|成为|评为|命名为)[“\"‘]?([{HAN}]{{2,12}}?[市县区州旗])级?"
    r"[^。，,；;“”\"]{0,6}?文明单位"
)
# a plan that speaks as a city, county or district (我市) and never as one unit (我局, 我校,
# 本单位): the 文明单位 it names are its units' titles; a place strives for 文明城市, never for
# a unit's title (“本文将介绍我市市级文明单位的创建工作实施方案”)
PLACE_SELF = re.compile(r"我(?:市|县|区)")
UNIT_SELF = re.compile(
    r"[我本](?:局|校|院|所|站|中心|公司|单位|委|办|社|行|园|厂|队|部|镇|乡|村|社区|街道|处|科)"
)
TOWN_SELF = re.compile(r"[我本](?:镇|乡)(?![长内外各])")  # 我镇各校: the units in the town
ADDRESS_PLACE = re.compile(r"[（(]([^()（）]{4,40})[）)]")


@dataclass(frozen=True)
class Source:
    """What the plan gives the identity step: its paragraphs and a few things read elsewhere."""

    title: Para | None
    paras: list[Para]
    dated: list[tuple[int, int]]  # (line, year) of stages and goals that write a year
    address: tuple[int, str] | None  # the supervision address and its line


def identity(unit: str | None, year: int | None, src: Source) -> tuple[dict, list[Finding]]:
    """Title, unit name, kind, region, year, level and mode; None for what has no evidence."""
    findings: list[Finding] = []
    text = "\n".join(p.text for p in src.paras)
    kind = _village(selfname.self_kind(src.paras), src.paras, text)
    found = selfname.candidates(src.paras, src.title)
    name = _name(unit, found, text, kind, findings)
    own_kind = _kind(
        kind, name, found, text
    )  # a school's 教育局, a hospital's 卫健委 name its place
    region = _region(name, found, src, findings, own_kind.value if own_kind else None)
    if name and name.value[0] in "市县区" and region.get("city"):
        # “成立市科技局创建……领导小组”: 市 is the unit's own city, named elsewhere
        full = (region["city"] if name.value[0] == "市" else region.get("county", "")) + name.value[
            1:
        ]
        if len(full) > len(name.value):
            name = selfname.Evidence(name.line, full, name.phrase, f"{name.how}，加上所在地")
    if name and name.value[0] in "市县区":
        findings.append(
            Finding(name.line, "", f"“{name.value}”不是全称（缺少所在地），没有用作单位名称")
        )
        name = None
    if name:
        findings.append(_finding(name, "unit.name"))
    kind = _kind(kind, name, found, text)
    if kind:
        findings.append(_finding(kind, "unit.kind"))
    else:
        findings += _kind_candidates(src.paras)
    town = bool(own_kind and own_kind.value == "机关" and TOWN_SELF.search(text))
    # a collecting site's heading names the kind of plans it shows, not this unit's title
    own = [p for p in src.paras if not COLLECTION.search(p.text)]
    filed = {p.line for p in own if FILED_UNDER.search(p.text)}
    found_claims = [
        replace(c, level=None) if c.line in filed else c for c in import_claims.claims(own, town)
    ]
    if PLACE_SELF.search(text) and not UNIT_SELF.search(text) and found_claims:
        findings.append(
            Finding(
                found_claims[0].line,
                "",
                f"“{found_claims[0].phrase}”：原文以“我市（县、区）”的口气写，从不自称本单位，"
                "所说的称号是当地各单位的，没有用作级别和创建类型",
            )
        )
        found_claims = []
    level, mode = import_claims.level_and_mode(found_claims)
    year_found, end_year = _year(year, src)
    for field, claim in (("level", level), ("mode", mode)):
        if claim:
            value = claim.level if field == "level" else claim.mode
            findings.append(Finding(claim.line, field, f"{value}（依据“{claim.phrase}”）"))
    if year_found:
        findings.append(_finding(year_found, "year"))
    if end_year:
        findings.append(
            Finding(year_found.line, "end_year", f"{end_year}（依据“{year_found.phrase}”）")
        )
    who = {
        "title": src.title.text if src.title and len(src.title.text) >= 6 else None,
        "name": name.value if name else None,
        "kind": kind.value if kind else None,
        "region": region,
        "year": int(year_found.value) if year_found else None,
        "end_year": end_year,
        "level": level.level if level else None,
        "mode": mode.mode if mode else None,
    }
    for field, label in FIELD_NAMES.items():
        if not who[field]:
            findings.append(Finding(0, "", f"原文看不出{label}，留作待填"))
    return who, findings


FIELD_NAMES = {
    "name": "单位名称（全称）",
    "kind": "单位类别",
    "year": "年度",
    "level": "目标级别（原文没有写明本单位争创或保持哪一级文明单位）",
    "mode": "创建类型（创建或保持）",
}


def _finding(evidence: selfname.Evidence, field: str) -> Finding:
    if not evidence.line:
        return Finding(0, field, f"{evidence.value}（依据{evidence.how}）")
    return Finding(
        evidence.line, field, f"{evidence.value}（依据{evidence.how}：“{evidence.phrase}”）"
    )


def _name(given, found, text, kind, findings) -> selfname.Evidence | None:
    if given:
        return selfname.Evidence(0, given, given, "命令行 --unit")
    for candidate in found:
        why = selfname.problem(
            candidate.value, text, kind.value if kind else None, candidate.how == "自称"
        )
        if why is None:
            return candidate
        findings.append(
            Finding(
                candidate.line, "", f"“{candidate.value}”（{candidate.how}）{why}，没有用作单位名称"
            )
        )
    return None


def _not_the_unit(candidate: selfname.Evidence, text: str) -> bool:
    """A body the plan sets up (成立…馆) or a title it strives for (文明村) is another thing
    than the unit: its ending says nothing of the unit's kind. An incomplete name (关于社区,
    xx区税务局, 年区建设局) is still the unit's, and its ending still says the kind."""
    return selfname.founded(candidate.value, text) or selfname.is_title(candidate.value)


def _kind(self_said, name, found, text) -> selfname.Evidence | None:
    """我校/我院/我局 first; else the kind of the unit's name, or of its generic name (“新闻中心”),
    or of the ending its placeholder name keeps (“XX县XX医院”, “xx区税务局”)."""
    if self_said:
        return self_said
    for candidate in ([name] if name else []) + [f for f in found if not _not_the_unit(f, text)]:
        kind = selfname.kind_of_name(selfname.PLACEHOLDER.split(candidate.value)[-1])
        if kind:
            return selfname.Evidence(
                candidate.line, kind, candidate.phrase, f"单位名称“{candidate.value}”"
            )
    return None


VILLAGE_TITLE = re.compile(r"文明(?:创建)?村(?!镇)")


def _village(said, paras: list[Para], text: str) -> selfname.Evidence | None:
    """A town writing (我镇, 我乡) for the village that strives for 文明村 (“将花山村确定为市级
    文明创建村”): the unit is the village, of kind 社区, not the town's government."""
    if not (said and said.value == "机关" and TOWN_SELF.search(text)):
        return said
    for claim in import_claims.claims(paras):
        if VILLAGE_TITLE.search(claim.phrase):
            return selfname.Evidence(
                claim.line, "社区", claim.phrase, "争创的称号是文明村（方案以镇、乡的口吻为村而写）"
            )
    return said


def _kind_candidates(paras: list[Para]) -> list[Finding]:
    """The plan calls itself more than one kind (我校 and 我局) and no name decides: say so."""
    votes, first = selfname.self_kind_votes(paras)
    if len(votes) < 2:
        return []
    said = "、".join(f"{kind}（“{first[kind][1]}”等 {n} 处）" for kind, n in votes.most_common())
    line = min(where for where, _ in first.values())
    return [Finding(line, "", f"原文自称的单位类别不止一种：{said}，没有填入，请核对后填写")]


def _region(name, found, src: Source, findings: list[Finding], kind=None) -> dict[str, str]:
    """The unit's own place: in its name, its address, the local rules it is governed by."""
    # (line, place, the words it came from, whether the words surely name a place)
    places: list[tuple[int, str, str, bool]] = []
    for candidate in ([name] if name else []) + found:
        places.append((candidate.line, leading_place(candidate.value), candidate.phrase, True))
    if src.address:
        line, address = src.address
        inner = ADDRESS_PLACE.search(address)
        for words in (address, inner.group(1) if inner else ""):
            places.append((line, leading_place(words), address, True))
    for para in src.paras:
        for document in GOVERNING_DOCUMENT.finditer(para.text):
            place = leading_place(DOCUMENT_YEAR.sub("", document.group(1)))
            places.append((para.line, place, document.group(0), False))
    for para in src.paras:
        for organ in LOCAL_ORGAN.finditer(para.text):
            place = _trailing_place(organ.group(1))
            words = organ.group(0)[organ.group(1).rfind(place) :] if place else ""
            places.append((para.line, place, words, False))
    for para in src.paras:
        for document in QUOTED_GOVERNING.finditer(para.text):
            places.append((para.line, leading_place(document.group(1)), document.group(0), False))
    for para in src.paras:
        for title in TITLE_OF_PLACE.finditer(para.text):
            places.append((para.line, leading_place(title.group(1)), title.group(0), False))
    if kind in SUPERIOR:
        for para in src.paras:
            for organ in SUPERIOR[kind].finditer(para.text):
                place = _trailing_place(organ.group(1))
                places.append((para.line, place, organ.group(0), False))
    parsed = [(line, divisions(place, sure), words) for line, place, words, sure in places if place]
    parsed.sort(key=lambda item: -len(item[1]))  # county first: it decides city and province
    region: dict[str, str] = {}
    for line, parts, words in parsed:
        if any(region.get(key) not in (None, value) for key, value in parts.items()):
            continue  # another place: not the one the unit's most precise evidence gives
        for key, value in parts.items():
            if key not in region:
                region[key] = value
                how = "由地名库补全" if value not in words else "原文写明"
                findings.append(
                    Finding(line, f"unit.region.{key}", f"{value}（{how}，依据“{words}”）")
                )
    if (
        "city" not in region
        and name
        and OUR_CITY.search(text := "\n".join(p.text for p in src.paras))
    ):
        _city_of_name(name, text, region, findings)
    if "city" not in region:
        _name_homes(parsed, findings)
    return region


OUR_CITY = re.compile(r"[我本]市")


def _city_of_name(name, text: str, region: dict[str, str], findings: list[Finding]) -> None:
    """“襄阳五中” in a plan that says 我市: a unit named after its city is in that city only
    when the plan also writes the city's full name (襄阳市). Without it the name is a guess —
    中山大学 is in 广州 — and the report names the city as a candidate instead."""
    found = city_of_alias(name.value)
    if not found or any(region.get(k) not in (None, v) for k, v in found.items()):
        return
    if found["city"] not in text:
        findings.append(
            Finding(
                name.line,
                "",
                f"单位名称“{name.value}”以市名开头、原文称“我市”，可能在{found['province']}"
                f"{found['city']}，但原文没有写出“{found['city']}”，所在省和市没有填入，请核对后填写",
            )
        )
        return
    for key, value in found.items():
        if key not in region:
            region[key] = value
            findings.append(
                Finding(
                    name.line,
                    f"unit.region.{key}",
                    f"{value}（单位名称以市名开头、原文称“我市”并写出“{found['city']}”，"
                    f"依据“{name.value}”）",
                )
            )


def _name_homes(parsed: list[tuple[int, dict, str]], findings: list[Finding]) -> None:
    """A county the text names without its city, that several cities have: say which."""
    told = set()
    for line, parts, _ in parsed:
        county = parts.get("county")
        if county and "city" not in parts and county not in told and len(homes(county)) > 1:
            told.add(county)
            where = "、".join(homes(county)[:6])
            findings.append(
                Finding(
                    line,
                    "",
                    f"“{county}”同名的县区不止一个（{where}），原文没有写明属于哪个市，"
                    "所在省和市留作待填",
                )
            )


def _trailing_place(words: str) -> str:
    """The place name a string ends with: “长沙市望城区委宣传部和望城区” -> “望城区”."""
    for start in range(len(words)):
        place = leading_place(words[start:])
        if place and start + len(place) == len(words):
            return place
    return ""


def _year(given: int | None, src: Source) -> tuple[selfname.Evidence | None, int | None]:
    """The plan's year and, for a span (“2023-2024年度”), its last year: --year, the title's,
    the span or year the plan says it is for, the date it was issued, else the earliest year
    written with a stage or goal. A span's first year is the plan's year."""
    if given:
        return selfname.Evidence(0, str(given), str(given), "命令行 --year"), None
    title = src.title.text if src.title and not COLLECTION.search(src.title.text) else ""
    for pattern, how in ((TITLE_SPAN, "标题中的起止年份"), (YEAR, "标题")):
        if found := pattern.search(title):
            return selfname.Evidence(src.title.line, found.group(1), title, how), _end(found)
    if found := _restated_title(src):
        return found, None
    for pattern, how in (
        (YEAR_SPAN, "方案的起止年份"),
        (PLAN_YEAR, "方案年度"),
        (ISSUED, "印发日期"),
    ):
        for para in src.paras:
            if found := pattern.search(para.text):
                return selfname.Evidence(para.line, found.group(1), found.group(0), how), _end(
                    found
                )
    if found := _announced(src):
        return found, None
    if src.dated:
        line, first = min(src.dated, key=lambda item: item[1])
        return selfname.Evidence(line, str(first), f"{first}年", "阶段或目标中写明的年份"), None
    return None, None


def _restated_title(src: Source) -> selfname.Evidence | None:
    """“2018年*乡镇创建全国文明村镇工作计划” under the title “乡镇创建全国文明村镇工作计划”:
    the plan's own title again, now with its year."""
    title = src.title.text if src.title else ""
    if len(title) < 6 or COLLECTION.search(title):
        return None
    for para in src.paras:
        restated = para.line > src.title.line and para.text.endswith(title)
        before = para.text[: -len(title)] if restated else ""
        if found := YEAR.search(before):
            return selfname.Evidence(para.line, found.group(1), para.text, "重复的标题")
    return None


def _announced(src: Source) -> selfname.Evidence | None:
    for para in src.paras:
        for sentence in re.split(r"(?<=[。；;])", para.text):
            if not ANNOUNCING.search(sentence):
                continue
            years = set(YEAR.findall(re.sub(r"《[^》]*》", "", sentence)))
            if len(years) == 1:
                year = years.pop()
                return selfname.Evidence(para.line, year, sentence.strip(), "宣布制定方案的一句")
    return None


def _end(found: re.Match) -> int | None:
    """The last year of a span match, when it is later than the first."""
    if found.re.groups < 2 or not found.group(2):
        return None
    return int(found.group(2)) if int(found.group(2)) > int(found.group(1)) else None
