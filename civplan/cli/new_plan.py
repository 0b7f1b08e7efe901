"""Start a plan from a template: fill what is known, drop the guidance (but that of optional
sections), list what is left."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from civplan.check.library import load_library
from civplan.model.blank import BLANK, blank, drop_guidance
from civplan.model.errors import InputError
from civplan.model.identity import check_unit, check_year
from civplan.model.loader import FENCE, load, split_front_matter
from civplan.model.problems import Problem
from civplan.model.schema import schema
from civplan.model.slug import is_slug, slug_for

TEMPLATE_INFO = re.compile(r"^template_info:.*\n(?:(?:[ \t]+.*)?\n)*", re.M)


@dataclass
class Request:
    """What the editor asked for."""

    template: str
    unit: str
    year: int | str  # as given; a number once checked
    level: str
    slug: str | None = None


def levels() -> list[str]:
    return schema()["properties"]["level"]["enum"]


def template_ids(templates_dir: Path) -> list[str]:
    return sorted(path.stem for path in templates_dir.glob("*.md"))


def template_choices(templates_dir: Path) -> list[tuple[str, str, str]]:
    """(id, Chinese name, kind of unit) of every template, in id order, for a menu."""
    choices = []
    for template_id in template_ids(templates_dir):
        plan, _ = load(templates_dir / f"{template_id}.md")
        name = plan.get("template_info", "name", default=template_id) if plan else template_id
        kind = plan.get("unit", "kind", default="") if plan else ""
        choices.append((template_id, name, kind))
    return choices


def template_of(answer: str, templates_dir: Path) -> str:
    """The template id an editor means: its number in the menu, its id, its Chinese name or its
    kind of unit (学校); the one chosen, or a InputError that says what to type."""
    answer = answer.strip()
    choices = template_choices(templates_dir)
    for number, (template_id, name, kind) in enumerate(choices, 1):
        if answer in (str(number), template_id, name, name.removesuffix("模板"), kind):
            return template_id
    raise InputError(
        f"没有名为“{answer}”的模板。请输入模板前面的编号（1 到 {len(choices)}），"
        f"或模板编号：{'、'.join(c[0] for c in choices)}。"
    )


def check_level(level: str) -> str:
    """A level by its name (市级) or its number in the list (2)."""
    choices = levels()
    level = level.strip()
    if level.isdigit() and 1 <= int(level) <= len(choices):
        return choices[int(level) - 1]
    if level not in choices:
        raise InputError(f"目标级别“{level}”无效，请从以下选择：{'、'.join(choices)}。")
    return level


def check_slug(slug: str) -> str:
    if not is_slug(slug):
        raise InputError(
            f"网址标识“{slug}”无效：只能用小写字母、数字和连字符，例如 shilishi-yiyuan-2026。"
        )
    return slug


def check_level_name(level: str) -> str:
    """A level as the command line must write it: its name (市级), not a menu number."""
    if level not in levels():
        raise InputError(f"目标级别“{level}”无效，请从以下选择：{'、'.join(levels())}。")
    return level


def request_errors(request: Request, templates_dir: Path, today: date) -> list[str]:
    """What is wrong with each value given (None: not given), all at once, so that an editor
    fixes the whole command line in one go instead of one value per run."""
    ids = template_ids(templates_dir)

    def check_template(template: str) -> None:
        if template not in ids:
            raise InputError(f"没有名为“{template}”的模板。可用的模板：{'、'.join(ids)}。")

    checks = (
        (request.template, check_template),
        (request.unit, check_unit),
        (request.year, check_year),
        (request.level, check_level_name),
        (request.slug, check_slug),
    )
    errors = []
    for value, check in checks:
        try:
            if value is not None:
                check(value)
        except InputError as err:
            errors.append(str(err))
    return errors


def validate_request(request: Request, templates_dir: Path, today: date) -> None:
    """Refuse a bad request before anything is written, naming every wrong value (one a line)."""
    errors = request_errors(request, templates_dir, today)
    if errors:
        raise InputError("\n".join(errors))


def fill(text: str, request: Request) -> str:
    """Fill the three blanks every template has, leave the others for the editor."""
    values = {"单位名称": request.unit, "年度": str(request.year), "目标级别": request.level}
    for label, value in values.items():
        text = text.replace(blank(label), value)
    return text


def plan_text(template_text: str, request: Request) -> str:
    """The new plan's text: filled, without template_info and the guidance the copy no longer
    needs."""
    split = split_front_matter(template_text, request.template)
    if isinstance(split, Problem):
        raise InputError(f"模板 {request.template} 本身有问题：{split.message}")
    yaml_text, body, _ = split
    yaml_text = TEMPLATE_INFO.sub("", yaml_text + "\n").rstrip("\n")
    body = drop_guidance(body)
    return fill(f"{FENCE}\n{yaml_text}\n{FENCE}\n{body}", request)


def new_plan(request: Request, templates_dir: Path, plans_dir: Path, today: date) -> Path:
    """Write plans/<slug>.md from the template; refuse to overwrite; return the path."""
    validate_request(request, templates_dir, today)
    request.year = int(request.year)
    slug = request.slug or slug_for({"unit": {"name": request.unit}, "year": request.year})
    target = plans_dir / f"{slug}.md"
    library, _ = load_library(plans_dir) if plans_dir.is_dir() else (None, [])
    taken = {path.stem for path in plans_dir.glob("*.md")} | set(library.plans if library else ())
    if target.exists() or slug in taken:
        free = _free_slug(slug, taken)
        raise InputError(
            f"{target} 已经存在（网址标识 {slug} 已被占用），不会覆盖。"
            f"如果是另一个方案，请另取一个网址标识：用 make new 时加上 SLUG={free}，"
            f"直接运行 civplan new 时加上 --slug {free}。"
        )
    text = plan_text((templates_dir / f"{request.template}.md").read_text("utf-8"), request)
    if request.slug:
        text = text.replace(f"{FENCE}\n", f"{FENCE}\nslug: {request.slug}\n", 1)
    plans_dir.mkdir(parents=True, exist_ok=True)
    target.write_text(text, "utf-8")
    return target


def _free_slug(slug: str, taken: set[str]) -> str:
    """`slug-2` (or -3 …): an address next to a taken one that no plan uses yet."""
    number = 2
    while f"{slug}-{number}" in taken:
        number += 1
    return f"{slug}-{number}"


def remaining_blanks(path: Path) -> list[tuple[int, str]]:
    """(line, blank) for every blank still in the file, in order."""
    lines = path.read_text("utf-8").split("\n")
    return [
        (n, found.group(0)) for n, line in enumerate(lines, 1) for found in BLANK.finditer(line)
    ]
