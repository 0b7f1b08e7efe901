"""Files the site derives from all plans at once: history pages, feeds, open data, redirects."""

from __future__ import annotations

from importlib import resources
from pathlib import PurePosixPath

from markupsafe import Markup

from civplan.history.public_changes import change
from civplan.history.versions import Version, last_updated, published_commits
from civplan.model import lifecycle
from civplan.model.loader import Plan
from civplan.model.slug import is_slug, pinyin_slug
from civplan.site import csp
from civplan.site.feeds import FeedEntry, atom, open_data
from civplan.site.history_page import history_page
from civplan.site.markup import render
from civplan.site.urls import history_uri, page_url, relative_url, slug_of


def history_pages(plans: dict[str, Plan], history: dict[str, list[Version]]) -> dict[str, str]:
    """A history page for every published plan, at /plans/<slug>/history/."""
    return {
        history_uri(uri): history_page(plan.meta["title"], history.get(plan.path, []), "../")
        for uri, plan in plans.items()
    }


def _entry(uri: str, plan: Plan, history, now, feed_path: str) -> FeedEntry:
    meta = plan.meta
    versions = history.get(plan.path)
    revision = versions[0].commit[:10] if versions else meta.get("issued", "")
    unit = meta.get("unit") or {}
    summary = f"{lifecycle.status(meta, now)}。{unit.get('name', '')}，{meta.get('level', '')}，{meta.get('year', '')}年。"
    if versions:  # the public note, never the commit's subject or author
        latest = change(versions[0], versions[1] if len(versions) > 1 else None)
        summary += f"最近修改（{latest.notes[0].date}）：{''.join(n.text for n in latest.notes)}"
    summary += progress_summary(meta, now)
    return FeedEntry(
        id=f"urn:civplan:plan:{slug_of(uri)}:{revision}",
        title=meta["title"],
        url=relative_url(page_url(uri), feed_path),
        updated=last_updated(plan, versions or []),
        summary=summary,
        category=unit.get("kind", "其他"),
    )


def progress_summary(meta: dict, now) -> str:
    """The feed's word on progress: this year's counts and the latest report, if any."""
    years = lifecycle.summary_years(meta, now)
    if not years or not meta.get("measures"):
        return ""
    counts = lifecycle.year_summary(meta, years[0], now)
    text = (
        f"{years[0]}年任务：完成 {counts[lifecycle.DONE]} 项，推进中 {counts[lifecycle.IN_PROGRESS]} 项，"
        f"逾期 {counts[lifecycle.OVERDUE]} 项。"
    )
    latest = max(
        (
            (entry["date"], entry, item)
            for item in (meta.get("measures") or []) + (meta.get("stages") or [])
            if isinstance(item, dict)
            for entry in lifecycle.reports(item, now)
        ),
        key=lambda found: str(found[0]),
        default=None,
    )
    if latest:
        _, entry, item = latest
        what = item.get("name") or item.get("text", "")
        text += f"最新进展（{entry['date']}）：{what}——{entry['status']}。{entry.get('note') or ''}"
    return text


def feeds(plans: dict[str, Plan], history, now) -> dict[str, str]:
    """feed.xml for the whole site and feeds/<kind>.xml for each kind of unit."""
    kinds = sorted({(p.meta.get("unit") or {}).get("kind", "其他") for p in plans.values()})
    files = {}
    for kind in [None, *kinds]:
        path = "feed.xml" if kind is None else f"feeds/{pinyin_slug(kind)}.xml"
        chosen = {
            u: p
            for u, p in plans.items()
            if kind is None or (p.meta.get("unit") or {}).get("kind") == kind
        }
        entries = [_entry(u, p, history, now, path) for u, p in chosen.items()]
        updated = max((e.updated for e in entries), default=lifecycle.moment(now))
        title = "文明创建方案公示平台：方案发布与修改" + (f"（{kind}）" if kind else "")
        files[path] = atom(
            title,
            f"urn:civplan:feed:{pinyin_slug(kind) if kind else 'all'}",
            PurePosixPath(path).name,
            entries,
            updated,
        )
    return files


def open_data_file(plans: dict[str, Plan], history, now) -> dict[str, str]:
    """data/plans.json (every published plan) and the schema that describes its metadata."""
    records = [
        {
            "slug": slug_of(uri),
            "url": page_url(uri),
            "status": lifecycle.status(plan.meta, now),
            "last_updated": last_updated(plan, history.get(plan.path) or []).isoformat(),
            "progress": progress_record(plan.meta, now),
            "metadata": plan.meta,
            "maintainers": published_commits(history.get(plan.path) or []),
        }
        for uri, plan in sorted(plans.items())
    ]
    schema = resources.files("civplan.model").joinpath("plan.schema.json").read_text("utf-8")
    return {
        "data/plans.json": open_data(records, lifecycle.moment(now)),
        "data/plan.schema.json": schema,
    }


def progress_record(meta: dict, now) -> dict:
    """What open data says of a plan's progress as the site shows it: each measure's state
    (upcoming/current/done/overdue, by lifecycle.progress) and the yearly summary."""
    started = lifecycle.plan_started(meta, now)
    return {
        "measures": [
            lifecycle.progress(m, now, started)
            for m in meta.get("measures") or []
            if isinstance(m, dict)
        ],
        "years": {
            str(year): lifecycle.year_summary(meta, year, now)
            for year in lifecycle.summary_years(meta, now)
        },
    }


def redirects(plans: dict[str, Plan]) -> dict[str, str]:
    """A page at each former address of a renamed plan, sending the reader to the new one."""
    files = {}
    for uri, plan in plans.items():
        # only valid addresses: an invalid one is an error of the check, never a path here
        for former in filter(is_slug, plan.meta.get("former_slugs") or []):
            target = f"../{slug_of(uri)}/"
            page = render(
                "redirect.html", csp=Markup(csp.META), target=target, title=plan.meta["title"]
            )
            files[f"plans/{former}/index.html"] = page + "\n"
    return files


def derived_files(plans: dict[str, Plan], history, now) -> dict[str, str]:
    return {
        **feeds(plans, history, now),
        **open_data_file(plans, history, now),
        **redirects(plans),
    }
