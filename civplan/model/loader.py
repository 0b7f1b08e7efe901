"""Read a plan file: split the front matter, parse the YAML once, remember every field's line."""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from civplan.model.problems import Problem

FENCE = "---"

MAX_FILE_BYTES = 1_000_000
"""A real plan is 10–30 KB; a megabyte is generous and still cheap to check and build."""
MAX_FRONT_MATTER_LINES = 3_000
MAX_DEPTH = 12
"""The schema nests five levels deep (leading_group.deputies[0].name); twelve is plenty."""
MAX_NUMBER_DIGITS = 15
"""Longer numbers are no year, count or phone number, and very long ones exhaust Python's int."""

FieldPath = tuple[str | int, ...]


# libyaml's parser is eight times faster than the pure-Python one; both give the same nodes.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """SafeLoader that keeps dates as strings, so the schema's `format: date` checks them."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}


@dataclass
class Plan:
    """A plan (or template) as read from disk: metadata, body and where each field stands."""

    path: str
    meta: dict
    body: str
    body_line: int
    lines: dict[FieldPath, int] = field(default_factory=dict)

    def line_of(self, where: FieldPath) -> int:
        """The line of a field, or of its closest enclosing field that has one."""
        for end in range(len(where), -1, -1):
            if where[:end] in self.lines:
                return self.lines[where[:end]]
        return 1

    def __getstate__(self) -> dict:
        """Pickled without the cached texts: they are cheap to rebuild, costly to ship."""
        return {k: v for k, v in self.__dict__.items() if k not in ("texts", "all_text")}

    @cached_property
    def texts(self) -> list[tuple[int, str, FieldPath | None]]:
        """Every piece of text an editor wrote, metadata then body: (line, text, field path or None)."""
        found = [(self.line_of(where), text, where) for where, text in _strings(self.meta)]
        lines = self.body.split("\n")
        return found + [(self.body_line + offset, text, None) for offset, text in enumerate(lines)]

    @cached_property
    def all_text(self) -> str:
        """All of `texts` in one string: one regex search tells whether a rule has anything to look at."""
        return "\n".join(text for _, text, _ in self.texts)

    def get(self, *where, default=None):
        """Nested lookup that never raises: plan.get("unit", "name")."""
        value = self.meta
        for key in where:
            try:
                value = value[key]
            except (KeyError, IndexError, TypeError):
                return default
        return value


SYMLINK = (
    "这是一个符号链接（快捷方式），不是文件，网站不会跟随它去读别处的文件。"
    "请删除这个链接，把要发布的文件本身放进仓库。"
)
"""What the loader and civplan.check.tree say of a symlink: one problem, however it is found."""


UNREADABLE = {
    errno.ENOENT: "文件不存在，请检查文件名和路径",
    errno.EACCES: "没有读取这个文件的权限",
    errno.EISDIR: "这是一个文件夹，不是文件",
}
"""Why a file cannot be read, in an editor's words (the system's own are English)."""


