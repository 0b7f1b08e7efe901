"""Check a loaded plan against the schema; every jsonschema error becomes a Chinese Problem."""

from __future__ import annotations

import difflib
import re

from jsonschema.exceptions import ValidationError

from civplan.model.blank import has_blank, is_blank
from civplan.model.loader import Plan
from civplan.model.problem_ids import schema_id
from civplan.model.problems import Problem
from civplan.model.schema import TYPE_NAMES, dotted, field_schema, title_of, validator
from civplan.model.slug import is_address

HOW_TO_WRITE = {
    "array": "（每项一行，以“- ”开头）",
    "object": "（下一行缩进后写“字段: 值”）",
    "boolean": "（true 或 false）",
}
"""How a value of the type is written, after its name (civplan.model.schema.TYPE_NAMES)."""


def schema_problems(plan: Plan) -> list[Problem]:
    """Every schema violation of the plan's metadata, in file order."""
    problems = []
    for error in validator().iter_errors(plan.meta):
        problems.extend(_translate(error, plan))
    return sorted(problems, key=lambda p: p.line)


def _translate(error: ValidationError, plan: Plan) -> list[Problem]:
    where = tuple(error.absolute_path)
    if has_blank(error.instance) and (not is_address(where) or is_blank(error.instance)):
        # a blank stands for any value; the `blank` rule decides whether it may stay. In an
        # address, only a blank alone: "〔待填：x〕/../../tmp" would become a path.
        return []
    if error.validator == "additionalProperties":
        return [_unknown_field(plan, where, key, error) for key in _extra_keys(error)]
    if error.validator == "required":
        return [_missing_field(plan, where, _missing_key(error))]
    message = _MESSAGES.get(error.validator, _generic)(where, error)
    return [Problem(plan.path, plan.line_of(where), message, schema_id(error.validator))]


def _name(where: tuple) -> str:
    return f"“{title_of(where)}”（{dotted(where)}）" if where else "元数据"


def _value(value) -> str:
    if value is None:
        return "空的"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "一组字段"
    if isinstance(value, list):
        return f"一个有{len(value)}项的列表"
    return f"“{value}”"


def _how(where: tuple) -> str:
    description = field_schema(where).get("description")
    return f"填写说明：{description}" if description else ""


def _type(where: tuple, error: ValidationError) -> str:
    if error.instance is None:
        return f"{_name(where)}没有填写。{_how(where)}"
    expected = error.validator_value
    wanted = "或".join(
        TYPE_NAMES.get(t, t) + HOW_TO_WRITE.get(t, "")
        for t in ([expected] if isinstance(expected, str) else expected)
    )
    hint = "如果是号码或日期，请用英文引号括起来。" if expected == "string" else ""
    return f"{_name(where)}应为{wanted}，现在是{_value(error.instance)}。{hint}{_how(where)}"


def _enum(where: tuple, error: ValidationError) -> str:
    choices = "、".join(str(c) for c in error.validator_value)
    return f"{_name(where)}的值{_value(error.instance)}不在可选范围内，请从以下选择：{choices}。"


def _pattern(where: tuple, error: ValidationError) -> str:
    """One sentence: what is wrong, the shape to write (the schema's patternHint: a pattern
    itself means nothing to an editor) and what was written."""
    hint = field_schema(where).get("patternHint")
    if not hint:
        return f"{_name(where)}格式不对，现在写的是{_value(error.instance)}。{_how(where)}"
    return f"{_name(where)}格式不对，应写成{hint}；现在写的是{_value(error.instance)}。"


def _format(where: tuple, error: ValidationError) -> str:
    if error.validator_value == "date":
        return (
            f"{_name(where)}的值{_value(error.instance)}不是有效日期，"
            "应写成 YYYY-MM-DD，例如 2026-03-01。"
        )
    return f"{_name(where)}的值{_value(error.instance)}格式不对。{_how(where)}"


def _min_length(where: tuple, error: ValidationError) -> str:
    if error.instance.strip() == "":
        return f"{_name(where)}没有填写。{_how(where)}"
    return f"{_name(where)}的值{_value(error.instance)}太短，至少{error.validator_value}个字。{_how(where)}"


