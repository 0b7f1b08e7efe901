"""The shared sections of a plan, as pure functions from metadata (and today) to HTML.

Each function here is a macro a plan body may call, e.g. `{{ leading_group() }}`. The standard
wording comes from wording.yaml; every value from the metadata is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from types import SimpleNamespace

from markupsafe import Markup

from civplan.model import lifecycle
from civplan.model.blank import ANY_KIND, BLANK, template_kind
from civplan.model.macros import MACROS
from civplan.model.schema import measure_columns
from civplan.model.text import tidy
from civplan.model.wording import roster, wording
from civplan.site.markup import DATE, dates, environment, fill, render, wrap_matches


def nowrap_dates(html: str) -> str:
    """Escaped text with each date kept on one line (templates/date.html). Only for text
    already escaped (no tags inside)."""
    return str(wrap_matches(DATE, html, "date.html"))


def doc_number(text: str) -> str:
    """A 文号 as words that never break inside: the issuer, then 〔year〕number (示县水 〔2026〕6号).
    A narrow screen may put the year on the next line, never cut “6/号” or “20/26”."""
    issuer, bracket, rest = str(text).partition("〔")
    parts = [issuer, bracket + rest] if bracket and issuer else [str(text)]
    return render("doc_number.html", parts=parts)


def _block(html: str) -> str:
    """A raw HTML block that Markdown passes through untouched."""
    return f"\n\n{html}\n\n"


def leading_group(meta: dict, today: date) -> str:
    words = wording()["leading_group"]
    group = meta.get("leading_group") or {}
    name = group.get("name") or words["default_name"]
    unit = (meta.get("unit") or {}).get("name", "")
    office = group.get("office") or {}
    director = office.get("director") or {}
    note = group.get("members_note")
    html = render(
        "leading_group.html",
        intro=words["intro"].format(unit=unit, group=name),
        columns=words["columns"],
        people=[
            (role, p.get("name", ""), p.get("post", ""), p.get("duty", ""))
            for role, p in roster(group)
        ],
        members_note=words["members_note"].format(note=note) if note else "",
        office=words["office"].format(
            location=office.get("location", ""),
            director=director.get("name", ""),
            post=director.get("post", ""),
        ),
        office_duty=office.get("duty") or words["office_duty"],
    )
    return _block(html)


def progress_badge(state: str) -> str:
    """未开始/进行中/已完成/逾期/日期待定 as a coloured label."""
    parts = environment().get_template("_parts.html").module
    return str(parts.progress(state, wording()["progress"][state]))


def stages(meta: dict, today: date) -> str:
    """The stages as a timeline: the stage today falls in is marked; each shows its progress."""
    words = wording()["stages"]
    items = meta.get("stages") or []
    shown = [
        SimpleNamespace(
            name=stage.get("name", ""),
            state=lifecycle.stage_progress(stage, today),
            now=lifecycle.stage_state(stage, today) == lifecycle.IN_PROGRESS,
            period=tidy(
                words["period"].format(start=stage.get("start", ""), end=stage.get("end", ""))
            ),
            done=stage.get("done"),
            tasks=stage.get("tasks") or [],
            evidence=_evidence(stage),
            reports=_reports(stage, today),
        )
        for stage in items
    ]
    html = render(
        "stages.html",
        intro=words["intro"].format(count=len(items)),
        stages=shown,
        current_badge=words["current_badge"],
        progress=wording()["progress"],
    )
    return _block(html)


def _evidence(item: dict) -> list[tuple[str | None, str]]:
    """(url or None, title) of each proof of a measure, stage or report."""
    return [
        (proof["url"] if proof.get("url") else None, proof.get("title", ""))
        for proof in item.get("evidence") or []
        if isinstance(proof, dict)
    ]


def _reports(item: dict, today) -> list[SimpleNamespace]:
    """The dated progress entries of a measure or stage, newest first."""
    return [
        SimpleNamespace(
            date=entry["date"],
            state=lifecycle.REPORTED.get(entry.get("status"), lifecycle.NOT_STARTED),
            status=entry.get("status", ""),
            note=entry.get("note") or "",
            evidence=_evidence(entry),
        )
        for entry in reversed(lifecycle.reports(item, today))
    ]


def guarantees(meta: dict, today: date) -> str:
    words = wording()["guarantees"]
    items = [
        (kind, words["items"].get(kind, ""), item["text"] if item.get("text") else "")
        for item in meta.get("guarantees") or []
        for kind in [item.get("kind", "")]
    ]
    html = render("guarantees.html", intro=words["intro"], items=items)
    return _block(html)


def supervision(meta: dict, today: date) -> str:
    words = wording()["supervision"]
    contact = meta.get("supervision") or {}
    labels = words["labels"]
    html = render(
        "supervision.html",
        intro=words["intro"],
        labels=labels,
        phones=[
            (p["number"], p.get("label")) for p in contact.get("phones") or [] if p.get("number")
        ],
        email=contact.get("email"),
        others=[
            (labels[key], contact[key])
            for key in ("address", "postcode", "hours", "box")
            if contact.get(key)
        ],
    )
    return _block(html)


def goals(meta: dict, today: date) -> str:
    """Each goal as a sentence: “2026年目标（市级文明单位）：年底前通过……”."""
    words = wording()["goals"]
    shown = []
    for goal in meta.get("goals") or []:
        form = ("year" if goal.get("year") else "") + ("level" if goal.get("level") else "")
        lead = words[form].format(year=goal.get("year"), level=goal.get("level")) if form else ""
        shown.append((lead, goal.get("text", "")))
    return _block(render("goals.html", goals=shown))


def measures(meta: dict, today: date) -> str:
    """The measures with their department, deadline and progress (overdue computed from dates)."""
    started = lifecycle.plan_started(meta, today)
    shown = []
    for m in meta.get("measures") or []:
        latest = lifecycle.latest_report(m, today)
        shown.append(
            SimpleNamespace(
                text=m.get("text", ""),
                department=m.get("department", ""),
                deadline=m.get("deadline", "—"),
                state=lifecycle.progress(m, today, started),
                latest=latest["date"] if latest else None,
                evidence=_evidence(m),
                reports=_reports(m, today),
            )
        )
    html = render(
        "measures.html",
        years=_year_summaries(meta, today),
        columns=[*measure_columns(), "进度"],
        measures=shown,
        progress=wording()["progress"],
    )
    return _block(html)


def _year_summaries(meta: dict, today) -> list[dict]:
    """完成 N 项，推进中 M 项，逾期 K 项 of the measures, for each year of the plan up to now."""
    summaries = []
    for year in lifecycle.summary_years(meta, today):
        counts = lifecycle.year_summary(meta, year, today)
        summaries.append(
            SimpleNamespace(
                year=year,
                when="截至目前" if year == lifecycle.moment(today).year else "截至年底",
                done=counts[lifecycle.DONE],
                in_progress=counts[lifecycle.IN_PROGRESS],
                overdue=counts[lifecycle.OVERDUE],
                not_started=counts[lifecycle.NOT_STARTED],
            )
        )
    return summaries


def rewards(meta: dict, today: date) -> str:
    words = wording()["rewards"]
    html = render(
        "rewards.html",
        intro=words["intro"],
        columns=words["columns"],
        rewards=[
            (r.get("condition", ""), r.get("consequence", "")) for r in meta.get("rewards") or []
        ],
    )
    return _block(html)


def basis(meta: dict, today: date) -> str:
    documents = [
        (doc.get("title", "").strip("《》"), doc.get("number")) for doc in meta.get("basis") or []
    ]
    return _block(render("basis.html", documents=documents))


PLAN_MACROS: dict[str, Callable[[dict, date], str]] = {name: globals()[name] for name in MACROS}
"""The macros a plan or template body may call; nothing else is allowed in its {{ … }}."""


def _region(unit: dict) -> str:
    region = unit.get("region") or {}
    return "".join(region.get(k, "") for k in ("province", "city", "county"))


def card(
    meta: dict,
    today: date,
    updated: str | None = None,
    history_url: str | None = None,
    word_url: str | None = None,
) -> str:
    """The metadata card at the top of a plan page, with the last change and a link to the history."""
    unit = meta.get("unit") or {}
    notice = meta.get("notice") or {}
    template = meta.get("template") or {}
    values = {
        "unit": unit.get("name"),
        "kind": unit.get("kind"),
        "level": meta.get("level"),
        "mode": meta.get("mode"),
        "year": f"{meta.get('year')}—{meta['end_year']}"
        if meta.get("end_year")
        else meta.get("year"),
        "region": _region(unit),
        "parent": unit.get("parent"),
        "status": lifecycle.status(meta, today),
        "doc_number": meta.get("doc_number"),
        "issued": meta.get("issued"),
        "notice": tidy(f"{notice['start']} 至 {notice['end']}") if notice else None,
    }
    labels = wording()["card"]["labels"]
    shown = {key: dates(value) for key, value in values.items() if value}
    if "doc_number" in shown:
        shown["doc_number"] = Markup(doc_number(values["doc_number"]))
    if template.get("id"):
        shown["template"] = Markup(_template_link(template))
    html = render(
        "card.html",
        shown=[(key, labels[key], value) for key, value in shown.items()],
        updated_label=labels["updated"],
        updated=updated,
        history_url=history_url,
        word_url=word_url,
    )
    return html + "\n"


def _template_link(template: dict) -> str:
    """The template a plan was written from, as a link into the library (plans/<slug>/ →
    library/<id>/), in a reader's words rather than “hospital 1.0”."""
    return render(
        "template_link.html",
        url=f"../../library/{template['id']}/",
        text=wording()["card"]["template_link"],
        version=template.get("version"),
    )


