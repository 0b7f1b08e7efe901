"""MkDocs plugin: publish the plans of plans/ under /plans/<slug>/, checked before anything renders.

Thin glue. The plans are loaded and checked once per build (on_files); a plan with any error
stops the build with `file:line: message` for every problem. The plan body, without its front
matter, is handed to MkDocs, so the YAML is parsed once, by civplan.loader, never by MkDocs.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from datetime import datetime
from pathlib import Path

from jinja2.sandbox import ImmutableSandboxedEnvironment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from civplan import cms, lifecycle, render, sanitize, search_index, site_files
from civplan.history import Version, read_history
from civplan.library import load_library
from civplan.loader import Plan
from civplan.problems import Problem, has_errors
from civplan.word_files import write_word_files

log = logging.getLogger("mkdocs.plugins.civplan")
STASHED = re.compile(r"<!--(civ-html-\d+)-->")


class PlansConfig(Config):
    plans_dir = c.Type(str, default="plans")
    """Folder of the plan files, relative to mkdocs.yml."""
    templates_dir = c.Type(str, default="templates")
    """Folder of the templates, relative to mkdocs.yml."""
    today = c.Type(str, default="")
    """Fixed "now" (YYYY-MM-DD or YYYY-MM-DDTHH:MM, Beijing time); CIVPLAN_TODAY overrides it."""
    drafts = c.Type(bool, default=False)
    """Publish drafts too, marked as such: for an editor's local preview only. CIVPLAN_DRAFTS=1."""


class PlansPlugin(BasePlugin[PlansConfig]):
    now: datetime
    pages: dict[str, Plan]
    """Every published plan and template by the src_uri the site pretends it has in docs/."""
    history: dict[str, list[Version]]
    """Committed versions of each plan file, read from git once per build."""

    def on_config(self, config):
        self.root = Path(config.config_file_path).parent
        self.now = lifecycle.now(self.config.today)
        self.drafts = self.config.drafts or os.environ.get("CIVPLAN_DRAFTS") == "1"
        return config

    def on_pre_build(self, config):
        sandbox_macros(config)

    def on_files(self, files: Files, config) -> Files:
        self.pages, problems = {}, []
        only = os.environ.get("CIVPLAN_ONLY")
        for folder in (self.config.plans_dir, self.config.templates_dir):
            # an editor's preview (civplan preview) builds one plan alone: a second, not a minute
            chosen = (
                None if not only else [self.root / only] if folder == self.config.plans_dir else []
            )
            library, found = load_library(self.root / folder, self.root, chosen)
            problems += found
            self.pages.update(library.published(self.drafts or bool(only)))
        if not only:
            problems += link_problems(self.plans())
        for problem in problems:
            (log.error if problem.is_error else log.warning)(str(problem))
        if has_errors(problems):
            count = sum(p.is_error for p in problems)
            raise PluginError(
                f"方案检查发现 {count} 个错误，网站没有构建。请按上面每一行的提示修改。"
            )
        for uri, plan in self.pages.items():
            files.append(File.generated(config, uri, abs_src_path=str(self.root / plan.path)))
        self.history = read_history(self.root, self.config.plans_dir)
        # history pages are HTML made from plan text: they skip Markdown and macros (on_page_content)
        self.history_html = site_files.history_pages(self.plans(), self.history)
        for uri in self.history_html:
            files.append(File.generated(config, uri, content=""))
        for uri, content in site_files.derived_files(self.plans(), self.history, self.now).items():
            files.append(File.generated(config, uri, content=content))
        return files

    def plan_of(self, page: Page) -> Plan | None:
        return self.pages.get(page.file.src_uri) if page and page.file else None

    def plans(self) -> dict[str, Plan]:
        """The published plans (not templates), by src_uri."""
        return {uri: plan for uri, plan in self.pages.items() if uri.startswith("plans/")}

    def templates(self) -> dict[str, Plan]:
        return {uri: plan for uri, plan in self.pages.items() if uri.startswith("library/")}

    def changes(self) -> list[tuple[str, str, Version]]:
        """(src_uri, title, version) for every committed version of a published plan."""
        return [
            (uri, plan.meta["title"], version)
            for uri, plan in self.plans().items()
            for version in self.history.get(plan.path, [])
        ]

    def on_page_read_source(self, page: Page, config) -> str | None:
        plan = self.plan_of(page)
        return plan.body if plan else None

    def stash(self, html: str) -> str:
        """Keep a macro's HTML away from Markdown, which would parse all of it again (a third of
        the build at 2,000 plans): Markdown sees a one-line marker, on_page_content puts the
        HTML back. A plan body cannot forge a marker: check refuses HTML comments in bodies."""
        key = f"civ-html-{len(self._stash)}"
        self._stash[key] = html
        return f"\n\n<!--{key}-->\n\n"

    def on_page_markdown(self, markdown: str, page: Page, config, files) -> str:
        self._stash: dict[str, str] = {}
        plan = self.plan_of(page)
        if plan:
            page.meta = {"title": _page_title(plan)}
        elif page.file.src_uri.endswith("/history.md"):
            title = self.pages[page.file.src_uri.removesuffix("/history.md") + ".md"].meta["title"]
            # generated from plan text: never run it through the macro renderer
            page.meta = {"title": f"修订记录：{title}", "render_macros": False}
        return markdown

    def on_page_content(self, html: str, page: Page, config, files) -> str:
        html = STASHED.sub(lambda found: self._stash.get(found.group(1), ""), html)
        if page.file.src_uri in self.history_html:
            return sanitize.clean(self.history_html[page.file.src_uri])
        plan = self.plan_of(page)
        if plan is None:
            return html
        if page.file.src_uri.startswith("library/"):
            example = plan.get("template_info", "example")
            example_url = get_relative_url(f"plans/{example}/", page.url) if example else None
            card = render.template_card(plan.meta, example_url, self.now)
            return sanitize.clean(card + render.highlight_blanks(html))
        return sanitize.clean(self._plan_head(plan, page) + html)

    def _plan_head(self, plan: Plan, page: Page) -> str:
        """Banner, card and feedback outcome above a plan's body."""
        versions = self.history.get(plan.path, [])
        updated = (
            versions[0].date.astimezone(lifecycle.BEIJING).strftime("%Y-%m-%d")
            if versions
            else None
        )
        successor = plan.meta.get("superseded_by")
        successor_url = f"../{successor}/" if successor else None
        draft = '<div class="civ-banner civ-banner--草案" role="status"><p>草案预览：这个方案还是草案，正式网站不会发布。</p></div>\n'
        return (
            (draft if not lifecycle.is_published(plan.meta) else "")
            + render.banner(plan.meta, self.now, successor_url)
            + render.card(
                plan.meta,
                self.now,
                updated,
                "history/",
                f"{site_files.slug_of(page.file.src_uri)}.docx",
            )
            + render.feedback_outcome(plan.meta)
        )

    def on_post_build(self, config) -> None:
        """Downloads beside each page (a template's Markdown, every Word file); the search index."""
        site = Path(config.site_dir)
        for uri, plan in self.templates().items():
            target = site / site_files.download(uri, ".md")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.root / plan.path, target)
        jobs = [
            (self.root / plan.path, site / site_files.download(uri, ".docx"))
            for uri, plan in self.pages.items()
        ]
        made = write_word_files(jobs, self.now.date(), self.root / ".cache" / "docx")
        log.info(f"Word 文件：{len(jobs)} 个，其中 {made} 个新生成。")
        search_index.build(config.site_dir)
        cms.write_admin(site, self.root, self.config.plans_dir, self.config.templates_dir)


