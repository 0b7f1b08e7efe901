"""The one JSON Schema of plan metadata, and the Chinese names of its fields."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from jsonschema import Draft202012Validator, validators

TYPE_NAMES = {
    "string": "文本",
    "integer": "整数",
    "number": "数字",
    "array": "列表",
    "object": "一组字段",
    "boolean": "是/否",
}
"""What each JSON type is called for an editor: on the fields page and in the check's messages."""


@cache
def schema() -> dict:
    return json.loads(
        resources.files("civplan.model").joinpath("plan.schema.json").read_text("utf-8")
    )


def _whole_number(checker, value) -> bool:
    """An integer as the plan file wrote it: `2026`, never `2026.0`. JSON Schema counts a float
    with no fraction as an integer, and the site would print it as "2026.0年"."""
    return isinstance(value, int) and not isinstance(value, bool)


Validator = validators.extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _whole_number),
)


@cache
def validator() -> Draft202012Validator:
    return Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def resolve(node: dict) -> dict:
    """Follow a local $ref, keeping the referring node's own title and description."""
    ref = node.get("$ref")
    if not ref:
        return node
    target = schema()
    for part in ref.removeprefix("#/").split("/"):
        target = target[part]
    return {**target, **{k: v for k, v in node.items() if k != "$ref"}}


def field_schema(where: tuple) -> dict:
    """The schema node of a field path such as ("leading_group", "deputies", 0, "name")."""
    node = schema()
    for part in where:
        node = resolve(node)
        if isinstance(part, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(part, {})
    return resolve(node)


def title_of(where: tuple) -> str:
    """Chinese name of a field, e.g. “副组长 第2项 姓名”."""
    names = []
    for end in range(1, len(where) + 1):
        part = where[end - 1]
        if isinstance(part, int):
            names.append(f"第{part + 1}项")
        else:
            names.append(field_schema(where[:end]).get("title", part))
    return " ".join(names)


def dotted(where: tuple) -> str:
    """Field path as an editor writes it: leading_group.deputies[1].name."""
    text = ""
    for part in where:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def choices(*where: str) -> list[str]:
    """The enum of a field, in the schema's order: choices("unit", "kind")."""
    return list(field_schema(where)["enum"])


MEASURE_COLUMNS = ("text", "department", "deadline")
"""The measure fields a table of measures shows, on the site and in Word."""


def measure_columns() -> list[str]:
    """Their titles, the table's headings: 任务内容, 责任科室, 完成期限."""
    return [field_schema(("measures", 0, key))["title"] for key in MEASURE_COLUMNS]
