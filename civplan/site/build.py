"""One build of the site, as a plain object: its settings, plans, check results, caches and "now".

civplan.site.plugin maps MkDocs' events onto the methods here, in the order MkDocs calls them:
`load` (the files), then for each page `source` → `meta` → `content` → `output`, then `finish`.
Nothing here imports MkDocs: a page is known by its src_uri and its URL, and a stop is a
SiteError, which the plugin turns into MkDocs' own error. The theme's templates and the macros
read the build through the plugin's `build` attribute: `plan_of`, `plans`, `templates`,
`changes`, `stash_html`, `now`, `csp_meta`, `live_reload`.
"""

from __future__ import annotations

import logging
import shutil
from datetime import datetime
from importlib import metadata
from pathlib import Path

from markupsafe import escape

from civplan.export.cache import WordFiles
from civplan.history.versions import Version
from civplan.model import lifecycle, uploads
from civplan.model.loader import Plan
from civplan.site import after_reload, cms, csp, page_cache, sanitize, search_index, sections, steps
from civplan.site.errors import SiteError
from civplan.site.inputs import cache_root, site_digest
from civplan.site.stash import Stash
from civplan.site.urls import relative_url, slug_of
from civplan.site.wrapping import unwrap

log = logging.getLogger("mkdocs.plugins.civplan")


