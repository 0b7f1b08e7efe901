"""A plan comes from anyone: its body may call listed macros and write Markdown, nothing else."""

from __future__ import annotations

import html
import re

from civplan.check.macros import macro_problems
from civplan.check.rules import body_lines, rule, strings

JINJA_MARKS = ("{{", "{%", "{#")
TAG = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])|<!--")
BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data|file)\s*:", re.I)
LINK_TARGETS = re.compile(
    r"\]\(\s*<?((?:[^()\s>]|\([^()\s>]*\))*)|^\s*\[[^\]]+\]:\s*<?(\S+)|<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>"
)


@rule("body-macro", "正文的 {{ … }} 只能调用规定的宏，参数只能是直接写出的文字或数字")
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
