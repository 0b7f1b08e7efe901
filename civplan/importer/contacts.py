"""Supervision contacts of an imported plan: phones, e-mail, postal address, hours, report box.

Looked for in every paragraph that speaks of reporting or contact (电话、举报、投诉、监督、
联系、地址、邮箱), wherever the paragraph was placed: plans often put the hotline in a
guarantee or at the very end.
"""

from __future__ import annotations

import re

from civplan.importer.outline import Para
from civplan.importer.values import Finding, meta_text
from civplan.model import contacts
from civplan.model.blank import blank
from civplan.model.text import HAN

CUE = re.compile(r"电话|热线|举报|投诉|监督|联系|地址|邮箱|信箱|来信")
PHONE = re.compile(
    r"(?<![\d-])(0\d{2,3}[-－—]?\d{7,8}(?:[-－—]\d{1,5})?|1[3-9]\d{9}"
    r"|[48]00[-－]?\d{3}[-－]?\d{4}|12\d{3})(?![\d])"
)
LABEL_AFTER = re.compile(r"^\s*[(（]([^()（）\d]{2,12})[)）]")
LABEL_BEFORE = re.compile(
    rf"([{HAN}]{{2,10}}(?:科|室|办|部|处|股|中心|委|组))(?:举报|投诉|监督)?(?:电话|热线)?[:：]?\s*$"
)
EMAIL = re.compile(contacts.EMAIL)
ADDRESS = re.compile(
    r"(?:通讯|通信|联系|邮寄|来信)?地址(?:为|是)?[:：]\s*([^。；;]+)|来信请寄(?:至|到)?[:：]?\s*([^。；;]+)"
)
ADDRESS_END = re.compile(r"[,，]\s*(?:邮编|邮政编码|电话|联系电话|电子邮箱|邮箱|受理时间|接待时间)")
POSTCODE = re.compile(r"(?:邮编|邮政编码)[:：]?\s*(\d{6})(?!\d)")
HOURS = re.compile(r"(?:受理|接待|接听)时间(?:为|是)?[:：]\s*([^。；;]+)")
BOX = [
    re.compile(r"(?:举报|意见|投诉)箱(?:设|放置|安放)(?:在|于)([^，,。；;]{2,30})"),
    re.compile(
        r"在([^，,。；;]{2,30}?)(?:设立|设置|安放|放置)[^，,。；;]{0,12}?(?:举报|意见|投诉)箱"
    ),
]


MINIMUM = {"address": 4, "postcode": 6}


def supervision(paras: list[Para]) -> tuple[dict, list[Finding]]:
    """The supervision metadata; blanks for the phone and address when the plan gives none."""
    phones: list[dict] = []
    found: dict[str, str] = {}
    findings: list[Finding] = []
    for para in paras:
        if not CUE.search(para.text):
            continue
        for phone in _phones(para.text):
            if phone["number"] not in {p["number"] for p in phones}:
                phones.append(phone)
                findings.append(Finding(para.line, "supervision.phones", _phone_label(phone)))
        for key, value in _others(para.text).items():
            if key not in found and len(value) >= MINIMUM.get(key, 2):
                found[key] = value
                findings.append(Finding(para.line, f"supervision.{key}", value))
    result: dict = {"phones": phones or [{"number": blank("举报电话")}]}
    result["address"] = found.pop("address", blank("接收举报信件的通讯地址"))
    return {**result, **found}, findings


def _phones(text: str) -> list[dict]:
    phones = []
    for match in PHONE.finditer(text):
        number = re.sub(r"[－—]", "-", match.group(1))
        if number.startswith("12") and len(number) == 5 and "电话" not in text:
            continue
        phone: dict = {"number": number}
        label = LABEL_AFTER.match(text[match.end() :]) or LABEL_BEFORE.search(
            text[max(0, match.start() - 16) : match.start()]
        )
        if label:
            phone["label"] = label.group(1).strip()
        phones.append(phone)
    return phones


def _phone_label(phone: dict) -> str:
    return f"{phone['number']}（{phone['label']}）" if phone.get("label") else phone["number"]


def _others(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    address = ADDRESS.search(text)
    if address:
        value = ADDRESS_END.split(address.group(1) or address.group(2))[0]
        found["address"] = meta_text(value)
    email = EMAIL.search(text)
    if email:
        found["email"] = email.group(0)
    for key, pattern in (("postcode", POSTCODE), ("hours", HOURS)):
        match = pattern.search(text)
        if match:
            found[key] = meta_text(match.group(1))
    for pattern in BOX:
        match = pattern.search(text)
        if match:
            found["box"] = meta_text(match.group(1))
            break
    return found
