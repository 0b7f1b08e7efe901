"""All plans of a folder, loaded and checked once per build."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from civplan.check import check_file
from civplan.lifecycle import is_published
from civplan.loader import Plan
from civplan.problems import Problem
from civplan.rules import PLAN, TEMPLATE
from civplan.slug import slug_for

URL_PREFIX = "plans"


@dataclass
class Library:
    """The plans of one folder, keyed by slug."""

    plans: dict[str, Plan] = field(default_factory=dict)

    def published(self) -> list[Plan]:
        return [plan for plan in self.plans.values() if is_published(plan.meta)]

    def src_uri(self, slug: str) -> str:
        """Where the site pretends the plan's file sits inside docs/."""
        return f"{URL_PREFIX}/{slug}.md"

    def by_src_uri(self) -> dict[str, Plan]:
        return {self.src_uri(slug): plan for slug, plan in self.plans.items()}


def plan_files(folder: Path) -> Iterator[Path]:
    return iter(sorted(folder.glob("*.md")))


def mode_of(folder: Path) -> str:
    """Files in a folder named templates/ are checked as templates, all others as plans."""
    return TEMPLATE if folder.name == "templates" else PLAN


def load_library(folder: Path, root: Path | None = None) -> tuple[Library, list[Problem]]:
    """Load and check every plan (or template) in `folder`; problem paths are relative to `root`."""
    library, problems = Library(), []
    for path in plan_files(folder):
        display = str(path.relative_to(root)) if root else str(path)
        plan, found = check_file(path, display, mode_of(folder))
        problems += found
        if plan is None:
            continue
        slug = plan.get("template", "id") if mode_of(folder) == TEMPLATE else slug_for(plan.meta)
        if slug in library.plans:
            other = library.plans[slug].path
            message = (
                f"网址标识“{slug}”与 {other} 重复，两个方案会占用同一个网址。"
                "请在其中一个方案的元数据中写明不同的 slug。"
            )
            problems.append(Problem(display, plan.line_of(("slug",)), message, "duplicate-slug"))
            continue
        problems += _duplicate_title(library, plan)
        library.plans[slug] = plan
    return library, problems


def _duplicate_title(library: Library, plan: Plan) -> list[Problem]:
    title = plan.meta.get("title")
    twin = next((p for p in library.plans.values() if title and p.meta.get("title") == title), None)
    if twin is None:
        return []
    message = (
        f"标题“{title}”与 {twin.path} 相同，读者无法区分两个方案。请在标题中写明单位或年度的区别。"
    )
    return [Problem(plan.path, plan.line_of(("title",)), message, "duplicate-title")]
