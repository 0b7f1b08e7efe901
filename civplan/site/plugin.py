"""MkDocs plugin: publish the plans of plans/ under /plans/<slug>/, checked before anything renders.

Thin glue over civplan.site.steps, and the only module of civplan that imports MkDocs. A plan
with any error stops the build with `file:line: message` for every problem. The plan body,
without its front matter, is handed to MkDocs, so the YAML is parsed once, by the loader.

Event order does not depend on the order of plugins in mkdocs.yml: metadata is set before
mkdocs-macros renders (priority 50), the stashed section HTML is put back after every other
plugin has seen the page (priority -50), and the stash is made anew for every build.
"""

from __future__ import annotations

import logging
import shutil
import signal
import threading
import types
from datetime import date, datetime
from importlib import metadata
from pathlib import Path

from jinja2 import ChoiceLoader, DictLoader
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from civplan.export.cache import WordFiles
from civplan.model import lifecycle, uploads
from civplan.model.errors import BuildError
from civplan.model.loader import Plan
from civplan.site import cms, csp, page_cache, sanitize, search_index, steps
from civplan.site import sections as render
from civplan.site.history import Version
from civplan.site.inputs import cache_root, site_digest
from civplan.site.stash import Stash
from civplan.site.urls import relative_url, slug_of
from civplan.site.wrapping import unwrap

log = logging.getLogger("mkdocs.plugins.civplan")


class PlansConfig(Config):
    plans_dir = c.Type(str, default="plans")
    """Folder of the plan files, relative to mkdocs.yml."""
    templates_dir = c.Type(str, default="templates")
    """Folder of the templates, relative to mkdocs.yml."""
    today = c.Type((str, date, datetime), default="")
    """Fixed "now" (YYYY-MM-DD or YYYY-MM-DDTHH:MM, Beijing time); CIVPLAN_TODAY overrides it."""
    drafts = c.Type((bool, int), default=False)
    """Publish drafts too, marked as such: for an editor's local preview only."""
    only = c.Type(str, default="")
    """Build this one plan file alone, drafts included (civplan preview)."""
    shard = c.Type(str, default="")
    """Publish only this shard's plans (civplan.site.shards; CIVPLAN_SHARD, make shards)."""
    shard_key = c.Type(str, default=steps.shards.KEY)
    """The metadata field, dotted, that splits the plans into shards."""
    shard_files = c.Type(str, default="")
    """The list of the shard's plan files, from `python -m civplan.site.shards`."""
    shards_from = c.Type(str, default="")
    """Folder of the built shards: build the top level that lists and searches them all."""
    admin_dir = c.Type(str, default="")
    """Put the web editor here instead of site/admin/: publish it on an origin of its own, so
    that no file of the public site can reach the token it keeps (docs/reference/security.md)."""
    search_later = c.Type((bool, int), default=False)
    """Leave the search index to the command that runs the build: civplan.site.shards indexes a
    shard once MkDocs has exited and given back its memory, in parts twice as large."""


