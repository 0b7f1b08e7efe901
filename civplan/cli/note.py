"""`civplan note PLAN "说明"`: add a change note (修改说明) as the first entry of a plan's
`revisions`, dated today (Beijing), by inserting text lines where the loader says the list
starts. Every other byte of the file (comments, quoting, key order, line ends) stays as it was:
loading and dumping the YAML would lose the comments and rewrite lines nobody touched."""

from __future__ import annotations

import codecs
import json
from datetime import date
from pathlib import Path

import yaml

from civplan.history.notes import notes
from civplan.model.errors import InputError
from civplan.model.loader import compose, parse, split_front_matter

KEY = "revisions"
MIN_NOTE = 4  # the schema's minLength of a note


def add_note(path: Path, note: str, today: date) -> int:
    """Insert the note into the file at `path`; return the file line of the new entry."""
    note = " ".join(note.split())  # one line, as the site shows it
    if len(note) < MIN_NOTE:
        raise InputError(
            f"修改说明“{note}”太短：请用一句公众看得懂的话写明改了什么，"
            "例如“采纳公示意见，导诊志愿者由每天2人增加到4人。”"
        )
    raw = _read(path)
    text = raw.decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").split("\n")
    before, _ = parse(text, str(path))
    if before is None:
        raise InputError(f"{path} 现在无法读取，先运行 make check FILE={path} 改好它。")
    entry = {"date": today.isoformat(), "note": note}
    start, end, inserted = _edit(lines, before.body_line, entry)
    lines[start:end] = inserted
    new_text = newline.join(lines)
    _verify(new_text, str(path), before, entry)
    prefix = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    path.write_bytes(prefix + new_text.encode("utf-8"))
    return start + 1


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise InputError(f"无法读取 {path}：{err.strerror}。") from None


def _edit(lines: list[str], body_line: int, entry: dict) -> tuple[int, int, list[str]]:
    """(start, end, new lines): the file lines [start:end] (0-based; start == end for an
    insertion) and what takes their place, for the note `entry`."""
    yaml_text, _, _ = split_front_matter("\n".join(lines), "")
    root = compose(yaml_text)
    value = next((v for k, v in root.value if k.value == KEY), None)
    if value is None:  # no notes yet: the list goes last, before the closing ---
        return body_line - 2, body_line - 2, [f"{KEY}:", *_block(entry, 2, 4)]
    if isinstance(value, yaml.SequenceNode) and value.flow_style:
        return _into_flow(lines, value, entry)
    if isinstance(value, yaml.SequenceNode) and value.value:
        first = value.value[0]
        dash, column = value.start_mark.column, first.start_mark.column
        if column <= dash:
            column = dash + 2
        row = first.start_mark.line + 1
        return row, row, _block(entry, dash, column)
    if isinstance(value, yaml.ScalarNode) and value.value == "":  # `revisions:` and nothing
        key = next(k for k, _ in root.value if k.value == KEY)
        row = key.start_mark.line + 2
        return row, row, _block(entry, 2, 4)
    raise InputError(
        f"元数据中的 {KEY} 不是一个列表，无法自动加入。请先改成列表（每条以“- date:”开头）再运行。"
    )


def _block(entry: dict, dash: int, column: int) -> list[str]:
    """The entry as block lines: `- date: "…"` at `dash`, `note: …` aligned at `column`."""
    first = " " * dash + "-" + " " * (column - dash - 1)
    return [
        f'{first}date: "{entry["date"]}"',
        " " * column + f"note: {_scalar(entry['note'], flow=False)}",
    ]


def _into_flow(
    lines: list[str], value: yaml.SequenceNode, entry: dict
) -> tuple[int, int, list[str]]:
    """`revisions: [{…}]` gets the entry right after its `[`, on the same line."""
    row, column = value.start_mark.line + 1, value.start_mark.column + 1
    item = f'{{date: "{entry["date"]}", note: {_scalar(entry["note"], flow=True)}}}'
    line = lines[row]
    return row, row + 1, [line[:column] + item + (", " if value.value else "") + line[column:]]


def _scalar(note: str, flow: bool) -> str:
    """The note as written when YAML reads it back unchanged, else double-quoted."""
    sample = f"[{{note: {note}}}]" if flow else f"note: {note}"
    try:
        read = yaml.safe_load(sample)
        read = read[0] if flow else read
    except yaml.YAMLError:
        read = None
    if isinstance(read, dict) and read.get("note") == note:
        return note
    return json.dumps(note, ensure_ascii=False)


def _verify(new_text: str, path: str, before, entry: dict) -> None:
    """The edited file reads back as the old plan with the note in front, or nothing is written."""
    after, _ = parse(new_text, path)
    old_meta = {k: v for k, v in before.meta.items() if k != KEY}
    same = (
        after is not None
        and {k: v for k, v in after.meta.items() if k != KEY} == old_meta
        and after.body == before.body
        and [_plain(r) for r in notes(after.meta)] == [entry, *map(_plain, notes(before.meta))]
    )
    if not same:
        raise InputError(
            f"无法在 {path} 中自动加入修改说明，文件没有改动。请手工在元数据 {KEY} 的最前面加一条："
            f'- date: "{entry["date"]}" 和 note: {entry["note"]}'
        )


def _plain(item: dict) -> dict:
    return {"date": str(item.get("date")), "note": item.get("note")}
