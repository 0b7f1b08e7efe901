"""A plan comes from anyone: its body may call listed macros and write Markdown, nothing else."""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path, PurePosixPath

from civplan.check.macros import macro_problems
from civplan.check.rules.registry import TEMPLATE, body_lines, rule, strings
from civplan.model.links import off_site

JINJA_MARKS = ("{{", "{%", "{#")
TAG = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])|<!--")
BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data|file)\s*:", re.I)
LINK_TARGETS = re.compile(
    r"\]\(\s*<?((?:[^()\s>]|\([^()\s>]*\))*)|^\s*\[[^\]]+\]:\s*<?(\S+)|<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>"
)


@rule("body-macro", "正文的 {{ … }} 只能调用规定的宏，宏不带参数")
def body_macros(plan, mode):
    for problem in macro_problems(plan.body, plan.path, plan.body_line):
        yield problem.line, problem.message


@rule("meta-template-code", "元数据中不能出现模板符号 {{、{% 或 {#")
def template_code_in_metadata(plan, mode):
    for where, text in strings(plan):
        if any(mark in text for mark in JINJA_MARKS):
            yield (
                plan.line_of(where),
                f"元数据中不能出现 {{{{、{{% 或 {{# 这样的模板符号（现在是“{text}”）。请把 {{{{ … }}}} 这部分换成实际内容；模板中要留空的地方写成〔待填：说明〕。",
            )


@rule("body-html", "正文不能包含 HTML 标签（如 script、iframe、style），只能用 Markdown")
def raw_html(plan, mode):
    for line, text in body_lines(plan):
        found = TAG.search(text)
        if found:
            tag = found.group(1) or "<!-- -->"
            yield (
                line,
                (
                    f"正文中不能写 HTML 标签“{tag}”（{found.group(0).strip()}…）。"
                    "请改用 Markdown：标题用 ##，列表用“- ”，表格用 |，强调用“**文字**”。"
                ),
            )


@rule("body-link-scheme", "链接只能指向网页、邮箱或电话，不能用 javascript:、data: 等地址")
def link_schemes(plan, mode):
    for line, text in body_lines(plan):
        for match in LINK_TARGETS.finditer(text):
            target = html.unescape(next(g for g in match.groups() if g is not None))
            scheme = BAD_SCHEME.match(target.replace("\t", "").replace("\n", ""))
            if scheme:
                yield (
                    line,
                    (
                        f"链接地址“{target}”使用了不安全的“{scheme.group(1)}:”。"
                        "链接只能以 https://、http://、mailto: 或 tel: 开头，或指向本站页面。"
                    ),
                )


IMAGE = re.compile(r"!\[([^\][]*)\](?:\(\s*<?([^)\s>]*)|\[([^\][]*)\])?")
"""Alt text without brackets: linear on a line of 50,000 “![” (a nested alt is no image)."""
DEFINITION = re.compile(r"^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s|$)")


@rule("body-image-host", "正文中的图片只能来自本站，不能从其他网站加载")
def image_hosts(plan, mode):
    lines = list(body_lines(plan))
    defined = {
        found.group(1).strip().lower(): found.group(2)
        for _, text in lines
        if (found := DEFINITION.match(text))
    }
    for line, text in lines:
        for found in IMAGE.finditer(text):
            alt, target, ref = found.groups()
            if target is None:
                target = defined.get((ref or alt).strip().lower(), "")
            if off_site(html.unescape(target)):
                yield (
                    line,
                    (
                        f"图片地址“{target}”不在本站。网站不向其他网站发出请求（读者的浏览器会因此访问那个网站）："
                        "请把图片放进本站的 docs/assets/ 文件夹，用本站的地址引用。"
                    ),
                )


LOCAL_TARGET = re.compile(r"\]\(\s*<?([^()\s<>]+)|^\s{0,3}\[[^\]]+\]:\s*<?([^\s<>]+)")
DOCS = "docs"
"""The site's own files, as the build publishes them: plans stand in docs/plans/, templates
in docs/library/, so a relative link is resolved from there."""


def site_files() -> list[str]:
    """Every file under docs/, as body-local-link resolves a link against: what the rule reads
    besides the plan, so the check cache keys on it (a deleted file fails a link again)."""
    return sorted(str(p) for p in Path(DOCS).rglob("*") if p.is_file())


@rule("body-local-link", "正文链接到本站的文件时，文件必须存在")
def local_links(plan, mode):
    folder = PurePosixPath(DOCS, "library" if mode == TEMPLATE else "plans")
    for line, text in body_lines(plan):
        for found in LOCAL_TARGET.finditer(text):
            target = html.unescape(found.group(1) or found.group(2)).split("#")[0].split("?")[0]
            name = PurePosixPath(target).name
            if not target or off_site(target) or target.endswith("/") or "." not in name:
                continue  # a page of the site (../../library/hospital/) or another site
            resolved = posixpath.normpath(str(folder / target))
            if not resolved.startswith(DOCS + "/") or not Path(resolved).is_file():
                yield (
                    line,
                    (
                        f"链接的文件“{target}”在本站不存在，网站构建时会报错。"
                        "链接本站页面请写成目录形式（例如 ../../library/hospital/）；"
                        "要附上的文件请先放进 docs/ 文件夹，再用相对地址链接。"
                    ),
                )


ATTRIBUTE_LIST = re.compile(r"(?<!\{)\{(?![{%])[^{}\n]*\}(?!\})")
"""Markdown's attr_list: `{: .class #id key=value }` after a paragraph, heading or link. A
single pair of braces anywhere is one (braces belong to macros, `{{ … }}`)."""
ATTRIBUTE = re.compile(r"""([.#])([^\s{}]+)|([^\s={}:]+)(?:=("[^"]*"|'[^']*'|[^\s}]*))?""")


@rule("body-attributes", "正文不能用 {: … } 给文字加 class、id、style、data- 等网页属性")
def attribute_lists(plan, mode):
    for line, text in body_lines(plan):
        for found in ATTRIBUTE_LIST.finditer(text):
            yield (
                line,
                (
                    f"正文中的“{found.group(0)}”会给文字加上网页属性（{_attributes(found.group(0))}），"
                    "可以让正文冒充网站自己的按钮、横幅、对话框，或把文字藏起来，不能使用。"
                    "请删除这对花括号和其中的内容；强调用“**文字**”，提示框用“!!! note”。"
                ),
            )


def _attributes(listing: str) -> str:
    """`{: .a #b hidden style=x }` -> class“a”、id“b”、属性“hidden”、属性“style”."""
    named = []
    for mark, value, key, _ in ATTRIBUTE.findall(listing.strip("{}")):
        if mark:
            named.append(f"{'class' if mark == '.' else 'id'}“{value}”")
        else:
            named.append(f"属性“{key}”")
    return "、".join(named) or "空的属性列表"
