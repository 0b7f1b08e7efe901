"""Where a Chinese name starts: the 百家姓 surnames, to split names a plan runs together.

“副组长：张伟李红梅王建国” lists three people without a separator. A name is a surname and one
or two characters (a compound surname such as 欧阳 and one or two more), so the run can be cut
only where a surname starts. Every way of cutting it is tried; the run is split only when one
way is left, else the report names the ways and the editor decides (which surnames are "seldom
anything else" is no evidence: 张伟李红 could be 张伟、李红 or 张伟李、红…, so it is not used to pick).

The surnames are jionlp's (a dependency already, for the gazetteer): its full 百家姓 list with
the compound surnames, and its shorter list of surnames that are seldom anything else (張、王、
李 but not 金、红、高). jionlp keeps the full list only as the first value of a name it
reassigns, so it is read from the module's source; tests/test_import_evidence.py fails the day a
jionlp release changes that.
"""

from __future__ import annotations

import ast
import contextlib
import inspect
import io
from functools import cache

LONGEST_RUN = 16  # five three-character names; longer runs are not split


@cache
def surnames() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(every single-character surname, the ones seldom anything else, compound surnames)."""
    with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import
        from jionlp.rule import rule_pattern

    values: dict[str, list[str]] = {}
    for node in ast.walk(ast.parse(inspect.getsource(rule_pattern))):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            try:
                value = ast.literal_eval(node.value)
            except (ValueError, TypeError, SyntaxError):
                continue
            values.setdefault(node.targets[0].id, []).append(value)
    single = values["SINGLE_CHINESE_FAMILY_NAME"]
    compound = values["TWO_CHAR_CHINESE_FAMILY_NAME"][0].split("|")
    return frozenset(single[0]) | MODERN_FORMS, frozenset(single[-1]), frozenset(compound)


# jionlp's 百家姓 is the classical list: it has 萧 and 傅 but not 肖 and 付, the forms most
# people with those names write today, nor 覃; all three are among the hundred commonest
MODERN_FORMS = frozenset("肖付覃")


def _starts_name(piece: str) -> bool:
    single, _, compound = surnames()
    if piece[:2] in compound:
        return 3 <= len(piece) <= 4
    return 2 <= len(piece) <= 3 and piece[0] in single


def has_surname(text: str) -> bool:
    """Whether a two- or three-character word opens with a surname: 协调 and 收集 are no one."""
    single, _, compound = surnames()
    return text[0] in single or text[:2] in compound


def four_character_name(text: str) -> bool:
    """欧阳明月 (a compound surname) or 刘王晨曦 (a surname from each parent)."""
    single, _, compound = surnames()
    return text[:2] in compound or (text[0] in single and text[1] in single)


def cuts(run: str) -> list[list[str]]:
    """Every way to cut `run` into names that each start with a surname."""
    if not run:
        return [[]]
    found = []
    for size in (2, 3, 4):
        piece = run[:size]
        if len(piece) == size and _starts_name(piece):
            found += [[piece, *rest] for rest in cuts(run[size:])]
    return found


def split_run(run: str) -> tuple[list[str] | None, list[list[str]]]:
    """(the names, when only one cut fits; every cut that fits)."""
    if len(run) > LONGEST_RUN:
        return None, []
    every = cuts(run)
    # several cuts fit: which surnames are "surely" surnames is a guess, so none is taken
    return (every[0] if len(every) == 1 else None), every
