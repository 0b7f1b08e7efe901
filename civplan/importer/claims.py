"""Level and mode of a plan, from the phrases that govern the unit's own title.

A plan says what it strives for with a verb and a title: “积极争创省级文明单位”, “创建市级
‘文明校园’”, “力争2008年全面达到国家级文明单位标准”, “继续保持已取得的省级文明单位称号”.
Level words elsewhere (“全国文明城市”, “文明县城”, a document's title) say nothing of the
unit's title and are not read. A plan that keeps a title and strives for a higher one
(“在巩固省级最佳文明单位的基础上，力争…达到国家级文明单位标准”) creates the higher one;
one that keeps a title and only repeats it (“紧紧围绕创建省级文明单位目标”) keeps it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from civplan.importer.outline import Para

LEVEL_WORDS = {
    "全国": "全国",
    "国家级": "全国",
    "省级": "省级",
    "全省": "省级",
    "省": "省级",
    "市级": "市级",
    "州级": "市级",
    "地级": "市级",
    "全市": "市级",
    "全州": "市级",
    "市": "市级",
    "州": "市级",
    "县级": "县级",
    "区级": "县级",
    "全县": "县级",
    "全区": "县级",
    "县": "县级",
    "区": "县级",
}
RANK = ["县级", "市级", "省级", "全国"]
LEVEL = r"(全国|国家级|省级|市级|州级|地级|县级|区级|全省|全市|全州|全县|全区|省|市|州|县|区)"
# The unit's own titles; 文明城市、文明县城、文明城区、文明村镇 are campaigns of a place.
# 文明村 is a village's own title (文明村镇 is not: the lookahead keeps it a place's campaign)
TITLE = r"[“\"‘]?(?:最佳)?文明(?:单位|校园|学校|机关|医院|社区|家园|窗口|标兵|示范|村(?!镇))"
CREATE = r"(?:创建|争创|争取|力争|达到|实现|成为|建成|晋升|申报|冲刺|跻身|争当|创成|创)"
KEEP = r"(?:继续保持|保持|巩固|复查|蝉联|已取得的?|已获得的?|连续)"
GAP = r"[^。；;，,！!？?《》]{0,14}?"
PATTERNS = [
    ("保持", re.compile(rf"{KEEP}{GAP}{LEVEL}?{TITLE}")),
    ("创建", re.compile(rf"{CREATE}{GAP}{LEVEL}?{TITLE}")),
    # “省级文明单位建立工作” (建立: a converter's word for 创建)
    ("创建", re.compile(rf"{LEVEL}?{TITLE}[”\"’]?(?:创建|争创|建立)")),
    # “将花山村确定为市级文明创建村”: a unit named as one striving for the title
    ("创建", re.compile(rf"{LEVEL}文明创建(?:单位|村(?!镇)|社区|校园)")),
    ("保持", re.compile(rf"{LEVEL}?{TITLE}[”\"’]?(?:复查|称号的?巩固)")),
]
QUOTED_DOCUMENT = re.compile(r"《[^》]*》")
# “关于印发《××医院创建省级文明单位实施方案》的通知”: the quoted title is the plan's own
COVER_NOTE = re.compile(r"^关于印发《([^》]+)》的通知$")
# A claim without a level says the unit's mode only where it names this plan, its goal or its
# title (“创建‘文明校园’实施方案”, “围绕争创‘文明社区’的目标”); “开展创建文明机关活动” and
# “开展创建文明单位、文明社区……等活动” are activities, not the unit's own title.
OWN_GOAL = re.compile(
    r"^[”\"’]?(?:创建|争创)?(?:活动)?(?:工作)?(?:实施)?(?:方案|意见|计划|规划)"
    r"|^[”\"’]?的?(?:目标|称号)"
)
# “确保市级、省级文明单位各一个，力争市级或省级文明单位二个”: titles counted are other units'
COUNTED = re.compile(r"^[”\"’]?各?[一二两三四五六七八九十\d]+个")
# 文明村镇 is the campaign of a place, and the title of a town that makes its own plan
TOWN_TITLE = r"[“\"‘]?文明(?:村镇|乡镇|镇)"


@dataclass(frozen=True)
class Claim:
    line: int
    mode: str  # 创建 or 保持
    level: str | None
    phrase: str


def claims(paras: list[Para], town: bool = False) -> list[Claim]:
    """Every phrase in which the plan strives for or keeps a title, in source order.
    `town`: the plan is a town's own (我镇), so 文明村镇 is its title too."""
    found: list[Claim] = []
    patterns = PATTERNS + (TOWN_PATTERNS if town else [])
    for para in paras:
        cover = COVER_NOTE.match(para.text)
        text = cover.group(1) if cover else QUOTED_DOCUMENT.sub(_blanked, para.text)
        spans: list[tuple[int, int]] = []
        for mode, pattern in patterns:
            for match in pattern.finditer(text):
                if any(a <= match.start() < b for a, b in spans):
                    continue  # “继续保持…创建” is read once, by its first verb
                spans.append(match.span())
                if COUNTED.match(text[match.end() :]) or _campaign(pattern, match):
                    continue
                if _places(text, match):
                    continue
                level = LEVEL_WORDS.get(match.group(1)) if match.group(1) else None
                if level or OWN_GOAL.match(text[match.end() : match.end() + 12]):
                    found.append(Claim(para.line, mode, level, match.group(0)))
    return found


TOWN_PATTERNS = [
    ("创建", re.compile(rf"{CREATE}{GAP}{LEVEL}?{TOWN_TITLE}")),
]


def _campaign(pattern: re.Pattern, match: re.Match) -> bool:
    """“促进全市文明校园创建工作”: a place-wide campaign (全市、全县) is not the unit's level."""
    title_first = pattern in (PATTERNS[2][1], PATTERNS[3][1])
    return title_first and bool(match.group(1)) and match.group(1).startswith("全")


PLACE_CHARS = "省市州县区"


def _places(text: str, match: re.Match) -> bool:
    """“积极响应省市文明校园创建工作部署”: a one-character level joined to another (省市, 市县,
    省、市) names several places and their campaigns, not a level of the unit's own title."""
    word = match.group(1)
    if not word or len(word) != 1:
        return False
    before = text[: match.start(1)].rstrip("、")
    return bool(before) and before[-1] in PLACE_CHARS


def _blanked(document: re.Match) -> str:
    """A cited document's title, blanked: it says nothing of the unit's own title."""
    return "《" + "\u3000" * (len(document.group(0)) - 2) + "》"


def level_and_mode(found: list[Claim]) -> tuple[Claim | None, Claim | None]:
    """(the claim that gives the level, the claim that gives the mode)."""
    leveled = [c for c in found if c.level]
    created = [c for c in leveled if c.mode == "创建"]
    kept = [c for c in leveled if c.mode == "保持"]
    top_created = max(created, key=lambda c: RANK.index(c.level), default=None)
    top_kept = max(kept, key=lambda c: RANK.index(c.level), default=None)
    if top_kept and (
        not top_created or RANK.index(top_created.level) <= RANK.index(top_kept.level)
    ):
        return top_kept, top_kept
    if top_created:
        return top_created, top_created
    unleveled = [c for c in found if c.mode == "创建"] or found
    return None, (unleveled[0] if unleveled else None)
