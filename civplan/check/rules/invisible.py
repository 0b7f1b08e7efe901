"""Text that lies about itself: characters a reader cannot see, and names that show as nothing.

Metadata becomes titles, names, addresses and phone numbers in the directory, the card and the
Word file: an invisible character there is refused. In the body too: the site's strict build
stops on a warning as on an error, so a character that is only flagged would pass `check` and
still stop the build; the message says it is most likely pasted in, and where."""

from __future__ import annotations

from civplan.check.rules.registry import body_lines, rule, strings
from civplan.model.text import as_read, describe, invisible

SHOWN_ALONE = (("title",), ("unit", "name"))
"""Fields a reader identifies a plan by: they must show something."""
FIELD_NAMES = {("title",): "标题", ("unit", "name"): "单位名称"}


def _named(text: str) -> str:
    # U+FEFF is a control character for the control-character rule; no second report of it
    return "、".join(describe(char) for char in invisible(text) if char != "\ufeff")


@rule("invisible-character", "元数据中不能有看不见的字符（零宽空格、双向文字控制符、填充字符等）")
def invisible_in_metadata(plan, mode):
    for where, text in strings(plan):
        found = _named(text)
        if found:
            yield (
                plan.line_of(where),
                (
                    f"这一项含有看不见的字符 {found}。读者看到的文字与文件中保存的不一样"
                    "（两个标题看起来相同、电话号码显示的顺序被颠倒等）。"
                    "请删除这样的字符：在编辑器中搜索它的编码，或把这一项重新输入一遍。"
                ),
            )


@rule("body-invisible-character", "正文中不能有看不见的字符（零宽空格、双向文字控制符等）")
def invisible_in_body(plan, mode):
    for line, text in body_lines(plan):
        found = _named(text)
        if found:
            yield (
                line,
                (
                    f"这一行含有看不见的字符 {found}，读者看到的可能与文件中不同。"
                    "多半是复制粘贴时带进来的，请删除它，或把这一行重新输入一遍。"
                ),
            )


@rule("looks-empty", "标题和单位名称去掉看不见的字符和空格后不能是空的")
def looks_empty(plan, mode):
    for where in SHOWN_ALONE:
        value = plan.get(*where)
        if isinstance(value, str) and value and not as_read(value):
            yield (
                plan.line_of(where),
                (
                    f"{FIELD_NAMES[where]}只有空格或看不见的字符，网页上会显示成一片空白。"
                    "请写上实际的名称。"
                ),
            )