class Build:
    csp_meta = csp.META
    """The Content-Security-Policy <meta> that overrides/main.html puts in every page."""

    def __init__(self, settings: steps.Settings, admin_dir: str = "", serving: bool = False):
        self.settings = settings
        self.serving = serving
        """Built by `mkdocs serve`: the search index and Word files are finished after the
        browser reloads (civplan.site.after_reload)."""
        self.now: datetime = settings.now
        self.admin_dir = admin_dir
        self.live_reload = settings.preview
        """A preview's pages poll `mkdocs serve` for a newer build (docs/assets/livereload.js)."""
        self.stash = Stash()
        self.pages = steps.Pages()
        self.by_uri: dict[str, Plan] = {}
        """Every published plan and template by src_uri (asked for on every page event)."""
        self.history: dict[str, list[Version]] = {}
        """Committed versions of each plan file, read from git once per build."""
        self.history_html: dict[str, str] = {}
        """src_uri → HTML of each history page: made from plan text, it skips Markdown and macros."""
        self.word: WordFiles | None = None
        self.cache: page_cache.PageCache | None = None
        self.keys: dict[str, str] = {}
        """src_uri → page-cache key of every plan, template and history page."""
        self.hits: set[str] = set()
        """Pages drawn from the page cache: no Markdown, no macros, the stored HTML."""
        self.beside: dict[str, str] = {}
        """Site path → text that a macro made beside its page (the directory's parts)."""

    def start(self) -> None:
        """A new stash for every build: markers of the last one mean nothing in this one. In
        serve, the last build's search index and Word files are finished first: MkDocs is
        about to empty the site folder they are written to."""
        after_reload.wait()
        self.stash = Stash()
        self.beside = {}

    # --- the files -------------------------------------------------------------------------

    def load(
        self, listed: list[tuple[str, str]], docs_dir: Path, site_dir: Path, switches: list[str]
    ) -> dict[str, str | Path]:
        """Check every plan; return the pages and files the build adds to MkDocs' `listed`
        ((src_uri, source path) of docs/): src_uri → content, or the file to read it from.
        `switches` are the MkDocs settings that change every page (the page cache's key), the
        last one the name of the program that writes the pages."""
        self.pages = steps.load(self.settings)
        self.by_uri = self.pages.all()
        self._stop_on_problems()
        self._refuse_uploads(listed, docs_dir)
        root = self.settings.root
        added: dict[str, str | Path] = {uri: root / plan.path for uri, plan in self.by_uri.items()}
        added.update(self.pages.broken)  # drafts mode: a failed plan's problems in its place
        self.history = steps.history(self.settings)
        self._stop_on_claimed_addresses()
        self.history_html = steps.history_pages(self.pages, self.history)
        added.update(dict.fromkeys(self.history_html, ""))
        added.update(steps.derived_files(self.pages, self.history, self.now))
        # the Word files not in their cache are made on every core while the pages render
        jobs = steps.downloads(self.pages, root, site_dir, ".docx")
        self.word = WordFiles(jobs, self.now.date(), cache_root(root) / "docx")
        self.cache = self._page_cache(switches)
        self.keys, self.hits = {}, set()
        return added

    def _stop_on_problems(self) -> None:
        for problem in self.pages.problems:
            getattr(log, self.pages.log_level(problem))(str(problem))
        if self.pages.errors:
            raise SiteError(
                f"方案检查发现 {self.pages.errors} 个错误，网站没有构建。请按上面每一行的提示修改。"
            )

    def _refuse_uploads(self, listed: list[tuple[str, str]], docs_dir: Path) -> None:
        """Stop the build if MkDocs would publish a file of the uploads folder that may not be
        published (civplan.model.uploads), with the same message `civplan check` prints."""
        refused = uploads.published_problems(listed, docs_dir, self.settings.root)
        for problem in refused:
            log.error(str(problem))
        if refused:
            raise SiteError(f"上传文件夹中有 {len(refused)} 个文件不能发布，网站没有构建。")

    def _stop_on_claimed_addresses(self) -> None:
        claimed = steps.address_problems(self.pages, self.history)
        for problem in claimed:
            log.error(str(problem))
        if claimed:
            raise SiteError("曾用网址标识有误，网站没有构建。请按上面每一行的提示修改。")

    def _page_cache(self, switches: list[str]) -> page_cache.PageCache | None:
        """The cache of this build folder's pages (none in an editor's preview)."""
        s = self.settings
        if s.cache("pages") is None:
            return None
        sharding = s.sharding
        mine = [s.plans_dir, s.templates_dir, sharding.shard, sharding.key, sharding.built]
        mine.append("drafts" if s.drafts else "")  # a draft's banner, the live reload script
        *settings, writer = switches
        digest = site_digest(s.root, *mine, csp.META, *settings, _version_of(writer))
        return page_cache.PageCache(s.cache("pages"), digest)

    # --- what templates and macros read -----------------------------------------------------

    def plan_of(self, page) -> Plan | None:
        """The plan or template a page (anything with .file.src_uri) shows, or None."""
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

    def write_beside(self, files: dict[str, str]) -> None:
        """Files a macro makes beside its page, written with the downloads in `finish`."""
        self.beside.update(files)

    def stash_html(self, html: str) -> str:
        """What a macro returns: a marker that stands for its HTML until `content`."""
        return self.stash.put(html)

    # --- one page ----------------------------------------------------------------------------

    def source(self, uri: str, url: str) -> str | None:
        """The Markdown of a plan or template page (None: MkDocs reads the file). A page whose
        inputs are unchanged since the last build is a hit (`hit`): its source is empty."""
        plan = self.by_uri.get(uri)
        if self.cache and (plan or uri in self.history_html):
            self.keys[uri] = self._page_key(uri, url, plan)
            if self.cache.get(self.keys[uri]) is not None:
                self.hits.add(uri)
                return ""
        return unwrap(plan.body) if plan else None  # a wrapped Chinese line would show a space

    def hit(self, uri: str) -> bool:
        return uri in self.hits

    def _page_key(self, uri: str, url: str, plan: Plan | None) -> str:
        """The page cache's key of a plan, template or history page: its inputs, never its
        output. A plan's page is made from its file, the date of its last version, its address
        and, of the build's "now", what lifecycle.now_seen says it can show; rendering its
        sections to make the key cost as much as the page itself."""
        if plan is None:  # a history page: its HTML and the title above it
            return self.cache.key(uri, self.history_html[uri], self._history_title(uri))
        return self.cache.key(
            uri,
            url,
            (self.settings.root / plan.path).read_bytes(),
            self._updated(plan) or "",
            lifecycle.now_seen(plan.meta, self.now),
        )

    def meta(self, uri: str) -> dict | None:
        """The page's metadata as the theme and mkdocs-macros read it (None: the page's own).
        The theme prints page.meta.title and page.title without escaping (MkDocs' templates do
        not autoescape): a plan's title reaches them as Markup, escaped here, once."""
        plan = self.by_uri.get(uri)
        if plan:
            meta = {"title": escape(_page_title(plan))}
        elif uri in self.history_html:  # made from plan text: never run through the macros
            meta = {"title": escape(self._history_title(uri)), "render_macros": False}
        else:
            return None
        if uri in self.hits:  # drawn from the cache: no macros, the stored page
            meta.update(template=page_cache.TEMPLATE, render_macros=False)
        return meta

    def content(self, uri: str, url: str, html: str, toc) -> str:
        """The page's HTML: the author's sanitised, the site's own put back, the head on top.
        `toc` is MkDocs' table of contents, its ids made safe in place (sanitize.site_ids)."""
        if uri in self.hits:
            return ""  # the stored page is read when it is written (`output`)
        plan = self.by_uri.get(uri)
        if plan is not None:  # what the author wrote, before the site's own HTML is back
            html = sanitize.authored(html)
        html = self.stash.restore(html, uri)
        if uri in self.history_html:
            return sanitize.clean(self.history_html[uri])
        if plan is None:
            return html
        head = self._head(uri, url, plan)
        html = sanitize.site_ids(html, toc, head)
        if uri.startswith("library/"):
            return sanitize.clean(head + sections.highlight_blanks(html))
        return sanitize.clean(sections.highlight_blanks(head + html))

    def keyed(self, uri: str) -> bool:
        """Whether the page goes through the page cache (its HTML is let go once written)."""
        return uri in self.keys

    def output(self, uri: str, html: str, target: Path) -> str:
        """Keep the page as written, for the next build; or write the page kept by the last
        one to `target` and give MkDocs nothing to write (civplan.site.page_cache)."""
        key = self.keys.get(uri)
        if not key:
            return html
        if uri not in self.hits:
            self.cache.put(key, html)
            return html
        if not self.cache.copy(key, target):
            raise SiteError(
                f"页面缓存中的 {uri} 在构建过程中被删除或损坏了（{self.cache.folder}）。"
                "请删除这个文件夹后重新构建。"
            )
        return ""

    def _history_title(self, uri: str) -> str:
        plan = self.pages.plans[uri.removesuffix("/history.md") + ".md"]
        return f"修订记录：{plan.meta['title']}"

    def _head(self, uri: str, url: str, plan: Plan) -> str:
        """What the site puts above the body: a template's card, or a plan's banner and card."""
        if uri.startswith("library/"):
            example = plan.get("template_info", "example")
            example_url = relative_url(f"plans/{example}/", url) if example else None
            return sections.template_card(plan.meta, example_url, self.now)
        return self._plan_head(uri, plan)

    def _plan_head(self, uri: str, plan: Plan) -> str:
        """Banner, card and feedback outcome above a plan's body."""
        updated = self._updated(plan)
        successor = plan.meta.get("superseded_by")
        successor_url = f"../{successor}/" if successor else None
        return (
            sections.draft_banner(plan.meta)
            + sections.banner(plan.meta, self.now, successor_url)
            + sections.card(plan.meta, self.now, updated, "history/", f"{slug_of(uri)}.docx")
            + sections.feedback_outcome(plan.meta)
        )

    def _updated(self, plan: Plan) -> str | None:
        """The day of a plan's last committed version, as its card shows it."""
        versions = self.history.get(plan.path, [])
        if not versions:
            return None
        return versions[0].date.astimezone(lifecycle.BEIJING).strftime("%Y-%m-%d")

    # --- the end -----------------------------------------------------------------------------

    def finish(self, site: Path) -> None:
        """Downloads beside each page (a template's Markdown, every Word file); the search
        index; the web editor."""
        root = self.settings.root
        for source, target in steps.downloads(self.pages, root, site, ".md"):
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        for path, text in self.beside.items():
            steps.inside(site, path).parent.mkdir(parents=True, exist_ok=True)
            steps.inside(site, path).write_text(text, "utf-8")
        for path, script in csp.theme_scripts().items():
            steps.inside(site, path).parent.mkdir(parents=True, exist_ok=True)
            steps.inside(site, path).write_text(script, "utf-8")
        if self.serving:  # the saved page first (civplan.site.after_reload)
            after_reload.run(lambda: self._index_and_word_files(site))
        else:
            self._index_and_word_files(site)
        cms.write_admin(site, root, self.settings.plans_dir, self.settings.templates_dir)
        if self.admin_dir:
            cms.move_admin(site, root / self.admin_dir)
        if self.cache:
            self.cache.finish()
            made = len(self.keys) - self.cache.hits
            log.info(f"页面：{self.cache.hits} 个沿用上次构建，{made} 个重新生成。")

    def _index_and_word_files(self, site: Path) -> None:
        # the index reads only the pages: Word files still being made go on meanwhile
        if not self.settings.sharding.search_later:
            search_index.build(str(site), self.settings.cache("search"))
        made = self.finish_word_files()
        log.info(f"Word 文件：{len(self.word.jobs)} 个，其中 {made} 个新生成。")

    def finish_word_files(self) -> int:
        """Wait for the Word files started in `load` (scripts/build_phases.py times this)."""
        return self.word.finish()

    def cancel(self) -> None:
        """The build stopped: start no more Word files."""
        if self.word:
            self.word.cancel()


def _page_title(plan: Plan) -> str:
    name = plan.get("template_info", "name")
    return name or plan.meta["title"]


def _version_of(name: str) -> str:
    """MkDocs or a fork of it (ProperDocs: scripts/compare_builds.py builds the same project with
    both), and its version: the program that writes the pages is one of their inputs."""
    try:
        return f"{name} {metadata.version(name)}"
    except metadata.PackageNotFoundError:
        return name
