"""What changed between two versions of a plan, in words a citizen can read: as pieces of text,
each kept, removed or added, which the site renders (civplan/site/history_page.py).

The metadata is compared as data, not as YAML text: each change is named by the schema's Chinese
titles, grouped by section (“实施步骤 › 检查验收 › 结束日期：2026-12-31 → 2027-01-15”), and items of
a list are matched by what they are (a stage by its name, a person by name), so that a new deputy
does not look like every deputy after it changed. The body is compared paragraph by paragraph,
after joining the lines an editor wrapped; inside a changed paragraph the sentences are matched
and a changed sentence shows its changed characters (Chinese has no spaces, so word diffs do not
apply). No YAML and no field key ever reaches the page.

No HTML either: a change is a list of Pieces, and the site escapes and marks them up.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import NamedTuple

from civplan.history.changed_parts import sections
from civplan.history.versions import plan_of
from civplan.model.macros import MACROS
from civplan.model.schema import resolve, schema
from civplan.model.text import CJK

SENTENCE_END = re.compile(r"(?<=[。；！？])")
SIMILAR = 0.6
SHORT = 20
"""Values up to this length show as “old → new”; longer ones show their changed characters."""
IDENTITY = ("name", "kind", "title", "number", "id", "condition", "text", "date")
"""The field that says which item of a list an item is, in order of preference."""
LIST_ITEM = re.compile(r"^\s*([-*+]|\d+[.)、])\s+")
MACRO = re.compile(r"^\{\{\s*(\w+)\(\)\s*\}\}$")
CHINESE = re.compile(f"[{CJK}]")
PHRASE_END = re.compile(r"[。；，、：！？.;,:]+$")
OTHER = "其他信息"
BASIC = "基本信息"


MAX_WORK = 4_000_000
"""Items of one side times items of the other that a diff may match (two sentences of 2,000
characters): SequenceMatcher's time grows with the product and more, and two versions of one
100,000-character paragraph ran past 300 s. Past it, the texts are shown whole, old and new."""

SAME, DELETED, INSERTED, REPLACED = "same", "deleted", "inserted", "replaced"


class Piece(NamedTuple):
    """A piece of one change: text kept (SAME, words of ours like “新增” too), removed
    (DELETED), added (INSERTED), or a short value replaced whole (REPLACED: `text` → `after`)."""

    kind: str
    text: str
    after: str = ""


Pieces = list[Piece]
"""One change as a reader reads it, piece by piece."""


def _deleted(text: str) -> Pieces:
    return [Piece(DELETED, text)]


def _inserted(text: str) -> Pieces:
    return [Piece(INSERTED, text)]


def _same(text: str) -> Pieces:
    return [Piece(SAME, text)]


def _bounded(a, b) -> SequenceMatcher | None:
    """A matcher of a against b, or None when the two are too long to match in time."""
    if len(a) * len(b) > MAX_WORK:
        return None
    return SequenceMatcher(None, a, b, autojunk=False)


def sentences(text: str) -> list[str]:
    return [s for line in text.split("\n") for s in SENTENCE_END.split(line.rstrip()) if s.strip()]


def _marked(old: str, new: str) -> Pieces:
    """Unchanged characters plain, removed struck out, added underlined. Two texts with little
    in common are shown whole, which reads better than fragments."""
    matcher = _bounded(old, new)
    if matcher is None or matcher.ratio() < SIMILAR:
        return _deleted(old) + _inserted(new)
    parts = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts += _same(old[a1:a2])
            continue
        if a2 > a1:
            parts += _deleted(old[a1:a2])
        if b2 > b1:
            parts += _inserted(new[b1:b2])
    return parts


# ---- metadata ----------------------------------------------------------------------------


def _title(node: dict, key: str) -> str:
    return node.get("title") or OTHER


def _text(value, node: dict) -> str:
    """A value as a reader reads it: lists joined with 、, an object as its titled fields."""
    node = resolve(node)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(_text(v, node.get("items", {})) for v in value)
    if isinstance(value, dict):
        props = node.get("properties", {})
        fields = [
            f"{_title(props.get(k, {}), k)}：{_text(v, props.get(k, {}))}"
            for k, v in value.items()
            if v not in (None, "", [], {})
        ]
        return "".join(f if PHRASE_END.search(f) or f is fields[-1] else f + "；" for f in fields)
    return "" if value is None else str(value)


def _value_change(old, new, node: dict) -> Pieces:
    if old is None:
        return _same("新增") + _inserted(_text(new, node))
    if new is None:
        return _same("删除") + _deleted(_text(old, node))
    before, after = _text(old, node), _text(new, node)
    if max(len(before), len(after)) <= SHORT:
        # short values (dates, names, numbers) are read whole: never broken across lines
        return [Piece(REPLACED, before, after)]
    return _marked(before, after)


def _identity(item) -> str:
    if isinstance(item, dict):
        for key in IDENTITY:
            if isinstance(item.get(key), str | int) and str(item[key]):
                return str(item[key])
        return ""
    return str(item)


def _label(item) -> str:
    name = _identity(item)
    short = name if len(name) <= 14 else name[:12]
    return PHRASE_END.sub("", short) + ("…" if short != name else "")


def _list(old: list, new: list, node: dict, trail: list[str]):
    items = resolve(node).get("items", {})
    if not any(isinstance(x, dict) for x in [*old, *new]):
        for value in old:
            if value not in new:
                yield trail, _same("删除") + _deleted(_text(value, items))
        for value in new:
            if value not in old:
                yield trail, _same("新增") + _inserted(_text(value, items))
        return
    matcher = SequenceMatcher(None, [_identity(x) for x in old], [_identity(x) for x in new])
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and a2 - a1 == b2 - b1):
            for before, after in zip(old[a1:a2], new[b1:b2], strict=True):
                yield from _walk(before, after, items, [*trail, _label(after) or _label(before)])
            continue
        for before in old[a1:a2]:
            yield [*trail, _label(before)], _same("删除") + _deleted(_text(before, items))
        for after in new[b1:b2]:
            yield [*trail, _label(after)], _same("新增") + _inserted(_text(after, items))


def _walk(old, new, node: dict, trail: list[str]):
    """(trail of Chinese titles, the change) for every difference below `node`."""
    if old == new:
        return
    node = resolve(node)
    if isinstance(old, dict | type(None)) and isinstance(new, dict | type(None)) and (old or new):
        props = node.get("properties", {})
        old, new = old or {}, new or {}
        keys = [k for k in props if k in old or k in new]
        keys += sorted((set(old) | set(new)) - set(keys))
        for key in keys:
            child = props.get(key, {})
            yield from _walk(old.get(key), new.get(key), child, [*trail, _title(child, key)])
    elif isinstance(old, list | type(None)) and isinstance(new, list | type(None)):
        yield from _list(old or [], new or [], node, trail)
    else:
        yield trail, _value_change(old, new, node)


def meta_changes(old: dict, new: dict) -> dict[str, list[Pieces]]:
    """Section title → its changes, each “检查验收 › 结束日期：” and what changed there."""
    old = {k: v for k, v in old.items() if k != "revisions"}  # the notes are shown above
    new = {k: v for k, v in new.items() if k != "revisions"}
    groups: dict[str, list[str]] = {}
    for trail, change in _walk(old, new, schema(), []):
        group, rest = (trail[0], trail[1:]) if len(trail) > 1 else (BASIC, trail)
        where = " › ".join(rest)
        groups.setdefault(group, []).append(_same(f"{where}：") + change if where else change)
    return groups


# ---- body ---------------------------------------------------------------------------------


def _join(lines: list[str]) -> str:
    """Wrapped lines back into one paragraph: no space between Chinese characters."""
    text = ""
    for line in (line.strip() for line in lines):
        if text and line and not (CHINESE.match(text[-1]) or CHINESE.match(line[0])):
            text += " "
        text += line
    return text


def _readable(paragraph: str) -> str:
    found = MACRO.match(paragraph)
    if found:
        return f"〔{MACROS.get(found.group(1), '标准内容')}：按方案信息生成〕"
    return paragraph.lstrip("#").strip()


def paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines, with wrapped lines joined; each list item its own."""
    blocks, current = [], []
    for line in text.split("\n"):
        if not line.strip() or LIST_ITEM.match(line):
            if current:
                blocks.append(current)
            current = [line] if line.strip() else []
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return [_readable(_join(block)) for block in blocks]


