"""The list fields of an imported plan: basis, goals, measures, guarantees and rewards.

Each reads the paragraphs of its own section; a numbered item becomes one entry, named by its
head (the first sentence), the way the plan itself names it.
"""

from __future__ import annotations

import re

from civplan.importer.outline import Para
from civplan.importer.values import Finding, at_least, head_text, meta_text
from civplan.model.blank import YEAR as YEAR_TEXT
from civplan.model.blank import blank, has_blank

DOCUMENT = re.compile(r"《([^》]{2,80})》\s*(?:[（(]([^（）()]*?〔[^〕]+〕[^（）()]*?号)[）)])?")
DOC_NUMBER = re.compile(r"^\S+〔\d{4}〕\d+号$")
LEVELS = {"县级": "县级", "区级": "县级", "市级": "市级", "州级": "市级", "地级": "市级"}
LEVELS |= {"省级": "省级", "全国": "全国"}
LEVEL = re.compile(r"(县级|区级|市级|州级|地级|省级|全国)(?:文明|先进)")
YEAR = re.compile(rf"(?<![\d〔])({YEAR_TEXT})\s*年")
DEPARTMENT = r"[^\s，,。；;、：:由是]{1,12}?(?:科|室|处|部|办|股|中心|委|小组|队|组)"
DEPARTMENTS = [
    re.compile(r"责任(?:科室|部门|单位|股室)[:：]\s*([^，,。；;）)\s]+)"),
    re.compile(rf"((?:{DEPARTMENT})(?:、{DEPARTMENT})*)(?:牵头)?负责(?!人|同志)"),
    re.compile(rf"由((?:{DEPARTMENT})(?:、{DEPARTMENT})*)牵头"),
]
GUARANTEE_KINDS = [
    ("经费保障", re.compile(r"经费|资金|投入|预算")),
    ("宣传氛围", re.compile(r"宣传|氛围|舆论|报道")),
    ("督导检查", re.compile(r"督导|督查|检查|监督|整改")),
    ("考核奖惩", re.compile(r"考核|奖惩|追责|问责|奖励|惩")),
    ("加强领导", re.compile(r"领导|组织|责任|带头|重视")),
]
CONSEQUENCE = re.compile(
    r"给予|取消|评定为|评为|末等|处理|处分|通报|扣除|扣发|不予|免职|移送|责令|表彰|奖励|问责|追究"
    r"|一票否决|降级|调离"
)

Item = tuple[Para, list[Para]]


def basis(paras: list[Para]) -> tuple[list[dict], list[Finding]]:
    """The documents a plan cites in its preamble, with their numbers when written."""
    found, findings = [], []
    for para in paras:
        for match in DOCUMENT.finditer(para.text):
            entry = {"title": at_least(meta_text(match.group(1)), 2, "文件名称")}
            number = meta_text(match.group(2) or "")
            if DOC_NUMBER.match(number) or has_blank(number):
                entry["number"] = number
            found.append(entry)
            findings.append(Finding(para.line, "basis", f"《{match.group(1)}》"))
    return found, findings


def goals(items: list[Item], paras: list[Para]) -> tuple[list[dict], list[Finding]]:
    """One goal per numbered item, or per paragraph when the goals are not numbered."""
    sources = [item for item, _ in items] or paras
    found, findings = [], []
    for para in sources:
        text = head_text(para.rest) if para.marker else meta_text(para.text)
        if len(text) < 4:
            continue
        goal: dict = {"text": text}
        year, level = YEAR.search(para.text), LEVEL.search(para.text)
        if year:
            goal["year"] = int(year.group(1))
        if level:
            goal["level"] = LEVELS[level.group(1)]
        found.append(goal)
        findings.append(Finding(para.line, "goals", text))
    return found, findings


