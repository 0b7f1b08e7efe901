"""The sharded top level's search tier as files: what a plan is found by, and what is stored."""

from __future__ import annotations

import gzip
import json

from civplan.model.loader import load
from civplan.site import search_tier
from civplan.site.directory import region_text

from conftest import REPO

HOSPITAL = REPO / "plans" / "shilishidiyirenminyiyuan-2026.md"


def test_a_plan_is_found_by_its_unit_region_every_person_and_its_tags():
    meta = load(HOSPITAL)[0].meta
    text = search_tier.record_text(meta, region_text(meta))
    assert text.startswith("示例市第一人民医院 · 示例省示例市")
    for name in ("林卫东", "周明华", "陈晓梅", "王建国", "赵丽", "孙强", "刘芳"):  # head … members
        assert name in text
    assert {"林卫", "卫东", "人民", "医院"} <= search_tier.terms(text)


def test_terms_are_pairs_a_lone_character_and_lower_case_words():
    assert search_tier.terms("第12局 ABC") == {"第", "局", "12", "abc"}
    assert search_tier.terms("林卫东") == {"林卫", "卫东", "林卫东"}  # a name whole, too


def read(path):
    return json.loads(gzip.decompress(path.read_bytes()))


def test_a_common_term_keeps_its_first_plans_and_its_count(tmp_path, monkeypatch):
    monkeypatch.setattr(search_tier, "LIMIT", 3)
    records = [search_tier.Record(f"s/plans/p{n}/", f"示例单位{n}", f"第{n}号") for n in range(5)]
    search_tier.write(records, tmp_path, [{"id": "s", "name": "示例省"}])
    head = json.loads((tmp_path / "tier.json").read_text("utf-8"))
    assert head["records"] == 5 and head["shards"] == [{"id": "s", "name": "示例省"}]
    stored = {}
    for number in range(head["buckets"]):
        stored |= read(tmp_path / "terms" / f"{number}.tier")
    assert stored["示例"] == [5, 0, 1, 1]  # five plans, the first three kept, as differences
    assert stored["3"] == [1, 3]
    assert search_tier.bucket("示例", head["buckets"]) in range(head["buckets"])
    assert read(tmp_path / "records" / "0.tier")[3] == ["s/plans/p3/", "示例单位3", "第3号"]
