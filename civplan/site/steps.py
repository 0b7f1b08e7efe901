"""The build as steps: load → check → pages → history → derived files → downloads.

Plain functions of plain data, without MkDocs, so that the page set, the sections and the
derived files can be computed and tested without a build. civplan.site.build.Build calls them
in order; civplan.site.plugin only maps MkDocs' events onto the Build.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from civplan.check import former
from civplan.check.cache import CheckCache
from civplan.check.library import load_library
from civplan.check.rules import RULES
from civplan.check.tree import tree_problems
from civplan.history.versions import Version, read_history
from civplan.model import uploads
from civplan.model.loader import Plan
from civplan.model.problems import Problem
from civplan.model.slug import pinyin_slug
from civplan.site import derived, shards
from civplan.site.errors import SiteError
from civplan.site.inputs import cache_folder, cache_root
from civplan.site.markup import escape_html, render
from civplan.site.urls import download


@dataclass(frozen=True)
class Settings:
    """What one build needs to know, from the plugin's configuration and the environment."""

    root: Path
    plans_dir: str = "plans"
    templates_dir: str = "templates"
    drafts: bool = False
    only: str = ""
    """One plan file alone (civplan preview): a second instead of a minute."""
    now: datetime | None = None
    sharding: shards.ShardSettings = shards.ShardSettings()
    """Which part of a sharded build this is (civplan.site.shards); a whole site by default."""

    @property
    def preview(self) -> bool:
        """An editor's preview (drafts shown, or one plan alone)."""
        return self.drafts or bool(self.only)

    def cache(self, kind: str) -> Path | None:
        """<cache root>/<kind>/<build> — the site, a shard, the top level and `make serve` (drafts
        shown) each their own, since a cache keeps only what its last build used. None for one
        plan alone (civplan preview): one page, nothing to reuse. `make serve` keeps its caches:
        without them every save rebuilt the whole site; a page's key is its inputs, so the saved
        plan and what lists it are drawn again and nothing stale is served."""
        if self.only:
            return None
        drafts = " drafts" if self.drafts else ""
        return cache_folder(self.root, kind, self.sharding.build_name + drafts)


@dataclass
class Pages:
    """Everything the site publishes from plans and templates, by the src_uri it pretends to
    have in docs/ (plans/<slug>.md, library/<id>.md)."""

    plans: dict[str, Plan] = field(default_factory=dict)
    templates: dict[str, Plan] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    broken: dict[str, str] = field(default_factory=dict)
    """src_uri → Markdown page listing the problems of a file that failed its check (drafts
    mode only): the editor sees them where the plan will be, and the rest of the site serves."""
    shown: set[str] = field(default_factory=set)
    """Files whose problems are on a problem page."""
    preview: bool = False
    """An editor's preview (drafts shown): no problem of a plan stops it."""
    listed: dict[str, Plan] = field(default_factory=dict)
    """On a sharded site's top level: the shards' plans, listed there, published by the shards."""
    derived: dict[str, str | Path] = field(default_factory=dict)
    """On the top level: feeds and open data merged from the shards' (the open data as a file)."""

    def listing(self) -> dict[str, Plan]:
        """The plans the home page, the directory and the feeds list."""
        return {**self.plans, **self.listed}

    def all(self) -> dict[str, Plan]:
        return {**self.plans, **self.templates}

    def log_level(self, problem: Problem) -> str:
        """How the build logs a problem. mkdocs.yml is strict, so in a preview a logged warning
        would stop the site as surely as an error: there problems are logged as info (errors
        are on the plan's problem page as well); a real build logs errors and warnings."""
        if self.preview or not stops_build(problem):
            return "info"
        return "error" if problem.is_error else "warning"

    @property
    def errors(self) -> int:
        """Errors that stop the build: all of them, except those shown on a problem page."""
        return sum(p.is_error and p.path not in self.shown for p in self.problems)


def stops_build(problem: Problem) -> bool:
    """Whether the strict build stops on this problem (civplan.check.rules.Rule.stops_build)."""
    found = RULES.get(problem.rule)
    return found is None or found.stops_build


def load(settings: Settings) -> Pages:
    """Load and check every plan and template: the one check chain `civplan check` runs."""
    pages = Pages(preview=settings.preview)
    sharding = settings.sharding
    pages.problems += tree_problems(settings.root, _state_folders(settings))
    found = settings.cache("check")
    cache = CheckCache(found / "problems.json") if found else None
    if sharding.built:
        # the top level publishes no plan but docs/ too: its uploads are judged as in any build
        pages.problems += uploads.folder_problems(settings.root)
    else:
        plans = _publish(pages, settings, settings.plans_dir, _plan_files(settings), cache)
        pages.plans = (
            shards.split(plans, sharding.key).get(sharding.shard, {}) if sharding.shard else plans
        )
    # civplan preview shows one plan: no template
    templates = [] if settings.only else None
    pages.templates = _publish(pages, settings, settings.templates_dir, templates, cache)
    if sharding.built:
        built = settings.root / sharding.built
        top = shards.top_data(settings.root)
        pages.listed, pages.derived = shards.top_files(built, settings.now, top)
    pages.problems = list(dict.fromkeys(pages.problems))  # a symlink: found by two walks
    return pages


