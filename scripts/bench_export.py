"""How long exporting 100-odd plans to Word takes: the samples of plans/, 13 times each.

Run from the project folder: .venv/bin/python scripts/bench_export.py [ROUNDS]
Prints the time for the whole pipeline of `civplan export` (read and check, then write the
.docx) and for writing alone.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from civplan.check import check_file
from civplan.check.library import plan_files
from civplan.export.docx import export_docx

TODAY = date(2026, 5, 15)


def main(rounds: int = 13) -> None:
    samples = list(plan_files(Path("plans")))
    total = len(samples) * rounds
    with tempfile.TemporaryDirectory() as out:
        started, writing = time.perf_counter(), 0.0
        for n in range(rounds):
            for path in samples:
                plan, _ = check_file(path)
                before = time.perf_counter()
                export_docx(plan, Path(out) / f"{path.stem}-{n}.docx", TODAY)
                writing += time.perf_counter() - before
        elapsed = time.perf_counter() - started
    print(
        f"{total} plans ({len(samples)} samples × {rounds}): {elapsed:.2f} s "
        f"({elapsed / total * 1000:.0f} ms a plan); writing the .docx alone {writing:.2f} s "
        f"({writing / total * 1000:.0f} ms a plan)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 13)
