"""civplan: the editors' command line (检查、新建……). Thin: the work is in civplan.cli.commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from civplan.cli import commands


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="civplan", description="文明创建方案的编辑工具")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")

    check = sub.add_parser("check", help="检查方案，列出所有问题（文件:行号: 问题）")
    check.add_argument("paths", nargs="*", help="方案文件或文件夹，默认 plans")
    check.add_argument("--format", choices=["text", "json"], default="text", help="输出格式")

    new = sub.add_parser("new", help="从模板新建方案（不带参数时逐项询问）")
    new.add_argument("--template", help="模板编号，例如 hospital")
    new.add_argument("--unit", help="单位全称，例如 示例市第三人民医院")
    new.add_argument("--year", type=int, help="年度，例如 2026")
    new.add_argument("--level", help="目标级别：县级、市级、省级或全国")
    new.add_argument("--slug", help="网址标识（可选，默认由单位名称拼音加年度生成）")
    new.add_argument(
        "--templates-dir", type=Path, default=Path("templates"), help=argparse.SUPPRESS
    )
    new.add_argument("--plans-dir", type=Path, default=Path("plans"), help=argparse.SUPPRESS)

    changes = sub.add_parser("upstream", help="查看方案的来源模板在复制之后改了什么")
    changes.add_argument("plan", help="方案文件，例如 plans/shilishidiyirenminyiyuan-2026.md")

    export = sub.add_parser("export", help="导出为公文格式（GB/T 9704—2012）的 Word 文件")
    export.add_argument("paths", nargs="*", help="方案或模板文件，或它们所在的文件夹")
    export.add_argument(
        "--all",
        action="store_true",
        dest="everything",
        help="导出 plans 中所有已发布的方案和 templates 中所有模板",
    )
    export.add_argument(
        "-o", "--output", type=Path, default=Path("build/docx"), help="输出文件夹，默认 build/docx"
    )

    imported = sub.add_parser("import", help="把已有的方案（.txt、.md、.docx）导入为方案草案")
    imported.add_argument("source", type=Path, help="要导入的文件，例如 旧方案.docx")
    imported.add_argument("--output", type=Path, help="写到哪个文件（默认 plans/<网址标识>.md）")
    imported.add_argument("--unit", help="单位全称（原文没有写明或认错时指定）")
    imported.add_argument("--year", type=int, help="年度，例如 2026（原文写成 20xx 时指定）")
    imported.add_argument("--report", type=Path, help="把导入报告另存到这个文件")
    imported.add_argument("--plans-dir", type=Path, default=Path("plans"), help=argparse.SUPPRESS)

    notes = sub.add_parser(
        "changes", help="检查与某个 git 版本相比修改过的已发布方案是否都写了修改说明（CI 用）"
    )
    notes.add_argument("--base", required=True, help="比较的基准，例如 origin/main")
    notes.add_argument("folder", nargs="?", default="plans", help="方案文件夹，默认 plans")

    show = sub.add_parser("preview", help="在本机预览一个方案（只构建这一个，保存后自动刷新）")
    show.add_argument("plan", help="方案文件，例如 plans/shilishidiyirenminyiyuan-2026.md")
    show.add_argument("--dev-addr", default="localhost:8000", help="预览地址，默认 localhost:8000")

    args = parser.parse_args(argv)
    if args.command == "check":
        return commands.check(args.paths, args.format)
    if args.command == "new":
        return _new(args, parser)
    if args.command == "changes":
        from civplan.cli.changes import changes as revision_notes

        return revision_notes(args.base, args.folder)
    if args.command == "preview":
        return commands.preview(args.plan, args.dev_addr)
    if args.command == "upstream":
        return commands.upstream_changes(args.plan, Path("."))
    if args.command == "export":
        if bool(args.paths) == args.everything:
            parser.error("export 需要列出要导出的文件，或者用 --all 导出全部（两者选一）")
        return commands.export(args.paths, args.output, args.everything)
    if args.command == "import":
        return commands.import_plan(
            args.source, args.output, args.plans_dir, args.unit, args.year, args.report
        )
    return 2


def _new(args, parser) -> int:
    given = [args.template, args.unit, args.year, args.level]
    try:
        if not all(given) and sys.stdin.isatty():
            known = dict(zip(("template", "unit", "year", "level"), given, strict=True))
            request = commands.ask(args.templates_dir, known=known)
            request.slug = args.slug
        elif not all(given):
            parser.error(
                "new 需要 --template、--unit、--year 和 --level 四项"
                "（用 make new 时写 TEMPLATE=、UNIT=、YEAR=、LEVEL=；在终端中运行会逐项询问缺少的项）"
            )
        else:
            request = commands.copy.Request(
                args.template, args.unit, args.year, args.level, args.slug
            )
    except (commands.CommandError, EOFError, KeyboardInterrupt) as err:
        print(f"错误：{err or '已取消'}", file=sys.stderr)
        return 2
    return commands.new(request, args.templates_dir, args.plans_dir)


if __name__ == "__main__":
    sys.exit(main())
