"""The web editor at /admin/ (Decap CMS): its config.yml and page, generated from the schema.

Every field of the form comes from plan.schema.json: titles become labels, descriptions hints,
enums selects, `format: date` a date picker, arrays lists, objects groups, `required`,
`pattern` and `minLength` the form's own checks. A new plan starts from a template: one
collection per template, whose defaults are the template's values and body (without its
guidance, as `civplan new` writes it). The backend (GitHub, GitLab, Gitea, Forgejo) is the
only hand-written part, in docs/admin/backend.yml.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from civplan.model.blank import BLANK, drop_guidance
from civplan.model.contacts import EMAIL
from civplan.model.loader import load
from civplan.model.schema import resolve, schema
from civplan.site.errors import SiteError
from civplan.site.markup import render

LOCALE = "zh_Hans"
TEMPLATE_ONLY = {"template_info"}
"""Fields that only templates have: `civplan new` drops them, so the plan form has none."""
DATE = {
    "widget": "datetime",
    "format": "YYYY-MM-DD",
    "date_format": "YYYY-MM-DD",
    "time_format": False,
}
BODY = {"name": "body", "label": "正文", "widget": "text", "required": False}
CHECK = {
    "name": "civplan_check",
    "label": "检查",
    "widget": "civplan-check",  # docs/admin/civplan-cms.js: asks make edit's server
    "required": False,
    "hint": "按“检查”列出 civplan check 对表单当前内容发现的问题；保存时也会检查，有错误就不保存。",
}
NOTE = {
    "name": "civplan_note",
    "label": "本次修改说明",
    "widget": "string",
    "required": False,
    "hint": "已发布的方案（状态不是“草案”）修改时必填：用公众看得懂的一句话写明改了什么。"
    "保存时写进“修改说明”的第一条，日期为今天。",
}
"""Two fields of the form only (civplan-cms.js never writes them to the file): the check
button and the note of this change, which becomes the first entry of `revisions`."""
BODY_HINT = "指导思想等自由文字；{{ leading_group() }} 这样的宏由上面的数据生成对应章节，请保留。"
API_ROOTS = {
    "github": "https://api.github.com",
    "gitlab": "https://gitlab.com",
    "gitea": "https://gitea.com",
    "forgejo": "https://codeberg.org",
}
"""Where each backend's API lives unless backend.yml says api_root: the page may connect there."""


def fields(node: dict, defaults: dict | None = None, present: bool = True) -> list[dict]:
    """The form fields of an object schema, in its order, with defaults where they fit.

    `present`: whether the object is always there. Decap checks the required fields of an
    optional group even when the plan leaves the whole group out (a plan without `notice`
    could not be saved), so inside an optional group nothing is required by the form; the
    check (`civplan check`, CI) still refuses such a group that lacks a required field.
    """
    required = set(node.get("required", [])) if present else set()
    defaults = defaults if isinstance(defaults, dict) else {}
    return [
        field(name, sub, name in required, defaults.get(name))
        for name, sub in node.get("properties", {}).items()
    ]


def field(name: str, node: dict, required: bool, default=None) -> dict:
    node = resolve(node)
    out = {"name": name, "label": node.get("title", name), "required": required}
    if node.get("description"):
        out["hint"] = node["description"]
    out.update(widget(node, default, required))
    if out["widget"] != "object" and fits(node, default):
        out["default"] = default
    return out


def widget(node: dict, default=None, required: bool = True) -> dict:
    """The Decap widget of one schema node (objects and lists recurse)."""
    node = resolve(node)
    kind = node.get("type")
    if "enum" in node:
        return {"widget": "select", "options": node["enum"]}
    if kind == "object":
        return {"widget": "object", "collapsed": False, "fields": fields(node, default, required)}
    if kind == "array":
        return list_widget(node)
    if kind == "integer":
        bounds = {k: node[k] for k in ("minimum", "maximum") if k in node}
        return {"widget": "number", "value_type": "int", **_bounds(bounds)}
    if kind == "boolean":
        return {"widget": "boolean"}
    if node.get("format") == "date":
        return {**DATE, "pattern": [_either(r"^\d{4}-\d{2}-\d{2}$"), _message(node, "日期")]}
    return {"widget": "string", **_string_check(node)}


def list_widget(node: dict) -> dict:
    items = resolve(node.get("items", {}))
    out: dict = {"widget": "list", "collapsed": False}
    if items.get("type") == "object":
        out["fields"] = fields(items)
    else:  # a list of texts: one input per item, not Decap's comma-separated default
        named = {**items, "title": node.get("title", "项"), "description": node.get("description")}
        out["field"] = {"name": "item", "label": named["title"], **widget(named)}
    if node.get("minItems"):
        out["min"] = node["minItems"]
    return out