def _max_length(where: tuple, error: ValidationError) -> str:
    return (
        f"{_name(where)}有{len(error.instance)}个字，超过{error.validator_value}个字"
        f"（Word 文件的属性也容不下）。请删去重复或多余的部分。{_how(where)}"
    )


def _min_items(where: tuple, error: ValidationError) -> str:
    return f"{_name(where)}至少要有{error.validator_value}项，现在是{len(error.instance)}项。{_how(where)}"


def _range(where: tuple, error: ValidationError) -> str:
    bounds = field_schema(where)
    low, high = bounds.get("minimum", "…"), bounds.get("maximum", "…")
    return f"{_name(where)}的值{_value(error.instance)}超出范围，应在 {low} 到 {high} 之间。"


def _generic(where: tuple, error: ValidationError) -> str:
    return f"{_name(where)}不符合要求（{error.message}）。{_how(where)}"


_MESSAGES = {
    "type": _type,
    "enum": _enum,
    "pattern": _pattern,
    "format": _format,
    "minLength": _min_length,
    "maxLength": _max_length,
    "minItems": _min_items,
    "minimum": _range,
    "maximum": _range,
}


def _extra_keys(error: ValidationError) -> list[str]:
    allowed = set(error.schema.get("properties", {}))
    return [key for key in error.instance if key not in allowed]


def _unknown_field(plan: Plan, where: tuple, key, error: ValidationError) -> Problem:
    allowed = list(error.schema.get("properties", {}))
    close = difflib.get_close_matches(str(key), allowed, n=1)
    guess = f"是不是要写“{close[0]}”？" if close else ""
    inside = f"“{title_of(where)}”中" if where else "元数据中"
    message = f"{inside}没有字段“{key}”。{guess}可用的字段：{'、'.join(allowed)}。"
    return Problem(plan.path, plan.line_of(where + (key,)), message, "schema-unknown-field")


def _missing_key(error: ValidationError) -> str:
    found = re.match(r"'(.+?)' is a required property", error.message)
    return found.group(1) if found else str(error.validator_value[0])


def _required_message(where: tuple) -> str:
    parent = f"“{title_of(where[:-1])}”中" if len(where) > 1 else ""
    title = field_schema(where).get("title", where[-1])
    return f"{parent}缺少必填字段 {dotted(where)}（{title}）。{_how(where)}"


def _missing_field(plan: Plan, parent: tuple, key: str) -> Problem:
    """A missing field, reported where it belongs. Inside a group (unit, a stage): on the
    group's line. At the top: on the line of the field it follows in the schema's order (the
    order of the templates), or, when none of those is there, the field it precedes."""
    message = _required_message(parent + (key,))
    if parent:
        line, where = plan.line_of(parent), f"请在这一组字段中补上 {key}: …。"
    else:
        line, where = _top_level_place(plan, key)
    return Problem(plan.path, line, f"{message}{where}", "schema-required")


def _top_level_place(plan: Plan, key: str) -> tuple[int, str]:
    """The last line of the field that comes before `key` in the schema's order, so the editor
    adds the field right below it."""
    order = list(field_schema(()).get("properties", {}))
    index = order.index(key) if key in order else len(order)
    before = [k for k in order[:index] if (k,) in plan.lines]
    if before:
        line = _block_end(plan, plan.lines[(before[-1],)])
        return line, f"请在这一行之后（{before[-1]} 的后面）另起一行顶格写 {key}: …。"
    after = [k for k in order[index + 1 :] if (k,) in plan.lines]
    if after:
        return plan.lines[(after[0],)], f"请在这一行（{after[0]}）之前另起一行顶格写 {key}: …。"
    return plan.body_line - 1, f"请在结束元数据的 --- 之前另起一行写 {key}: …。"


def _block_end(plan: Plan, start: int) -> int:
    """The last line of the top-level field starting at `start`: the line before the next
    top-level field, or before the closing ---."""
    tops = sorted(line for where, line in plan.lines.items() if len(where) == 1)
    later = [line for line in tops if line > start]
    return (later[0] if later else plan.body_line - 1) - 1
