"""Text -> sections: where each paragraph of an imported plan belongs.

A plan's own headings decide first (“三、保障措施”). Where the headings were lost in copying, the
text is cut into units — a numbered list with the paragraphs inside it, or a paragraph that
stands alone — and each unit is placed by its cues (“组长：”, “分三个阶段”), by the heads of its
items, or, for a list with no cue at all, by its position among the sections before it.
Nothing is dropped: a unit that cannot be placed keeps its words, under its own heading if it
had one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from civplan.importer.cues import (
    BREAKING_CUES,
    INSET_CUES,
    INTRO,
    head_vote,
    heading_of,
    heading_section,
    paragraph_cue,
)
from civplan.importer.outline import KINDS, Para
from civplan.model.text import HAN

TITLE_WORDS = re.compile(r"方案|计划|规划")
KEYWORD_HEADING_MAX = 10
KEYWORD_HEADING = re.compile(f"[{HAN}]+")
TITLE_LENGTH = (6, 60)  # the schema's shortest title, and longer than any real one
BY_POSITION = "按位置推断"
LATE_SECTIONS = {"stages", "guarantees", "rewards", "supervision"}


@dataclass
class Unit:
    """Paragraphs that go to one section together, and why."""

    paras: list[Para]
    kind: str | None = None  # marker kind of the list, None for paragraphs without numbers
    last: int = 0  # the last number of the list so far
    heading: Para | None = None  # the source's own heading, kept in its words
    section: str | None = None  # a key of import_cues.SECTIONS, “title”, or None: not placed
    how: str = ""
    insets: dict[int, tuple[str, str]] = field(default_factory=dict)

    @property
    def items(self) -> list[Para]:
        return [p for p in self.paras if p.marker and p.marker.kind == self.kind]

    @property
    def all_paras(self) -> list[Para]:
        return ([self.heading] if self.heading else []) + self.paras

    @property
    def first_line(self) -> int:
        return self.all_paras[0].line

    @property
    def last_line(self) -> int:
        return self.all_paras[-1].line

    @property
    def chars(self) -> int:
        return sum(p.chars for p in self.all_paras)


def layout(paras: list[Para]) -> list[Unit]:
    """Every paragraph in exactly one unit, in source order, each unit placed or not."""
    units: list[Unit] = []
    if len(paras) > 1 and _is_title_pair(paras[0], paras[1]):
        units.append(Unit(paras[:2], section="title", how="前两行是标题"))
        paras = paras[2:]
    elif paras and _is_title(paras[0]):
        units.append(Unit([paras[0]], section="title", how="第一行是标题"))
        paras = paras[1:]
    for heading, block in _blocks(paras):
        if heading is None:
            units += _place(_units(block), units)
        else:
            units.append(_headed(heading, block))
    for unit in units:
        _mark_insets(unit)
    return units


def _is_title(para: Para) -> bool:
    if para.marker or "。" in para.text or not TITLE_LENGTH[0] <= len(para.text) <= TITLE_LENGTH[1]:
        return False
    return bool(TITLE_WORDS.search(para.text)) or (
        para.heading == 1 and heading_section(para.text) is None
    )


def _is_title_pair(first: Para, second: Para) -> bool:
    """A title set on two lines: the unit's name, then “2026年创建…实施方案”."""
    if first.heading != second.heading or _is_title(first) or not _is_title(second):
        return False
    joined = first.text + second.text
    return first.marker is None and "。" not in first.text and len(joined) <= TITLE_LENGTH[1]


def title_text(unit: Unit) -> str:
    """The title as one line, however many lines it was set on."""
    return "".join(para.text for para in unit.paras)


def _blocks(paras: list[Para]) -> list[tuple[Para | None, list[Para]]]:
    """The text cut at the plan's own section headings; the first block may have none."""
    levels = [p.heading for p in paras if p.heading]
    top = min(levels) if levels else 0
    blocks: list[tuple[Para | None, list[Para]]] = [(None, [])]
    for para in paras:
        if _is_section_heading(para, top):
            blocks.append((para, []))
        else:
            blocks[-1][1].append(para)
    return [block for block in blocks if block[0] or block[1]]


def _is_section_heading(para: Para, top: int) -> bool:
    if top:
        return para.heading == top
    if para.marker:
        return para.marker.kind == "一、" and para.short
    words = para.text.rstrip(":： ")
    plain = KEYWORD_HEADING.fullmatch(words) is not None  # not “赵强：分管后勤保障”
    return plain and len(words) <= KEYWORD_HEADING_MAX and bool(heading_section(words))


def _headed(heading: Para, block: list[Para]) -> Unit:
    section = heading_section(heading.rest)
    how = f"标题“{heading.text}”" if section else f"标题“{heading.text}”不是标准部分"
    return Unit(block, heading=heading, section=section, how=how)


def _units(paras: list[Para]) -> list[Unit]:
    """Cut text without headings into lists and lone paragraphs."""
    units: list[Unit] = []
    for index, para in enumerate(paras):
        current = units[-1] if units else None
        if para.marker is None:
            _add_plain(units, current, para)
        elif current is None:
            units.append(_start(para))
        else:
            _add_item(units, current, para, paras[index:])
    return units


def _start(para: Para, intro: Unit | None = None) -> Unit:
    if intro is not None:
        intro.paras.append(para)
        intro.kind, intro.last = para.marker.kind, para.marker.n
        return intro
    return Unit([para], kind=para.marker.kind, last=para.marker.n)


