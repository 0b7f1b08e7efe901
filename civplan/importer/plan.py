"""Source -> plan: the metadata and body of an imported draft, written as text and re-read.

`import_source` is pure: lines in, an Imported (metadata, body, what went where) out.
`write_import` is the shell around it: read the file, refuse to overwrite, dump the YAML, read
the result back with civplan.model.loader (the one YAML parser of plans) and write it only if it is a
well-formed plan.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from civplan.check import plan_problems
from civplan.check.schema_errors import schema_problems
from civplan.importer import contacts as import_contacts
from civplan.importer import fields as import_fields
from civplan.importer import furniture
from civplan.importer import people as import_people
from civplan.importer import stages as import_stages
from civplan.importer import unit as import_unit
from civplan.importer.body import body
from civplan.importer.outline import KINDS, Para, paragraphs
from civplan.importer.read_source import Source, read_source
from civplan.importer.report import Report
from civplan.importer.text import Unit, layout, title_text
from civplan.importer.values import Finding
from civplan.model import lifecycle
from civplan.model.blank import blank, has_blank
from civplan.model.errors import InputError
from civplan.model.identity import check_unit, check_year
from civplan.model.loader import FENCE, load, parse
from civplan.model.slug import slug_for


@dataclass
class Imported:
    meta: dict
    body: str
    units: list[Unit]
    findings: list[Finding]
    stages: list[import_stages.Stage]


def import_source(source: Source, unit: str | None = None, year: int | None = None) -> Imported:
    """The plan a source holds, as far as it can be read; blanks 〔待填：…〕 for the rest."""
    # a collecting site's page around the plan is no part of it: set aside before any rule
    lines, findings = furniture.set_aside(source.lines)
    paras = paragraphs(lines)
    units = layout(paras)
    sections = _Sections(units)

    def take(result):
        value, found = result
        findings.extend(found)
        return value

    stage_list = take(import_stages.stages(sections.items("stages")))
    lists = {
        "basis": take(import_fields.basis(sections.paras("basis"))),
        "goals": take(import_fields.goals(sections.items("goals"), sections.paras("goals"))),
        "leading_group": take(import_people.leading_group(sections.paras("group"), paras)),
        "measures": take(
            import_fields.measure_table(sections.paras("measures"))
            if import_fields.measure_table(sections.paras("measures"))[0]
            else import_fields.measures(sections.items("measures"), sections.items("group"))
        ),
        "guarantees": take(
            import_fields.guarantees(sections.items("guarantees"), sections.paras("guarantees"))
        ),
        "rewards": take(import_fields.rewards(sections.paras("rewards"))),
        "supervision": take(import_contacts.supervision(paras)),
    }
    titled = next((u for u in units if u.section == "title"), None)
    title = replace(titled.paras[0], text=title_text(titled)) if titled else None
    dated = [(s.line, s.months.year) for s in stage_list if s.months and s.months.year]
    dated += [(0, goal["year"]) for goal in lists["goals"] if "year" in goal]
    address = next(((f.line, f.text) for f in findings if f.field == "supervision.address"), None)
    who = take(import_unit.identity(unit, year, import_unit.Source(title, paras, dated, address)))
    return Imported(
        _meta(who, lists, stage_list, source.path), body(units), units, findings, stage_list
    )


def _meta(who: dict, lists: dict, stage_list: list, path: str) -> dict:
    """The metadata in the schema's order, with a blank for every required value not found."""
    meta: dict = {}
    if not (who["name"] and who["year"]):
        # the slug is the plan's permanent address: never the source file's name, never a guess
        meta["slug"] = blank(SLUG_BLANK)
    region = who["region"]
    meta["title"] = who["title"] or blank("方案标题")
    meta["unit"] = {
        "name": who["name"] or blank("单位全称"),
        "kind": who["kind"] or blank("单位类别：机关、医院、学校、新闻媒体、企业、社区或其他"),
        "region": {
            "province": region.get("province", blank("省（自治区、直辖市）")),
            "city": region.get("city", blank("市（地、州）")),
            **({"county": region["county"]} if "county" in region else {}),
        },
    }
    meta["year"] = who["year"] or blank("年度（四位数字）")
    last = max([goal["year"] for goal in lists["goals"] if "year" in goal], default=None)
    last = max(last or 0, who["end_year"] or 0)
    if who["year"] and last > who["year"]:
        meta["end_year"] = last
    meta["level"] = who["level"] or blank("目标级别：县级、市级、省级或全国")
    meta["mode"] = who["mode"] or blank("创建类型：创建或保持")
    for key in ("basis", "goals", "leading_group", "measures"):
        if lists[key]:
            meta[key] = lists[key]
    meta["stages"] = [import_stages.stage_meta(s, who["year"]) for s in stage_list] or [BLANK_STAGE]
    meta["guarantees"] = lists["guarantees"] or [BLANK_GUARANTEE]
    if lists["rewards"]:
        meta["rewards"] = lists["rewards"]
    meta["supervision"] = lists["supervision"]
    meta["status"] = lifecycle.DRAFT
    return meta


