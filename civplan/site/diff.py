"""A readable, Chinese-aware diff between two versions of a plan, rendered as HTML.

Chinese has no spaces, so word diffs do not apply: the text is cut into sentences (at 。；！？
and line ends), sentences are matched, and a changed sentence shows its changed characters.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from civplan.site.markup import e

SENTENCE_END = re.compile(r"(?<=[。；！？])")
CONTEXT = 1
SIMILAR = 0.6


def sentences(text: str) -> list[str]:
    return [s for line in text.split("\n") for s in SENTENCE_END.split(line.rstrip()) if s.strip()]


def _inline(old: str, new: str) -> str:
    """One changed sentence: unchanged characters plain, removed struck out, added underlined.
    Two sentences with little in common are shown whole, which reads better than fragments."""
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    if matcher.ratio() < SIMILAR:
        return f'<p class="civ-diff__changed"><del>{e(old)}</del><ins>{e(new)}</ins></p>'
    parts = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(e(old[a1:a2]))
            continue
        if a2 > a1:
            parts.append(f"<del>{e(old[a1:a2])}</del>")
        if b2 > b1:
            parts.append(f"<ins>{e(new[b1:b2])}</ins>")
    return f'<p class="civ-diff__changed">{"".join(parts)}</p>'


def _block(op: str, old: list[str], new: list[str]) -> list[str]:
    if op == "replace" and len(old) == len(new):
        return [_inline(a, b) for a, b in zip(old, new, strict=True)]
    lines = [f'<p class="civ-diff__removed"><del>{e(s)}</del></p>' for s in old]
    return lines + [f'<p class="civ-diff__added"><ins>{e(s)}</ins></p>' for s in new]


def render_diff(old_text: str, new_text: str) -> str:
    """The changes from old to new with one sentence of context, or a note that nothing changed."""
    old, new = sentences(old_text), sentences(new_text)
    groups = SequenceMatcher(None, old, new, autojunk=False).get_grouped_opcodes(CONTEXT)
    hunks = []
    for group in groups:
        lines = []
        for op, a1, a2, b1, b2 in group:
            if op == "equal":
                lines += [f'<p class="civ-diff__same">{e(s)}</p>' for s in old[a1:a2]]
            else:
                lines += _block(op, old[a1:a2], new[b1:b2])
        hunks.append("".join(lines))
    if not hunks:
        return '<p class="civ-diff__none">正文和元数据没有变化。</p>'
    return '<div class="civ-diff">' + '<p class="civ-diff__gap">……</p>'.join(hunks) + "</div>"