def fits(node: dict, value) -> bool:
    """Whether a template value can be a default: a number field cannot hold a blank, say."""
    node = resolve(node)
    if value is None:
        return False
    if "enum" in node:
        return value in node["enum"]
    kind = node.get("type")
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    wanted = {"boolean": bool, "array": list, "string": str}.get(kind)
    return wanted is not None and isinstance(value, wanted)


def _bounds(bounds: dict) -> dict:
    return {"min": bounds["minimum"]} | ({"max": bounds["maximum"]} if "maximum" in bounds else {})


def _either(pattern: str) -> str:
    """The schema's pattern, or a blank still to fill (a blank stands for any value until it is
    filled: the check lets it pass, and the `blank` rule decides whether it may stay)."""
    return f"(?:^{BLANK.pattern}$)|(?:{pattern})"


def _message(node: dict, what: str = "") -> str:
    """The form's sentence for a value of the wrong shape: the same as check's (the schema's
    patternHint says what to write; a pattern itself means nothing to an editor)."""
    title, hint, how = node.get("title", what), node.get("patternHint"), node.get("description")
    if hint:
        return f"{title}格式不对，应写成{hint}。"
    return f"{title}格式不对。填写说明：{how}" if how else f"{title}格式不对。"


def _string_check(node: dict) -> dict:
    """Decap has one `pattern` per field: the schema's pattern, else its minLength, else email."""
    if "pattern" in node:
        return {"pattern": [_either(node["pattern"]), _message(node)]}
    if node.get("format") == "email":
        return {"pattern": [_either(f"^{EMAIL}$"), _message(node)]}
    if node.get("minLength", 0) > 1:
        count = node["minLength"]
        return {"pattern": [rf"^[\s\S]{{{count},}}$", f"{node.get('title', '')}至少{count}个字。"]}
    return {}


def plan_fields(order: list[str], template: dict | None = None, body: str | None = None):
    """All fields of a plan (top level in `order`, then the schema's), with a template's defaults."""
    generated = {f["name"]: f for f in fields(schema(), template) if f["name"] not in TEMPLATE_ONLY}
    body_field = {**BODY, "hint": BODY_HINT} | ({"default": body} if body is not None else {})
    return (
        [CHECK, NOTE] + [generated[name] for name in _order(list(generated), order)] + [body_field]
    )


def _order(names: list[str], first: list[str]) -> list[str]:
    """Schema order, except that the keys the templates have keep the templates' order.

    The editor writes the top-level keys in the order of its fields, so this order is what
    keeps a saved plan's diff to the lines that changed.
    """
    ordered = [name for name in first if name in names]
    for index, name in enumerate(names):
        if name not in ordered:
            before = [n for n in names[:index] if n in ordered]
            ordered.insert(ordered.index(before[-1]) + 1 if before else 0, name)
    return ordered


def template_order(templates: list[Path]) -> list[str]:
    """Top-level keys in the order the templates write them: a key only some templates have
    (campaign) goes after the key it follows there."""
    order: list[str] = []
    for path in templates:
        plan, _ = load(path)
        previous = None
        for key in plan.meta if plan else {}:
            if key not in order:
                order.insert(order.index(previous) + 1 if previous else 0, key)
            previous = key
    return order


OTHER = "_other"
"""The collection key (civplan_template) of a plan whose template has no collection: no
template id can be written so (schema: lowercase letters, digits and hyphens)."""


def template_id(path: Path) -> str:
    """The id a template gives the plans copied from it (its file name if it has none)."""
    plan, _ = load(path)
    return str(plan.get("template", "id", default=path.stem)) if plan else path.stem


def template_ids(root: Path, templates_dir="templates") -> list[str]:
    """The ids that have a collection: civplan-cms.js files every other plan under OTHER."""
    return [template_id(path) for path in sorted((root / templates_dir).glob("*.md"))]


def template_collection(path: Path, plans_dir: str, order: list[str]) -> dict:
    """A collection that lists a template's plans and creates new ones from it."""
    plan, problems = load(path)
    if plan is None:
        raise ValueError(f"{path}: {problems[0].message if problems else '无法读取'}")
    meta = {k: v for k, v in plan.meta.items() if k not in TEMPLATE_ONLY}
    info = plan.meta.get("template_info", {})
    name = str(info.get("name", path.stem)).removesuffix("模板")
    return {
        **_folder(plans_dir),
        "name": f"from-{path.stem}",
        "label": name,
        "label_singular": name,
        "description": info.get("purpose", ""),
        "create": True,
        # Decap's filter reads a top-level key only: civplan-cms.js copies template.id there
        "filter": {"field": "civplan_template", "value": template_id(path)},
        "fields": plan_fields(order, meta, drop_guidance(plan.body)),
    }


