"""A former address belongs, for good, to the plan that had it.

Printed links and QR codes keep pointing at a plan's old address (`former_slugs` makes it
redirect). Another plan naming that address would take those readers: a claim is refused when
the published history shows the address as another plan's, even after that plan was removed.
"""

from __future__ import annotations

from collections.abc import Iterable

from civplan.model.loader import Plan
from civplan.model.problems import Problem


def owners(histories: dict[str, Iterable[str | None]]) -> dict[str, set[str]]:
    """slug → the plan files (by current path) whose published versions had it, from each
    file's slugs over its history."""
    found: dict[str, set[str]] = {}
    for path, slugs in histories.items():
        for slug in filter(None, slugs):
            found.setdefault(slug, set()).add(path)
    return found


def claim_problems(plans: Iterable[Plan], had: dict[str, set[str]]) -> list[Problem]:
    """A former slug that another plan had (`had`: owners()), and one two plans both claim."""
    problems, claimed = [], {}
    for plan in plans:
        for index, former in enumerate(plan.meta.get("former_slugs") or []):
            others = sorted(had.get(former, set()) - {plan.path})
            twin = claimed.setdefault(former, plan)
            if not others and twin is plan:
                continue
            owner = others[0] if others else twin.path
            message = (
                f"曾用网址标识“{former}”属于另一个方案（{owner}），旧网址上的链接和二维码要继续指向它，"
                "不能改为跳转到本方案。请删去这一项；本方案以前用过的网址才能写在这里。"
            )
            where = plan.line_of(("former_slugs", index))
            problems.append(Problem(plan.path, where, message, "former-slug-owner"))
    return problems
