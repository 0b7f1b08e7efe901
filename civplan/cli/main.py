"""civplan: the editors' command line (检查、新建……). Thin: the work is in civplan.cli.commands."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from civplan.check.report import FORMATS
from civplan.cli import commands


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code = args.run(args)
        sys.stdout.flush()  # here, where a closed pipe can still be answered
        return code
    except KeyboardInterrupt:  # Ctrl+C: one line, no traceback
        print("\n已取消。", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `civplan check plans | head`: the reader stopped reading
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so that the exit's flush has nowhere to fail
        return 1


def build_parser() -> argparse.ArgumentParser:
    """The subcommands and their options; each names, as `run`, the command it calls."""
    parser = argparse.ArgumentParser(prog="civplan", description="文明创建方案的编辑工具")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")

    check = sub.add_parser("check", help="检查方案，列出所有问题（文件:行号: 问题）")
    check.add_argument("paths", nargs="*", help="方案文件或文件夹，默认 plans")
    check.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="输出格式：text（默认）、json、github（GitHub 工作流注释）、gitlab（GitLab 代码质量报告）",
    )
    check.add_argument(
        "--output",
        type=Path,
        help="把报告写到这个文件（终端仍显示文字报告），例如 gl-code-quality-report.json",
    )

    new = sub.add_parser("new", help="从模板新建方案（不带参数时逐项询问）")
    new.add_argument("--template", help="模板编号，例如 hospital")
    new.add_argument("--unit", help="单位全称，例如 示例市第三人民医院")
    new.add_argument("--year", help="年度，例如 2026")  # checked (in Chinese) with the others
    new.add_argument("--level", help="目标级别：县级、市级、省级或全国")
    new.add_argument("--slug", help="网址标识（可选，默认由单位名称拼音加年度生成）")
    new.add_argument(
        "--templates-dir", type=Path, default=Path("templates"), help=argparse.SUPPRESS
    )
    new.add_argument("--plans-dir", type=Path, default=Path("plans"), help=argparse.SUPPRESS)

    upstream = sub.add_parser("upstream", help="查看方案的来源模板在复制之后改了什么")
    upstream.add_argument("plan", help="方案文件，例如 plans/shilishidiyirenminyiyuan-2026.md")

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

    import_ = sub.add_parser(
        "import", help="把已有的方案（.docx、.doc、.wps、.pdf、.txt、.md）导入为方案草案"
    )
    import_.add_argument("source", type=Path, help="要导入的文件，例如 旧方案.docx")
    import_.add_argument("--output", type=Path, help="写到哪个文件（默认 plans/<网址标识>.md）")
    import_.add_argument("--unit", help="单位全称（原文没有写明或认错时指定）")
    import_.add_argument("--year", type=int, help="年度，例如 2026（原文写成 20xx 时指定）")
    import_.add_argument("--report", type=Path, help="把导入报告另存到这个文件")
    import_.add_argument("--plans-dir", type=Path, default=Path("plans"), help=argparse.SUPPRESS)

    changes = sub.add_parser(
        "changes", help="检查与某个 git 版本相比修改过的已发布方案是否都写了修改说明（CI 用）"
    )
    changes.add_argument("--base", required=True, help="比较的基准，例如 origin/main")
    changes.add_argument("folder", nargs="?", default="plans", help="方案文件夹，默认 plans")

    note = sub.add_parser(
        "note", help="给方案加一条今天的修改说明（revisions 的第一条），文件的其他内容不变"
    )
    note.add_argument("plan", help="方案文件，例如 plans/shilishidiyirenminyiyuan-2026.md")
    note.add_argument("text", help="修改说明，写给公众看，例如 “导诊志愿者由每天2人增加到4人。”")

    preview = sub.add_parser("preview", help="在本机预览一个方案（只构建这一个，保存后自动刷新）")
    preview.add_argument("plan", help="方案文件，例如 plans/shilishidiyirenminyiyuan-2026.md")
    preview.add_argument(
        "--dev-addr", default="localhost:8000", help="预览地址，默认 localhost:8000"
    )

    serve = sub.add_parser("serve", help="在本机预览整个网站（包括草案，保存后自动刷新）")
    serve.add_argument("--dev-addr", default="localhost:8000", help="预览地址，默认 localhost:8000")

    check.set_defaults(run=lambda a: commands.check(a.paths, a.format, output=a.output))
    new.set_defaults(run=lambda a: commands.new_from_answers(a, interactive=sys.stdin.isatty()))
    upstream.set_defaults(run=lambda a: commands.upstream_changes(a.plan, Path(".")))
    export.set_defaults(run=lambda a: commands.export(a.paths, a.output, a.everything))
    import_.set_defaults(
        run=lambda a: commands.import_plan(
            a.source, a.output, a.plans_dir, a.unit, a.year, a.report
        )
    )
    changes.set_defaults(run=lambda a: commands.revision_notes(a.base, a.folder))
    note.set_defaults(run=lambda a: commands.note(a.plan, a.text))
    preview.set_defaults(run=lambda a: commands.preview(a.plan, a.dev_addr))
    serve.set_defaults(run=lambda a: commands.serve(a.dev_addr))
    return parser


if __name__ == "__main__":
    sys.exit(main())
