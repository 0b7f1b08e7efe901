"""The build as steps: load → check → pages → history → derived files → downloads.

Plain functions of plain data, without MkDocs, so that the page set, the sections and the
derived files can be computed and tested without a build. civplan.site.plugin calls them from
MkDocs' events and does nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from civplan.check.library import load_library
from civplan.model.errors import BuildError
from civplan.model.loader import Plan
from civplan.model.problems import Problem
from civplan.site import derived
from civplan.site.history import Version, read_history
from civplan.site.urls import download


@dataclass(frozen=True)
class Settings:
    """What one build needs to know, from the plugin's configuration."""

    root: Path
    plans_dir: str = "plans"
    templates_dir: str = "templates"
    drafts: bool = False
    only: str = ""
    """One plan file alone (civplan preview): a second instead of a minute."""
    now: datetime | None = None


@dataclass
class Pages:
    """Everything the site publishes from plans and templates, by the src_uri it pretends to
    have in docs/ (plans/<slug>.md, library/<id>.md)."""

    plans: dict[str, Plan] = field(default_factory=dict)
    templates: dict[str, Plan] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def all(self) -> dict[str, Plan]:
        return {**self.plans, **self.templates}

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)


def load(settings: Settings) -> Pages:
    """Load and check every plan and template: the one check chain `civplan check` runs."""
    pages = Pages()
    for folder, target in ((settings.plans_dir, pages.plans), (settings.templates_dir, pages.templates)):
        is_plans = folder == settings.plans_dir
        only = None if not settings.only else [settings.root / settings.only] if is_plans else []
        library, problems = load_library(settings.root / folder, settings.root, only)
        pages.problems += problems
        target.update(library.published(settings.drafts or bool(settings.only)))
    return pages


def history(settings: Settings) -> dict[str, list[Version]]:
    """Committed versions of every plan file, read from git once per build."""
    return read_history(settings.root, settings.plans_dir)


def history_pages(pages: Pages, versions: dict[str, list[Version]]) -> dict[str, str]:
    """src_uri → HTML of the history page of every published plan."""
    return derived.history_pages(pages.plans, versions)


def derived_files(pages: Pages, versions: dict[str, list[Version]], now: datetime) -> dict[str, str]:
    """Feeds, open data and redirects: site path → content."""
    return derived.derived_files(pages.plans, versions, now)


def inside(folder: Path, relative: str) -> Path:
    """`folder / relative`, resolved; a path from metadata that leaves the folder stops the build."""
    base = folder.resolve()
    target = (base / relative).resolve()
    if not target.is_relative_to(base) or target == base:
        raise BuildError(f"生成的文件路径“{relative}”不在网站文件夹 {base} 之内，构建已停止。")
    return target


def downloads(pages: Pages, root: Path, site_dir: Path, suffix: str) -> list[tuple[Path, Path]]:
    """(source file, target in the site) of every download with `suffix`: the Markdown of each
    template (.md), the Word file of every page (.docx)."""
    chosen = pages.templates if suffix == ".md" else pages.all()
    return [
        (root / plan.path, inside(site_dir, download(uri, suffix))) for uri, plan in chosen.items()
    ]
