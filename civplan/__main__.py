"""civplan: the editors' command line (检查、新建……). Thin: the work is in civplan.commands."""

from __future__ import annotations

import argparse
import sys

from civplan import commands


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="civplan", description="文明创建方案的编辑工具")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")

    check = sub.add_parser("check", help="检查方案，列出所有问题（文件:行号: 问题）")
    check.add_argument("paths", nargs="*", help="方案文件或文件夹，默认 plans")
    check.add_argument("--format", choices=["text", "json"], default="text", help="输出格式")

    args = parser.parse_args(argv)
    if args.command == "check":
        return commands.check(args.paths, args.format)
    return 2


if __name__ == "__main__":
    sys.exit(main())
