"""All plans of a folder, loaded and checked once per build."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from civplan.check import check_file
from civplan.check.cache import CheckCache
from civplan.check.rules import PLAN, TEMPLATE
from civplan.model.blank import has_blank
from civplan.model.lifecycle import is_published
from civplan.model.loader import Plan, load
from civplan.model.problems import Problem
from civplan.model.slug import is_slug, pinyin_slug, slug_for
from civplan.model.text import as_read
from civplan.model.uploads import folder_problems


@dataclass
class Library:
    """The plans (or templates) of one folder, keyed by slug (or template id)."""

    mode: str = PLAN
    plans: dict[str, Plan] = field(default_factory=dict)

    @property
    def prefix(self) -> str:
        """The folder of the site's URLs: /plans/<slug>/ or /library/<id>/.

        Not /templates/: MkDocs never publishes a docs folder of that name.
        """
        return "library" if self.mode == TEMPLATE else "plans"

    def published(self, drafts: bool = False) -> dict[str, Plan]:
        """Pages to publish by the path the site pretends they have inside docs/.

        Templates are always published; plans unless they are drafts (`drafts`: local preview).
        """
        return {
            f"{self.prefix}/{key}.md": plan
            for key, plan in self.plans.items()
            if self.mode == TEMPLATE or drafts or is_published(plan.meta)
        }


def template_key(plan: Plan) -> str:
    """A template's address: its id when that is a valid address (an invalid one is an error
    of its own), else its file name's, so a broken template never names a path elsewhere."""
    template_id = plan.get("template", "id")
    return template_id if is_slug(template_id) else pinyin_slug(Path(plan.path).stem) or "template"


def plan_files(folder: Path) -> Iterator[Path]:
    return iter(sorted(folder.glob("*.md")))


def mode_of(folder: Path) -> str:
    """Files in a folder named templates/ are checked as templates, all others as plans."""
    return TEMPLATE if folder.name == "templates" else PLAN


def load_library(
    folder: Path,
    root: Path | None = None,
    only: list[Path] | None = None,
    cache: CheckCache | None = None,
) -> tuple[Library, list[Problem]]:
    """Load and check every plan (or template) in `folder`, or just the files `only`;
    problem paths are relative to `root`; with `cache`, an unchanged file is loaded only."""
    library, problems, titles = Library(mode_of(folder)), [], {}
    paths = list(plan_files(folder)) if only is None else only
    for plan, found in check_files(paths, root, library.mode, cache):
        problems += found
        if plan is None:
            continue
        slug = template_key(plan) if library.mode == TEMPLATE else slug_for(plan.meta)
        if slug in library.plans:
            problems += duplicate_slug(slug, library.plans[slug], plan)
            continue
        problems += duplicate_title(titles, plan)
        library.plans[slug] = plan
    if library.mode == PLAN and only is None:
        problems += link_problems(library.published())
    if library.mode == PLAN:
        # the uploads folder is published with the plans: every check of plans judges it too
        problems += folder_problems(root if root is not None else folder.parent)
    return library, problems


PARALLEL_FROM = 200
"""Below this many files a process pool costs more (start-up, imports) than it saves."""


def check_files(
    paths: list[Path], root: Path | None, mode: str, cache: CheckCache | None = None
) -> list[tuple[Plan | None, list[Problem]]]:
    """check_file for every path, in order; spread over the machine's cores for a large folder.
    With `cache`, an unchanged file's plan and problems come from it, without reading the YAML."""
    results: list[tuple[Plan | None, list[Problem]] | None] = []
    todo: list[tuple[int, str | None, tuple]] = []  # (place in results, cache key, job)
    for path in paths:
        display = str(path.relative_to(root)) if root else str(path)
        key = cache.key(path, display, mode) if cache else None
        known = cache.get(key) if cache else None
        if known and known[0]:  # the plan as loaded and its problems: nothing to do
            results.append(known)
            continue
        todo.append((len(results), key, (path, display, mode, known[1] if known else None)))
        results.append(None)
    for (place, key, _), (plan, problems) in zip(
        todo, _run([job for *_, job in todo]), strict=True
    ):
        results[place] = plan, problems
        if cache:
            cache.put(key, (plan, problems))
    if cache:
        cache.finish()
    return results


def _run(jobs: list[tuple]) -> list[tuple[Plan | None, list[Problem]]]:
    """_check_job for each job, on every core when there are enough to pay for the pool."""
    if len(jobs) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return [_check_job(job) for job in jobs]
    with ProcessPoolExecutor() as pool:
        return list(pool.map(_check_job, jobs, chunksize=50))


def _check_job(
    job: tuple[Path, str, str, list[Problem] | None],
) -> tuple[Plan | None, list[Problem]]:
    """check_file, or only the loading when the cache knows the file's problems."""
    path, display, mode, known = job
    if known is not None:
        plan, _ = load(path, display)
        if plan is not None:
            return plan, known
    return check_file(path, display, mode)


def duplicate_slug(slug: str, first: Plan, second: Plan) -> list[Problem]:
    """Reported on both files: the editor who copied a plan may be looking at either."""
    message = (
        "网址标识“{slug}”与 {other} 重复，两个方案会占用同一个网址。"
        "如果这是复制来的新方案，请改它的单位名称（网址由单位名称和年度生成）或写明不同的 slug。"
    )
    return [
        Problem(
            plan.path,
            plan.line_of(("slug",)),
            message.format(slug=slug, other=other.path),
            "duplicate-slug",
        )
        for plan, other in ((first, second), (second, first))
    ]


def duplicate_title(titles: dict[str, Plan], plan: Plan) -> list[Problem]:
    """Remember the plan's title in `titles`; a problem if another plan already has it."""
    title = plan.meta.get("title")
    if not isinstance(title, str) or has_blank(title):
        return []
    twin = titles.setdefault(as_read(title), plan)  # what a reader sees of it
    if twin is plan:
        return []
    message = (
        f"标题“{title}”与 {twin.path} 相同，读者无法区分两个方案。请在标题中写明单位或年度的区别。"
    )
    return [Problem(plan.path, plan.line_of(("title",)), message, "duplicate-title")]


def link_problems(published: dict[str, Plan]) -> list[Problem]:
    """A successor that is not published, or a former address that another plan now uses."""
    slugs = {PurePosixPath(uri).stem for uri in published}
    problems = []
    for plan in published.values():
        successor = plan.meta.get("superseded_by")
        if isinstance(successor, str) and successor not in slugs:
            message = f"替代方案“{successor}”不存在或尚未发布。请填写替代方案的网址标识（方案文件名去掉 .md）。"
            problems.append(
                Problem(plan.path, plan.line_of(("superseded_by",)), message, "superseded-by")
            )
        for index, former in enumerate(plan.meta.get("former_slugs") or []):
            if former in slugs:
                message = f"曾用网址标识“{former}”正被另一个方案使用，旧网址无法跳转到本方案。请删去这一项。"
                where = plan.line_of(("former_slugs", index))
                problems.append(Problem(plan.path, where, message, "former-slug"))
    return problems
