"""The second wall: a Content-Security-Policy in every page, which forbids inline scripts and
handlers and every load from another host. If an escaping bug let markup from a plan into a
page, the browser would still run nothing and fetch nothing.

Material puts three small scripts inline; overrides/partials/javascripts/ loads them from
files instead, which this module writes from Material's own partials at every build (so they
follow the installed Material, and nothing of it is copied into the project).
"""

from __future__ import annotations

import re
from importlib import resources

from markupsafe import Markup

from civplan.site.errors import SiteError
from civplan.site.markup import render

POLICY = "; ".join(
    [
        "default-src 'self'",
        # Pagefind compiles its WebAssembly search; nothing else is evaluated
        "script-src 'self' 'wasm-unsafe-eval'",
        # Material and the site's scripts set styles; styles cannot run code or reach a host
        # that img-src, font-src and connect-src do not allow
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)
# as written: escaping its quotes would change every page's bytes, and it is our own text
META = render("csp_meta.html", policy=Markup(POLICY))
THEME_SCRIPTS = ("base", "palette", "content")
SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
SCOPE = '"{{ config.extra.scope | d(base_url) }}"'


def theme_scripts() -> dict[str, str]:
    """assets/theme/<name>.js for each of Material's inline scripts: site path → JavaScript."""
    folder = resources.files("material").joinpath("templates", "partials", "javascripts")
    files = {}
    for name in THEME_SCRIPTS:
        found = SCRIPT.findall(folder.joinpath(f"{name}.html").read_text("utf-8"))
        if not found:
            raise SiteError(
                f"Material 的 partials/javascripts/{name}.html 中没有找到脚本：主题版本已变，请更新 civplan/site/csp.py。"
            )
        script = found[-1].replace(SCOPE, "document.currentScript.dataset.scope")
        if "{{" in script or "{%" in script:
            raise SiteError(
                f"Material 的 {name}.html 脚本中有模板代码，无法移到文件中：请更新 civplan/site/csp.py。"
            )
        files[f"assets/theme/{name}.js"] = script + "\n"
    return files
