"""Personal data never goes public: no resident ID numbers, no private mobile numbers."""

from __future__ import annotations

import re

from civplan.check.rules import rule, texts

ID_NUMBER = re.compile(r"(?<![0-9])[1-9]\d{16}[0-9Xx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![0-9])1[3-9]\d{9}(?![0-9])")
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def is_resident_id(text: str) -> bool:
    """GB 11643 check digit of an 18-digit resident ID number."""
    total = sum(int(digit) * weight for digit, weight in zip(text[:17], WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == text[17].upper()


def mask(text: str) -> str:
    return text[:3] + "*" * (len(text) - 7) + text[-4:]


@rule("id-number", "不能公开居民身份证号码")
def id_numbers(plan, mode):
    for line, text, _ in texts(plan, ID_NUMBER):
        for found in ID_NUMBER.finditer(text):
            if is_resident_id(found.group(0)):
                yield (
                    line,
                    (
                        f"出现了居民身份证号码（{mask(found.group(0))}）。身份证号是个人信息，不能公开，请删除。"
                    ),
                )


@rule("mobile-number", "不能公开个人手机号码（单位对外公布的号码须标明 public: true）")
def mobile_numbers(plan, mode):
    for line, text, where in texts(plan, MOBILE):
        if _public_phone(plan, where):
            continue
        for found in MOBILE.finditer(text):
            yield (
                line,
                (
                    f"出现了手机号码（{mask(found.group(0))}）。个人手机号不能公开；"
                    "如果这是单位对外公布的举报号码，请写在 supervision.phones 中并加上 public: true。"
                ),
            )


def _public_phone(plan, where) -> bool:
    if not where or where[:2] != ("supervision", "phones") or len(where) < 4:
        return False
    return plan.get("supervision", "phones", where[2], "public") is True