def measures(items: list[Item], group_items: list[Item]) -> tuple[list[dict], list[Finding]]:
    """One measure per numbered task, and one per department duty in the group section."""
    found, findings = [], []
    for item, under in items:
        department = _department(" ".join([item.rest] + [p.text for p in under]))
        text = at_least(head_text(item.rest), 4, "任务内容")
        found.append({"text": text, "department": department or blank("责任科室")})
        findings.append(Finding(item.line, "measures", f"{text}（{department or '责任科室待填'}）"))
    for item, _ in group_items:
        duty = re.match(rf"^((?:{DEPARTMENT})(?:、{DEPARTMENT})*)(?:牵头)?(负责.+)$", item.rest)
        if duty:
            found.append({"text": meta_text(duty.group(2)), "department": duty.group(1)})
            findings.append(Finding(item.line, "measures", f"{duty.group(1)}的职责"))
    return found, findings


CELL = "\u3000"  # read_source joins a table row's cells with it
TABLE_DATE = re.compile(r"^(20\d\d)年(\d{1,2})月(\d{1,2})日$")


def measure_table(paras: list[Para]) -> tuple[list[dict], list[Finding]]:
    """A task table headed by the schema's own column titles (任务内容, 责任科室, 完成期限), as
    `civplan export` writes it: one measure per row."""
    from civplan.model.schema import schema

    fields = schema()["properties"]["measures"]["items"]["properties"]
    titles = [fields[key]["title"] for key in ("text", "department", "deadline")]
    found, findings, inside = [], [], False
    for para in paras:
        cells = para.text.split(CELL)
        if cells[:2] == titles[:2]:
            inside = True
        elif inside and len(cells) >= 2:
            text = meta_text(cells[0]) + ("。" if cells[0].rstrip().endswith("。") else "")
            entry = {"text": text, "department": meta_text(cells[1])}
            day = TABLE_DATE.match(cells[2]) if len(cells) > 2 else None
            if day:
                entry["deadline"] = "-".join(f"{int(n):02d}" for n in day.groups())
            found.append(entry)
            findings.append(
                Finding(para.line, "measures", f"{entry['text']}（{cells[1]}，任务表）")
            )
        else:
            inside = False
    return found, findings


def _department(text: str) -> str | None:
    for pattern in DEPARTMENTS:
        found = pattern.search(text)
        if found and len(meta_text(found.group(1))) >= 2:
            return meta_text(found.group(1))
    return None


def guarantees(items: list[Item], paras: list[Para]) -> tuple[list[dict], list[Finding]]:
    """Each guarantee with the standard kind its words name; a blank kind when none fits."""
    sources = [(item, item.rest) for item, _ in items] or [(p, p.text) for p in paras]
    found, findings = [], []
    for para, text in sources:
        head = head_text(text)
        kind = _kind(head) or _kind(text)
        entry = {
            "kind": kind or blank("保障类别：加强领导、经费保障、宣传氛围、督导检查或考核奖惩")
        }
        if len(head) >= 4:
            entry["text"] = head
        found.append(entry)
        findings.append(Finding(para.line, "guarantees", f"{kind or '类别待填'}：{head}"))
    return found, findings


def _kind(text: str) -> str | None:
    hits = [(found.start(), kind) for kind, p in GUARANTEE_KINDS if (found := p.search(text))]
    return min(hits)[1] if hits else None


def rewards(paras: list[Para]) -> tuple[list[dict], list[Finding]]:
    """Condition → consequence for every clause that says what follows from what."""
    found, findings = [], []
    for para in paras:
        for clause in re.split(r"[。；;]", para.rest if para.marker else para.text):
            rule = _reward(clause)
            if rule:
                found.append(rule)
                findings.append(
                    Finding(para.line, "rewards", f"{rule['condition']} → {rule['consequence']}")
                )
    return found, findings


def _reward(clause: str) -> dict | None:
    verb = CONSEQUENCE.search(clause)
    if not verb:
        return None
    before = clause[: verb.start()]
    cut = max(before.rfind(","), before.rfind("，"))
    if cut < 0:  # no comma: “……的医务人员一律……”, else after the last “的”
        joint = re.search(r"一律|均应|均将|由", before)
        cut = joint.start() if joint else before.rfind("的") + 1 if "的" in before else -1
    if cut <= 0:
        return None
    condition = meta_text(re.sub(r"^(?:对|凡是?)", "", clause[:cut]))
    consequence = meta_text(clause[cut:])
    if len(condition) < 2 or len(consequence) < 2:
        return None
    return {"condition": condition, "consequence": consequence}
