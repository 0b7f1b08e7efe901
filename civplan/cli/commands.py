"""The editor commands as plain functions; civplan/cli/main.py is the thin argparse layer over them."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from civplan.check import check_file, report
from civplan.check.library import load_library, mode_of, plan_files
from civplan.check.rules import TEMPLATE
from civplan.check.tree import tree_problems
from civplan.cli import new_plan, upstream
from civplan.export.errors import ExportError
from civplan.model import lifecycle, uploads
from civplan.model.errors import InputError
from civplan.model.identity import check_unit, check_year
from civplan.model.loader import load
from civplan.model.printable import printable
from civplan.model.problems import Problem
from civplan.model.slug import slug_for
from civplan.site.inputs import cache_root


def collect(paths: list[str]) -> list[Path]:
    """Plan files named on the command line; folders stand for the .md files inside."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        files.extend(plan_files(path) if path.is_dir() else [path])
    return files


def check(
    paths: list[str], output_format: str = "text", out=sys.stdout, output: Path | None = None
) -> int:
    """Check plans; print every problem in `output_format` (to `output` if given, with the text
    report on `out` for the log) and a summary; return the exit status (1 on any error)."""
    files = collect(paths or ["plans"])
    problems, drafts = find_problems(files)
    if output is not None:
        try:
            with open(output, "w", encoding="utf-8") as file:
                print_report(output_format, len(files), problems, drafts, file)
        except OSError as err:
            print(f"错误：无法写入 {printable(str(output))}：{err.strerror}", file=sys.stderr)
            return 2
        output_format = "text"
    print_report(output_format, len(files), problems, drafts, out)
    return 1 if any(p.is_error for p in problems) else 0


def find_problems(files: list[Path]) -> tuple[list[Problem], list[Path]]:
    """The problems of `files`, sorted, and which of them are drafts."""
    problems: list[Problem] = []
    asked = {_absolute(path) for path in files}
    drafts: list[Path] = []
    if Path("mkdocs.yml").is_file():  # in the project: what else the pull request brings
        problems += tree_problems(Path.cwd(), [cache_root(Path.cwd())])
    # A whole folder is loaded even for one file, so duplicate slugs are still seen.
    for folder in sorted({path.parent for path in files}):
        library, found = load_library(folder)
        problems += [p for p in found if _absolute(Path(p.path)) in asked or p.rule == uploads.RULE]
        drafts += [Path(p.path) for p in library.plans.values() if _is_draft(p, library, asked)]
    # one problem found twice (a symlink: by the tree's walk and by the loader) is said once
    problems = sorted(set(problems), key=lambda p: (p.path, p.line, p.rule))
    return problems, sorted(drafts)


def print_report(output_format: str, count: int, problems: list[Problem], drafts, out) -> None:
    """The problems for their reader (civplan.check.report), then the drafts' blanks and the
    summary; JSON and GitLab's report are the data alone."""
    if output_format == "json":
        return report.write_json([p.__dict__ for p in problems], out)
    if output_format == "gitlab":
        return report.write_json(report.gitlab_report(problems), out)
    shown = report.github_line if output_format == "github" else str
    for problem in problems:
        print(shown(problem), file=out)
    blank = report.blank_notice if output_format == "github" else _blank_line
    blanks = print_blanks(drafts, out, blank)
    errors = sum(p.is_error for p in problems)
    verdict = "通过" if not errors else "未通过"
    left = f"；草案中还有 {blanks} 处待填（见上）" if blanks else ""
    print(
        f"检查了 {count} 个文件：{errors} 个错误，{len(problems) - errors} 个警告，{verdict}{left}。",
        file=out,
    )


def _absolute(path: Path) -> Path:
    """The path from the root, symlinks not followed: a plan that is a symlink (even a loop) is
    refused by the loader, never resolved here."""
    return Path(os.path.abspath(path))


BLANKS_LISTED = 10
"""A draft with more blanks than this lists its first few and a count, not all of them."""


