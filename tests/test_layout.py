"""The tree shows the pipeline: imports run one way, model → cache → check / export → importer /
history → site → cli.

Read from the source with `ast`, so a module that is never imported is still held to it. Every
way of importing counts: absolute and relative imports, imports for annotations only
(`if TYPE_CHECKING:`), and imports by name (`importlib.import_module("civplan.…")`,
`__import__`). macros/ and scripts/ are held to it too; a test plants an upward import in a copy
of the tree and sees these tests fail.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest

from conftest import REPO

MAY_IMPORT = {
    "model": {"model"},
    # cache plumbing (the Cache shape, keys, the code digest): needs nothing of the pipeline
    "cache": {"cache"},
    "check": {"model", "cache", "check"},
    "export": {"model", "cache", "export"},
    "importer": {"model", "cache", "check", "importer"},
    # a plan's committed versions, read from git and checked by today's chain, their notes and
    # what changed: data the site renders and the command line checks, never HTML
    "history": {"model", "cache", "check", "history"},
    "site": {"model", "cache", "check", "export", "history", "site"},
    "cli": {"model", "cache", "check", "export", "importer", "history", "site", "cli"},
    # mkdocs-macros' module: the site's sections and listings, nothing of the commands
    "macros": {"model", "site"},
    # maintainers' scripts stand above the pipeline, beside the command line
    "scripts": {"model", "cache", "check", "export", "importer", "history", "site", "cli"},
}
"""What each package may import of civplan's own. Only the thin entry point above all
(civplan/__main__.py) imports from anywhere."""

TOP = {"civplan", "civplan.__main__"}


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def sources(root: Path) -> dict[str, Path]:
    """Every module of the pipeline and of macros/ and scripts/, by its dotted name."""
    files = [*(root / "civplan").rglob("*.py"), *(root / "macros").glob("*.py")]
    files += (root / "scripts").glob("*.py")
    return {module_name(p, root): p for p in files}


def imports_of(path: Path, module: str) -> set[str]:
    """Every civplan module the file imports, in any of the ways above."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, package)
            found.add(base)
            # `from civplan.site import sections` imports the module civplan.site.sections
            found |= {f"{base}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Call) and _imports_by_name(node):
            found.add(_literal_prefix(node.args[0]))
    return {name for name in found if name.startswith("civplan")}


def _absolute(node: ast.ImportFrom, package: str) -> str:
    """The module an ImportFrom names, a relative one resolved against the file's package."""
    if not node.level:
        return node.module or ""
    parts = package.split(".")
    base = parts[: len(parts) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _imports_by_name(node: ast.Call) -> bool:
    called = (
        node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
    )
    return called in ("import_module", "__import__") and bool(node.args)


def _literal_prefix(argument: ast.expr) -> str:
    """'civplan.x' → civplan.x; f'civplan.check.rules.{name}' → civplan.check.rules.* (any
    module of that package)."""
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        return argument.value
    if isinstance(argument, ast.JoinedStr) and argument.values:
        first = argument.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value + "*" if first.value.endswith(".") else first.value
    return ""


def graph(root: Path = REPO) -> dict[str, set[str]]:
    modules = sources(root)
    edges = {}
    for name, path in modules.items():
        found = imports_of(path, name)
        wild = {i[:-1] for i in found if i.endswith(".*")}
        found |= {m for m in modules for prefix in wild if m.startswith(prefix)}
        edges[name] = {_known(i, modules) for i in found if not i.endswith(".*")} - {None}
    return edges


def _known(name: str, modules: dict[str, Path]) -> str | None:
    """The module an import reaches (a name imported from a module is that module)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def package_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] in ("macros", "scripts"):
        return parts[0]
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in MAY_IMPORT) else None


def upward(root: Path = REPO) -> list[str]:
    return [
        f"{module} imports {target}"
        for module, targets in graph(root).items()
        for target in targets
        if package_of(module)
        and package_of(target)
        and package_of(target) not in MAY_IMPORT[package_of(module)]
    ]


def cycle(root: Path = REPO) -> list[str]:
    """One import cycle, or []: a package importing its own modules counts like any import
    (the package runs first), so rule modules import the registry, not the package."""
    edges = graph(root)
    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> list[str] | None:
        state[module] = "open"
        for target in sorted(edges[module] - {module}):
            if state.get(target) == "open":
                return trail + [module, target]
            if target not in state and (found := visit(target, trail + [module])):
                return found
        state[module] = "done"
        return None

    for module in sorted(edges):
        if module not in state and (found := visit(module, [])):
            return found
    return []


def test_every_module_belongs_to_a_package_of_the_pipeline():
    loose = [m for m in graph() if package_of(m) is None and m not in TOP]
    assert loose == [], f"modules outside the pipeline's packages: {loose}"


def test_imports_run_one_way():
    assert upward() == []


def test_no_import_cycle():
    found = cycle()
    assert found == [], " → ".join(found)


@pytest.mark.parametrize(
    ("module", "planted"),
    [
        ("civplan/model/text.py", "from ..site import plugin\n"),
        ("civplan/model/text.py", "from .. import cli\n"),
        ("civplan/check/rules/dates.py", "from ...site.steps import load\n"),
        ("macros/main.py", "import civplan.cli.commands\n"),
        ("civplan/model/text.py", "from civplan.site.plugin import PlansPlugin\n"),
        (
            "civplan/check/cache.py",
            "import importlib\nimportlib.import_module('civplan.cli.main')\n",
        ),
        ("civplan/export/docx.py", "x = __import__('civplan.site.steps')\n"),
        (
            "civplan/model/loader.py",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from civplan.check import library\n",
        ),
        ("macros/main.py", "from civplan.cli import commands\n"),
        ("civplan/cache/digest.py", "from civplan.check import cache\n"),
        # the history is data: its HTML is the site's
        ("civplan/history/diff.py", "from civplan.site.markup import render\n"),
        ("civplan/check/library.py", "from civplan.history import versions\n"),
    ],
)
def test_a_planted_upward_import_is_found(tmp_path, module, planted):
    """The layout tests can fail: each way of importing, planted in a copy of the tree."""
    for name in ("civplan", "macros", "scripts"):
        shutil.copytree(
            REPO / name,
            tmp_path / name,
            ignore=shutil.ignore_patterns("__pycache__", "*.md", "*.json", "*.yaml"),
        )
    target = tmp_path / module
    target.write_text(target.read_text("utf-8") + "\n" + planted, "utf-8")
    assert upward(tmp_path) != [] or cycle(tmp_path) != []


def test_a_planted_cycle_is_found(tmp_path):
    shutil.copytree(
        REPO / "civplan",
        tmp_path / "civplan",
        ignore=shutil.ignore_patterns("__pycache__", "*.md", "*.json", "*.yaml"),
    )
    rule = tmp_path / "civplan" / "check" / "rules" / "dates.py"
    rule.write_text(rule.read_text("utf-8") + "\nfrom civplan.check.rules import RULES\n", "utf-8")
    assert cycle(tmp_path) != []


def test_only_the_plugin_package_imports_mkdocs():
    users = [
        module_name(p, REPO)
        for p in (REPO / "civplan").rglob("*.py")
        if any(
            name == "mkdocs" or name.startswith("mkdocs.")
            for node in ast.walk(ast.parse(p.read_text("utf-8")))
            if isinstance(node, ast.Import | ast.ImportFrom)
            for name in (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
        )
    ]
    assert users and all(name.startswith("civplan.site.plugin") for name in users), users


def test_every_module_the_guides_name_exists():
    """A maintainer follows README, CONTRIBUTING and the reference pages to a module by its
    path: a path left behind by a move sends them nowhere. A guide may still name a module it
    says was deleted (已从仓库删除), as a record of what was done."""
    module = re.compile(r"(?:civplan|macros|scripts)/[\w/]+\.py")
    guides = [REPO / "README.md", REPO / "CONTRIBUTING.md", *sorted((REPO / "docs").rglob("*.md"))]
    missing, named = [], 0
    for guide in guides:
        text = guide.read_text("utf-8")
        deleted = {
            p for line in text.splitlines() if "已从仓库删除" in line for p in module.findall(line)
        }
        for path in sorted(set(module.findall(text)) - deleted):
            named += 1
            if not (REPO / path).is_file():
                missing.append((guide.relative_to(REPO).as_posix(), path))
    assert named > 10, "the guides name almost no module: the pattern is wrong"
    assert missing == []
