"""Shards: one site per region, and a top level whose listings, feeds, data and search span them.

A province's tens of thousands of plans, or a country's, are split by one metadata key (the
province by default) into shards. Each shard is an ordinary `mkdocs build` of the same project
with CIVPLAN_SHARD=<shard> — a complete site for its region, built on its own machine by a CI
matrix job or a local process. The top level is another ordinary build with
CIVPLAN_SHARDS_FROM=<folder of the built shards>: it publishes no plan page of its own; its home
page, directory, feeds and open data list every shard's plans (read from each shard's
data/plans.json, the file the shard publishes anyway), and its search box reads a small index of
every plan's unit, region and people made in the same pass (civplan.site.search_tier); `assemble`
puts the shards beside it. Each shard's full text is searched on that shard's own site.

Plain functions of files and metadata, without MkDocs; `python -m civplan.site.shards` is the
command line that `make shards` and the CI jobs call.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path
from xml.etree import ElementTree as ET

from civplan.check.cache import check_version, code_version
from civplan.history.versions import published_head
from civplan.model import lifecycle
from civplan.model.loader import Plan, load
from civplan.model.slug import pinyin_slug
from civplan.site import search_index, search_tier
from civplan.site.directory import listed_fields, order_key, region_text
from civplan.site.errors import SiteError
from civplan.site.feeds import ATOM, write_open_data
from civplan.site.inputs import cache_folder, cache_root, site_digest
from civplan.site.urls import relative_url

KEY = "unit.region.province"
"""The metadata field that decides a plan's shard, as a dotted path."""

UNSORTED = "其他"
"""The shard of a plan without the key."""


@dataclass(frozen=True)
class ShardSettings:
    """Which part of a sharded build one `mkdocs build` makes. `python -m civplan.site.shards`
    sets them for each build it runs, through the environment (`environ`, `from_environ`): the
    two ends of that contract live here, and mkdocs.yml need not repeat them."""

    shard: str = ""
    """Publish only this shard's plans: one region's complete site (CIVPLAN_SHARD)."""
    key: str = KEY
    """The metadata field, dotted, that splits the plans into shards (CIVPLAN_SHARD_KEY)."""
    files: str = ""
    """A file naming the shard's plan files, one a line, relative to the project: the shard
    loads and checks those alone, not a province's neighbours; the checks across all plans
    (duplicate addresses, links) are `civplan check plans`' job (CIVPLAN_SHARD_FILES)."""
    built: str = ""
    """Folder of the built shards: build the top level, listing their plans, publishing none
    (CIVPLAN_SHARDS_FROM)."""
    search_later: bool = False
    """Leave the search index to `build_shard`, which indexes a shard once MkDocs has exited
    and given back its memory, in parts twice as large (CIVPLAN_SEARCH_LATER)."""

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] = os.environ) -> ShardSettings:
        return cls(
            shard=environ.get("CIVPLAN_SHARD", ""),
            key=environ.get("CIVPLAN_SHARD_KEY") or KEY,
            files=environ.get("CIVPLAN_SHARD_FILES", ""),
            built=environ.get("CIVPLAN_SHARDS_FROM", ""),
            # what mkdocs.yml's !ENV read as true when these were plugin options
            search_later=environ.get("CIVPLAN_SEARCH_LATER", "").lower()
            in ("1", "true", "yes", "on"),
        )

    def environ(self) -> dict[str, str]:
        """The environment of the `mkdocs build` that makes this part."""
        return {
            "CIVPLAN_SHARD": self.shard,
            "CIVPLAN_SHARD_KEY": self.key,
            "CIVPLAN_SHARD_FILES": self.files,
            "CIVPLAN_SHARDS_FROM": self.built,
            "CIVPLAN_SEARCH_LATER": "true" if self.search_later else "",
        }

    @property
    def build_name(self) -> str:
        """The name of this build's caches: a shard, the top level and a whole site each keep
        their own, since a cache holds only what its last build used."""
        return self.shard or ("top" if self.built else "site")