def _is_draft(plan, library, asked: set[Path]) -> bool:
    return (
        library.mode != TEMPLATE
        and not lifecycle.is_published(plan.meta)
        and _absolute(Path(plan.path)) in asked
    )


def _blank_line(path: str, line: int, text: str) -> str:
    return f"  {printable(path)}:{line}: {printable(text)}"


def print_blanks(drafts: list[Path], out, shown=_blank_line) -> int:
    """Where each draft still has blanks (a draft may keep them, a published plan may not),
    each line made by `shown(path, line, text)`; return how many there are in all."""
    found = [(path, new_plan.remaining_blanks(path)) for path in drafts]
    found = [(path, blanks) for path, blanks in found if blanks]
    total = sum(len(blanks) for _, blanks in found)
    if total:
        print(f"草案中还有 {total} 处待填（草案可以先留着，发布前必须全部填好）：", file=out)
    for path, blanks in found:
        listed = blanks if len(blanks) <= BLANKS_LISTED else blanks[:5]
        for line, text in listed:
            print(shown(str(path), line, text), file=out)
        if len(listed) < len(blanks):
            print(
                f"  {printable(str(path))}：共 {len(blanks)} 处，以上是前 {len(listed)} 处；"
                "在编辑器中搜索“〔待填”可以逐个找到。",
                file=out,
            )
    return total


def new_from_answers(args, interactive: bool) -> int:
    """`new` as the command line gives it: all four values, or ask for the missing ones in a
    terminal (each answer checked as it is given), or say which are missing and which wrong."""
    given = {"template": args.template, "unit": args.unit, "year": args.year, "level": args.level}
    try:
        if all(given.values()):
            request = new_plan.Request(**given, slug=args.slug)
        elif interactive:
            request = ask(args.templates_dir, known=given)
            request.slug = args.slug
        else:
            raise InputError("\n".join([_missing(given), *_wrong(given, args)]))
    except InputError as err:
        print_error(err)
        return 2
    except (EOFError, KeyboardInterrupt):  # Ctrl+D or Ctrl+C at a question
        print("\n已取消，没有新建方案。", file=sys.stderr)
        return 2
    return new(request, args.templates_dir, args.plans_dir)


def _missing(given: dict) -> str:
    names = {"template": "TEMPLATE", "unit": "UNIT", "year": "YEAR", "level": "LEVEL"}
    left = [name for key, name in names.items() if not given[key]]
    return (
        f"new 还缺少 {'、'.join(f'{name}=' for name in left)}"
        "（用 make new 时写 TEMPLATE=、UNIT=、YEAR=、LEVEL= 四项；直接运行 civplan new 时写"
        " --template、--unit、--year 和 --level；在终端中运行会逐项询问缺少的项）"
    )


def _wrong(given: dict, args) -> list[str]:
    """What is wrong with the values that were given, beside what is missing."""
    request = new_plan.Request(
        **{key: value or None for key, value in given.items()}, slug=args.slug
    )
    return new_plan.request_errors(request, args.templates_dir, lifecycle.today())


def print_error(err: InputError) -> None:
    """Each line of the error as its own `错误：` line (a command may find several at once)."""
    for line in str(err).splitlines():
        print(f"错误：{line}", file=sys.stderr)


def note(plan_path: str, text: str, out=sys.stdout) -> int:
    """Add today's change note in front of the plan's revisions, nothing else changed."""
    from civplan.cli.note import add_note

    today = lifecycle.today()
    try:
        line = add_note(Path(plan_path), text, today)
    except InputError as err:
        print_error(err)
        return 2
    shown = printable(plan_path)
    print(f"已在 {shown}:{line} 加入 {today} 的修改说明，文件的其他内容没有改动。", file=out)
    print(
        f"请运行 make check FILE={shown} 检查，再把这条说明和方案的修改放在同一次提交中。", file=out
    )
    return 0


