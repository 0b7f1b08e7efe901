"""The leading group: everyone named once, everyone with a duty, the office headed by a member."""

from __future__ import annotations

from civplan.check.rules.registry import WARNING, rule
from civplan.model.blank import has_blank
from civplan.model.wording import roles


def roster(plan):
    """(field path, role, person) for everyone in the leading group."""
    group = plan.get("leading_group") or {}
    if not isinstance(group, dict):
        return
    for key, role in roles().items():
        value = group.get(key)
        people = value if isinstance(value, list) else [value]
        for index, person in enumerate(people):
            if (
                isinstance(person, dict)
                and isinstance(person.get("name"), str)
                and not has_blank(person["name"])
            ):
                where = (
                    ("leading_group", key, index)
                    if isinstance(value, list)
                    else ("leading_group", key)
                )
                yield where, role, person


@rule("duplicate-person", "同一个人在领导小组中只能出现一次")
def duplicate_people(plan, mode):
    seen: dict[str, str] = {}
    for where, role, person in roster(plan):
        name = person["name"]
        if name in seen:
            yield (
                plan.line_of(where + ("name",)),
                (
                    f"“{name}”在领导小组中出现了两次（{seen[name]}、{role}）。一个人只保留一个职务，请删去其中一处。"
                ),
            )
        seen.setdefault(name, role)


@rule("person-duty", "领导小组每位成员都应写明职责分工", WARNING)
def people_without_duty(plan, mode):
    for where, role, person in roster(plan):
        if not person.get("duty"):
            yield (
                plan.line_of(where),
                (
                    f"{role}“{person['name']}”没有写职责分工。请在 duty 中写明此人负责什么，例如“分管宣传教育”。"
                ),
            )


@rule("office-director", "领导小组办公室主任应是领导小组成员", WARNING)
def director_in_group(plan, mode):
    director = plan.get("leading_group", "office", "director", "name")
    names = {person["name"] for _, _, person in roster(plan)}
    if director and names and director not in names and not has_blank(director):
        yield (
            plan.line_of(("leading_group", "office", "director", "name")),
            (
                f"办公室主任“{director}”不在领导小组名单中。请把此人加入 members，或改由小组成员兼任。"
            ),
        )