def groups_file(root: Path) -> Path:
    """Which shard each plan file fell in last time, by the file's digest (kept with the
    caches, outside the checkout: civplan.site.inputs.cache_root)."""
    return cache_root(root) / "shards" / "groups.json"


def top_data(root: Path) -> Path:
    """The top level's data/plans.json, written there as the shards' are read, copied into its
    site."""
    return cache_root(root) / "shards" / "plans.json"


TIER = "tier/"
"""The search tier's folder in the top level's pagefind/, as merge.json names it."""


def tier_folder(open_data: Path) -> Path:
    """The top level's search tier (civplan.site.search_tier), written beside its open data as
    the shards are read, put into its site by `assemble`."""
    return open_data.with_name("search-tier")


def stamp_file(root: Path, out: Path, shard: str) -> Path:
    """The fingerprint of the shard last built into out/<shard>: beside the caches, never in the
    output folder, which a pull request could commit into (a forged stamp would publish a forged
    shard as up to date)."""
    where = hashlib.sha256(str((out / shard).resolve()).encode()).hexdigest()[:16]
    return cache_root(root) / "shards" / f"{shard}-{where}.fingerprint"


def value_of(meta: dict, key: str = KEY) -> str:
    """The shard a plan belongs to: its value at the dotted `key`, or UNSORTED."""
    value: object = meta
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return str(value) if value not in (None, "") else UNSORTED


SITE_PATHS = frozenset(
    {"plans", "library", "reference", "assets", "admin", "data", "feeds", "pagefind", "search"}
    | {"feed", "index", "sitemap", "404", "stylesheets", "javascripts"}
)
"""Top-level names of the top level's own site: a shard there would replace its pages."""


def shard_id(name: str) -> str:
    """示例省 → shilisheng: the shard's folder and URL prefix on the top level; a name that
    would be one of the site's own paths (a province named "Plans") gets a suffix."""
    found = pinyin_slug(name) or "shard"
    return f"{found}-fenzhan" if found in SITE_PATHS else found


def split(plans: dict[str, Plan], key: str = KEY) -> dict[str, dict[str, Plan]]:
    """Plans by shard id, each shard's plans by their src_uri; shards in id order."""
    shards: dict[str, dict[str, Plan]] = {}
    for uri, plan in plans.items():
        shards.setdefault(shard_id(value_of(plan.meta, key)), {})[uri] = plan
    return dict(sorted(shards.items()))


def _shard_of(job: tuple[Path, str]) -> str | None:
    """The shard id of one plan file, or None if it does not load (the build's check says why)."""
    path, key = job
    plan, _ = load(path)
    return None if plan is None else shard_id(value_of(plan.meta, key))


def grouped_files(
    plans_dir: Path, key: str = KEY, cache: Path | None = None
) -> dict[str, list[Path]]:
    """Shard id → the plan files in it, read from `plans_dir`. Every CI job of a matrix asks, and
    loading 50,000 plans takes minutes: with `cache` (a JSON file), a file whose bytes are those
    of the last run keeps its shard, and the others are loaded on every core."""
    code = hashlib.sha256(key.encode() + code_version())  # how a plan file is read
    known = _read_groups(cache, code.hexdigest())
    digests = {
        p: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(plans_dir.glob("*.md"))
    }
    missing = [path for path, digest in digests.items() if digest not in known]
    jobs = [(path, key) for path in missing]
    if len(jobs) > 200:
        with ProcessPoolExecutor() as pool:
            shards = list(pool.map(_shard_of, jobs, chunksize=100))
    else:
        shards = [_shard_of(job) for job in jobs]
    known.update({digests[path]: shard for path, shard in zip(missing, shards, strict=True)})
    found: dict[str, list[Path]] = {}
    for path, digest in digests.items():
        if known[digest] is not None:
            found.setdefault(known[digest], []).append(path)
    if cache is not None and missing:
        _write_groups(cache, code.hexdigest(), {d: known[d] for d in digests.values()})
    return dict(sorted(found.items()))


