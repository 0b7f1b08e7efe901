"""The tree shows the pipeline: imports run one way, model → check / export → importer → site → cli.

Read from the source with `ast`, so a module that is never imported is still held to it.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "civplan"
MAY_IMPORT = {
    "model": {"model"},
    "check": {"model", "check"},
    "export": {"model", "export"},
    "importer": {"model", "check", "importer"},
    "site": {"model", "check", "export", "site"},
    "cli": {"model", "check", "export", "importer", "site", "cli"},
}
"""What each package may import of civplan's own. Only the thin entry points above all
(civplan/__main__.py) import from anywhere."""


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every civplan module the file imports, at the top or inside a function."""
    found = set()
    for node in _runtime_nodes(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("civplan")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("civplan"):
            found.add(node.module)
            # `from civplan.site import sections` imports the module civplan.site.sections
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


def _runtime_nodes(tree: ast.AST):
    """Every node but those under `if TYPE_CHECKING:` (imports for annotations only)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            continue
        yield node
        yield from _runtime_nodes(node)


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {i for i in imports_of(p) if i in modules} for name, p in modules.items()}


def package_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in MAY_IMPORT) else None


def test_every_module_belongs_to_a_package_of_the_pipeline():
    loose = [
        m for m in graph() if package_of(m) is None and m not in ("civplan", "civplan.__main__")
    ]
    assert loose == [], f"modules outside model/check/export/importer/site/cli: {loose}"


def test_imports_run_one_way():
    wrong = [
        f"{module} imports {target}"
        for module, targets in graph().items()
        for target in targets
        if package_of(module)
        and package_of(target)
        and package_of(target) not in MAY_IMPORT[package_of(module)]
    ]
    assert wrong == []


def test_no_import_cycle():
    edges = graph()
    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> list[str] | None:
        state[module] = "open"
        for target in sorted(edges[module]):
            if target == module or target.startswith(module + "."):
                continue  # a package importing its own submodules is no cycle
            if state.get(target) == "open" and not module.startswith(target + "."):
                return trail + [module, target]
            if target not in state and (cycle := visit(target, trail + [module])):
                return cycle
        state[module] = "done"
        return None

    cycles = [c for m in sorted(edges) if m not in state and (c := visit(m, []))]
    assert cycles == [], " → ".join(cycles[0]) if cycles else ""


def test_only_the_plugin_imports_mkdocs():
    users = [
        module_name(p)
        for p in PACKAGE.rglob("*.py")
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
    assert users == ["civplan.site.plugin"]
