"""What an import did, for the editor: where each stretch of the source went, what was read
into the metadata, what is left to fill, and what `civplan check` reports about the source."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from civplan.importer.body import UNPLACED_HEADING
from civplan.importer.cues import heading_of
from civplan.importer.read_source import Source
from civplan.importer.text import BY_POSITION, Unit, short
from civplan.importer.values import Finding
from civplan.model.blank import BLANK
from civplan.model.problems import Problem

EXCERPT = 24


class Placed(Protocol):
    """What the report reads of an import (civplan.importer.plan.Imported): its units. Named
    here, not imported, so that the report does not import the module that imports it."""

    units: Sequence[Unit]
    findings: Sequence[Finding]


@dataclass(frozen=True)
class Placement:
    first: int
    last: int
    section: str | None  # a section key, “title”, or None: not placed
    how: str
    chars: int
    excerpt: str


@dataclass(frozen=True)
class Report:
    source: str
    encoding: str
    unit: str  # “行” for text files, “段” for Word documents
    lines: int
    target: str
    placements: tuple[Placement, ...]
    findings: tuple[Finding, ...]
    blanks: tuple[tuple[int, str], ...]  # (line in the written plan, blank)
    problems: tuple[Problem, ...]  # what `civplan check` reports on the written plan

    @classmethod
    def of(cls, source: Source, imported: Placed, target: str, text: str, problems) -> Report:
        placements = []
        for unit in imported.units:
            excerpt = unit.all_paras[0].text[:EXCERPT]
            placements.append(
                Placement(
                    unit.first_line, unit.last_line, unit.section, unit.how, unit.chars, excerpt
                )
            )
            for line, (key, cue) in sorted(unit.insets.items()):
                where = heading_of(unit.section) if unit.section else UNPLACED_HEADING
                how = f"内容线索“{short(cue)}”；原文夹在“{where}”的编号条目之间，正文中留在原处"
                placements.append(Placement(line, line, key, how, 0, ""))
        blanks = tuple(
            (number, found.group(0))
            for number, line in enumerate(text.split("\n"), 1)
            for found in BLANK.finditer(line)
        )
        return cls(
            source.path,
            source.encoding,
            source.unit,
            len(source.lines),
            target,
            tuple(placements),
            tuple(imported.findings),
            blanks,
            tuple(problems),
        )

    def text(self) -> str:
        """The report as printed: one line per placement, finding, blank and problem."""
        out = [
            f"导入 {self.source}（{self.encoding}，共 {self.lines} {self.unit}）"
            f"→ {self.target}（状态：草案，不会发布）",
            "",
            "各部分的来源：",
        ]
        out += [self._line(p.first, p.last, f"→ {_section(p)}") for p in self.placements]
        out += ["", "读入元数据的内容："]
        out += [
            self._line(f.line, f.line, f"{f.field}：{f.text}") for f in self.findings if f.field
        ]
        notes = [f for f in self.findings if not f.field]
        if notes:
            out += ["", "没有读到的内容（已写成待填）："]
            out += [self._line(f.line, f.line, f.text) for f in notes]
        unplaced = [p for p in self.placements if p.section is None]
        if unplaced:
            out += ["", "未能归入标准部分的原文（原样保留在正文中，请编辑决定放在哪里或删除）："]
            out += [self._line(p.first, p.last, f"{p.excerpt}……") for p in unplaced]
        if self.blanks:
            out += ["", f"还有 {len(self.blanks)} 处待填，请对照原件填写："]
            out += [f"  {self.target}:{line}: {text}" for line, text in self.blanks]
        errors = [p for p in self.problems if p.is_error]
        if self.problems:
            out += [
                "",
                f"civplan check 报告的问题（{len(errors)} 个错误，来自原文，请对照原件改正）：",
            ]
            out += [f"  {problem}" for problem in self.problems]
        share, guessed = coverage(self), _guessed(self)
        out += [
            "",
            f"归入已识别部分的字符：{_placed(self)}/{_total(self)}（{share:.1%}）"
            + (f"，其中 {guessed} 字是按位置推断的，请重点核对。" if guessed else "。"),
            f"下一步：填好待填项后运行 make check FILE={self.target}。",
        ]
        return "\n".join(out)

    def _line(self, first: int, last: int, text: str) -> str:
        """“  第5—21行 → …”; lines that come from no single line are not numbered."""
        if not first:
            return f"  {text}"
        span = f"{first}" if last == first else f"{first}—{last}"
        return f"  第{span}{self.unit} {text}"


def _section(placement: Placement) -> str:
    if placement.section is None:
        return f"未能归类（{placement.how or '没有标题，也没有可认的内容线索'}）"
    name = "标题" if placement.section == "title" else heading_of(placement.section)
    return f"{name}（{placement.how}）"


def _placed(report: Report) -> int:
    return sum(p.chars for p in report.placements if p.section)


def _guessed(report: Report) -> int:
    return sum(p.chars for p in report.placements if p.how.startswith(BY_POSITION))


def _total(report: Report) -> int:
    return sum(p.chars for p in report.placements)


def coverage(report: Report) -> float:
    """The share of the source's characters (spaces not counted) that landed in a section."""
    total = _total(report)
    return _placed(report) / total if total else 0.0
