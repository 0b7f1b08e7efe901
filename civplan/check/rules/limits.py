"""Bounds on what one plan can make the build do: a plan is read by Markdown, which is slow on
some shapes of text (a line of 100,000 “[” keeps its link parser busy for minutes), and by the
Word export, whose XML cannot hold control characters. Real plans are far inside these bounds."""

from __future__ import annotations

import re

from civplan.check.rules.registry import body_lines, rule, texts

MAX_LINE = 5_000
"""Characters in one body line: a long paragraph of a real plan has about 500."""
MAX_BRACKETS = 100
"""Square brackets, or curly braces, in one body line: a line with ten links has twenty."""
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
"""Control characters (tab and newline aside), line and paragraph separators, byte-order marks:
invisible in an editor, and either lost or fatal in HTML and Word."""


MAX_DEPTH = 8
"""Levels of lists, quotes and notes (!!!) inside each other: a real plan nests two or three.
Markdown and the Word export read each level by recursion, and 300 levels end in a crash."""
NESTING = re.compile(r"(?:[ \t]*+(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*+[ \t]*+")
"""What opens a line before its text: indentation, quote marks, list markers ("- - - a" is a
list in a list in a list). Possessive: a line of 2,400 spaces is read once, not backtracked
through (that took 30 ms a line)."""
MARKER = re.compile(r">|[-*+\d.)](?=[ \t]|$)")
DEEP = "这一行嵌套了 "
MAX_COLUMNS = 63
"""Columns of a table: Word's own limit (a roster has four)."""
MAX_PARAGRAPH = 20_000
"""Characters in one paragraph, list or table (lines without a blank line between): a long
paragraph of a real plan has about 500; the Word export takes seconds for 20,000 “*a”."""


@rule(
    "body-limits",
    "正文每行不超过 5000 字、方括号不超过 100 个，嵌套不超过 8 层，表格不超过 63 列，每段不超过 20000 字",
)
def body_limits(plan, mode):
    deep = False  # a deep block is reported at its first deep line, not at each of them
    for line, text in body_lines(plan):
        message = _line_limit(text)
        if message and not (deep and message.startswith(DEEP)):
            yield line, message
        deep = (deep and not text.strip()) or bool(message and message.startswith(DEEP))
    for line, size in _long_paragraphs(plan):
        yield (
            line,
            f"从这一行起的一段（中间没有空行）有 {size} 个字符，超过 {MAX_PARAGRAPH} 个。"
            "请在段与段之间空一行，把它分成几段。",
        )


def _line_limit(text: str) -> str | None:
    """What is wrong with one body line, or None."""
    if len(text) > MAX_LINE:
        return f"这一行有 {len(text)} 个字符，超过 {MAX_LINE} 个。请分成几段（段与段之间空一行）。"
    if text.count("{") + text.count("}") > MAX_BRACKETS:
        return (
            f"这一行的花括号 {{ }} 超过 {MAX_BRACKETS} 个。花括号只用于宏，例如 {{{{ stages() }}}}，"
            "一行写一个；其他地方请改用中文括号。"
        )
    if text.count("[") + text.count("]") > MAX_BRACKETS:
        return (
            f"这一行的方括号 [ ] 超过 {MAX_BRACKETS} 个，网站无法在合理的时间内处理。"
            "方括号只用于写链接，其他地方请改用中文括号〔〕或【】。"
        )
    depth = nesting(text)
    if depth > MAX_DEPTH:
        return DEEP + (
            f"{depth} 层（列表、引用“>”或提示框“!!!”套在一起，或缩进太深），"
            f"超过 {MAX_DEPTH} 层。请减少缩进，把内容改写成不超过三层的列表。"
        )
    if "|" in text and text.strip().strip("|").count("|") + 1 > MAX_COLUMNS:
        columns = text.strip().strip("|").count("|") + 1
        return (
            f"这一行的表格有 {columns} 列，超过 {MAX_COLUMNS} 列（Word 的表格最多 63 列）。"
            "请把表格拆成几个，或把一部分列改成文字说明。"
        )
    return None


def nesting(text: str) -> int:
    """How deep a line stands: a level per four columns of indentation and per marker."""
    prefix = NESTING.match(text).group(0)
    indent = sum(4 if char == "\t" else 1 for char in prefix if char in " \t")
    return indent // 4 + len(MARKER.findall(prefix))


def _long_paragraphs(plan):
    """(first line, characters) of each run of non-blank lines longer than MAX_PARAGRAPH."""
    first, size = None, 0
    for line, text in [*body_lines(plan), (None, "")]:
        if text.strip():
            first, size = first or line, size + len(text) + 1
            continue
        if first is not None and size > MAX_PARAGRAPH:
            yield first, size
        first, size = None, 0


@rule("control-character", "元数据和正文中不能有控制字符（如 NUL、ESC、换页符、U+2028）")
def control_characters(plan, mode):
    for line, text, _ in texts(plan, CONTROL):
        found = CONTROL.search(text)
        yield (
            line,
            (
                f"这一行含有看不见的控制字符 U+{ord(found.group(0)):04X}，网页和 Word 都无法正确显示。"
                "请删除它（通常是从其他软件复制时带进来的），或重新输入这一行。"
            ),
        )