def banner(meta: dict, now, successor_url: str | None = None) -> str:
    """What a reader must know first: open for comment until when, closed, finished or replaced."""
    words = wording()["banners"]
    status = lifecycle.status(meta, now)
    if status not in words:
        return ""
    window = lifecycle.notice_window(meta)
    how = (meta.get("notice") or {}).get("feedback")
    text = fill(
        words[status],
        start=dates(lifecycle.moment_text(window[0])) if window else "",
        end=dates(lifecycle.moment_text(window[1])) if window else "",
        left=lifecycle.time_left(meta, now),
        feedback=words["feedback"].format(how=how.rstrip("。")) if how else "",
        report=Markup(render("banner_report.html", text=words["report"])),
    )
    reason = meta.get("withdrawal_reason")
    shown_reason = reason and status in ("已废止", "已被替代")
    html = render(
        "banner.html",
        status=status,
        text=text,  # Markup: our wording, escaped and filled
        reason=words["reason"].format(reason=reason) if shown_reason else "",
        successor_url=successor_url if status == "已被替代" else None,
        successor=words["successor"],
    )
    return html + "\n"


def draft_banner(meta: dict) -> str:
    """Above a draft in an editor's preview: the public site will not show it."""
    return "" if lifecycle.is_published(meta) else render("draft_banner.html") + "\n"


