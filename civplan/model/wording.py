"""The standard wording of the shared sections (wording.yaml), and the leading group's roles.

Every writer of a section — the site's HTML, the Word export, the rules that name a role —
takes its words from here, so that a correction in wording.yaml reaches all of them. A label
that names a metadata field (a role, a supervision contact, a line of the card) is that
field's title in plan.schema.json, added here: wording.yaml holds prose only, and the editor's
form, the fields page, the site and Word call a field by one name.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from civplan.model.schema import field_schema

GROUP_KEYS = ("head", "executive_deputy", "deputies", "members")
"""The roster's fields in order: the first two hold one person, the last two a list."""


CARD_FIELDS = {
    "unit": ("unit",),
    "kind": ("unit", "kind"),
    "level": ("level",),
    "mode": ("mode",),
    "year": ("year",),
    "region": ("unit", "region"),
    "parent": ("unit", "parent"),
    "status": ("status",),
    "doc_number": ("doc_number",),
    "issued": ("issued",),
    "notice": ("notice",),
    "template": ("template",),
}
"""The field each line of a plan's card shows; its label is the field's title."""


@cache
def wording() -> dict:
    """wording.yaml with the labels of fields: leading_group.roles, supervision.labels and
    card.labels ({key: schema title}; card.labels.updated, no field, from wording.yaml)."""
    text = resources.files("civplan.model").joinpath("wording.yaml").read_text("utf-8")
    words = yaml.safe_load(text)
    words["leading_group"]["roles"] = roles()
    contacts = field_schema(("supervision",))["properties"]
    words["supervision"]["labels"] = {key: node["title"] for key, node in contacts.items()}
    cards = {key: field_schema(where)["title"] for key, where in CARD_FIELDS.items()}
    words["card"]["labels"] = {**cards, "updated": words["card"].pop("updated")}
    return words


@cache
def roles() -> dict[str, str]:
    """Chinese title of each roster field, the schema's: {"head": "组长", …}."""
    return {key: field_schema(("leading_group", key))["title"] for key in GROUP_KEYS}


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