def revision_notes(base: str, folder: str) -> int:
    """Every published plan changed since `base` carries a new change note (CI)."""
    from civplan.cli.changes import changes  # reads git: only this command needs it

    return changes(base, folder)


def new(request: new_plan.Request, templates_dir: Path, plans_dir: Path, out=sys.stdout) -> int:
    """Copy a template into a new draft plan and list the blanks still to fill."""
    try:
        path = new_plan.new_plan(request, templates_dir, plans_dir, lifecycle.today())
    except InputError as err:
        print_error(err)
        return 2
    blanks = new_plan.remaining_blanks(path)
    print(f"已从模板 {request.template} 创建方案 {path}（状态：草案，不会发布）。", file=out)
    if blanks:
        print(f"还有 {len(blanks)} 处待填：", file=out)
        for line, text in blanks:
            print(f"  {path}:{line}: {text}", file=out)
    print(
        f"填好后运行 make check FILE={path} 检查，make preview FILE={path} 预览；"
        "确认无误后把 status 改为“公示中”并填写公示期。",
        file=out,
    )
    return 0


def ask(
    templates_dir: Path, ask_line=input, out=sys.stdout, known: dict | None = None
) -> new_plan.Request:
    """Ask for each value in a terminal (new without all four arguments): a numbered menu of
    templates by their Chinese names; each answer is checked when given and asked again until
    it is right, so no answer given before is ever lost. Values in `known` (given on the
    command line) are only asked for when they are wrong."""
    known = known or {}
    this_year = lifecycle.today()
    if known.get("template") is None:
        print("可用的模板：", file=out)
        for number, (template_id, name, _) in enumerate(
            new_plan.template_choices(templates_dir), 1
        ):
            print(f"  {number}. {name}（{template_id}）", file=out)
    levels = "  ".join(f"{n}. {level}" for n, level in enumerate(new_plan.levels(), 1))
    questions = (
        (
            "template",
            "模板编号（输入前面的数字）：",
            lambda a: new_plan.template_of(a, templates_dir),
        ),
        ("unit", "单位全称（例如 示例市第三人民医院）：", check_unit),
        ("year", f"年度（例如 {this_year.year}）：", check_year),
        ("level", f"目标级别（{levels}；输入数字或名称）：", new_plan.check_level),
    )
    answers = [
        _answer(known.get(key), ask_line, prompt, check, out) for key, prompt, check in questions
    ]
    return new_plan.Request(*answers)


def _answer(given, ask_line, prompt: str, check, out):
    """The value given on the command line if it is right, else what the editor answers."""
    if given is not None:
        try:
            return check(str(given))
        except InputError as err:
            print(f"  {err}", file=out)
    return _ask_until(ask_line, prompt, check, out)


def _ask_until(ask_line, prompt: str, check, out):
    """Ask until `check` accepts the answer; print why it did not."""
    while True:
        try:
            return check(ask_line(prompt))
        except InputError as err:
            print(f"  {err}请重新输入。", file=out)


def upstream_changes(plan_path: str, repo: Path, out=sys.stdout) -> int:
    """Show what the plan's template changed since the version the plan was copied from."""
    plan, problems = load(plan_path)
    try:
        if plan is None:
            raise InputError("；".join(str(p) for p in problems))
        lines = upstream.upstream_report(plan, repo)
    except InputError as err:
        print(f"错误：{err}", file=sys.stderr)
        return 2
    print("\n".join(lines), file=out)
    return 0


