"""Supervision: a plan the public can see must say where to report, in numbers that work."""

from __future__ import annotations

import re

from civplan.check.rules.registry import rule
from civplan.model import contacts, lifecycle
from civplan.model.blank import has_blank

NEEDS_CONTACTS = {lifecycle.IN_NOTICE, lifecycle.IN_FORCE}
PHONE = re.compile(rf"^(?:{contacts.PHONE})$")
EMAIL = re.compile(rf"^{contacts.EMAIL}$")


@rule("supervision-required", "公示中和实施中的方案必须公布举报电话和通讯地址")
def contacts_required(plan, mode):
    if plan.meta.get("status") in NEEDS_CONTACTS and not plan.meta.get("supervision"):
        yield (
            plan.line_of(("status",)),
            (
                f"状态为“{plan.meta['status']}”的方案必须公布监督举报方式："
                "添加 supervision，至少写明 phones（举报电话）和 address（通讯地址）。"
            ),
        )


@rule("phone-format", "举报电话必须是能拨通的号码格式")
def phone_format(plan, mode):
    for index, phone in enumerate(plan.get("supervision", "phones", default=[]) or []):
        number = phone.get("number") if isinstance(phone, dict) else None
        if isinstance(number, str) and not has_blank(number) and not PHONE.match(number):
            yield (
                plan.line_of(("supervision", "phones", index, "number")),
                (
                    f"举报电话“{number}”不是有效的号码格式。固定电话写成“区号-号码”（如 0571-87654321），"
                    "也可以是 11 位手机号、400/800 热线或 12345 这样的服务号码。"
                ),
            )


@rule("email-format", "电子邮箱必须是有效地址")
def email_format(plan, mode):
    email = plan.get("supervision", "email")
    if isinstance(email, str) and not has_blank(email) and not EMAIL.match(email):
        yield (
            plan.line_of(("supervision", "email")),
            (f"电子邮箱“{email}”格式不对，应类似 jubao@example.gov.cn。"),
        )
