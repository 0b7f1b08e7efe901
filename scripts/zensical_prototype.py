"""zensical_prototype: build the site with Zensical, with every page's macros already rendered.

    .venv/bin/python scripts/zensical_prototype.py --zensical /work/wt/zvenv/bin/zensical
    .venv/bin/python scripts/zensical_prototype.py --zensical Z --today 2026-05-15 --keep /tmp/z

Zensical reads mkdocs.yml but runs no third-party plugin (civplan's is dropped without a word)
and runs mkdocs-macros' define_env in a plain, unsandboxed Jinja environment. So nothing here
hands page text to Jinja: civplan loads the plans with its own loader, renders the section
macros' HTML with the same functions the MkDocs build uses, writes finished Markdown pages into
a temporary docs folder (plans, templates, history pages, the site's own pages, derived files),
next to a generated mkdocs.yml that is the project's without `plugins:` (no civplan, no macros),
and runs `zensical build` on it. Then it builds the same project with MkDocs and compares the
page sets and page texts (scripts/compare_builds.py). Prints figures; exits 1 if Zensical fails.

Run it with the project's interpreter (civplan and lxml); Zensical lives in its own venv.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from compare_builds import build, differences, pages  # noqa: E402

loader = importlib.import_module("civplan.model.loader")
lifecycle = importlib.import_module("civplan.model.lifecycle")
slug = importlib.import_module("civplan.model.slug")
sections = importlib.import_module("civplan.site.sections")
directory = importlib.import_module("civplan.site.directory")
reference = importlib.import_module("civplan.site.reference")
history = importlib.import_module("civplan.site.history")
site_files = importlib.import_module("civplan.site.derived")
sanitize = importlib.import_module("civplan.site.sanitize")
search_index = importlib.import_module("civplan.site.search_index")
word_files = importlib.import_module("civplan.export.cache")

CALL = re.compile(r"\{\{\s*(\w+)\(\)\s*\}\}")
"""A macro call as civplan check allows it in a body: `{{ name() }}`, nothing else."""
PLUGINS_BLOCK = re.compile(r"^plugins:\n(?:[ \t]+.*\n|\n)*", re.M)
WATCH_BLOCK = re.compile(r"^watch:\n(?:[ \t]+.*\n|\n)*", re.M)
MAIN_HTML = """{#- Zensical variant of overrides/main.html, written by scripts/zensical_prototype.py: with
    no civplan plugin to ask, the page's own front matter says what Pagefind indexes. -#}
{% extends "base.html" %}
{% block content %}
  {% set meta = page.meta if page and page.meta else {} %}
  {% if not page or (meta.search and meta.search.exclude) %}
    {{ super() }}
  {% else %}
    <div data-pagefind-body data-pagefind-meta="title:{{ page.title | replace(',', '，') | e }}"
      {%- if meta.civ_search == "template" %} data-pagefind-weight="0.5"{% endif %}>
      {{ super() }}
      {% if meta.civ_tags %}
        <p class="civ-tags" data-pagefind-weight="5">关键词：{{ meta.civ_tags | map("e") | join("、") }}</p>
      {% endif %}
    </div>
  {% endif %}
{% endblock %}
"""


# Pages are written as <page>/index.md, not <page>.md: Zensical resolves relative links in raw
# HTML against the Markdown file's folder (MkDocs leaves raw HTML alone), and civplan writes
# links relative to the page's address, which is that folder only for an index.md.


class Refused(Exception):
    """A page that would need Jinja to render: the prototype writes none."""


def load_folder(root: Path, folder: str) -> list:
    plans = []
    for path in sorted((root / folder).glob("*.md")):
        plan, problems = loader.load(path, f"{folder}/{path.name}")
        if plan is None or any(p.is_error for p in problems):
            raise Refused("\n".join(str(p) for p in problems))
        plans.append(plan)
    return plans


def expand(text: str, path: str, macros: dict, clean=str) -> str:
    """`text` with every {{ name() }} replaced by its HTML (passed through `clean`), as its own
    HTML block. Anything else between {{ }}, {% %} or {# #} is refused, never rendered."""

    def one(found: re.Match) -> str:
        if found.group(1) not in macros:
            raise Refused(f"{path}: 未知的宏“{found.group(1)}()”")
        return f"\n\n{clean(macros[found.group(1)]())}\n\n"

    rest = CALL.sub("", text)
    if "{{" in rest or "{%" in rest or "{#" in rest:
        raise Refused(f"{path}: 除 {{{{ 宏名() }}}} 外的 Jinja 写法，原型不渲染。")
    return CALL.sub(one, text)


def page(title: str, head_html: str, markdown: str, **meta) -> str:
    """A finished page: front matter, the sanitised head (banner, card) and the Markdown."""
    front = yaml.safe_dump({"title": title, **meta}, allow_unicode=True)
    head = f"{sanitize.clean(head_html)}\n\n" if head_html else ""
    return f"---\n{front}---\n\n{head}{markdown}\n"


def plan_pages(plans: list, versions: dict, now) -> dict[str, str]:
    out = {}
    for plan in plans:
        key = slug.slug_for(plan.meta)
        dated = versions.get(plan.path, [])
        updated = (
            dated[0].date.astimezone(lifecycle.BEIJING).strftime("%Y-%m-%d") if dated else None
        )
        successor = plan.meta.get("superseded_by")
        head = (
            sections.banner(plan.meta, now, f"../{successor}/" if successor else None)
            + sections.card(plan.meta, now, updated, "history/", f"{key}.docx")
            + sections.feedback_outcome(plan.meta)
        )
        macros = {name: partial(f, plan.meta, now) for name, f in sections.PLAN_MACROS.items()}
        body = expand(plan.body, plan.path, macros, sanitize.clean)
        tags = plan.meta.get("tags") or []
        out[f"plans/{key}/index.md"] = page(
            plan.meta["title"], head, body, civ_search="plan", civ_tags=tags
        )
    return out


def template_pages(templates: list, now) -> dict[str, str]:
    out = {}
    for plan in templates:
        key = plan.get("template", "id")
        example = plan.get("template_info", "example")
        card = sections.template_card(
            plan.meta, f"../../plans/{example}/" if example else None, now
        )
        macros = {name: partial(f, plan.meta, now) for name, f in sections.PLAN_MACROS.items()}
        body = sections.highlight_blanks(expand(plan.body, plan.path, macros, sanitize.clean))
        title = plan.get("template_info", "name") or plan.meta["title"]
        tags = plan.meta.get("tags") or []
        out[f"library/{key}/index.md"] = page(
            title, card, body, civ_search="template", civ_tags=tags
        )
    return out


def site_macros(uri: str, plans: dict, templates: dict, changes: list, now) -> dict:
    """The listing macros of the site's own pages, with links relative to page `uri`."""
    here = uri.removesuffix("index.md").removesuffix(".md").rstrip("/")
    depth = here.count("/") + 1 if here else 0

    def url(target: str) -> str:
        return "../" * depth + target.removesuffix(".md") + "/"

    plan_entries = [(url(u), p.meta) for u, p in plans.items()]
    listings = ("plan_directory", "plan_counts", "latest_plans", "notice_now", "due_this_month")
    macros = {name: partial(getattr(directory, name), plan_entries, now) for name in listings}
    entries = [(url(u), p.meta) for u, p in templates.items()]
    macros["template_library"] = partial(directory.template_library, entries, now)
    dated = [(url(u), title, version) for u, title, version in changes]
    macros["recent_changes"] = partial(directory.recent_changes, dated, now)
    macros["schema_reference"] = reference.schema_reference
    macros["rules_reference"] = reference.rules_reference
    return macros


def docs_pages(root: Path, plans: dict, templates: dict, changes: list, now) -> dict[str, str]:
    out = {}
    for path in sorted((root / "docs").rglob("*.md")):
        uri = path.relative_to(root / "docs").as_posix()
        macros = site_macros(uri, plans, templates, changes, now)
        out[uri] = expand(path.read_text("utf-8"), f"docs/{uri}", macros)
    return out


def write_tree(root: Path, target: Path, today: str) -> tuple[int, dict[str, list]]:
    """The finished pages, assets, overrides and config of a Zensical project: the number of
    pages, and the downloads to add after the build ({".docx"|".md": [(source, site path)]})."""
    now = lifecycle.now(today)
    published = [p for p in load_folder(root, "plans") if lifecycle.is_published(p.meta)]
    templates = load_folder(root, "templates")
    plans = {f"plans/{slug.slug_for(p.meta)}.md": p for p in published}
    by_id = {f"library/{p.get('template', 'id')}.md": p for p in templates}
    versions = history.read_history(root, "plans")
    changes = [
        (uri, p.meta["title"], version)
        for uri, p in plans.items()
        for version in versions.get(p.path, [])
    ]
    files = {
        **docs_pages(root, plans, by_id, changes, now),
        **plan_pages(published, versions, now),
        **template_pages(templates, now),
    }
    for uri, html in site_files.history_pages(plans, versions).items():
        title = plans[uri.removesuffix("/history.md") + ".md"].meta["title"]
        files[uri.removesuffix(".md") + "/index.md"] = page(
            f"修订记录：{title}", html, "", search={"exclude": True}
        )
    files.update(site_files.derived_files(plans, versions, now))
    shutil.copytree(root / "docs" / "assets", target / "docs" / "assets")
    shutil.copytree(root / "overrides", target / "overrides")
    (target / "overrides" / "main.html").write_text(MAIN_HTML, "utf-8")
    for uri, text in files.items():
        (target / "docs" / uri).parent.mkdir(parents=True, exist_ok=True)
        (target / "docs" / uri).write_text(text, "utf-8")
    config = (root / "mkdocs.yml").read_text("utf-8")
    (target / "mkdocs.yml").write_text(zensical_config(config), "utf-8")
    downloads = {
        suffix: [(root / p.path, site_files.download(uri, suffix)) for uri, p in chosen.items()]
        for suffix, chosen in ((".docx", {**plans, **by_id}), (".md", by_id))
    }
    return sum(uri.endswith(".md") for uri in files), downloads


def zensical_config(text: str) -> str:
    """The project's mkdocs.yml without its plugins (civplan, macros), watch list and strictness; Material's
    classic look rather than Zensical's default "modern"; no Zensical search index, since the
    site searches with Pagefind (Zensical's search is on unless turned off)."""
    text = WATCH_BLOCK.sub("", PLUGINS_BLOCK.sub("", text))
    # not strict: Zensical takes each template's download link (bureau.md) for a link to a page
    # that does not exist, 8 warnings that would abort the build (docs/reference/upgrade.md)
    text = text.replace("strict: true\n", "strict: false\n", 1)
    text = text.replace("  name: material\n", "  name: material\n  variant: classic\n", 1)
    return text + "\nplugins:\n  - search:\n      enabled: false\n"


def after_build(site: Path, root: Path, today: str, downloads: dict[str, list]) -> None:
    """What the plugin's on_post_build does: template downloads, Word files, the search index."""
    for source, target in downloads[".md"]:
        shutil.copyfile(source, site / target)
    jobs = [(source, site / target) for source, target in downloads[".docx"]]
    made = word_files.write_word_files(jobs, lifecycle.now(today).date(), root / ".cache" / "docx")
    print(f"Word 文件：{len(jobs)} 个，其中 {made} 个新生成")
    search_index.build(str(site))


def timed(label: str, step, *arguments):
    """Run one step and print how long it took; figures are printed, never asserted."""
    started = time.perf_counter()
    value = step(*arguments)
    print(f"{label}：用时 {time.perf_counter() - started:.2f} s")
    return value


def zensical_build(zensical: str, project: Path, today: str) -> int:
    env = {**os.environ, "CIVPLAN_TODAY": today, "NO_COLOR": "1"}
    command = [zensical, "build", "--clean"]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    print((result.stdout + result.stderr).strip())
    print(f"zensical build 退出码 {result.returncode}")
    return result.returncode


def run(zensical: str, root: Path, work: Path, today: str) -> int:
    project, mkdocs_site = work / "project", work / "mkdocs-site"
    for old in (project, mkdocs_site):
        shutil.rmtree(old, ignore_errors=True)
    started = time.perf_counter()
    try:
        count, downloads = timed("civplan 写出页面（宏已渲染）", write_tree, root, project, today)
    except Refused as refused:
        print(f"原型拒绝生成：{refused}")
        return 1
    print(f"写出 {count} 个 Markdown 页面")
    if timed("zensical build", zensical_build, zensical, project, today) != 0:
        return 1
    timed(
        "构建后步骤（Word、模板下载、Pagefind 索引）",
        after_build,
        project / "site",
        root,
        today,
        downloads,
    )
    print(f"原型合计：{time.perf_counter() - started:.2f} s")
    result = timed("对照：mkdocs build --strict", build, "mkdocs", root, mkdocs_site, today)
    print(f"mkdocs build 退出码 {result.returncode}")
    compare_sites(mkdocs_site, project / "site")
    return 0


def compare_sites(mkdocs_site: Path, zensical_site: Path) -> None:
    first, second = pages(mkdocs_site), pages(zensical_site)
    found = differences(first, second, ("mkdocs", "zensical"))
    common = len(first.keys() & second.keys())
    same = common - sum(line.startswith("页面文字不同") for line in found)
    print(f"HTML 页面：MkDocs {len(first)} 个，Zensical {len(second)} 个，两边都有 {common} 个，")
    print(f"其中正文文字相同 {same} 个（与 compare_builds.py 同样的比较）")
    for line in found:
        print(line)


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as data, with the one Python tag it uses (a pymdownx slugify) constructed."""


def _pymdownx_call(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    module, _, name = suffix.rpartition(".")
    if not module.startswith("pymdownx."):
        raise yaml.constructor.ConstructorError(
            None, None, f"不支持的标签 {suffix}", node.start_mark
        )
    arguments = loader.construct_mapping(node, deep=True)
    return getattr(importlib.importimportlib.import_module(module), name)(
        **arguments.get("kwds", {})
    )


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/object/apply:", _pymdownx_call)


def markdown_cost(project: Path) -> None:
    """Python-Markdown's time over a generated project's pages, as written and with each raw
    HTML block swapped for a one-line marker (what the plugin's stash spares MkDocs)."""
    import markdown  # noqa: PLC0415  (only for this measurement)

    config = yaml.load((project / "mkdocs.yml").read_text("utf-8"), Loader=_ConfigLoader)
    names, settings = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        settings[name] = options or {}
    bodies = [
        re.sub(r"\A---\n.*?\n---\n", "", path.read_text("utf-8"), flags=re.S)
        for path in sorted((project / "docs").rglob("*.md"))
    ]
    stashed = [
        "\n\n".join("<!--html-->" if b.lstrip().startswith("<") else b for b in body.split("\n\n"))
        for body in bodies
    ]
    for label, texts in (("原样", bodies), ("HTML 块换成一行标记", stashed)):
        started = time.perf_counter()
        for text in texts:
            markdown.Markdown(extensions=names, extension_configs=settings).convert(text)
        print(
            f"Python-Markdown，{len(texts)} 个页面，{label}：{time.perf_counter() - started:.1f} s"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="用 Zensical 构建网站的原型（宏已预先渲染）。")
    parser.add_argument("--zensical", default=shutil.which("zensical"), help="zensical 可执行文件")
    parser.add_argument("--project", type=Path, default=REPO, help="项目目录（含 mkdocs.yml）")
    parser.add_argument("--today", default=os.environ.get("CIVPLAN_TODAY") or "2026-05-15")
    parser.add_argument("--keep", type=Path, help="把生成的项目和两个网站留在这个目录")
    parser.add_argument(
        "--markdown-cost", type=Path, metavar="PROJECT", help="只测 Markdown 转换 --keep 生成的项目"
    )
    args = parser.parse_args(argv)
    if args.markdown_cost:
        markdown_cost(args.markdown_cost)
        return 0
    if not args.zensical:
        parser.error("找不到 zensical：请用 --zensical 指定，例如 /work/wt/zvenv/bin/zensical")
    with tempfile.TemporaryDirectory(prefix="zensical-") as temp:
        work = args.keep or Path(temp)
        return run(args.zensical, args.project.resolve(), work, args.today)


if __name__ == "__main__":
    sys.exit(main())
