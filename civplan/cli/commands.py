"""The editor commands as plain functions; __main__ is the thin argparse layer over them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from civplan.check import check_file
from civplan.check.library import load_library, mode_of, plan_files
from civplan.check.rules import TEMPLATE
from civplan.cli import new_plan as copy
from civplan.cli import upstream
from civplan.model import lifecycle
from civplan.model.errors import CommandError
from civplan.model.loader import load
from civplan.model.problems import Problem
from civplan.model.slug import slug_for


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


def export(paths: list[str], out_dir: Path, everything: bool = False, out=sys.stdout) -> int:
    """Write plans and templates as Word files in the official format; skip (and list) broken ones.

    With `everything`: every published plan in plans/ and every template in templates/.
    Returns 1 if any file was skipped, else 0.
    """
    # imported here: python-docx and tqdm would slow every other command's start
    from tqdm import tqdm

    from civplan.export.docx import export_docx

    files = (
        [*plan_files(Path("plans")), *plan_files(Path("templates"))]
        if everything
        else collect(paths)
    )
    today, written, skipped = lifecycle.today(), set(), 0
    out_dir.mkdir(parents=True, exist_ok=True)
    for path in tqdm(files, desc="导出 Word", unit="个", file=sys.stderr, disable=None):
        mode = mode_of(path.parent)
        plan, problems = check_file(path, str(path), mode)
        target = out_dir / f"{path.stem}.docx"
        if target in written:
            problems.append(
                Problem(str(path), 1, f"与另一个文件同名，{target} 已经导出过。", "export")
            )
        errors = [problem for problem in problems if problem.is_error]
        for problem in errors:
            tqdm.write(str(problem), file=out)
        if errors:
            skipped += 1
        elif mode == TEMPLATE or not everything or lifecycle.is_published(plan.meta):
            written.add(export_docx(plan, target, today))
    verdict = f"，{skipped} 个文件有错误，没有导出（见上）" if skipped else ""
    print(f"已导出 {len(written)} 个 Word 文件到 {out_dir}{verdict}。", file=out)
    return 1 if skipped else 0


def import_plan(
    source: Path,
    output: Path | None,
    plans_dir: Path,
    unit: str | None = None,
    year: int | None = None,
    report: Path | None = None,
    out=sys.stdout,
) -> int:
    """Import a plan written elsewhere (.txt, .md, .docx) as a draft; print what went where."""
    from civplan.importer.plan import write_import  # only this command needs the importer

    try:
        done = write_import(source, output, plans_dir, unit, year, report)
    except CommandError as err:
        print(f"错误：{err}", file=sys.stderr)
        return 2
    print(done.text(), file=out)
    return 0


def preview(plan_path: str, address: str = "localhost:8000") -> int:
    """Serve the site with this plan alone (drafts too), rebuilt on every save."""
    path = Path(plan_path)
    if not path.is_file():
        print(f"错误：找不到方案文件 {plan_path}。", file=sys.stderr)
        return 2
    plan, _ = load(path)
    slug = slug_for(plan.meta) if plan else path.stem
    print(
        f"预览地址：http://{address}/plans/{slug}/ （只构建这一个方案；按 Ctrl+C 结束）",
        file=sys.stderr,
    )
    env = {
        **os.environ,
        "CIVPLAN_ONLY": str(path),
        "CIVPLAN_DRAFTS": "1",
        "NO_MKDOCS_2_WARNING": "1",
    }
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address]
    return subprocess.run(command, env=env).returncode
