"""False alarms and misses of `civplan check`'s rules on the real plans of ../shared/corpus/.

Each raw text becomes the body of a plan whose metadata is a valid sample's, so only what the
text itself contains can be reported; every problem on a body line is compared with the hand
defect list tests/corpus/defects.yaml (source line + rule). A problem not in the list is a false
alarm; a listed defect not reported is a miss.

    .venv/bin/python scripts/eval_rules.py            # figures per rule and overall
    .venv/bin/python scripts/eval_rules.py --detail   # every false alarm and miss
    .venv/bin/python scripts/eval_rules.py --root DIR # the rules of another checkout (before/after)
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DEFECTS = ROOT / "tests" / "corpus" / "defects.yaml"
SAMPLE = ROOT / "plans" / "shilishidiyirenminyiyuan-2026.md"


def reported(stem: str, raw: str) -> list[tuple[int, str]]:
    """(source line, rule) of every problem the rules print for the raw text's lines."""
    from civplan.check import plan_problems
    from civplan.model.loader import parse

    front = SAMPLE.read_text("utf-8").split("\n---\n", 1)[0] + "\n---\n"
    plan, problems = parse(front + raw, f"{stem}.md")
    problems = problems + (plan_problems(plan) if plan else [])
    first = plan.body_line
    return [(p.line - first + 1, p.rule) for p in problems if p.line >= first]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--detail", action="store_true", help="list every false alarm and miss")
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose rules to run")
    args = parser.parse_args()
    sys.path.insert(0, str(args.root.resolve()))
    defects = yaml.safe_load(DEFECTS.read_text("utf-8"))
    alarms, right, missed, printed = Counter(), Counter(), Counter(), Counter()
    for path in sorted(CORPUS.glob("*.txt")):
        truth = {(d["line"], d["rule"]) for d in defects.get(path.stem, [])}
        lines = reported(path.stem, path.read_text("utf-8"))
        printed.update(rule for _, rule in lines)
        found = set(lines)
        for line, rule in sorted(found):
            (right if (line, rule) in truth else alarms)[rule] += 1
            if args.detail and (line, rule) not in truth:
                print(f"  误报 {path.stem}:{line} [{rule}]")
        for line, rule in sorted(truth - found):
            missed[rule] += 1
            if args.detail:
                print(f"  漏报 {path.stem}:{line} [{rule}]")
    rules = sorted(set(alarms) | set(right) | set(missed))
    print(
        f"{'rule':16} {'printed':>7} {'lines':>6} {'false':>6} {'missed':>6} {'false-alarm rate':>17}"
    )
    for rule in rules + ["overall"]:
        counts = (alarms, right, missed, printed)
        if rule == "overall":
            a, r, m, n = (sum(c.values()) for c in counts)
        else:
            a, r, m, n = (c[rule] for c in counts)
        rate = f"{a / (a + r):.2f}" if a + r else "—"
        print(f"{rule:16} {n:7} {a + r:6} {a:6} {m:6} {rate:>17}")


if __name__ == "__main__":
    main()
