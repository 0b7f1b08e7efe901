"""`civplan changes --base REF`: every plan changed since REF that was published there must add a
change note, and no commit since REF may carry a date out of place (civplan.history.since_base).
CI runs it on pull and merge requests."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from civplan.history.since_base import date_problems, problems_since
from civplan.model.errors import InputError


def changes(base: str, folder: str = "plans", root: Path = Path("."), out=sys.stdout) -> int:
    try:
        pairs, found = problems_since(root, base, folder)
        dated = date_problems(root, base, datetime.now(UTC))
    except InputError as err:
        print(f"错误：{err}", file=sys.stderr)
        return 2
    for problem in found + dated:
        print(problem, file=out)
    verdict = "未通过" if found or dated else "通过"
    wrong = f"，{len(dated)} 个提交的日期有误" if dated else ""
    print(
        f"与 {base} 相比修改了 {len(pairs)} 个方案：{len(found)} 个缺少修改说明{wrong}，{verdict}。",
        file=out,
    )
    return 1 if found or dated else 0
