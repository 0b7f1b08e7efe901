"""Which files a pull or merge request changes outside the editors' folders (plans/ and
docs/assets/uploads/). CODEOWNERS gives every other file to the maintainers, so such a change
waits for a maintainer's review; CI runs this to say so on the request, in Chinese, before
anyone wonders why. It only reports (exit 0); the host's code-owner rule does the blocking.

    python scripts/outside_changes.py --base BASE_SHA [--format github|text]
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from civplan.check.report import workflow_command
from civplan.model.printable import printable

EDITORS = ("plans/", "docs/assets/uploads/")
"""The folders CODEOWNERS gives to the editors (.github/CODEOWNERS, .gitlab/CODEOWNERS)."""
LISTED = 20
"""File names in the notice on the pull request; the log lists all of them."""


def changed_files(base: str) -> list[str]:
    """Every path changed between `base` and HEAD; a rename counts as both of its names, so a
    file moved out of plans/ is seen. NUL-separated: a file name may hold any character."""
    out = subprocess.run(
        ["git", "diff", "--name-only", "-z", "--no-renames", base, "HEAD", "--"],
        capture_output=True,
        check=True,
    ).stdout
    return [name.decode("utf-8", "surrogateescape") for name in out.split(b"\0") if name]


def outside(paths: list[str]) -> list[str]:
    return [path for path in paths if not path.startswith(EDITORS)]


def summary(count: int) -> str:
    return (
        f"本次修改涉及方案（plans/）和上传文件（docs/assets/uploads/）以外的 {count} 个文件，"
        "按 CODEOWNERS 需要维护者审核后才能合并："
    )


def report(files: list[str], output_format: str, out=sys.stdout) -> None:
    """A notice for the request and every file, one a line. For GitHub each file is a notice
    on that file: a name printed on a line of its own could be read as a workflow command."""
    if not files:
        print("本次修改只涉及方案和上传文件，编辑审核即可。", file=out)
        return
    if output_format == "text":
        print("注意：" + summary(len(files)), file=out)
        for path in files:  # escaped: a file name may hold a newline or an escape sequence
            print(f"  {printable(path)}", file=out)
        return
    names = "、".join(files[:LISTED]) + (f" 等 {len(files)} 个" if len(files) > LISTED else "")
    print(
        workflow_command("warning", summary(len(files)) + names, title="需要维护者审核"), file=out
    )
    for path in files:
        message = "这个文件不在方案和上传文件夹中，修改需要维护者审核。"
        print(workflow_command("notice", message, file=path, title="需要维护者审核"), file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="列出方案和上传文件以外的改动（CI 用）")
    parser.add_argument("--base", required=True, help="比较的基准，例如拉取请求的基准提交")
    parser.add_argument("--format", choices=("text", "github"), default="text")
    args = parser.parse_args(argv)
    try:
        files = outside(changed_files(args.base))
    except (OSError, subprocess.CalledProcessError) as err:
        detail = getattr(err, "stderr", b"") or str(err).encode()
        print(f"错误：无法比较 {printable(args.base)} 和当前版本：{printable(detail.decode())}")
        return 2
    report(files, args.format)
    return 0


if __name__ == "__main__":
    sys.exit(main())