class PlansPlugin(BasePlugin[PlansConfig]):
    csp_meta = csp.META
    """The Content-Security-Policy <meta> that overrides/main.html puts in every page."""
    pages: steps.Pages
    history: dict[str, list[Version]]
    """Committed versions of each plan file, read from git once per build."""

    def on_config(self, config):
        root = Path(config.config_file_path).parent
        self.settings = steps.Settings(
            root=root,
            plans_dir=self.config.plans_dir,
            templates_dir=self.config.templates_dir,
            drafts=bool(self.config.drafts),
            only=self.config.only,
            now=lifecycle.now(str(self.config.today or "")),
            shard=self.config.shard,
            shard_key=self.config.shard_key or steps.shards.KEY,
            shard_files=self.config.shard_files,
            shards_from=self.config.shards_from,
        )
        self.now = self.settings.now
        # a preview's pages poll `mkdocs serve` for a newer build (docs/assets/livereload.js)
        self.live_reload = self.settings.preview
        return config

    def on_pre_build(self, config):
        self.stash = Stash()
        sandbox_macros(config)

    def on_env(self, env, config, files):
        # the template of a page taken from the page cache: the stored page as it was written
        env.loader = ChoiceLoader(
            [DictLoader({page_cache.TEMPLATE: page_cache.TEMPLATE_SOURCE}), env.loader]
        )
        return env

    def on_files(self, files: Files, config) -> Files:
        self.pages = steps.load(self.settings)
        for problem in self.pages.problems:
            getattr(log, self.pages.log_level(problem))(str(problem))
        if self.pages.errors:
            raise PluginError(
                f"方案检查发现 {self.pages.errors} 个错误，网站没有构建。请按上面每一行的提示修改。"
            )
        self._refuse_uploads(files, config)
        self.by_uri = self.pages.all()
        for uri, plan in self.by_uri.items():
            files.append(
                File.generated(config, uri, abs_src_path=str(self.settings.root / plan.path))
            )
        # drafts mode: a plan that failed its check gets a page of its problems in its place
        for uri, content in self.pages.broken.items():
            files.append(File.generated(config, uri, content=content))
        self.history = steps.history(self.settings)
        claimed = steps.address_problems(self.pages, self.history)
        for problem in claimed:
            log.error(str(problem))
        if claimed:
            raise PluginError("曾用网址标识有误，网站没有构建。请按上面每一行的提示修改。")
        # history pages are HTML made from plan text: they skip Markdown and macros (on_page_content)
        self.history_html = steps.history_pages(self.pages, self.history)
        for uri in self.history_html:
            files.append(File.generated(config, uri, content=""))
        for uri, content in steps.derived_files(self.pages, self.history, self.now).items():
            if isinstance(content, Path):  # the top level's open data: copied, never read in
                files.append(File.generated(config, uri, abs_src_path=str(content)))
            else:
                files.append(File.generated(config, uri, content=content))
        # the Word files not in their cache are made on every core while the pages render
        jobs = steps.downloads(self.pages, self.settings.root, Path(config.site_dir), ".docx")
        self.word = WordFiles(jobs, self.now.date(), cache_root(self.settings.root) / "docx")
        self.cache = self._page_cache(config)
        self.keys: dict[str, str] = {}
        self.hits: set[str] = set()
        return files

    def _refuse_uploads(self, files: Files, config) -> None:
        """Stop the build if MkDocs would publish a file of the uploads folder that may not be
        published (civplan.model.uploads), with the same message `civplan check` prints."""
        listed = [(f.src_uri, f.abs_src_path or "") for f in files]
        refused = uploads.published_problems(listed, Path(config.docs_dir), self.settings.root)
        for problem in refused:
            log.error(str(problem))
        if refused:
            raise PluginError(f"上传文件夹中有 {len(refused)} 个文件不能发布，网站没有构建。")

    def _page_cache(self, config) -> page_cache.PageCache | None:
        """The cache of this build folder's pages (none in an editor's preview)."""
        s = self.settings
        if s.cache("pages") is None:
            return None
        switches = [s.plans_dir, s.templates_dir, s.shard, s.shard_key, s.shards_from, csp.META]
        switches += [str(config.site_url), str(config.use_directory_urls), config.theme.name]
        switches.append(_generator(config))
        return page_cache.PageCache(s.cache("pages"), site_digest(s.root, *switches))

    def plan_of(self, page: Page) -> Plan | None:
        return self.by_uri.get(page.file.src_uri) if page and page.file else None

    def plans(self) -> dict[str, Plan]:
        """The published plans (not templates), by src_uri; on a sharded site's top level, the
        shards' plans."""
        return self.pages.listing()

    def templates(self) -> dict[str, Plan]:
        return self.pages.templates

    def changes(self) -> list[tuple[str, str, Version]]:
        """(src_uri, title, version) for every committed version of a published plan."""
        return [
            (uri, plan.meta["title"], version)
            for uri, plan in self.plans().items()
            for version in self.history.get(plan.path, [])
        ]

    def on_page_read_source(self, page: Page, config) -> str | None:
        plan = self.plan_of(page)
        uri = page.file.src_uri
        if self.cache and (plan or uri in self.history_html):
            self.keys[uri] = self._page_key(page, plan)
            # nothing the page shows has changed: no Markdown, no macros
            if self.cache.has(self.keys[uri]):
                self.hits.add(uri)
                _skip_markdown(page)
                return ""
        return unwrap(plan.body) if plan else None  # a wrapped Chinese line would show a space

    def _page_key(self, page: Page, plan: Plan | None) -> str:
        """The page cache's key of a plan, template or history page: its own inputs and, of
        the build's "now", exactly what the page shows of it (its head and its sections)."""
        uri = page.file.src_uri
        if plan is None:  # a history page: its HTML and the title above it
            return self.cache.key(uri, self.history_html[uri], self._history_title(uri))
        shown = [
            section(plan.meta, self.now)
            for name, section in render.PLAN_MACROS.items()
            if f"{name}(" in plan.body
        ]
        head = (
            self._template_head(plan, page)
            if uri.startswith("library/")
            else self._plan_head(plan, page)
        )
        return self.cache.key(uri, (self.settings.root / plan.path).read_bytes(), head, *shown)

    @event_priority(50)
    def on_page_markdown(self, markdown: str, page: Page, config, files) -> str:
        _page_budget(page.file.src_uri)
        # The theme prints page.meta.title and page.title without escaping (MkDocs' templates do
        # not autoescape): a plan's title reaches them as Markup, escaped here, once.
        plan = self.plan_of(page)
        if plan:
            page.meta = {"title": escape(_page_title(plan))}
        elif page.file.src_uri in self.history_html:
            # generated from plan text: never run it through the macro renderer
            title = self._history_title(page.file.src_uri)
            page.meta = {"title": escape(title), "render_macros": False}
        if page.file.src_uri in self.hits:  # drawn from the cache: no macros, the stored page
            page.meta.update(template=page_cache.TEMPLATE, render_macros=False)
        return markdown

    @event_priority(-50)
    def on_page_content(self, html: str, page: Page, config, files) -> str:
        _page_budget(None)
        if page.file.src_uri in self.hits:
            return ""  # the stored page is read when it is written (on_post_page)
        plan = self.plan_of(page)
        if plan is not None:  # what the author wrote, before the site's own HTML is back
            html = sanitize.authored(html)
        try:
            html = self.stash.restore(html, page.file.src_uri)
        except BuildError as err:
            raise PluginError(str(err)) from None
        if page.file.src_uri in self.history_html:
            return sanitize.clean(self.history_html[page.file.src_uri])
        if plan is None:
            return html
        html = sanitize.site_ids(html, page.toc)
        if page.file.src_uri.startswith("library/"):
            card = self._template_head(plan, page)
            return sanitize.clean(card + render.highlight_blanks(html))
        return sanitize.clean(render.highlight_blanks(self._plan_head(plan, page) + html))

    @event_priority(-100)
    def on_post_page(self, output: str, page: Page, config) -> str:
        """Keep the page as written, for the next build, or write the page kept by the last one
        (civplan.site.page_cache). Either way its HTML is let go: nothing reads it again."""
        key = self.keys.get(page.file.src_uri)
        if not key:
            return output
        page.content = None
        if page.file.src_uri not in self.hits:
            self.cache.put(key, output)
            return output
        stored = self.cache.get(key)
        if stored is None:
            raise PluginError(
                f"页面缓存中的 {page.file.src_uri} 在构建过程中被删除或损坏了（{self.cache.folder}）。"
                "请删除这个文件夹后重新构建。"
            )
        return stored

    def _history_title(self, uri: str) -> str:
        plan = self.pages.plans[uri.removesuffix("/history.md") + ".md"]
        return f"修订记录：{plan.meta['title']}"

    def _template_head(self, plan: Plan, page: Page) -> str:
        """A template's card: what it is for, its filled example, how to copy it."""
        example = plan.get("template_info", "example")
        example_url = relative_url(f"plans/{example}/", page.url) if example else None
        return render.template_card(plan.meta, example_url, self.now)

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
                plan.meta, self.now, updated, "history/", f"{slug_of(page.file.src_uri)}.docx"
            )
            + render.feedback_outcome(plan.meta)
        )

    def on_post_build(self, config) -> None:
        """Downloads beside each page (a template's Markdown, every Word file); the search index."""
        site, root = Path(config.site_dir), self.settings.root
        try:
            for source, target in steps.downloads(self.pages, root, site, ".md"):
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
            for path, script in csp.theme_scripts().items():
                steps.inside(site, path).parent.mkdir(parents=True, exist_ok=True)
                steps.inside(site, path).write_text(script, "utf-8")
            # the index reads only the pages: Word files still being made go on meanwhile
            if not self.config.search_later:
                search_index.build(config.site_dir, self.settings.cache("search"))
            made = self.finish_word_files()
            log.info(f"Word 文件：{len(self.word.jobs)} 个，其中 {made} 个新生成。")
            cms.write_admin(site, root, self.config.plans_dir, self.config.templates_dir)
            if self.config.admin_dir:
                cms.move_admin(site, root / self.config.admin_dir)
            if self.cache:
                self.cache.prune()
                made = len(self.keys) - self.cache.hits
                log.info(f"页面：{self.cache.hits} 个沿用上次构建，{made} 个重新生成。")
        except BuildError as err:
            raise PluginError(str(err)) from None

    def finish_word_files(self) -> int:
        """Wait for the Word files started in on_files (scripts/build_phases.py times this)."""
        return self.word.finish()

    def on_build_error(self, error) -> None:
        if getattr(self, "word", None):
            self.word.cancel()

    def stash_html(self, html: str) -> str:
        """What a macro returns: a marker that stands for its HTML until on_page_content."""
        return self.stash.put(html)