def _read_groups(cache: Path | None, code: str) -> dict[str, str | None]:
    try:
        data = json.loads(cache.read_text("utf-8"))
        return dict(data["shards"]) if data["code"] == code else {}
    except (AttributeError, OSError, ValueError, KeyError, TypeError):
        return {}  # no cache, or one from other code: load every file


def _write_groups(cache: Path, code: str, shards: dict[str, str | None]) -> None:
    cache.parent.mkdir(parents=True, exist_ok=True)
    temporary = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps({"code": code, "shards": shards}), "utf-8")
    os.replace(temporary, cache)


def fingerprint(root: Path, files: list[Path], now: datetime) -> str:
    """A digest of everything one shard's site is made from: its plan files, what every page
    depends on (civplan.site.inputs), the plans' committed history (the history pages, feeds and
    open data list its versions), the days the checks read, and the moment it is built for
    (statuses and stages follow the date, a notice closes at its minute). Same digest, same
    site: a change to one plan rebuilds its shard and the top only."""
    head = published_head(root, "plans")
    digest = hashlib.sha256(site_digest(root, now.date().isoformat(), head).encode())
    digest.update(check_version())
    for path in sorted(files):
        data = path.read_bytes()
        digest.update(str(path.relative_to(root)).encode() + b"\0" + data + b"\0")
        digest.update(_sides_of_today(data, now).encode() + b"\0")
    return digest.hexdigest()


MOMENT = re.compile(rb"(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}")
"""A moment as the schema lets a notice's start and end be written (2026-12-04 17:30)."""


def _sides_of_today(data: bytes, now: datetime) -> str:
    """Which side of `now` each moment of today written in a plan falls on: within the day the
    fingerprint holds, a notice opens or closes at its minute, and only then does its page
    change (moments of other days fall on the side their date does)."""
    today = now.date().isoformat().encode()
    moments = [lifecycle.parse_moment(m.group().decode()) for m in MOMENT.finditer(data)]
    return "".join(
        lifecycle.side(m, now) for m in moments if m and m.date().isoformat().encode() == today
    )


def _records(shard_site: Path) -> list[dict]:
    data = json.loads((shard_site / "data" / "plans.json").read_text("utf-8"))
    return data["plans"]


def shard_sites(shards_dir: Path) -> list[Path]:
    """The built shard sites in `shards_dir`, one folder per shard id."""
    return sorted(p for p in shards_dir.iterdir() if (p / "data" / "plans.json").is_file())


def _top_records(
    shards_dir: Path, listed: dict[str, dict], tier: list, names: dict[str, str]
) -> Iterator[dict]:
    """Every shard's open-data records, their URLs from the top, one shard in memory at a time;
    meanwhile `listed` gets each plan's listed fields, under src_uri as if the plan page were in
    the top level's docs (<shard>/plans/<slug>.md, so that every listing's link reaches it), and
    `tier` its search tier record with the directory's sort key, and `names` each shard's
    province (the value it was split by, as the default key gives it: else its id)."""
    for site in shard_sites(shards_dir):
        for record in _records(site):
            meta = record["metadata"]
            if site.name not in names:
                name = value_of(meta)
                names[site.name] = name if shard_id(name) == site.name else site.name
            listed[f"{site.name}/plans/{record['slug']}.md"] = listed_fields(meta)
            url = f"{site.name}/{record['url']}"
            text = search_tier.record_text(meta, region_text(meta))
            tier.append((order_key(meta), search_tier.Record(url, meta.get("title", ""), text)))
            yield {**record, "url": url, "shard": site.name}


