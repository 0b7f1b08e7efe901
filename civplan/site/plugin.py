"""MkDocs plugin: MkDocs' events mapped onto one civplan.site.build.Build, and nothing else.

The only module of civplan that imports MkDocs. The build's state and every step live in the
Build; here each event hands it what MkDocs knows (a page's src_uri, URL and table of contents,
the config's folders) and turns its SiteError into MkDocs' own error, so that the build stops
with `file:line: message` and no traceback. The theme and the macros reach the build as
`config.plugins["civplan"].build`.

Event order does not depend on the order of plugins in mkdocs.yml: metadata is set before
mkdocs-macros renders (priority 50), the stashed section HTML is put back after every other
plugin has seen the page (priority -50), and the stash is made anew for every build.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import logging
import re
import types
from datetime import date, datetime
from pathlib import Path

from jinja2 import ChoiceLoader, DictLoader
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from civplan.export.errors import ExportError
from civplan.model import lifecycle
from civplan.site import budget, inputs, page_cache, steps
from civplan.site.build import Build
from civplan.site.errors import SiteError
from civplan.site.sandbox import sandbox_macros
from civplan.site.shards import ShardSettings


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
    admin_dir = c.Type(str, default="")
    """Put the web editor here instead of site/admin/: publish it on an origin of its own, so
    that no file of the public site can reach the token it keeps (docs/reference/security.md)."""
    # The shard settings were options here, each read from the environment with !ENV; they are
    # read from it by civplan.site.shards.ShardSettings now. A mkdocs.yml that still names them
    # builds as before (a strict build would stop on an unknown option); their values are unused.
    shard = c.Optional(c.Type((str, bool, int)))
    shard_key = c.Optional(c.Type((str, bool, int)))
    shard_files = c.Optional(c.Type((str, bool, int)))
    shards_from = c.Optional(c.Type((str, bool, int)))
    search_later = c.Optional(c.Type((str, bool, int)))


class _CopiedPages(logging.Filter):
    """MkDocs says "Page skipped" of every page whose output is empty: a page copied from the
    page cache was written, not skipped, and thousands of such lines would hide the rest."""

    build: Build | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.build is None or not message.startswith("Page skipped: '"):
            return True
        return not self.build.hit(message.split("'")[1])


COPIED = _CopiedPages()
logging.getLogger("mkdocs.commands.build").addFilter(COPIED)


def _mkdocs_errors(event):
    """A SiteError from the build, or an ExportError from its Word files, stops MkDocs with its
    message, never a traceback."""

    @functools.wraps(event)
    def run(*args, **kwargs):
        try:
            return event(*args, **kwargs)
        except (SiteError, ExportError) as err:
            raise PluginError(str(err)) from None

    return run


class PlansPlugin(BasePlugin[PlansConfig]):
    build: Build
    serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config):
        settings = steps.Settings(
            root=Path(config.config_file_path).parent,
            plans_dir=self.config.plans_dir,
            templates_dir=self.config.templates_dir,
            drafts=bool(self.config.drafts),
            only=self.config.only,
            now=lifecycle.now(str(self.config.today or "")),
            sharding=ShardSettings.from_environ(),
        )
        self.build = Build(settings, self.config.admin_dir, self.serving)
        COPIED.build = self.build
        return config

    def on_pre_build(self, config):
        self.build.start()
        sandbox_macros(config.plugins.get("macros"))

    def on_env(self, env, config, files):
        # the template of a page taken from the page cache: the stored page as it was written
        stored = DictLoader({page_cache.TEMPLATE: page_cache.TEMPLATE_SOURCE})
        env.loader = ChoiceLoader([stored, env.loader])
        return env

    @_mkdocs_errors
    def on_files(self, files: Files, config) -> Files:
        listed = [(f.src_uri, f.abs_src_path or "") for f in files]
        site, docs = Path(config.site_dir), Path(config.docs_dir)
        folders = [config.docs_dir, *([config.theme.custom_dir] if config.theme.custom_dir else [])]
        switches = [_resolved(config), inputs.folders_digest(self.build.settings.root, folders)]
        writer = type(config).__module__.split(".")[0]  # MkDocs, or a fork (ProperDocs)
        added = self.build.load(listed, docs, site, [*switches, writer])
        for uri, content in added.items():
            if isinstance(content, Path):  # a plan, or the top level's open data: read by MkDocs
                files.append(File.generated(config, uri, abs_src_path=str(content)))
            else:
                files.append(File.generated(config, uri, content=content))
        return files

    def on_page_read_source(self, page, config) -> str | None:
        source = self.build.source(page.file.src_uri, page.url)
        if self.build.hit(page.file.src_uri):  # nothing the page shows has changed
            _skip_markdown(page)
        return source

    @event_priority(50)
    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        budget.start(page.file.src_uri, PluginError)
        meta = self.build.meta(page.file.src_uri)
        if meta is not None:
            page.meta = meta
        return markdown

    @event_priority(-50)
    @_mkdocs_errors
    def on_page_content(self, html: str, page, config, files) -> str:
        budget.stop()
        return self.build.content(page.file.src_uri, page.url, html, page.toc)

    @event_priority(-100)
    @_mkdocs_errors
    def on_post_page(self, output: str, page, config) -> str:
        """The page as written, kept for the next build; or the page the last one kept, copied
        to its place, and an empty output, which MkDocs does not write. Either way a cached
        page's HTML is let go: nothing reads it again."""
        if self.build.keyed(page.file.src_uri):
            page.content = None
        return self.build.output(page.file.src_uri, output, Path(page.file.abs_dest_path))

    @_mkdocs_errors
    def on_post_build(self, config) -> None:
        self.build.finish(Path(config.site_dir))

    def on_build_error(self, error) -> None:
        if getattr(self, "build", None):
            self.build.cancel()