BLANK_STAGE = {
    "name": blank("阶段名称"),
    "start": blank("开始日期"),
    "end": blank("结束日期"),
    "tasks": [blank("阶段任务")],
}
BLANK_GUARANTEE = {"kind": blank("保障类别：加强领导、经费保障、宣传氛围、督导检查或考核奖惩")}


class _Sections:
    """The paragraphs and numbered items of each section, insets included."""

    def __init__(self, units: list[Unit]):
        self.units = units

    def paras(self, key: str) -> list[Para]:
        found = []
        for unit in self.units:
            if unit.section == key:
                found += unit.paras
            else:
                found += [p for p in unit.paras if unit.insets.get(p.line, ("",))[0] == key]
        return found

    def items(self, key: str) -> list[tuple[Para, list[Para]]]:
        """Each top-level numbered item of the section with the paragraphs under it."""
        found: list[tuple[Para, list[Para]]] = []
        for unit in self.units:
            ranks = [p.marker.rank for p in unit.paras if p.marker]
            if unit.section != key or not ranks:
                continue
            top = unit.kind or KINDS[min(ranks)]
            current: list[Para] | None = None
            for para in unit.paras:
                if para.marker and para.marker.kind == top:
                    current = []
                    found.append((para, current))
                elif current is not None:
                    current.append(para)
        return found


SLUG_BLANK = "网址标识：填好单位全称和年度后删去这一行，网址由单位名称拼音加年度生成"


def _free_target(plans_dir: Path) -> Path:
    """daoru-1.md, daoru-2.md…: a file name that says nothing until the editor names the plan."""
    n = 1
    while (plans_dir / f"daoru-{n}.md").exists():
        n += 1
    return plans_dir / f"daoru-{n}.md"


def plan_text(imported: Imported) -> str:
    """The plan file: YAML front matter dumped from the metadata, then the body."""
    front = yaml.safe_dump(imported.meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"{FENCE}\n{front}{FENCE}\n\n{imported.body}"


def write_import(
    path: Path,
    output: Path | None,
    plans_dir: Path,
    unit: str | None = None,
    year: int | None = None,
    report_path: Path | None = None,
) -> Report:
    """Import `path` into a new draft; nothing is written unless everything succeeds."""
    if unit is not None:
        check_unit(unit, "--unit ")
    if year is not None:
        check_year(year, "--year")
    source = read_source(path)
    imported = import_source(source, unit, year)
    slug = slug_for(imported.meta)
    # unit or year unknown: the slug is left as a blank for the editor, and the file is named
    # daoru-N until they fill it (slug_for never returns a blank itself)
    if has_blank(imported.meta.get("slug")) or has_blank(slug):
        target = output or _free_target(plans_dir)
        _refuse_existing(target, None, report_path)
    else:
        target = output or plans_dir / f"{slug}.md"
        _refuse_existing(target, slug, report_path)
    text = plan_text(imported)
    plan, problems = parse(text, str(target))
    problems += schema_problems(plan) if plan else []
    if plan is None or problems:
        raise InputError(
            f"导入 {path} 得到的方案无法通过格式检查（{'；'.join(p.message for p in problems)}）。"
            "这是导入程序的问题，不是原文的问题：什么也没有写入，请把原文件交给维护者。"
        )
    report = Report.of(source, imported, str(target), text, plan_problems(plan))
    write_text(target, text)
    if report_path:
        write_text(report_path, report.text() + "\n")
    return report


def write_text(path: Path, text: str) -> None:
    """Write an imported plan or its report; a folder that cannot be written says so in Chinese."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    except OSError as err:
        raise InputError(
            f"{path}：无法写入（{err.strerror}）。请检查文件夹是否存在、是否有写权限。"
        ) from err


def _refuse_existing(target: Path, slug: str | None, report_path: Path | None) -> None:
    for path, option in ((target, "--output"), (report_path, "--report")):
        if path is not None and path.exists():
            raise InputError(
                f"{path} 已经存在，不会覆盖。请用 {option} 指定新的文件名，或先移走原有文件。"
            )
    if slug is None:
        return  # a blank slug takes no address yet
    for other in sorted(target.parent.glob("*.md")) if target.parent.is_dir() else []:
        plan, _ = load(other)
        if plan is not None and isinstance(plan.meta, dict) and slug_for(plan.meta) == slug:
            raise InputError(
                f"网址标识“{slug}”已被 {other} 使用，导入的方案会和它占用同一个网址。"
                "请用 --output 写到别处，或用 --unit、--year 写明单位和年度。"
            )
