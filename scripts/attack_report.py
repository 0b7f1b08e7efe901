"""Try every payload of tests/attacks/payloads.py and print what became of each (issue 13).

    .venv/bin/python scripts/attack_report.py [NAME_PART ...]

Per payload: refused by check / neutralised in build / REACHED output / crashed-hung, with the
evidence; then the totals, the worst case's peak memory and time, and the whole run's. Only names
containing one of the NAME_PARTs are tried when any are given. Each process runs under
`prlimit --as=3000000000` and `timeout`, as in tests/test_attacks.py (the same harness).
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from attacks.harness import CRASHED, NEUTRALISED, REACHED, REFUSED, try_all  # noqa: E402
from attacks.payloads import PAYLOADS  # noqa: E402


def main(parts: list[str]) -> int:
    chosen = [p for p in PAYLOADS if not parts or any(part in p.name for part in parts)]
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="civplan-attacks-") as base:
        outcomes = try_all(Path(base), chosen)
    wall = time.monotonic() - start
    width = max(len(name) for name in outcomes)
    for name, outcome in outcomes.items():
        print(f"{name:<{width}}  {outcome.verdict:<20}  {outcome.detail}")
    totals = Counter(outcome.verdict for outcome in outcomes.values())
    print()
    print(f"payloads tried: {len(outcomes)}")
    for verdict in (REFUSED, NEUTRALISED, REACHED, CRASHED):
        print(f"  {verdict:<20} {totals[verdict]}")
    heaviest = max(outcomes.values(), key=lambda o: o.peak_kb)
    slowest = max(outcomes.values(), key=lambda o: o.seconds)
    print(f"peak memory of one process: {heaviest.peak_kb / 1024:.0f} MB ({heaviest.payload.name})")
    print(f"longest payload (all its processes): {slowest.seconds:.1f} s ({slowest.payload.name})")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"whole run: {wall:.0f} s wall, {children.ru_utime + children.ru_stime:.0f} s CPU")
    return 1 if totals[REACHED] or totals[CRASHED] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