def read_shards(shards_dir: Path, now: datetime, open_data: Path) -> dict[str, dict]:
    """One pass over the built shards' data/plans.json: the top level's open data written to
    `open_data` as it is read, its search tier beside it (tier_folder), and what the listings
    keep of every plan returned. At 50,000 plans those files parse to gigabytes of Python
    objects; one shard's at a time, and the listed fields only, stay within a build's memory."""
    listed: dict[str, dict] = {}
    tier: list[tuple] = []
    names: dict[str, str] = {}
    open_data.parent.mkdir(parents=True, exist_ok=True)
    temporary = open_data.with_name(f"{open_data.name}.{os.getpid()}.tmp")
    with temporary.open("w", encoding="utf-8") as out:
        write_open_data(out, _top_records(shards_dir, listed, tier, names), now)
    os.replace(temporary, open_data)
    tier.sort(key=lambda item: item[0])
    shards = [{"id": shard, "name": name} for shard, name in names.items()]
    search_tier.write((record for _, record in tier), tier_folder(open_data), shards)
    return listed


def _feed_entries(site: Path, feed: str) -> list[ET.Element]:
    """The entries of one shard's feed, their links made relative to the same feed on the top."""
    path = site / feed
    if not path.is_file():
        return []
    entries = ET.parse(path).getroot().findall(f"{{{ATOM}}}entry")
    for entry in entries:
        for link in entry.findall(f"{{{ATOM}}}link"):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(feed), link.get("href")))
            link.set("href", relative_url(f"{site.name}/{target}/", feed))
    return entries


def feeds(shards_dir: Path) -> dict[str, str]:
    """feed.xml and feeds/<kind>.xml of the top level: every shard's entries, newest first."""
    sites = shard_sites(shards_dir)
    names = {"feed.xml"} | {
        f"feeds/{p.name}" for site in sites for p in (site / "feeds").glob("*.xml")
    }
    files = {}
    for name in sorted(names):
        template = next(site / name for site in sites if (site / name).is_file())
        root = ET.parse(template).getroot()
        for entry in root.findall(f"{{{ATOM}}}entry"):
            root.remove(entry)
        entries = [e for site in sites for e in _feed_entries(site, name)]
        entries.sort(key=lambda e: e.findtext(f"{{{ATOM}}}updated") or "", reverse=True)
        root.extend(entries)
        if entries:
            root.find(f"{{{ATOM}}}updated").text = entries[0].findtext(f"{{{ATOM}}}updated")
        files[name] = (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            + ET.tostring(root, encoding="unicode")
            + "\n"
        )
    return files


def top_files(
    shards_dir: Path, now: datetime, open_data: Path
) -> tuple[dict[str, Plan], dict[str, str | Path]]:
    """The shards' plans as the top level lists them (read_shards: metadata only, no body), and
    the top level's feeds and open data merged from them: site path → content, or the file that
    holds it."""
    if not shards_dir.is_dir() or not shard_sites(shards_dir):
        raise SiteError(
            f"在 {shards_dir} 中没有找到已构建的分站（每个分站应有 data/plans.json），"
            "请先构建各分站（make shards）。"
        )
    schema = resources.files("civplan.model").joinpath("plan.schema.json").read_text("utf-8")
    listed = {
        uri: Plan(path=uri, meta=meta, body="", body_line=1)
        for uri, meta in read_shards(shards_dir, now, open_data).items()
    }
    files = {**feeds(shards_dir), "data/plans.json": open_data, "data/plan.schema.json": schema}
    return listed, files


def assemble(shards_dir: Path, site_dir: Path, tier: Path) -> list[str]:
    """Put every built shard under the top level's site (<site>/<shard>/) and the search tier
    (`tier`, written as the top level read the shards) in its pagefind/tier/; return the shard
    ids. The top level's search reads the tier, never a shard's full-text index: each shard's own
    search does that, for the reader who asks for one province's full text."""
    sites = shard_sites(shards_dir)
    taken = sorted(site.name for site in sites if (site_dir / site.name).exists())
    if taken:  # never merged over the top level's own pages
        raise SiteError(
            f"分站 {'、'.join(taken)} 与总站自己的网址重名，总站没有组装。请改用别的分站名称。"
        )
    for site in sites:
        shutil.copytree(site, site_dir / site.name, copy_function=_link, dirs_exist_ok=True)
    shutil.copytree(tier, site_dir / "pagefind" / TIER)
    merge = site_dir / "pagefind" / search_index.MERGE
    own = json.loads(merge.read_text("utf-8"))  # the top level's own pages, in parts if many
    merge.write_text(json.dumps({**own, "tier": TIER}) + "\n", "utf-8")
    return [site.name for site in sites]