def link_problems(plans: dict[str, Plan]) -> list[Problem]:
    """A successor that does not exist, or a former address another plan now uses."""
    slugs = {site_files.slug_of(uri) for uri in plans}
    problems = []
    for plan in plans.values():
        successor = plan.meta.get("superseded_by")
        if successor and successor not in slugs:
            message = f"替代方案“{successor}”不存在或尚未发布。请填写替代方案的网址标识（方案文件名去掉 .md）。"
            problems.append(
                Problem(plan.path, plan.line_of(("superseded_by",)), message, "superseded-by")
            )
        for index, former in enumerate(plan.meta.get("former_slugs") or []):
            if former in slugs:
                message = f"曾用网址标识“{former}”正被另一个方案使用，旧网址无法跳转到本方案。请删去这一项。"
                problems.append(
                    Problem(
                        plan.path, plan.line_of(("former_slugs", index)), message, "former-slug"
                    )
                )
    return problems


def _page_title(plan: Plan) -> str:
    name = plan.get("template_info", "name")
    return name or plan.meta["title"]


def sandbox_macros(config) -> None:
    """Swap mkdocs-macros' Jinja environment for a sandboxed one with the same settings.

    mkdocs-macros renders with a plain Environment, in which `{{ cycler.__init__.__globals__ }}`
    reaches os.environ and os.popen. Plan bodies are already limited to listed macros by
    civplan.body; the sandbox also covers every other page and anything that check missed.
    """
    macros = config.plugins.get("macros")
    if macros is None or isinstance(macros.env, ImmutableSandboxedEnvironment):
        return
    env = macros.env
    safe = ImmutableSandboxedEnvironment(
        loader=env.loader,
        undefined=env.undefined,
        block_start_string=env.block_start_string,
        block_end_string=env.block_end_string,
        variable_start_string=env.variable_start_string,
        variable_end_string=env.variable_end_string,
        comment_start_string=env.comment_start_string,
        comment_end_string=env.comment_end_string,
    )
    safe.globals.update(env.globals)
    safe.filters.update(env.filters)
    macros._env = safe
