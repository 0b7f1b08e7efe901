"""Who wrote a plan: the unit's name and kind, only from where the plan speaks of itself.

A plan names its unit in its title (“莲花中心小学创建文明校园实施方案”), its signature, its
address (“通讯地址：哈医大四院（…）”), its own goal (“把聊城市科技局建设成为…”), its leading
group (“成立海安县××医院创建…领导小组”), and calls itself 我校、我院、我局、本社区. It also
names many organisations that are not the unit: ones it sets up (成立…馆、成立新一届…委员会),
ones it pairs with or learns from. Those never name the unit: a candidate must come from one of
the self-references above, must not be something the plan founds, must be a full name (not
“人民医院”, not “XX市…”), and must be of the kind the plan's 我校/我院/我局 says.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from civplan.importer.outline import Para
from civplan.importer.region import city_of_alias, leading_place
from civplan.model.text import HAN

# What a unit's name ends with, and the kind (the schema's unit.kind enum) that ending says;
# None: a unit, but of no one kind (a 中心 or a 所 may be anything). The one table of unit
# suffixes: the names the importer looks for end with one, and their kind is read from it.
NAME_ENDS: dict[str | None, tuple[str, ...]] = {
    "医院": ("医院", "卫生院", "保健院", "卫生服务中心"),
    "学校": (
        "小学", "中学", "学校", "大学", "学院", "幼儿园", "职校",
        *(f"{n}中" for n in "一二三四五六七八九十"),  # 襄阳五中
    ),
    "新闻媒体": (
        "报社", "电视台", "广播电视台", "融媒体中心", "新闻中心", "传媒中心", "传媒集团",
        "广播电台", "电台", "杂志社", "报刊社",
    ),
    # a 供电局 or 邮政局 is a state enterprise, though it ends like a bureau
    "企业": ("公司", "集团", "银行", "厂", "供电局", "电业局", "供电所", "邮政局", "信用社", "联社"),
    "社区": ("社区", "村委会", "居委会", "居民委员会", "村民委员会", "村", "嘎查"),
    "机关": (
        "局", "委员会", "委", "办公室", "厅", "办", "署", "政府", "管委会", "街道办事处",
        "开发区", "工业园区", "园区", "集中区", "高新区", "法院", "检察院", "派出所", "街道",
        "镇", "乡",  # a town's own plan is its government's
    ),
    None: (
        "中心", "图书馆", "博物馆", "文化馆", "纪念馆", "管理处", "研究院", "设计院",
        "院", "所", "站", "馆", "台", "处", "队",
    ),
}  # fmt: skip
ENDINGS = {ending: kind for kind, endings in NAME_ENDS.items() for ending in endings}
LONGEST_FIRST = sorted(ENDINGS, key=len, reverse=True)
UNIT_END = f"(?:{'|'.join(LONGEST_FIRST)})"
# words inside a name that say its kind when its ending does not (哈医大四院, 市新闻传媒中心)
INNER_WORDS = {"医院": (r"医大\S*院",), "新闻媒体": ("新闻", "广播", "传媒"), "企业": ("企业",)}
NAME = rf"([{HAN}A-Za-z×＊*]{{1,20}}?{UNIT_END})"
PLAN_WORD = r"(?:实施方案|工作方案|方案|实施意见|工作计划|计划|规划)"
ACTIVITY = (
    r"(?:关于)?(?:(?:20\d\d|(?:20)?[xX×]{2})年度?)?"
    r"(?:创建|争创|保持|巩固|开展|贯彻|深化|推进|迎接)"
)
# a document site's label before the text it shows: “文档介绍:长安中心小学……实施方案”
SITE_LABEL = r"(?:(?:文档介绍|文档简介|资源描述|内容简介|内容摘要)\s*[:：]\s*)?"
# “…卫生院2024年度文明单位复查工作方案”: a title may name the title before the verb
TOPIC = (
    r"(?:(?:20\d\d|20[xX×]{2})\s*(?:[-—至到]\s*20\d\d\s*)?学?年度?)?"
    r"(?:全国|国家级|省级|市级|县级|区级)?[“\"]?(?:最佳)?(?:文明|美丽校园)"
)
# “白果镇中心小学“亮丽工程”实施方案”: a title may name its project in quotes
PROJECT = r"[“\"][^”\"。，,；;]{2,12}[”\"](?:活动|工作|建设)?(?:实施)?"
SOURCES = [
    # (how the report names the evidence, pattern; group 1 is the name)
    (
        "标题",
        re.compile(
            rf"^{SITE_LABEL}(?:\d{{1,2}}[、.．])?{NAME}(?:{ACTIVITY}|{TOPIC}|{PROJECT})"
            rf"[^。，,；;]{{0,40}}?{PLAN_WORD}"
        ),
    ),
    ("通讯地址", re.compile(rf"(?:通讯|通信|联系|邮寄)?地址[:：]\s*{NAME}[（(]")),
    ("创建目标", re.compile(rf"把{NAME}(?:建设|打造|建)成")),
    ("领导小组名称", re.compile(rf"成立{NAME}{ACTIVITY}[^。；;，,]{{0,40}}?(?:领导小组|工作小组)")),
    # “特制订陇县中学2005年创建市级文明单位规划”, “拟定汤口镇争创全国文明村镇行动计划”
    (
        "所定方案的名称",
        re.compile(
            rf"(?:制定|制订|拟定|拟订)了?{NAME}(?:20\d\d\s*学?年度?)?(?:{ACTIVITY}|{TOPIC})"
            rf"[^。，,；;]{{0,40}}?{PLAN_WORD}"
        ),
    ),
    ("自称", re.compile(rf"(?:^|[。；;，,])\s*{NAME}(?:是|作为)(?:我|全)[市县区省州]")),
    # “满洲里市地税局作为重要的行政执法部门，研究制定……方案”
    ("自称", re.compile(rf"(?:^|[。；;，,])\s*{NAME}作为[^。；;，,]{{0,12}}(?:部门|单位|机关)")),
    ("自称", re.compile(rf"结合{NAME}(?:工作|教育|教学)?(?:的)?(?:具体)?实际")),
    # “为充分展示和巩固市节能办精神文明建设成果”: the unit's own achievements
    ("自称", re.compile(rf"(?:展示|巩固|扩大|提升)(?:和巩固)?{NAME}(?:的)?精神文明建设")),
    # “结合实际，闽南日报社特制定此新闻宣传工作方案”: the unit that draws up this very plan
    ("自称", re.compile(rf"(?:^|[。；;，,])\s*{NAME}(?:特|现)(?:制定|制订)(?:此|本|如下)")),
    # “决定将花山村确定为市级文明创建村”: the unit a plan names as the one striving
    ("争创的单位", re.compile(rf"(?:将|把){NAME}(?:确定|列)为[^。，,；;]{{0,8}}文明创建")),
    # “一、基本情况：秋洞村位于黄礤镇北部”: the plan describing itself
    ("基本情况", re.compile(rf"(?:^|[。；;])\s*{NAME}(?:位于|地处|坐落于)")),
]
SIGNATURE = re.compile(rf"^{NAME}$")
DATE_LINE = re.compile(r"^(?:20\d\d|二[○〇零][一二三四五六七八九○〇零]{2})年.{1,6}日")
# a document's imprint: the unit's office and the date it printed the plan, on one line
# (“安源区城市管理局办公室2013年2月28日印发”)
IMPRINT = re.compile(
    rf"^{NAME}办公室\s*(?:20\d\d|二[○〇零][一二三四五六七八九○〇零]{{2}})年.{{1,6}}日印发$"
)
PLACEHOLDER = re.compile(r"[xX×＊*]{2}|[xX]{1}xx|某某")
FOUNDED = r"(?:成立|组建|设立|新建|筹建|建立|新设|组成)"
DRAFTING = re.compile(r"制[定订]|拟[定订]|印发")  # verbs of a sentence, never inside a name
# a sentence's preposition or verb before the name: “关于社区文明创建的工作计划” names no one
SENTENCE_START = re.compile(
    r"^(?:关于|对于|为了|按照|根据|依据|围绕|通过|做好|开展|加强|推进|深化)"
)
GROUP_AFTER = re.compile(r"(?:领导|工作)?小组|工作组|办公室|指挥部|专班")
GENERIC = re.compile(
    r"人民|中心|中医|新闻|融媒体|广播电视|实验|妇幼保健|疾病预防控制|第[一二三四五六七八九十\d]+|中小学?"
    r"|[市县区镇乡]|直属|附属|机关|总|分|新?农"  # 农村 and 新农村 are no village's name
)
KIND_OF_NAME = [
    (
        kind,
        re.compile(
            "|".join([e for e in NAME_ENDS[kind] if len(e) > 1] + [*INNER_WORDS.get(kind, ())])
        ),
    )
    for kind in ("医院", "学校", "新闻媒体", "企业", "社区")
]
SELF_KIND = [
    ("学校", re.compile(r"[我本]校|校务会(?:议)?研究|校长办公会(?:议)?研究|全校师生|结合学校")),
    # “结合医院文明创建工作实际”: the hospital speaking of itself, as 结合学校 a school
    ("医院", re.compile(r"[我本]院|院务会(?:议)?研究|院长办公会(?:议)?研究|结合(?:本)?医院")),
    (
        "机关",
        re.compile(
            r"[我本][局委厅](?!员)|[我本]办(?!法|理|事)|局机关"
            r"|(?:局党组|局党委|局党支部|局务会|党工委|管委会)(?:会议)?研究"
            r"|在局党[组委]的?(?:统一)?领导|结合我[市县区]实际"
            # the group a 局长 heads is a bureau's (“由局长为组长”); 结合街道实际 a street office's
            r"|(?<!副)局长(?:任|为|担任)组长|结合(?:本)?街道"
        ),
    ),
    ("企业", re.compile(r"[我本](?:公司|集团|厂)")),
    ("社区", re.compile(r"[我本](?:社区|村)")),
    ("新闻媒体", re.compile(r"[我本](?:台|报社)")),
    # a town's or street's own plan: its government is an organ of state (机关); but
    # “结合我镇各校实际” speaks of the units in the town, and a school may write it
    ("机关", re.compile(r"[我本](?:镇|乡|街道)(?![长内外各])")),
]


@dataclass(frozen=True)
class Evidence:
    line: int
    value: str
    phrase: str  # the source words, as the report quotes them
    how: str  # which kind of self-reference


def self_kind(paras: list[Para]) -> Evidence | None:
    """The kind 我校/我院/我局… says, when one kind is said clearly more than any other."""
    votes, first = self_kind_votes(paras)
    if not votes:
        return None
    (best, count), *rest = votes.most_common()
    if rest and count < 2 * rest[0][1]:
        return None
    line, words = first[best]
    return Evidence(line, best, words, f"正文自称（共 {count} 处）")


def self_kind_votes(paras: list[Para]) -> tuple[Counter[str], dict[str, tuple[int, str]]]:
    """How often the plan calls itself each kind, and where first."""
    votes: Counter[str] = Counter()
    first: dict[str, tuple[int, str]] = {}
    text = "\n".join(p.text for p in paras)
    for kind, pattern in SELF_KIND:
        if kind == "医院" and "医" not in text:
            continue  # 我院 of a 设计院 or 研究院 is no hospital
        for para in paras:
            for found in pattern.finditer(para.text):
                votes[kind] += 1
                first.setdefault(kind, (para.line, found.group(0)))
    return votes, first


def kind_of_name(name: str) -> str | None:
    """The kind a unit's name says: by its ending (…税务局, …融媒体中心, …卫生院, …居委会),
    else by a word inside it (哈医大四院); None when it says none (…中心, …所)."""
    ending = next((e for e in LONGEST_FIRST if name.endswith(e)), None)
    if ending and ENDINGS[ending]:
        return ENDINGS[ending]
    return next((kind for kind, pattern in KIND_OF_NAME if pattern.search(name)), None)


def candidates(paras: list[Para], title: Para | None) -> list[Evidence]:
    """Every place the plan names itself, strongest first, before any check."""
    found: list[Evidence] = []
    ordered = ([title] if title else []) + [p for p in paras if p is not title]
    for how, pattern in SOURCES:
        for para in ordered:
            for match in pattern.finditer(para.text):
                found.append(Evidence(para.line, match.group(1), match.group(0), how))
    found += _under_title(paras, title)
    found += _signature(paras)
    return list(dict.fromkeys(found))  # the title is among the paragraphs too: once each


def _under_title(paras: list[Para], title: Para | None) -> list[Evidence]:
    """The unit's name alone on the line after the title (title, unit, title again)."""
    if title is None:
        return []
    after = [p for p in paras if p.line > title.line][:1]
    return [
        Evidence(p.line, p.text, p.text, "标题下的单位名称")
        for p in after
        if SIGNATURE.match(p.text) and len(p.text) <= 30
    ]


