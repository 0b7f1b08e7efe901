"""The standard wording of the shared sections (wording.yaml), and the leading group's roles.

Every writer of a section — the site's HTML, the Word export, the rules that name a role —
takes its words from here, so that a correction in wording.yaml reaches all of them.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

GROUP_KEYS = ("head", "executive_deputy", "deputies", "members")
"""The roster's fields in order: the first two hold one person, the last two a list."""


@cache
def wording() -> dict:
    text = resources.files("civplan.model").joinpath("wording.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def roles() -> dict[str, str]:
    """Chinese title of each roster field: {"head": "组长", …}."""
    return wording()["leading_group"]["roles"]


def roster(group: dict) -> list[tuple[str, dict]]:
    """(role, person) for everyone in the leading group, in the order of the roster."""
    titles = roles()
    people = []
    for key in GROUP_KEYS[:2]:
        if group.get(key):
            people.append((titles[key], group[key]))
    for key in GROUP_KEYS[2:]:
        people.extend((titles[key], person) for person in group.get(key) or [])
    return people
