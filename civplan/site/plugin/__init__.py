"""MkDocs plugin: MkDocs' events mapped onto one civplan.site.build.Build, and nothing else.

This package is the only part of civplan that imports MkDocs: its options and the resolved
configuration are in options.py, what a cached page skips of MkDocs' work in pages.py. The
build's state and every step live in the Build; here each event hands it what MkDocs knows (a page's src_uri, URL and table of contents,
the config's folders) and turns its SiteError into MkDocs' own error, so that the build stops
with `file:line: message` and no traceback. The theme and the macros reach the build as
`config.plugins["civplan"].build`.

Event order does not depend on the order of plugins in mkdocs.yml: metadata is set before
mkdocs-macros renders (priority 50), the stashed section HTML is put back after every other
plugin has seen the page (priority -50), and the stash is made anew for every build.
"""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import ChoiceLoader, DictLoader
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from civplan.export.errors import ExportError
from civplan.model import lifecycle
from civplan.site import after_reload, budget, inputs, page_cache, steps
from civplan.site.build import Build
from civplan.site.errors import SiteError
from civplan.site.plugin import options, pages
from civplan.site.sandbox import sandbox_macros
from civplan.site.shards import ShardSettings


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


class PlansPlugin(BasePlugin[options.PlansConfig]):
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
        pages.COPIED.build = self.build
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
        switches = [
            options.resolved(config),
            inputs.folders_digest(self.build.settings.root, folders),
        ]
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
            pages.skip_markdown(page)
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

    def on_shutdown(self) -> None:
        """`mkdocs serve` ends (Ctrl+C): Word files still being made after the reload are not
        waited for, and their worker processes end with the server instead of being killed
        mid-way (which left "leaked semaphore" warnings in the editor's terminal)."""
        if getattr(self, "build", None):
            self.build.cancel()
        after_reload.wait()