def _add_plain(units: list[Unit], current: Unit | None, para: Para) -> None:
    cue = paragraph_cue(para.text)
    if current is None or (cue and cue[0] != _guess(current) and _ends_list(current, para, cue)):
        units.append(Unit([para]))
    else:
        current.paras.append(para)


def _ends_list(current: Unit, para: Para, cue: tuple[str, str]) -> bool:
    """A lone paragraph ends a list only with a strong cue, and never inside a sub-list."""
    if current.kind is None:
        return True
    last_item = next(p for p in reversed(current.paras) if p.marker or p is current.paras[0])
    inside_sub_list = last_item.marker is not None and last_item.marker.kind != current.kind
    return not inside_sub_list and (cue[0] in BREAKING_CUES or bool(INTRO.search(para.text)))


def _add_item(units: list[Unit], current: Unit, para: Para, ahead: list[Para]) -> None:
    marker = para.marker
    if current.kind is None:
        if marker.n == 1:
            intro = current if INTRO.search(current.paras[-1].text) else None
            if intro is None:
                units.append(_start(para))
            else:
                _start(para, intro)
        elif not _continue_earlier(units, para):
            current.paras.append(para)
            current.kind, current.last = marker.kind, marker.n
        return
    if marker.kind == current.kind:
        if marker.n == 1:
            units.append(_start(para))
        else:
            current.paras.append(para)
            current.last = marker.n
    elif marker.rank > KINDS.index(current.kind):
        if marker.n == 1 and _new_list(current, ahead):
            units.append(_start(para))
        else:
            current.paras.append(para)
    elif marker.n == 1 or not _continue_earlier(units, para):
        units.append(_start(para))


def _continue_earlier(units: list[Unit], para: Para) -> bool:
    """“(六)” after a lone paragraph that followed “(五)”: pull the paragraph back into the list."""
    for back in range(len(units) - 1, -1, -1):
        unit = units[back]
        if unit.kind == para.marker.kind and unit.last < para.marker.n:
            if any(u.kind for u in units[back + 1 :]):
                return False
            for between in units[back + 1 :]:
                unit.paras += between.paras
            del units[back + 1 :]
            unit.paras.append(para)
            unit.last = para.marker.n
            return True
        if unit.kind:
            return False
    return False


def _new_list(current: Unit, ahead: list[Para]) -> bool:
    """An inner list (“1、” inside “第三阶段”) that starts after loose text and speaks of
    another section begins a new unit; right after an item it is that item's sub-list."""
    if current.paras[-1].marker and current.paras[-1].marker.kind == current.kind:
        return False
    kind, outer = ahead[0].marker.kind, KINDS.index(current.kind)
    heads = []
    for para in ahead:
        if para.marker and para.marker.rank <= outer:
            break
        if para.marker and para.marker.kind == kind:
            heads.append(para.head)
    vote = head_vote(heads)
    return bool(vote) and vote[0] != _guess(current)


STAGE_LABEL = re.compile(r"阶段|步")  # 第一部分 is a part of the text, not a stage


def _evidence(unit: Unit) -> tuple[str, str] | None:
    """(section, why) from a unit's own words: the cue of its first paragraph or its items' vote."""
    first = unit.paras[0]
    cue = paragraph_cue(first.text) if first.marker is None else None
    if cue:
        return cue[0], f"内容线索“{short(cue[1])}”"
    if unit.kind == "第一阶段" and all(STAGE_LABEL.search(p.marker.label) for p in unit.items):
        # items the plan itself numbers as stages (第一阶段：20xx年2月至4月，…阶段), whatever
        # their first words look like: a head that opens with a year is still a stage's
        return "stages", f"{len(unit.items)} 个条目编为“{unit.items[0].marker.label}”等"
    vote = head_vote([p.head for p in unit.items]) if unit.kind else None
    if vote:
        return vote[
            0
        ], f"{len(unit.items)} 个编号条目中有 {vote[1]} 个的开头像“{heading_of(vote[0])}”"
    return None


def _guess(unit: Unit) -> str | None:
    evidence = _evidence(unit)
    return evidence[0] if evidence else None


def _place(units: list[Unit], before: list[Unit]) -> list[Unit]:
    """Give every unit its section: by its own words, else a list by its position."""
    # one flag, not a rescan of every unit placed so far: linear in the length of the text
    late = any(u.section in LATE_SECTIONS for u in before if u.section)
    for unit in units:
        evidence = _evidence(unit)
        if evidence:
            unit.section, unit.how = evidence
        elif unit.kind:
            unit.section = "guarantees" if late else "measures"
            after = "实施步骤等部分之后" if late else "前面各部分之后"
            unit.how = f"{BY_POSITION}：{after}没有标题的编号条目"
        late = late or unit.section in LATE_SECTIONS
    return units


def short(words: str, most: int = 16) -> str:
    """A cue as the report quotes it: “贯彻落实党的十九……全会精神”."""
    return words if len(words) <= most else f"{words[: most // 2]}……{words[-(most // 2 - 2) :]}"


def _mark_insets(unit: Unit) -> None:
    """Paragraphs that stay inside a unit in the body but say something of their own."""
    for para in unit.paras[1:]:
        cue = paragraph_cue(para.text) if para.marker is None else None
        if cue and cue[0] in INSET_CUES and cue[0] != unit.section:
            unit.insets[para.line] = cue
