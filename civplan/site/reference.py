"""The editors' field reference, generated from the schema so it is never written twice."""

from __future__ import annotations

from html import escape
from importlib import resources

from markupsafe import Markup

from civplan.model.schema import TYPE_NAMES, resolve, schema
from civplan.site.markup import render


def _kind(node: dict) -> str:
    if "enum" in node:
        return "可选值：" + "、".join(str(v) for v in node["enum"])
    kind = TYPE_NAMES.get(node.get("type", ""), node.get("type", ""))
    return {"date": "日期 YYYY-MM-DD", "email": "电子邮箱"}.get(node.get("format"), kind)


def _rows(node: dict, where: tuple, required: bool):
    node = resolve(node)
    yield where, node, required
    if node.get("type") == "array" and "items" in node:
        node = resolve(node["items"])
        where = where + ("[]",)
    for name, child in node.get("properties", {}).items():
        yield from _rows(child, where + (name,), name in node.get("required", []))


def schema_reference() -> str:
    """A table of every metadata field: name, Chinese title, required, kind, description."""
    lines = ["| 字段 | 名称 | 必填 | 类型 | 说明 |", "|---|---|---|---|---|"]
    root = schema()
    for where, node, required in _rows(root, (), False):
        if not where:
            continue
        name = _field_name(where)
        cells = [
            f"`{name}`",
            node.get("title", ""),
            "是" if required else "",
            _kind(node),
            node.get("description", ""),
        ]
        lines.append(_row(cells))
    return "\n".join(lines) + "\n"


def _row(cells: list[str], code: int | None = None) -> str:
    """A Markdown table row, each cell escaped; the cell at `code` shown as code (a message as
    the check prints it: its spaces are the terminal's, not a sentence's)."""
    shown = [escape(c).replace("|", "\\|") for c in cells]
    if code is not None and shown[code]:
        shown[code] = render("code.html", text=Markup(shown[code]))
    return "| " + " | ".join(shown) + " |"


def _field_name(where: tuple) -> str:
    """leading_group.deputies[].name: `[]` marks “each item of the list”."""
    text = ""
    for part in where:
        text += "[]" if part == "[]" else (f".{part}" if text else part)
    return text


def rules_reference() -> str:
    """Every problem id `check` can give (civplan.model.problem_ids), with the message it gives
    on its example in civplan/check/examples, or, for an id about the tree, the history or
    several files, the setup that shows it."""
    from civplan.check.rules import IDS

    lines = ["| 规则 | 级别 | 要求 | 示例提示 |", "|---|---|---|---|"]
    for kind in IDS.values():
        example = f"示例：{kind.setup}" if kind.setup else _example_message(kind.id)
        cells = [f"`{kind.id}`", kind.severity, kind.title, example]
        lines.append(_row(cells, code=None if kind.setup else 3))
    return "\n".join(lines) + "\n"


def _example_message(problem_id: str) -> str:
    """The message the check gives on the id's example (a rule for templates has its example
    among the templates, checked as a template)."""
    from civplan.check import check_file
    from civplan.check.rules import TEMPLATE

    examples = resources.files("civplan.check").joinpath("examples", "invalid")
    example, mode = examples.joinpath(f"{problem_id}.md"), "plan"
    if not example.is_file():
        example, mode = examples.joinpath("templates", f"{problem_id}.md"), TEMPLATE
    if not example.is_file():
        return ""
    with resources.as_file(example) as path:
        _, problems = check_file(path, f"plans/示例-{problem_id}.md", mode)
    return next((f"第{p.line}行：{p.message}" for p in problems if p.rule == problem_id), "")
