"""Bounds on what one plan can make the build do: a plan is read by Markdown, which is slow on
some shapes of text (a line of 100,000 “[” keeps its link parser busy for minutes), and by the
Word export, whose XML cannot hold control characters. Real plans are far inside these bounds."""

from __future__ import annotations

import re

from civplan.check.rules import body_lines, rule, texts

MAX_LINE = 5_000
"""Characters in one body line: a long paragraph of a real plan has about 500."""
MAX_BRACKETS = 100
"""Square brackets, or curly braces, in one body line: a line with ten links has twenty."""
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
"""Control characters (tab and newline aside), line and paragraph separators, byte-order marks:
invisible in an editor, and either lost or fatal in HTML and Word."""


@rule("body-limits", "正文每行不超过 5000 字，每行的方括号不超过 100 个")
def body_limits(plan, mode):
    for line, text in body_lines(plan):
        if len(text) > MAX_LINE:
            yield (
                line,
                (
                    f"这一行有 {len(text)} 个字符，超过 {MAX_LINE} 个。请分成几段（段与段之间空一行）。"
                ),
            )
        elif text.count("{") + text.count("}") > MAX_BRACKETS:
            yield (
                line,
                (
                    f"这一行的花括号 {{ }} 超过 {MAX_BRACKETS} 个。花括号只用于宏，例如 {{{{ stages() }}}}，"
                    "一行写一个；其他地方请改用中文括号。"
                ),
            )
        elif text.count("[") + text.count("]") > MAX_BRACKETS:
            yield (
                line,
                (
                    f"这一行的方括号 [ ] 超过 {MAX_BRACKETS} 个，网站无法在合理的时间内处理。"
                    "方括号只用于写链接，其他地方请改用中文括号〔〕或【】。"
                ),
            )


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
