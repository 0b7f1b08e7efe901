"""mkdocs-macros module: registers the plan macros through define_env only.

Thin glue: each macro finds the current page's plan (loaded once by the civplan plugin) and
hands it to a pure function in civplan.render or civplan.directory.
"""

from mkdocs.utils import get_relative_url

from civplan import directory, render
from civplan.reference import rules_reference, schema_reference


def define_env(env):
    def plugin():
        return env.conf["plugins"]["civplan"]

    def current_plan():
        plan = plugin().plan_of(env.page)
        if plan is None:
            raise ValueError(f"{env.page.file.src_path} 不是方案页面，不能使用方案的宏。")
        return plan

    def entries(pages):
        here = env.page.url or "."
        return [
            (get_relative_url(uri.removesuffix(".md") + "/", here), plan.meta)
            for uri, plan in pages.items()
        ]

    for name, section in render.PLAN_MACROS.items():
        env.macro(_plan_macro(section, current_plan, plugin), name)
    for name in ("plan_directory", "plan_counts", "latest_plans"):
        env.macro(
            _site_macro(getattr(directory, name), lambda: entries(plugin().plans()), plugin), name
        )
    env.macro(
        _site_macro(directory.template_library, lambda: entries(plugin().templates()), plugin),
        "template_library",
    )
    env.macro(schema_reference, "schema_reference")
    env.macro(rules_reference, "rules_reference")


def _plan_macro(section, current_plan, plugin):
    def macro():
        return section(current_plan().meta, plugin().today)

    macro.__doc__ = section.__doc__
    return macro


def _site_macro(listing, entries, plugin):
    def macro():
        return listing(entries(), plugin().today)

    macro.__doc__ = listing.__doc__
    return macro
