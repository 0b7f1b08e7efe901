"""The first tier of a sharded top level's search: every plan by its unit, region, people and tags.

A search on the top level used to join every shard's full-text Pagefind index: at 50,000 plans,
5.2 MB over 177 files for one query, nearly all of it the position lists of words that every plan
contains (docs/reference/performance.md). This tier is one small record a plan — its title, unit,
region, the names in its leading group and its tags — written as static files that the reader's
browser reads only as far as the query needs (assets/search.js):

- terms/<n>.tier: for each term, the plans that contain it, as ascending record numbers in
  differences. A term is a pair of Chinese characters (overlapping, as search_index pairs the
  pages) or a lower-case word of letters and digits; the terms go to LIMITS buckets by their
  FNV-1a hash, which the script computes the same way.
- records/<n>.tier: PER_FILE records a file, [url, title, text], in the directory's order
  (directory.order_key: newest year first, then title).

A term found in more than LIMIT plans keeps only its first LIMIT (in that order) and its count:
such a list still decides every plan up to its last one. With a rarer term kept whole (a unit's
number, a person's name), the script takes that term's plans and reads a plan past a cut list's
end from its own record; with every term cut, the intersection below the lowest cut is that of
the whole lists, and the script shows its first plans as “at least” so many.

The files are gzip-compressed here and unpacked by the browser's DecompressionStream, so that
what they cost does not depend on whether the server compresses. The full text of one province
stays a search on that shard's own site, which the results link to with ?q=.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from civplan.model.schema import resolve, schema
from civplan.site.search_index import HAN, pairs

PER_FILE = 16
"""Records in one records/ file. The ten results a query shows are seldom neighbours in the
directory's order, so each costs the file it is in: at 64 records (14 KB gzip at 50,000 plans)
a person's name read 30 files, 650 KB; at 16, about 4 KB a file."""

LIMIT = int(os.environ.get("CIVPLAN_SEARCH_TIER_LIMIT") or 1000)
"""Plans kept for one term (the first in the directory's order): “示例” is in every unit's name
(CIVPLAN_SEARCH_TIER_LIMIT: the tests make it small, so that a handful of plans has cut lists)."""

TERMS_PER_BUCKET = 48
"""About this many terms go to one terms/ file."""

WORD = re.compile(r"[0-9A-Za-z]+")
PERSON = "#/$defs/person"


@dataclass(frozen=True)
class Record:
    url: str
    """Of the plan's page, relative to the top level's root (<shard>/plans/<slug>/)."""
    title: str
    text: str
    """What the tier indexes and shows under the title."""


WHOLE = 12
"""A run of Chinese characters up to this long is a term as well as its pairs: a person's name
(“魏玉华”), a tag, a unit's name in words. A query that is such a run shows the plans holding it
whole first; its pairs alone also match “魏玉兰、李玉华”."""


def terms(text: str) -> set[str]:
    """Overlapping pairs of every run of Chinese characters (a lone character as it is), each run
    up to WHOLE characters whole, and every word of letters and digits in lower case."""
    found = {word.lower() for word in WORD.findall(text)}
    for run in HAN.findall(text):
        found.update(pairs(run).split())  # the pairs the full-text index is cut into
        if 2 < len(run) <= WHOLE:
            found.add(run)
    return found


def bucket(term: str, count: int) -> int:
    """FNV-1a over the term's code points (assets/search.js: tierBucket), modulo `count`."""
    value = 0x811C9DC5
    for char in term:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value % count


def people(value, node: dict | None = None) -> list[str]:
    """The names of every person in the metadata, wherever the schema puts one (each field that
    refers to $defs/person: a leading group's head, deputies, members, office director …)."""
    node = schema() if node is None else node
    if node.get("$ref") == PERSON:
        return [value["name"]] if isinstance(value, dict) and value.get("name") else []
    node = resolve(node)
    if isinstance(value, dict):
        fields = node.get("properties", {})
        return [
            name for key, v in value.items() if key in fields for name in people(v, fields[key])
        ]
    if isinstance(value, list) and "items" in node:
        return [name for item in value for name in people(item, node["items"])]
    return []


def record_text(meta: dict, region: str) -> str:
    """The unit, its region, the people and the tags: “示例市第一人民医院 · 示例省示例市 · 林卫东、…”."""
    unit = meta.get("unit") or {}
    tags = [str(tag) for tag in meta.get("tags") or []]
    parts = [unit.get("name", ""), region, "、".join(people(meta)), "、".join(tags)]
    return " · ".join(str(part) for part in parts if part)


def _compressed(value) -> bytes:
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    return gzip.compress(data, mtime=0)


def _postings(records: list[Record]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for number, record in enumerate(records):
        for term in terms(f"{record.title} {record.text}"):
            found.setdefault(term, []).append(number)
    return found


def _deltas(numbers: list[int]) -> list[int]:
    """[count, first, second − first, …] of the first LIMIT numbers."""
    kept = numbers[:LIMIT]
    return [len(numbers), *(b - a for a, b in zip([0, *kept], kept, strict=False))]


def write(records: Iterable[Record], output: Path, shards: list[dict[str, str]]) -> None:
    """The tier of `records` (in the order they are to be shown) into `output`; `shards`: each
    shard's id and name, for the links to its full-text search."""
    records = list(records)
    shutil.rmtree(output, ignore_errors=True)
    (output / "terms").mkdir(parents=True)
    (output / "records").mkdir()
    postings = _postings(records)
    count = max(1, len(postings) // TERMS_PER_BUCKET)
    buckets: list[dict[str, list[int]]] = [{} for _ in range(count)]
    for term, numbers in postings.items():
        buckets[bucket(term, count)][term] = _deltas(numbers)
    for number, terms_of in enumerate(buckets):
        (output / "terms" / f"{number}.tier").write_bytes(_compressed(terms_of))
    for start in range(0, len(records), PER_FILE):
        part = [[r.url, r.title, r.text] for r in records[start : start + PER_FILE]]
        (output / "records" / f"{start // PER_FILE}.tier").write_bytes(_compressed(part))
    head = {"records": len(records), "per_file": PER_FILE, "buckets": count, "limit": LIMIT}
    (output / "tier.json").write_text(json.dumps({**head, "shards": shards}, ensure_ascii=False))
