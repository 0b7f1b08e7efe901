"""The editor commands as plain functions; __main__ is the thin argparse layer over them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from civplan.library import load_library, plan_files
from civplan.problems import Problem


def collect(paths: list[str]) -> list[Path]:
    """Plan files named on the command line; folders stand for the .md files inside."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        files.extend(plan_files(path) if path.is_dir() else [path])
    return files


def check(paths: list[str], output_format: str = "text", out=sys.stdout) -> int:
    """Check plans; print every problem and a summary; return the exit status (1 on any error)."""
    problems: list[Problem] = []
    files = collect(paths or ["plans"])
    asked = {path.resolve() for path in files}
    # A whole folder is loaded even for one file, so duplicate slugs are still seen.
    for folder in sorted({path.parent for path in files}):
        _, found = load_library(folder)
        problems += [p for p in found if Path(p.path).resolve() in asked]
    problems.sort(key=lambda p: (p.path, p.line))
    errors = sum(p.is_error for p in problems)
    if output_format == "json":
        json.dump([p.__dict__ for p in problems], out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for problem in problems:
            print(problem, file=out)
        warnings = len(problems) - errors
        count = len(files)
        verdict = "通过" if not errors else "未通过"
        print(f"检查了 {count} 个文件：{errors} 个错误，{warnings} 个警告，{verdict}。", file=out)
    return 1 if errors else 0
