"""A field has one name, its title in plan.schema.json: the site's card, roster and supervision
list, the Word file and the editor's form each show it. Each test reads the labels where a
reader sees them and compares them with the schema, so a label written anywhere else fails."""

from __future__ import annotations

import html
import re

import pytest
from docx import Document

from civplan.export.docx import export_docx
from civplan.model.lifecycle import parse_date
from civplan.model.loader import load
from civplan.model.schema import field_schema, resolve, schema
from civplan.site import cms

from conftest import HOSPITAL_FILE, REPO, build, make_project

HOSPITAL = REPO / "plans" / HOSPITAL_FILE
CONTACTS = ("phones", "email", "address", "postcode", "hours", "box")
"""The supervision fields the sample plan fills."""
ROLES = ("head", "executive_deputy", "deputies", "members")


def title(*where: str) -> str:
    return field_schema(where)["title"]


@pytest.fixture(scope="module")
def hospital_page(tmp_path_factory) -> str:
    """The sample hospital's page, built alone (as `civplan preview` builds it: seconds)."""
    root = make_project(
        tmp_path_factory.mktemp("labels"), plans={HOSPITAL_FILE: HOSPITAL.read_text("utf-8")}
    )
    result = build(root, CIVPLAN_ONLY=f"plans/{HOSPITAL_FILE}")  # the preview: this plan alone
    assert result.returncode == 0, result.output
    return result.page(f"plans/{HOSPITAL.stem}")


def test_card_labels_are_the_titles_of_their_fields(hospital_page):
    shown = re.findall(r'class="civ-card__item civ-card__(\w+)"><dt>([^<]*)</dt>', hospital_page)
    fields = {key: html.unescape(label) for key, label in shown if key != "updated"}
    assert len(fields) >= 10, shown
    for key, label in fields.items():
        where = (key,) if key in schema()["properties"] else ("unit", key)
        assert label == title(*where), key


def test_supervision_labels_are_the_titles_of_their_fields(hospital_page):
    contacts = re.search(r'<dl class="civ-contacts">(.*?)</dl>', hospital_page, re.S).group(1)
    shown = [html.unescape(label) for label in re.findall(r"<dt>([^<]*)</dt>", contacts)]
    assert shown == [title("supervision", key) for key in CONTACTS]


def test_roster_roles_are_the_titles_of_their_fields(hospital_page):
    roster = re.search(
        r"<div class=\"civ-leading-group\">.*?<table>(.*?)</table>", hospital_page, re.S
    )
    assert roster, "the leading group's table"
    cells = re.findall(r"<td data-label=\"[^\"]*\">([^<]*)</td>", roster.group(1))
    roles = set(cells) & _all_titles()
    assert roles == {title("leading_group", key) for key in ROLES}


def _all_titles() -> set[str]:
    found, stack = set(), [schema()]
    while stack:
        node = resolve(stack.pop())
        found.add(node.get("title", ""))
        stack += [
            *node.get("properties", {}).values(),
            *([node["items"]] if "items" in node else []),
        ]
    return found


def test_word_labels_are_the_titles_of_their_fields(tmp_path):
    plan, problems = load(HOSPITAL)
    assert plan is not None, problems
    document = Document(str(export_docx(plan, tmp_path / "x.docx", parse_date("2026-05-15"))))
    lines = [p.text for p in document.paragraphs]
    for key in CONTACTS:
        assert any(line.startswith(f"{title('supervision', key)}：") for line in lines), key
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert {title("leading_group", key) for key in ROLES} <= cells


def test_editor_labels_are_the_titles_of_their_fields():
    compared = _compare(cms.plan_fields([]), schema())
    assert compared > 100  # every field of the form, not a few


def _compare(fields: list[dict], node: dict) -> int:
    """Assert each form field named after a schema property has its title; count them."""
    node = resolve(node)
    if node.get("type") == "array":
        node = resolve(node.get("items", {}))
    properties, count = node.get("properties", {}), 0
    for field in fields:
        if field["name"] in properties:
            child = properties[field["name"]]
            assert field["label"] == resolve(child)["title"], field["name"]
            count += 1 + _compare(field.get("fields", []), child)
    return count