def _paragraph_change(old: str, new: str) -> Pieces:
    """A changed paragraph: its sentences matched, a changed sentence marked by character."""
    before, after = sentences(old), sentences(new)
    parts = []
    matcher = _bounded(before, after)
    if matcher is None:
        return _deleted(old) + _inserted(new)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts += [Piece(SAME, s) for s in before[a1:a2]]
        elif op == "replace" and a2 - a1 == b2 - b1:
            for a, b in zip(before[a1:a2], after[b1:b2], strict=True):
                parts += _marked(a, b)
        else:
            parts += [Piece(DELETED, s) for s in before[a1:a2]]
            parts += [Piece(INSERTED, s) for s in after[b1:b2]]
    return parts


def _section_changes(old: str, new: str) -> list[Pieces]:
    before, after = paragraphs(old), paragraphs(new)
    out = []
    matcher = _bounded(before, after)
    whole = [("replace", 0, len(before), 0, len(after))]  # too many paragraphs to match
    for op, a1, a2, b1, b2 in matcher.get_opcodes() if matcher else whole:
        if op == "equal":
            continue
        if op == "replace" and a2 - a1 == b2 - b1:
            out += [
                _paragraph_change(a, b) for a, b in zip(before[a1:a2], after[b1:b2], strict=True)
            ]
            continue
        out += [_same("删除") + _deleted(p) for p in before[a1:a2]]
        out += [_same("新增") + _inserted(p) for p in after[b1:b2]]
    return out


def body_changes(old: str, new: str) -> dict[str, list[Pieces]]:
    """Heading of each changed part of the body → its changed paragraphs."""
    before, after = sections(old), sections(new)
    groups = {}
    for heading in [*after, *(h for h in before if h not in after)]:
        changed = _section_changes(before.get(heading, ""), after.get(heading, ""))
        if changed:
            groups[f"正文 › {heading or '开头'}"] = changed
    return groups


# ---- both ---------------------------------------------------------------------------------


def compare(old_text: str, new_text: str) -> tuple[dict[str, list[Pieces]], str]:
    """The changes from old to new, grouped by section title, and the note to show when there
    are none (or when a version cannot be read, which leaves the groups empty)."""
    old, new = plan_of(old_text), plan_of(new_text)
    if old is None or new is None:
        return {}, "这一版本的格式有误，无法逐项比较。"
    groups = {**meta_changes(old.meta, new.meta), **body_changes(old.body, new.body)}
    notes_only = old.meta.get("revisions") != new.meta.get("revisions")
    return groups, "只增加了修改说明，方案内容没有变化。" if notes_only else "内容没有变化。"