def export(paths: list[str], out_dir: Path, everything: bool = False, out=sys.stdout) -> int:
    """Write plans and templates as Word files in the official format; skip (and list) broken ones.

    With `everything`: every published plan in plans/ and every template in templates/.
    Returns 1 if any file was skipped, else 0.
    """
    if bool(paths) == everything:
        print(
            "错误：export 需要列出要导出的文件，或者用 --all 导出全部（两者选一）。",
            file=sys.stderr,
        )
        return 2
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
            try:
                written.add(export_docx(plan, target, today))
            except ExportError as err:  # too deep or too slow: the file is skipped, not the rest
                tqdm.write(str(Problem(str(path), 1, str(err), "export")), file=out)
                skipped += 1
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
    # only this command needs the importer
    from civplan.cli.import_address import import_to
    from civplan.importer.plan import write_import

    try:
        if output is None:
            done = write_import(source, None, plans_dir, unit, year, report)
        else:  # the file the editor named, with its own address when the unit's is taken
            done = import_to(source, output, unit, year, report)
    except InputError as err:
        print_error(err)
        return 2
    print(done.text(), file=out)
    return 0


def preview(plan_path: str, address: str = "localhost:8000") -> int:
    """Serve the site with this plan alone (drafts too), rebuilt on every save; on the next free
    port when the asked one is taken (a `make serve` is often running already)."""
    path = Path(plan_path)
    if not path.is_file():
        print(f"错误：找不到方案文件 {plan_path}。", file=sys.stderr)
        return 2
    plan, _ = load(path)
    slug = slug_for(plan.meta) if plan else path.stem
    return serve(address, f"plans/{slug}/", {"CIVPLAN_ONLY": str(path)}, "只构建这一个方案")


def serve(
    address: str = "localhost:8000",
    page: str = "",
    env: dict[str, str] | None = None,
    what: str = "包括草案",
) -> int:
    """`mkdocs serve` of the site with drafts (`make serve`), or of what `env` chooses, on the
    next free port when the asked one is taken; Ctrl+C ends it with one line."""
    try:
        address = free_address(address)
    except InputError as err:
        print(f"错误：{err}", file=sys.stderr)
        return 2
    print(
        f"预览地址：http://{address}/{page} （{what}；保存后页面自动刷新；按 Ctrl+C 结束）",
        file=sys.stderr,
    )
    variables = {**os.environ, "CIVPLAN_DRAFTS": "1", "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", address]
    # Ctrl+C is set here before the server starts: a process started in the background by a
    # shell inherits it ignored, and so would the server; a handler set here is the default
    # again in the server. The server has its own session: Ctrl+C reaches this process only,
    # which ends the server quietly; a closed terminal or a `kill` ends it the same way.
    for ending in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(ending, _interrupt)
    server = subprocess.Popen(command, env=variables, start_new_session=True)
    try:
        return server.wait()
    except KeyboardInterrupt:
        _end(server)
        print("预览已结束。", file=sys.stderr)
        return 0


ENDING_SECONDS = 10
"""How long the server may take to end its own build's workers after Ctrl+C."""


def _end(server: subprocess.Popen) -> None:
    """Ctrl+C for the server first: mkdocs serve then ends the Word files' workers itself
    (the plugin's on_shutdown); killed mid-way, they left "leaked semaphore" warnings in the
    editor's terminal. Whatever is still running after that ends with the whole group."""
    server.send_signal(signal.SIGINT)
    with contextlib.suppress(subprocess.TimeoutExpired):
        server.wait(timeout=ENDING_SECONDS)
    with contextlib.suppress(ProcessLookupError):  # none left: all of them have ended
        os.killpg(server.pid, signal.SIGTERM)  # the server and every worker it started
    server.wait()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


PORTS_TRIED = 20


def free_address(address: str) -> str:
    """host:port, or the same host on the first free port after it."""
    host, _, port = address.rpartition(":")
    if not port.isdigit():
        raise InputError(f"预览地址“{address}”应写成 主机:端口，例如 localhost:8000。")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET  # as mkdocs serve binds
    for candidate in range(int(port), int(port) + PORTS_TRIED):
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((host.strip("[]"), candidate))
            except OSError:
                continue
        return f"{host}:{candidate}"
    raise InputError(
        f"端口 {port} 到 {int(port) + PORTS_TRIED - 1} 都被占用了。"
        "请关掉不用的预览窗口（在那个终端按 Ctrl+C）后再试。"
    )