def _signature(paras: list[Para]) -> list[Evidence]:
    """The unit's name on a line of its own at the end, before or without the date; or
    anywhere right above a date (a cover note's signature: “罗田县人民法院 / 2016年3月16日”,
    then the plan it issues)."""
    tail = paras[-2:]
    if tail and DATE_LINE.match(tail[-1].text):
        tail = tail[:-1]
    dated = [p for p, after in pairwise(paras) if DATE_LINE.match(after.text)]
    imprints = [(p, IMPRINT.match(p.text)) for p in paras]
    return [
        Evidence(p.line, p.text, p.text, "落款")
        for p in dict.fromkeys(tail[-1:] + dated)
        if SIGNATURE.match(p.text) and len(p.text) <= 30
    ] + [Evidence(p.line, m.group(1), p.text, "印发单位") for p, m in imprints if m]


def founded(name: str, text: str) -> bool:
    """“成立…馆” founds the name; “成立哈医大四院贯彻…领导小组” founds the unit's group."""
    pattern = rf"{FOUNDED}[^。，,；;]{{0,10}}{re.escape(name)}([^。，,；;]{{0,40}})"
    return any(not GROUP_AFTER.search(m.group(1)) for m in re.finditer(pattern, text))


def is_title(name: str) -> bool:
    return bool(re.fullmatch(rf"(?:最佳)?文明{UNIT_END}", name))