def _link(source: str, target: str) -> None:
    """A shard's file in the top level's site: a hard link where both are on one disk, since a
    province's shards are gigabytes that copying took minutes over. Safe to share, as a build
    never writes into a file of its site in place: MkDocs empties the folder and writes anew."""
    try:
        os.link(source, target)
    except OSError:  # another disk, or a file system without links
        shutil.copy2(source, target)


def _mkdocs(root: Path, site: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)]
    return subprocess.run(
        command, cwd=root, env={**os.environ, **env}, capture_output=True, text=True, check=False
    )


def build_shard(root: Path, shard: str, files: list[Path], out: Path, key: str) -> str:
    """Build one shard into out/<shard>/ unless its fingerprint says nothing changed; say which."""
    stamp = stamp_file(root, out, shard)
    digest = fingerprint(root, files, lifecycle.now())  # Beijing
    if stamp.is_file() and stamp.read_text() == digest and (out / shard).is_dir():
        return f"{shard}：没有变化，沿用上次构建的结果"
    listing = out / f"{shard}.files"  # the shard's build reads only these plans
    listing.write_text("".join(f"{p.relative_to(root).as_posix()}\n" for p in files), "utf-8")
    part = ShardSettings(shard=shard, key=key, files=str(listing), search_later=True)
    result = _mkdocs(root, out / shard, part.environ())
    if result.returncode != 0:
        raise SiteError(f"分站 {shard} 没有建成：\n{result.stderr[-3000:]}")
    # the index once MkDocs has exited: Pagefind beside a province's build went past 2 GB, and
    # alone it has room for parts twice as large, so a search across shards joins half as many
    parts = 2 * search_index.PER_INDEX
    search_index.build(str(out / shard), cache_folder(root, "search", shard), parts)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest)
    return f"{shard}：已构建（{len(files)} 个方案文件）"


def build_top(root: Path, out: Path, site: Path) -> list[str]:
    """The top level into `site`, then every built shard beside it."""
    relative = os.path.relpath(out.resolve(), root.resolve())
    result = _mkdocs(root, site, ShardSettings(built=relative).environ())
    if result.returncode != 0:
        raise SiteError(f"总站没有建成：\n{result.stderr[-3000:]}")
    return assemble(out, site, tier_folder(top_data(root)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m civplan.site.shards", description=__doc__)
    parser.add_argument("action", choices=["list", "build", "top", "all"])
    parser.add_argument("--key", default=KEY, help=f"分站依据的元数据字段（默认 {KEY}）")
    parser.add_argument("--only", default="", help="只构建这一个分站（CI 矩阵的一个任务）")
    parser.add_argument("--out", type=Path, default=Path("build/shards"), help="分站的输出文件夹")
    parser.add_argument("--site", type=Path, default=Path("site"), help="总站的输出文件夹")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="同时构建几个分站")
    args = parser.parse_args(argv)
    root = Path.cwd()
    try:
        if args.action in ("list", "build", "all"):  # the top level reads the built shards
            groups = grouped_files(root / "plans", args.key, groups_file(root))
        if args.action == "list":
            print(json.dumps(list(groups), ensure_ascii=False))
            return 0
        if args.action in ("build", "all"):
            chosen = {args.only: groups.get(args.only, [])} if args.only else groups
            args.out.mkdir(parents=True, exist_ok=True)
            with ThreadPoolExecutor(max(1, args.jobs)) as pool:  # each shard is its own process
                done = pool.map(
                    lambda s: build_shard(root, s, chosen[s], args.out, args.key), chosen
                )
                for line in done:
                    print(line)
        if args.action in ("top", "all"):
            print(f"总站：已构建，包含分站 {'、'.join(build_top(root, args.out, args.site))}")
    except SiteError as err:
        print(err, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