def feedback_outcome(meta: dict) -> str:
    """What came of the comments received during the notice window."""
    outcome = meta.get("feedback_outcome")
    if not outcome:
        return ""
    words = wording()["feedback_outcome"]
    html = render(
        "feedback_outcome.html",
        words=words,
        received=words["received"].format(count=outcome.get("received", 0)),
        adopted=outcome.get("adopted"),
        not_adopted=[
            (i.get("text", ""), i.get("reason", "")) for i in outcome.get("not_adopted") or []
        ],
        columns=["意见", "未采纳理由"],
    )
    return html + "\n"


def copy_command(template_id: str, kind: str, year: int) -> str:
    """What an editor pastes in the project folder: a make target, which needs no PATH."""
    return f'make new TEMPLATE={template_id} UNIT="示例市某某{kind}" YEAR={year} LEVEL=市级'


def template_card(meta: dict, example_url: str | None, today: date) -> str:
    """The head of a template page: purpose, version, downloads, the copy command, the changelog."""
    info = meta.get("template_info") or {}
    template = meta.get("template") or {}
    template_id = template.get("id", "")
    kind = template_kind(meta) or "单位"
    html = render(
        "template_card.html",
        purpose=info.get("purpose", ""),
        changelog=[
            (c.get("version"), c.get("date"), c.get("note")) for c in info.get("changelog") or []
        ],
        template_id=template_id,
        version=template.get("version", ""),
        kind=kind,
        example_url=example_url,
        command=copy_command(template_id, "单位" if kind == ANY_KIND else kind, today.year),
    )
    return html + "\n"


# A tag with its quoted attribute values whole (a quoted value may hold a bare ">"); split on it,
# a page's HTML alternates text and tags.
TAG = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")


def highlight_blanks(html: str) -> str:
    """Mark every blank so an editor sees at a glance what is left to fill (templates/blank.html);
    in the text only: a blank in a link's address stays the address, and a blank that opens in
    one value and closes in another (across tags) is not one blank."""
    parts = TAG.split(html)
    parts[::2] = [str(wrap_matches(BLANK, text, "blank.html")) for text in parts[::2]]
    return "".join(parts)