def _state_folders(settings: Settings) -> list[Path]:
    """Folders whose files the build trusts as its own output: no committed file may be there."""
    built = settings.sharding.built
    return [cache_root(settings.root)] + ([settings.root / built] if built else [])


def _plan_files(settings: Settings) -> list[Path] | None:
    """The plan files this build loads: one (civplan preview), a shard's list, or all (None)."""
    if settings.sharding.files:
        listed = Path(settings.sharding.files).read_text("utf-8").splitlines()
        return [settings.root / name for name in listed if name]
    return [settings.root / settings.only] if settings.only else None


def _publish(
    pages: Pages, settings: Settings, folder: str, only: list[Path] | None, cache
) -> dict[str, Plan]:
    """The published plans (or templates) of `folder`, their problems added to `pages`. In an
    editor's preview a file that fails its check gets a page of its problems instead of
    stopping the whole site."""
    library, problems = load_library(settings.root / folder, settings.root, only, cache)
    pages.problems += problems
    published = library.published(pages.preview)
    if not pages.preview:
        return published
    broken = problem_pages(published, problems, library.prefix)
    pages.broken.update({uri: text for uri, (_, text) in broken.items()})
    pages.shown |= {path for path, _ in broken.values()}
    return {uri: plan for uri, plan in published.items() if uri not in pages.broken}


def problem_pages(
    published: dict[str, Plan], problems: list[Problem], prefix: str
) -> dict[str, tuple[str, str]]:
    """src_uri → (file, problem page) of every file with an error: at the plan's own address
    when it loaded, else at <prefix>/<file name as a slug> (never a path from the file)."""
    uri_of = {plan.path: uri for uri, plan in published.items()}
    failed = sorted({p.path for p in problems if p.is_error})
    return {
        uri_of.get(path, f"{prefix}/{pinyin_slug(PurePosixPath(path).stem)}.md"): (
            path,
            problem_page(path, [p for p in problems if p.path == path]),
        )
        for path in failed
    }


def problem_page(path: str, problems: list[Problem]) -> str:
    """A page in Chinese: what is wrong with the file, line by line, and what to do next."""
    errors = sum(p.is_error for p in problems)
    html = render("problem_page.html", errors=errors, path=path, problems=map(str, problems))
    return (
        f"---\ntitle: {json.dumps(escape_html(f'方案有错误：{path}'), ensure_ascii=False)}\n"
        f"render_macros: false\n---\n\n{html}\n"
    )


def history(settings: Settings) -> dict[str, list[Version]]:
    """Published versions of every plan file, read from git once per build."""
    if settings.sharding.built:  # the top level publishes no plan: the shards show their history
        return {}
    verdicts = cache_root(settings.root) / "history"
    # the clock, not the build's "now" (CIVPLAN_TODAY shows another day; no commit is after today)
    clock = datetime.now(UTC)
    return read_history(settings.root, settings.plans_dir, clock, verdicts)


def address_problems(pages: Pages, versions: dict[str, list[Version]]) -> list[Problem]:
    """Former addresses claimed from another plan's history (civplan.check.former)."""
    had = former.owners({path: [v.slug for v in found] for path, found in versions.items()})
    return former.claim_problems(pages.plans.values(), had)


def history_pages(pages: Pages, versions: dict[str, list[Version]]) -> dict[str, str]:
    """src_uri → HTML of the history page of every published plan."""
    return derived.history_pages(pages.plans, versions)


def derived_files(
    pages: Pages, versions: dict[str, list[Version]], now: datetime
) -> dict[str, str | Path]:
    """Feeds, open data and redirects: site path → content, or the file that holds it."""
    return pages.derived or derived.derived_files(pages.plans, versions, now)


def inside(folder: Path, relative: str) -> Path:
    """`folder / relative`, resolved; a path from metadata that leaves the folder stops the build."""
    base = folder.resolve()
    target = (base / relative).resolve()
    if not target.is_relative_to(base) or target == base:
        raise SiteError(f"生成的文件路径“{relative}”不在网站文件夹 {base} 之内，构建已停止。")
    return target


def downloads(pages: Pages, root: Path, site_dir: Path, suffix: str) -> list[tuple[Path, Path]]:
    """(source file, target in the site) of every download with `suffix`: the Markdown of each
    template (.md), the Word file of every page (.docx)."""
    chosen = pages.templates if suffix == ".md" else pages.all()
    return [
        (root / plan.path, inside(site_dir, download(uri, suffix))) for uri, plan in chosen.items()
    ]