def _folder(plans_dir: str) -> dict:
    return {
        "folder": plans_dir,
        "extension": "md",
        "format": "civplan",  # docs/admin/civplan-cms.js: the plans' own YAML style
        # the file name: the address the server gives (civplan-cms.js, preSave), as civplan new
        "slug": "{{civplan_address}}",
        "identifier_field": "title",
        "summary": "{{title}}",
        "sortable_fields": ["title", "year"],
    }


def config(root: Path, plans_dir="plans", templates_dir="templates", local_url=None) -> dict:
    """The whole config.yml: backend settings, one collection per template, one for the rest."""
    templates = sorted((root / templates_dir).glob("*.md"))
    order = template_order(templates)
    # Each plan is listed once: under its template, or here when no collection has its template
    other = {
        **_folder(plans_dir),
        "name": "plans",
        "label": "其他方案",
        "label_singular": "方案",
        "description": "来源模板不在上面各类之中（或没有写来源模板）的方案。",
        "create": False,
        "filter": {"field": "civplan_template", "value": OTHER},
        "fields": plan_fields(order),
    }
    return {
        **backend_settings(root),
        "local_backend": {"url": local_url} if local_url else True,
        "locale": LOCALE,
        "media_folder": "docs/assets/uploads",
        "public_folder": "/assets/uploads",
        "slug": {"encoding": "unicode", "clean_accents": False, "sanitize_replacement": "-"},
        "collections": [template_collection(p, plans_dir, order) for p in templates] + [other],
    }


def backend_settings(root: Path) -> dict:
    """docs/admin/backend.yml: which git host, repository and branch (see CONTRIBUTING.md)."""
    path = root / "docs" / "admin" / "backend.yml"
    settings = yaml.safe_load(path.read_text("utf-8")) if path.exists() else None
    return settings or {"backend": {"name": "github", "repo": "owner/repo", "branch": "main"}}


def csp(settings: dict, local_url: str | None = None) -> str:
    """The admin page's Content-Security-Policy: this site, and the git host's API only.

    Decap needs 'unsafe-eval' (ajv compiles the config schema with new Function) and inline
    styles (emotion injects <style> elements); scripts, styles and fonts come from this site
    only, and the page connects to nothing but the git host (its API and its login).
    """
    backend = settings.get("backend", {})
    api = backend.get("api_root") or API_ROOTS.get(backend.get("name", ""), "")
    # base_url: where the login happens: GitLab/Gitea/Forgejo's own server (PKCE), or for
    # GitHub the OAuth service that keeps the client secret (CONTRIBUTING.md)
    hosts = {_origin(api), _origin(backend.get("base_url", "")), _origin(local_url or "")}
    # blob: the page's own object URLs (Decap reads an entry's media previews through them)
    connect = " ".join(["'self'", "blob:", *sorted(h for h in hosts if h)])
    return (
        "default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data: blob:; font-src 'self' data:; connect-src {connect}; "
        "base-uri 'self'; form-action 'none'"
    )


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def index_html(policy: str, templates: list[str]) -> str:
    """The editor's page (templates/cms_index.html); `templates`: the template ids that have a
    collection, which civplan-cms.js reads to list every other plan under 其他方案, and the blank
    pattern (civplan.model.blank), which it reads to tell a blank still to fill from a value."""
    ids = " ".join(templates)
    return render("cms_index.html", policy=policy, templates=ids, blank=BLANK.pattern) + "\n"


class _Dumper(yaml.CSafeDumper):
    """No &anchors: the same option list written out twice is easier to read than an alias.
    libyaml's emitter writes the same text as PyYAML's, three times faster."""

    def ignore_aliases(self, data) -> bool:
        return True


def config_text(root: Path, local_url: str | None = None, **folders) -> str:
    data = config(root, local_url=local_url, **folders)
    head = "# Generated by civplan/cms.py from plan.schema.json and templates/: do not edit.\n"
    return head + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


def write_admin(site_dir: Path, root: Path, plans_dir="plans", templates_dir="templates") -> None:
    """Write /admin/config.yml and /admin/index.html into a built site (on_post_build)."""
    admin = Path(site_dir) / "admin"
    admin.mkdir(parents=True, exist_ok=True)
    text = config_text(root, plans_dir=plans_dir, templates_dir=templates_dir)
    (admin / "config.yml").write_text(text, "utf-8")
    page = index_html(csp(backend_settings(root)), template_ids(root, templates_dir))
    (admin / "index.html").write_text(page, "utf-8")


def move_admin(site_dir: Path, target: Path) -> None:
    """Take the editor out of a built site into `target` (replaced whole), for an origin of its
    own: the public site then has no /admin/ at all."""
    if target.resolve().is_relative_to(Path(site_dir).resolve()):
        raise SiteError(f"编辑器的文件夹 {target} 不能在网站文件夹之内：它要发布在另一个域名下。")
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(Path(site_dir) / "admin"), str(target))
