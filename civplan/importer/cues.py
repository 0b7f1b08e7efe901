"""What tells the importer which standard section a piece of text belongs to.

Three kinds of evidence, strongest first: the wording of a heading (“三、保障措施”), a cue in a
paragraph whose heading was lost (“组长：”, “举报电话”, “分三个阶段”), and the heads of a
numbered list (“（二）自查梳理阶段（2月）” … — most of them say 阶段).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    heading: str  # the standard heading the body gets when the source lost its own
    words: re.Pattern  # heading wording that names this section


SECTIONS = [
    Section("basis", "制定依据", re.compile(r"依据|前言|背景")),
    Section("guiding", "指导思想", re.compile(r"指导思想|思路|指导原则|总体要求")),
    Section("goals", "创建目标", re.compile(r"目标")),
    Section("group", "组织领导", re.compile(r"组织领导|领导小组|组织机构|领导机构|机构设置")),
    Section("measures", "主要任务", re.compile(r"任务|措施|内容|重点|举措|做法")),
    Section("stages", "实施步骤", re.compile(r"步骤|安排|阶段|进度|时间")),
    Section("guarantees", "保障措施", re.compile(r"保障|工作要求|有关要求|注意事项|纪律")),
    Section("rewards", "奖惩措施", re.compile(r"奖惩|奖励|惩处|责任追究|问责|考核")),
    Section("supervision", "监督举报", re.compile(r"监督|举报|投诉")),
]
BY_KEY = {section.key: section for section in SECTIONS}
ORDER = [section.key for section in SECTIONS]
# Heading wording is tried in this order: “保障措施” is a guarantee, not a measure.
HEADING_ORDER = [
    "supervision",
    "rewards",
    "guarantees",
    "group",
    "stages",
    "goals",
    "guiding",
    "basis",
    "measures",
]

# Cues in a paragraph that stands alone (no number), strongest first.
PARAGRAPH_CUES = [
    ("basis", re.compile(r"制[定订]了?(?:本|如下|此|以下)[^。]{0,6}方案")),
    ("supervision", re.compile(r"(?:举报|投诉|监督)(?:电话|热线|邮箱|信箱)|举报箱|受理举报")),
    (
        "group",
        re.compile(
            r"成立[^。]{0,40}?领导小组|^(?:组\s*长|副\s*组\s*长|常务副组长)\s*[:：\s]"
            r"|职责分工|下设办公室|领导小组(?:如下|成员)"
        ),
    ),
    (
        "stages",
        re.compile(
            r"分[一二三四五六两\d]个?阶段|阶段[^。]{0,12}\d{1,2}\s*月|第[一二三四五]阶段"
            r"|实施步骤|(?:工作|时间)安排如下|步骤如下"
        ),
    ),
    (
        "rewards",
        re.compile(
            r"奖惩|一经查实|凡是?违反|给予[^。]{0,12}(?:处分|处理|奖励|表彰|批评|表扬)"
            r"|取消[^。]{0,10}(?:评先|评优)|末等|一票否决"
        ),
    ),
    ("guiding", re.compile(r"为指导|为指针|为统领|指导思想|贯彻[^。]{0,40}?精神")),
    (
        "goals",
        re.compile(
            r"目标(?:如下|是|为)?[:：]|(?:创建|工作|总体)目标|实现[^。]{0,30}目标"
            r"|目标如下|(?:建设|打造)成为"
        ),
    ),
    ("measures", re.compile(r"以下(?:工作|任务)|主要任务|重点任务|创建措施")),
    ("guarantees", re.compile(r"保障措施|工作要求")),
]
# Paragraphs inside another section's list whose own words still matter for the metadata.
INSET_CUES = ("rewards", "supervision")
# Cues strong enough to end a numbered list that has no heading after it.
BREAKING_CUES = ("basis", "group", "stages", "rewards", "supervision")

# Cues in the head of a numbered item; a list goes to the section most of its heads name.
HEAD_CUES = [
    ("stages", re.compile(r"阶段|\d{1,2}\s*月|^第[一二三四五六]步")),
    ("goals", re.compile(r"^创建\S{1,8}型|^争创|^争取|^(?:20\d\d|20[xX×]{2})\s*年")),
    ("group", re.compile(r"领导小组|职责分工|^组\s*长|办公室主任")),
    ("supervision", re.compile(r"举报|投诉")),
    (
        "guarantees",
        re.compile(
            r"保障|经费|资金|氛围|宣传|督导|督查|整改|重视|加强领导[,，、。]|加强领导$"
            r"|组织领导|责任|带头|考核"
        ),
    ),
    ("rewards", re.compile(r"奖惩|奖励|惩|追责|问责|末等|评先|评优")),
]

# A paragraph that announces the list after it: “认真做好以下工作：”, “现制定五年目标如下：”.
INTRO = re.compile(r"(?:如下|以下[^。]{0,8})[:：]?$|[:：]$")


def heading_section(text: str) -> str | None:
    """The section a heading's wording names: “三、保障措施” -> guarantees."""
    for key in HEADING_ORDER:
        if BY_KEY[key].words.search(text):
            return key
    return None


def paragraph_cue(text: str) -> tuple[str, str] | None:
    """(section, the words that gave it away) for a paragraph without a number."""
    for key, pattern in PARAGRAPH_CUES:
        found = pattern.search(text)
        if found:
            return key, found.group(0).strip()
    return None


def head_vote(heads: list[str]) -> tuple[str, int] | None:
    """(section, how many heads name it) when at least half of a list's heads name it."""
    votes: Counter[str] = Counter()
    for head in heads:
        for key, pattern in HEAD_CUES:
            if pattern.search(head):
                votes[key] += 1
    if not votes:
        return None
    key, count = max(votes.items(), key=lambda item: (item[1], -ORDER.index(item[0])))
    return (key, count) if count * 2 >= len(heads) else None


def heading_of(key: str) -> str:
    return BY_KEY[key].heading
