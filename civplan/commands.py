"""The editor commands as plain functions; __main__ is the thin argparse layer over them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from civplan import copy, lifecycle, upstream
from civplan.errors import CommandError
from civplan.library import load_library, plan_files
from civplan.loader import load
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


def new(request: copy.Request, templates_dir: Path, plans_dir: Path, out=sys.stdout) -> int:
    """Copy a template into a new draft plan and list the blanks still to fill."""
    try:
        path = copy.new_plan(request, templates_dir, plans_dir, lifecycle.today())
    except CommandError as err:
        print(f"错误：{err}", file=sys.stderr)
        return 2
    blanks = copy.remaining_blanks(path)
    print(f"已从模板 {request.template} 创建方案 {path}（状态：草案，不会发布）。", file=out)
    if blanks:
        print(f"还有 {len(blanks)} 处待填：", file=out)
        for line, text in blanks:
            print(f"  {path}:{line}: {text}", file=out)
    print(
        f"填好后运行 civplan check {path} 检查，make serve 预览；确认无误后把 status 改为“公示中”并填写公示期。",
        file=out,
    )
    return 0


def ask(templates_dir: Path, ask_line=input) -> copy.Request:
    """Ask for each value in a terminal (new without arguments)."""
    ids = copy.template_ids(templates_dir)
    template = ask_line(f"模板（{'/'.join(ids)}）：").strip()
    unit = ask_line("单位全称：").strip()
    year = ask_line("年度（如 2026）：").strip()
    level = ask_line(f"目标级别（{'/'.join(copy.levels())}）：").strip()
    if not year.isdigit():
        raise CommandError(f"年度“{year}”不是数字，请填写四位年份，例如 2026。")
    return copy.Request(template, unit, int(year), level)


def upstream_changes(plan_path: str, repo: Path, out=sys.stdout) -> int:
    """Show what the plan's template changed since the version the plan was copied from."""
    plan, problems = load(plan_path)
    try:
        if plan is None:
            raise CommandError("；".join(str(p) for p in problems))
        lines = upstream.upstream_report(plan, repo)
    except CommandError as err:
        print(f"错误：{err}", file=sys.stderr)
        return 2
    print("\n".join(lines), file=out)
    return 0
