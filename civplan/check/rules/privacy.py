"""Personal data never goes public: no resident ID numbers, no private mobile numbers, however
they are written (civplan.model.personal reads them as a reader would)."""

from __future__ import annotations

from civplan.check.rules.registry import rule, texts
from civplan.model.personal import MAYBE, mask, mobiles, resident_ids


@rule("id-number", "不能公开居民身份证号码")
def id_numbers(plan, mode):
    for line, text, _ in texts(plan, MAYBE):
        for number in resident_ids(text):
            yield (
                line,
                f"出现了居民身份证号码（{mask(number)}）。身份证号是个人信息，不能公开，请删除。",
            )


@rule("mobile-number", "不能公开个人手机号码（单位对外公布的号码须标明 public: true）")
def mobile_numbers(plan, mode):
    for line, text, where in texts(plan, MAYBE):
        if _public_phone(plan, where):
            continue
        for number in mobiles(text):
            yield (
                line,
                (
                    f"出现了手机号码（{mask(number)}）。个人手机号不能公开；"
                    "如果这是单位对外公布的举报号码，请写在 supervision.phones 中并加上 public: true。"
                ),
            )


def _public_phone(plan, where) -> bool:
    if not where or where[:2] != ("supervision", "phones") or len(where) < 4:
        return False
    return plan.get("supervision", "phones", where[2], "public") is True