# a place inside a name that the gazetteer does not open with: 白果镇中心小学, 花山村, 东淮社区
PLACE_IN_NAME = re.compile(r"[省市县区州旗镇乡村]|社区|街道|嘎查")


def _vouched(name: str, text: str, kind: str | None) -> bool:
    """A name without a place is taken as the unit's full name only when the plan writes it
    again, or speaks of itself as a unit of the name's kind (“莲花中心小学……是我校……”)."""
    return text.count(name) >= 2 or bool(kind and kind_of_name(name) == kind)


def problem(name: str, text: str, kind: str | None, said_of_self: bool = False) -> str | None:
    """Why a candidate is not the unit's full name; None when it is. `said_of_self`: the
    plan names it as itself (“青溪日报社特制定此方案”, “结合市城建委实际”)."""
    if name[0] in "我本":
        return "是自称，不是名称"
    if PLACEHOLDER.search(name):
        return "含占位符"
    if name[0] == "年":  # “制定____年区建设局……方案”: what is left of a year left blank
        return "前面是没有填写的年份，名称不完整"
    if founded(name, text):
        return "是方案要成立的机构"
    if "的" in name or len(name) > 24 or DRAFTING.search(name):  # 现制定年区建设局
        return "不像单位名称"
    if SENTENCE_START.match(name):
        return "开头是句子里的词，名称不完整"
    if is_title(name):  # 文明村创建实施方案: a title striven for
        return "是称号，不是名称"
    place = leading_place(name)
    if not place and name.endswith("局"):
        # a bureau is always a government's: its full name opens with the place (水利局 is
        # any county's; 白果镇中心小学 and 花山村 carry their own proper names)
        return "是机关的简称，缺少所在地，不是全称"
    unplaced = not (place or PLACE_IN_NAME.search(name) or city_of_alias(name))
    if unplaced and not (said_of_self or _vouched(name, text, kind)):
        return (
            "没有地名，原文既没有用它自称、没有再次写出它，也没有以同一类别自称，看不出是不是全称"
        )
    proper = GENERIC.sub("", re.sub(rf"{UNIT_END}$", "", name[len(place) :]))
    if not place and len(proper) < 2:
        return "只是通称，不是全称"
    if kind and kind_of_name(name) and kind_of_name(name) != kind:
        return f"类别与正文自称的“{kind}”不符"
    return None
