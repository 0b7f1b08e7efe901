"""MkDocs plugin: publish the plans of plans/ under /plans/<slug>/, checked before anything renders.

Thin glue. The plans are loaded and checked once per build (on_files); a plan with any error
stops the build with `file:line: message` for every problem. The plan body, without its front
matter, is handed to MkDocs, so the YAML is parsed once, by civplan.loader, never by MkDocs.
"""

from __future__ import annotations

import logging
import shutil
from datetime import date
from pathlib import Path

from jinja2.sandbox import ImmutableSandboxedEnvironment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from civplan import lifecycle, render, sanitize
from civplan.library import load_library
from civplan.loader import Plan
from civplan.problems import has_errors

log = logging.getLogger("mkdocs.plugins.civplan")


class PlansConfig(Config):
    plans_dir = c.Type(str, default="plans")
    """Folder of the plan files, relative to mkdocs.yml."""
    templates_dir = c.Type(str, default="templates")
    """Folder of the templates, relative to mkdocs.yml."""
    today = c.Type(str, default="")
    """Fixed "today" (YYYY-MM-DD) for stage markers and status; CIVPLAN_TODAY overrides it."""


class PlansPlugin(BasePlugin[PlansConfig]):
    today: date
    pages: dict[str, Plan]
    """Every published plan and template by the src_uri the site pretends it has in docs/."""

    def on_config(self, config):
        self.root = Path(config.config_file_path).parent
        self.today = lifecycle.today(self.config.today)
        return config

    def on_pre_build(self, config):
        sandbox_macros(config)

    def on_files(self, files: Files, config) -> Files:
        self.pages, problems = {}, []
        for folder in (self.config.plans_dir, self.config.templates_dir):
            library, found = load_library(self.root / folder, self.root)
            problems += found
            self.pages.update(library.published())
        for problem in problems:
            (log.error if problem.is_error else log.warning)(str(problem))
        if has_errors(problems):
            count = sum(p.is_error for p in problems)
            raise PluginError(
                f"方案检查发现 {count} 个错误，网站没有构建。请按上面每一行的提示修改。"
            )
        for uri, plan in self.pages.items():
            files.append(File.generated(config, uri, abs_src_path=str(self.root / plan.path)))
        return files

    def plan_of(self, page: Page) -> Plan | None:
        return self.pages.get(page.file.src_uri) if page and page.file else None

    def plans(self) -> dict[str, Plan]:
        """The published plans (not templates), by src_uri."""
        return {uri: plan for uri, plan in self.pages.items() if uri.startswith("plans/")}

    def templates(self) -> dict[str, Plan]:
        return {uri: plan for uri, plan in self.pages.items() if uri.startswith("library/")}

    def on_page_read_source(self, page: Page, config) -> str | None:
        plan = self.plan_of(page)
        return plan.body if plan else None

    def on_page_markdown(self, markdown: str, page: Page, config, files) -> str:
        plan = self.plan_of(page)
        if plan:
            page.meta = {"title": _page_title(plan)}
        return markdown

    def on_page_content(self, html: str, page: Page, config, files) -> str:
        plan = self.plan_of(page)
        if plan is None:
            return html
        if page.file.src_uri.startswith("library/"):
            example = plan.get("template_info", "example")
            example_url = get_relative_url(f"plans/{example}/", page.url) if example else None
            card = render.template_card(plan.meta, example_url, self.today)
            return sanitize.clean(card + render.highlight_blanks(html))
        return sanitize.clean(render.card(plan.meta, self.today) + html)

    def on_post_build(self, config) -> None:
        """Each template's Markdown source, downloadable beside its page."""
        for uri, plan in self.templates().items():
            slug = Path(uri).stem
            target = Path(config.site_dir) / Path(uri).parent / slug / f"{slug}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.root / plan.path, target)


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
