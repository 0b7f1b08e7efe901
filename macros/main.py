"""mkdocs-macros module: registers the plan macros through define_env only.

Each plan macro takes the current page's plan from the build the civplan plugin runs
(civplan.site.build.Build) and hands its metadata to a section of civplan.site.sections; each
listing macro hands the build's plans, templates or changes to civplan.site.directory; the
rules and field pages' macros come from civplan.site.reference. The HTML a macro returns is
stashed in the build and put back once every other plugin has seen the page.
"""

from civplan.site import directory, sections
from civplan.site.reference import rules_reference, schema_reference
from civplan.site.urls import relative_url

PLAN_LISTINGS = [
    "plan_directory",
    "plan_counts",
    "latest_plans",
    "notice_now",
    "due_this_month",
    "overdue_tasks",
    "completed_this_month",
]


def define_env(env):
    def plugin():
        """The build the civplan plugin runs (civplan.site.build.Build)."""
        return env.conf["plugins"]["civplan"].build

    def current_plan():
        plan = plugin().plan_of(env.page)
        if plan is None:
            raise ValueError(f"{env.page.file.src_path} 不是方案页面，不能使用方案的宏。")
        return plan

    def url(uri: str) -> str:
        """The page of docs-relative `uri` (plans/x.md), relative to the page being rendered."""
        return relative_url(uri.removesuffix(".md") + "/", env.page.url or ".")

    def plans():
        return [(url(uri), plan.meta) for uri, plan in plugin().plans().items()]

    def templates():
        return [(url(uri), plan.meta) for uri, plan in plugin().templates().items()]

    def changes():
        return [(url(uri), title, version) for uri, title, version in plugin().changes()]

    for name, section in sections.PLAN_MACROS.items():
        env.macro(_plan_macro(section, current_plan, plugin), name)
    for name in PLAN_LISTINGS:
        env.macro(_site_macro(getattr(directory, name), plans, plugin), name)
    # the directory's own, in place of the plain listing's: its further rows go beside its page
    env.macro(_directory_macro(plans, plugin, env), "plan_directory")
    env.macro(_site_macro(directory.template_library, templates, plugin), "template_library")
    env.macro(_site_macro(directory.recent_changes, changes, plugin), "recent_changes")
    env.macro(schema_reference, "schema_reference")
    env.macro(rules_reference, "rules_reference")


def _plan_macro(section, current_plan, plugin):
    def macro():
        return plugin().stash_html(section(current_plan().meta, plugin().now))

    macro.__doc__ = section.__doc__
    return macro


def _directory_macro(entries, plugin, env):
    def macro():
        html, parts = directory.directory_files(entries(), plugin().now)
        folder = env.page.url + directory.PARTS  # fetched relative to the page (directory.js)
        plugin().write_beside({folder + name: text for name, text in parts.items()})
        return plugin().stash_html(html)

    macro.__doc__ = directory.directory_files.__doc__
    return macro


def _site_macro(listing, entries, plugin):
    def macro():
        return plugin().stash_html(listing(entries(), plugin().now))

    macro.__doc__ = listing.__doc__
    return macro
