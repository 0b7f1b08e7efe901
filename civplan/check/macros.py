"""What a plan body may contain between {{ }}: a listed section macro, called without arguments.

mkdocs-macros renders pages with Jinja2, which can reach Python internals; a plan arrives in a
pull request from anyone, so its body is checked on the Jinja AST before it is ever rendered.
"""

from __future__ import annotations

import difflib
import re

from jinja2 import Environment, TemplateSyntaxError, nodes

from civplan.model.macros import MACROS as PLAN_MACROS
from civplan.model.problems import Problem

_PARSER = Environment()
SIMPLE_CALL = re.compile(r"\{\{\s*(\w+)\(\)\s*\}\}")


def _only_simple_calls(body: str) -> bool:
    """True when every {{ … }} is `name()` of a listed macro and nothing else opens a tag:
    the common case, decided without parsing (the AST check below is the general one)."""
    if "{%" in body or "{#" in body:
        return False
    names = SIMPLE_CALL.findall(body)
    return body.count("{{") == body.count("}}") == len(names) and all(
        n in PLAN_MACROS for n in names
    )


def macro_problems(body: str, path: str, first_line: int) -> list[Problem]:
    """Problems with the {{ … }} and {% … %} in a body whose first line is `first_line`."""
    if _only_simple_calls(body):
        calls = [
            (m.group(1), body.count("\n", 0, m.start()) + 1) for m in SIMPLE_CALL.finditer(body)
        ]
        return _repeated(calls, path, first_line)
    try:
        tree = _PARSER.parse(body)
    except RecursionError:
        message = "正文中的 {{ 和 }} 嵌套得太深，无法读取。宏的写法是 {{ stages() }}，一行一个。"
        return [Problem(path, first_line, message, "body-macro")]
    except TemplateSyntaxError as err:
        line = first_line + (err.lineno or 1) - 1
        message = (
            f"正文中的 {{{{ … }}}} 写法有误（{err.message}）。"
            f"宏的写法是 {{{{ stages() }}}}，可用的宏：{_allowed()}。"
        )
        return [Problem(path, line, message, "body-macro")]
    return [
        Problem(path, first_line + lineno - 1, message, "body-macro")
        for lineno, message in _walk(tree)
    ] + _repeated(_calls(tree), path, first_line)


def _calls(tree: nodes.Template) -> list[tuple[str, int]]:
    """(name, line) of every macro call as Jinja reads it: `{{- stages() -}}` and
    `{{ stages( ) }}` are the same call as `{{ stages() }}`."""
    return [
        (call.node.name, call.lineno)
        for call in tree.find_all(nodes.Call)
        if isinstance(call.node, nodes.Name) and call.node.name in PLAN_MACROS
    ]


def _repeated(calls: list[tuple[str, int]], path: str, first_line: int) -> list[Problem]:
    """Each section stands once in a plan: a macro called again is a copying mistake (and
    two thousand calls would make the page two thousand times as long). `calls`: (name, line
    in the body) in order; the fast path of macro_problems finds them by SIMPLE_CALL only
    when every {{ of the body is such a call, so both readings agree with Jinja's."""
    seen, problems = set(), []
    for name, lineno in calls:
        if name in seen:
            line = first_line + lineno - 1
            message = f"宏“{name}()”已经用过一次，每个章节只写一次。请删去这一处。"
            problems.append(Problem(path, line, message, "body-macro"))
        seen.add(name)
    return problems


def _allowed() -> str:
    return "、".join(f"{name}()" for name in PLAN_MACROS)


def _unknown(name: str) -> str:
    """An unknown macro, with the closest listed name: leading_grop() → leading_group()."""
    close = difflib.get_close_matches(name, list(PLAN_MACROS), n=1, cutoff=0.6)
    guess = f"是不是要写 {close[0]}()？" if close else "请检查拼写。"
    return f"未知的宏“{name}()”。{guess}可用的宏：{_allowed()}。"


def _walk(tree: nodes.Template):
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            yield (
                node.lineno,
                (
                    f"正文中不能使用 {{% … %}} 语句（这里是 {type(node).__name__}）。"
                    f"正文只能调用宏，例如 {{{{ stages() }}}}，可用的宏：{_allowed()}。"
                ),
            )
            continue
        for child in node.nodes:
            if not isinstance(child, nodes.TemplateData):
                yield from _check_call(child)


def _check_call(node: nodes.Node):
    if not (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name)):
        yield (
            node.lineno,
            (
                "正文的 {{ … }} 里只能写一个宏调用，例如 {{ stages() }}，"
                f"不能写变量、属性或过滤器。可用的宏：{_allowed()}。"
            ),
        )
        return
    name = node.node.name
    if name not in PLAN_MACROS:
        yield node.lineno, _unknown(name)
        return
    if node.args or node.kwargs or node.dyn_args or node.dyn_kwargs:
        yield (
            node.lineno,
            f"宏“{name}()”不接受参数：它的内容全部来自元数据。请写成 {{{{ {name}() }}}}。",
        )