def _skip_markdown(page: Page) -> None:
    """Give a page taken from the cache what Page.render gives an empty source, without the
    Markdown instance with every extension that MkDocs builds for each page (a tenth of a warm
    build at 2,000 plans); the stored page takes the output's place in on_post_page. (mkdocs is
    pinned: this follows Page.render of its 1.6.1.)"""

    def render(self: Page, config, files) -> None:
        self.content, self.toc, self._title_from_render = "", get_toc([]), None
        self.present_anchor_ids, self.links_to_anchors = set(), {}

    page.render = types.MethodType(render, page)


PAGE_SECONDS = 30
"""What one page may take from its macros to its HTML (a plan page takes about 10 ms): a
backstop for text that check's bounds did not foresee, so no plan holds the build hostage."""


def _page_budget(uri: str | None) -> None:
    """Start (uri) or stop (None) the page's time budget. Signals reach the main thread only:
    `mkdocs build` renders there; `mkdocs serve` rebuilds elsewhere and goes without."""
    if threading.current_thread() is not threading.main_thread():
        return
    if uri is None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        return

    def over(signum, frame):
        raise PluginError(
            f"页面 {uri} 的渲染超过 {PAGE_SECONDS} 秒，构建已停止。请检查这个方案的正文是否有异常的长行或大量符号。"
        )

    signal.signal(signal.SIGALRM, over)
    signal.setitimer(signal.ITIMER_REAL, PAGE_SECONDS)


def _generator(config) -> str:
    """MkDocs or a fork of it (ProperDocs: scripts/compare_builds.py builds the same project with
    both), and its version: the program that writes the pages is one of their inputs."""
    name = type(config).__module__.split(".")[0]
    try:
        return f"{name} {metadata.version(name)}"
    except metadata.PackageNotFoundError:
        return name


def _page_title(plan: Plan) -> str:
    name = plan.get("template_info", "name")
    return name or plan.meta["title"]


def sandbox_macros(config) -> None:
    """Swap mkdocs-macros' Jinja environment for a sandboxed one with the same settings.

    mkdocs-macros renders with a plain Environment, in which `{{ cycler.__init__.__globals__ }}`
    reaches os.environ and os.popen. Plan bodies are already limited to listed macros by
    civplan.check.macros; the sandbox also covers every other page and anything check missed.
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
