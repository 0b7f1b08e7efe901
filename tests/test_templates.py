"""The site's markup lives in civplan/site/templates/, and its README lists every piece."""

import ast
import re
from pathlib import Path

import civplan
from civplan.site.markup import FOLDER

CLASS = re.compile(r"civ-[a-z0-9_-]*")


def test_no_module_writes_a_civ_class_outside_the_templates():
    writers = [
        str(path.relative_to(Path(civplan.__file__).parent))
        for path in Path(civplan.__file__).parent.rglob("*.py")
        if re.search(r"class=\\?[\"'][^\"']*civ-", path.read_text("utf-8"))
    ]
    assert writers == []


def test_the_readme_names_every_template_and_each_of_its_classes():
    readme = (FOLDER / "README.md").read_text("utf-8")
    missing = [
        f"{path.name}: {name}"
        for path in sorted(FOLDER.glob("*.html"))
        for name in [path.name, *CLASS.findall(path.read_text("utf-8"))]
        if name not in readme
    ]
    assert missing == []


HTML_TAG = re.compile(r"(?<!\?P)<[a-zA-Z/]")
"""An HTML tag being opened or closed (a regex's named group `(?P<name>` is not one)."""


def _writes_a_tag(node: ast.AST) -> bool:
    """An f-string, a `%` or a .format() whose own text holds a tag."""
    if isinstance(node, ast.JoinedStr):
        parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        parts = [node.left.value] if isinstance(node.left, ast.Constant) else []
    elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "format":
        value = getattr(node.func, "value", None)
        parts = [value.value] if isinstance(value, ast.Constant) else []
    else:
        return False
    return any(isinstance(p, str) and HTML_TAG.search(p) for p in parts)


def test_no_module_builds_html_in_a_formatted_string():
    """Markup lives in the templates, with autoescape on: a tag put together in Python escapes
    only what its author remembered to escape."""
    root = Path(civplan.__file__).parent
    writers = [
        f"{path.relative_to(root)}:{node.lineno}"
        for path in sorted(root.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if _writes_a_tag(node)
    ]
    assert writers == []