UNKEYED = {"config_file_path", "site_dir", "dev_addr", "watch", "strict", "validation"}
"""Settings that change where or how a build runs, never what a page says."""


def _resolved(config) -> str:
    """Every setting as MkDocs resolved it: from mkdocs.yml, a file it INHERITs or `-f` names,
    and !ENV values. Pages show some of them (site_name, extra.footer), so a cached page is
    keyed on them all, not on mkdocs.yml's bytes; a value without a stable text (a function)
    is keyed by its repr without the address that changes from run to run."""
    values = {key: config[key] for key in config if key not in UNKEYED | {"plugins", "theme"}}
    values["theme"] = dict(config.theme)
    values["plugins"] = {name: dict(plugin.config) for name, plugin in config.plugins.items()}
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, default=repr)
    return re.sub(r" at 0x[0-9a-f]+", "", text)


RENDER_RELIED_ON = "320529348f7a8af152073d0a3ab02960ccce91f9204716144e51b20931983cc6"
"""sha256 of the source of Page.render in mkdocs 1.6.1, whose effect _skip_markdown gives."""

SKIPS = hashlib.sha256(inspect.getsource(Page.render).encode()).hexdigest() == RENDER_RELIED_ON
"""Whether this MkDocs renders as the one _skip_markdown follows (tests/test_page_cache.py
fails when it does not; the build then renders a cached page's empty source instead)."""


def _skip_markdown(page: Page) -> None:
    """Give a page taken from the cache what Page.render gives an empty source, without the
    Markdown instance with every extension that MkDocs builds for each page (a tenth of a warm
    build at 2,000 plans); the stored page is copied to its place in on_post_page."""

    def render(self: Page, config, files) -> None:
        self.content, self.toc, self._title_from_render = "", get_toc([]), None
        self.present_anchor_ids, self.links_to_anchors = set(), {}

    if SKIPS:
        page.render = types.MethodType(render, page)