def load(path: str | Path, display: str | None = None) -> tuple[Plan | None, list[Problem]]:
    """Load a plan file; on failure return None and the problems, never raise."""
    display = display or str(path)
    if os.path.islink(path):
        return None, [Problem(display, 1, SYMLINK, "symlink")]
    try:  # O_NOFOLLOW: a file swapped for a symlink after the test above is refused too
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NOFOLLOW), "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        why = UNREADABLE.get(err.errno, err.strerror)
        return None, [Problem(display, 1, f"无法读取文件：{why}。", "file")]
    if len(raw) > MAX_FILE_BYTES:
        message = (
            f"文件超过 {MAX_FILE_BYTES // 1000} KB，不像一个实施方案。"
            "请删去粘贴进来的无关内容（图片请另存为文件再链接）。"
        )
        return None, [Problem(display, 1, message, "file-size")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        message = "文件不是 UTF-8 编码。请用编辑器“另存为 UTF-8”后再提交。"
        return None, [Problem(display, line, message, "encoding")]
    return parse(text, display)


def parse(text: str, path: str) -> tuple[Plan | None, list[Problem]]:
    """Parse the text of a plan file (see `load`)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    split = split_front_matter(text, path)
    if isinstance(split, Problem):
        return None, [split]
    yaml_text, body, body_line = split
    if body_line - 2 > MAX_FRONT_MATTER_LINES:
        message = f"元数据超过 {MAX_FRONT_MATTER_LINES} 行。请检查第二个 --- 是否放错了位置。"
        return None, [Problem(path, 1, message, "front-matter")]
    try:
        node = _compose(yaml_text)
    except yaml.YAMLError as err:
        return None, [_yaml_problem(err, path, yaml_text)]
    if not isinstance(node, yaml.MappingNode):
        message = "元数据应是“字段: 值”的形式，例如 title: 示例市……实施方案。"
        return None, [Problem(path, 2, message, "yaml")]
    lines: dict[FieldPath, int] = {(): 2}
    problems: list[Problem] = []
    stop = _bounds(node, path)
    if stop:
        return None, [stop]
    _walk(node, (), lines, problems, path)
    try:
        meta = _construct(yaml_text, node)
    except (yaml.YAMLError, ValueError) as err:
        return None, [_yaml_problem(err, path, yaml_text)]
    return Plan(path, meta, body, body_line, lines), problems


def split_front_matter(text: str, path: str) -> tuple[str, str, int] | Problem:
    """(YAML text, body, first line of the body), or the Problem that stops the split."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        message = "文件开头缺少元数据：第一行应是 ---，接着写元数据，再用一行 --- 结束。"
        return Problem(path, 1, message, "front-matter")
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in (FENCE, "..."):
            return "\n".join(lines[1 : number - 1]), "\n".join(lines[number:]), number + 1
    message = "元数据没有结束：在元数据之后、正文之前加一行 ---。"
    return Problem(path, 1, message, "front-matter")


def compose(yaml_text: str) -> yaml.Node | None:
    """The node tree of the metadata (its marks give each line and column), for a command that
    edits the text in place instead of dumping the data (civplan.cli.note)."""
    return _compose(yaml_text)


def _compose(yaml_text: str) -> yaml.Node | None:
    """The node tree of the metadata, for lines and bounds, before any value is built."""
    loader = _Loader(yaml_text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _construct(yaml_text: str, node: yaml.Node) -> object:
    """The data of a node tree that passed `_bounds`."""
    loader = _Loader(yaml_text)
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _bounds(root: yaml.Node, path: str) -> Problem | None:
    """The first thing in the node tree that would make checking or building it costly: an
    alias (a ten-line "billion laughs" expands to gigabytes), deep nesting, a huge number.

    The tree is walked once, each node at most once, so the walk is linear in the text."""
    seen: set[int] = set()
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        line = node.start_mark.line + 2
        if id(node) in seen:
            message = "元数据中不能使用 YAML 锚点和别名（& 和 *）。请把内容直接写出来。"
            return Problem(path, line, message, "yaml-alias")
        seen.add(id(node))
        if depth > MAX_DEPTH:
            message = f"元数据嵌套超过 {MAX_DEPTH} 层。请按字段说明的层次填写，检查缩进。"
            return Problem(path, line, message, "yaml-depth")
        if isinstance(node, yaml.ScalarNode):
            if node.tag.endswith((":int", ":float")) and len(node.value) > MAX_NUMBER_DIGITS:
                message = (
                    f"数字“{node.value[:20]}…”太长（超过 {MAX_NUMBER_DIGITS} 位）。"
                    '年份写四位数字；号码请用英文引号括起来，例如 "0571-12345678"。'
                )
                return Problem(path, line, message, "yaml-number")
        elif isinstance(node, yaml.MappingNode):
            for key, _ in node.value:
                if not isinstance(key, yaml.ScalarNode):  # `? [a, b]`: a list or map as a name
                    message = (
                        "字段名只能是一个词（例如 title），不能是列表或字段组（以“? ”开头的写法）。"
                        "请删除这一项，或改写成“字段: 值”。"
                    )
                    return Problem(path, key.start_mark.line + 2, message, "yaml")
            stack.extend((child, depth + 1) for pair in node.value for child in pair)
        else:
            stack.extend((child, depth + 1) for child in node.value)
    return None


def _walk(node, where: FieldPath, lines, problems, path) -> None:
    """Record the line of every key and item (1-based, counting the opening ---)."""
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 2
            if key in seen:
                message = f"字段“{key}”重复出现：同一层级的字段只能写一次，请删除或合并重复的一处。"
                problems.append(Problem(path, line, message, "yaml-duplicate-key"))
            seen.add(key)
            lines[where + (key,)] = line
            _walk(value_node, where + (key,), lines, problems, path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[where + (index,)] = item.start_mark.line + 2
            _walk(item, where + (index,), lines, problems, path)


def _yaml_problem(err: Exception, path: str, yaml_text: str = "") -> Problem:
    line, cause = _yaml_cause(err)
    quote = _unpaired_quote(yaml_text, line)
    if quote:  # the parser paired it with a later quote and gave up further down
        line, cause = quote, QUOTE_CAUSE
    message = f"元数据的 YAML 格式有误：{cause}"
    return Problem(path, line, message, "yaml")


QUOTE_CAUSE = '这一行的引号没有配对：值以英文引号开头，就要以同样的引号结束（例如 "2026-03-01"）；值中间要用引号时，请改用中文引号“”。'
YAML_CAUSES = (
    # (words of the parser's problem, words of its context or "", use the context's line, cause)
    (
        "tab",
        "",
        False,
        "这一行用了 Tab 键缩进。元数据只能用空格缩进：把行首的 Tab 换成空格（每层两个空格），与同一层的字段左边对齐。",
    ),
    (
        "expected ':'",
        "simple key",
        True,
        "这一行缺少英文冒号和空格“: ”。最常见的原因是用了中文全角冒号（level：市级 应写成 level: 市级），或冒号后没有空格（level:市级 应写成 level: 市级）。",
    ),
    (
        "",
        "quoted scalar",
        True,
        QUOTE_CAUSE,
    ),
    (
        "mapping values",
        "",
        False,
        "这一行有多余的“: ”：值里含有英文冒号加空格时，请把整个值用英文引号括起来，或改用中文冒号“：”；也可能是这一行的缩进比上一行多了。",
    ),
    (
        "expected '-'",
        "",
        False,
        "这一行的缩进与上面的列表不一致：同一个列表的每一项都以“- ”开头并左边对齐，字段应比“- ”多缩进两个空格。",
    ),
    (
        "expected key",
        "",
        False,
        "这一行的缩进与同一层的其他字段不一致：同一层的字段左边要对齐，只用空格缩进。"
        "如果这一行没有问题，请检查上面几行的英文引号是否成对：值以引号开头却没有结束，会一直延续到下一个引号。",
    ),
    (
        "expected ','",
        "flow",
        True,
        "这一行的方括号或花括号没有配对：列表请逐项换行、以“- ”开头书写。",
    ),
)
"""The mistakes editors make most, recognised from what the YAML parser says."""

YAML_GENERAL = "请检查这一行及上一行：冒号是不是英文冒号“:”、冒号后有没有空格、是否用了 Tab 缩进、引号是否成对。"


def _yaml_cause(err: Exception) -> tuple[int, str]:
    """(file line, what is wrong in Chinese): the line of the mistake, which for a missing colon
    or quote is where the key or the quoted value starts, not where the parser gave up."""
    problem = str(getattr(err, "problem", None) or "")
    context = str(getattr(err, "context", None) or "")
    marks = getattr(err, "problem_mark", None), getattr(err, "context_mark", None)
    for words, context_words, at_context, cause in YAML_CAUSES:
        if words in problem and context_words in context:
            mark = (marks[1] if at_context else marks[0]) or marks[0] or marks[1]
            return _file_line(mark), cause
    return _file_line(marks[0] or marks[1]), YAML_GENERAL


QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s:'"#][^:#]*:\s+)?(["'])(.*)$""")


def _unpaired_quote(yaml_text: str, error_line: int) -> int | None:
    """The first line above the error whose value opens a quote it never closes."""
    for number, text in enumerate(yaml_text.split("\n")[: max(error_line - 1, 0)], start=2):
        found = QUOTED_VALUE.match(text)
        if found:
            quote, rest = found.groups()
            closed = (
                rest.replace("\\" + quote, "").find(quote) >= 0
                if quote == '"'
                else rest.replace("''", "").find("'") >= 0
            )
            if not closed:
                return number
    return None


def _file_line(mark) -> int:
    """The file's line of a mark in the metadata (the metadata starts after the opening ---)."""
    return mark.line + 2 if mark is not None else 2


def _strings(value, where: FieldPath = ()):
    """Every text value of the metadata with its field path."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, where + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, where + (index,))
    elif isinstance(value, str):
        yield where, value
