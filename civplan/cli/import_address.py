"""`civplan import … --output plans/x.md` when the unit and year already have a plan there: the
import takes the file's name as its own address (`slug: x`) instead of being refused with the
advice to use --output, which --output itself could not follow (the address comes from the unit
and year, not from the file name)."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from civplan.importer.plan import write_text
from civplan.importer.report import Report
from civplan.model.errors import InputError
from civplan.model.loader import FENCE, load, parse
from civplan.model.printable import printable
from civplan.model.slug import is_slug, slug_for


def import_to(
    source: Path,
    output: Path,
    unit: str | None,
    year: int | None,
    report_path: Path | None,
) -> Report:
    """Import `source` into `output`; nothing is written unless everything succeeds."""
    from civplan.importer.plan import write_import  # only this command needs the importer

    for path, option in ((output, "--output"), (report_path, "--report")):
        if path is not None and path.exists():
            raise InputError(f"{path} 已经存在，不会覆盖。请用 {option} 指定新的文件名。")
    with tempfile.TemporaryDirectory() as folder:  # an empty folder: no other plan in the way
        staged = Path(folder) / "import.md"
        done = write_import(source, staged, Path(folder), unit, year, None)
        text = staged.read_text("utf-8")
    done = _moved(done, str(staged), str(output), 0)
    plan, _ = parse(text, str(output))
    taken = _taken_by(output, slug_for(plan.meta)) if "slug" not in plan.meta else None
    if taken:
        _refuse_unless_own_address(output, slug_for(plan.meta), taken)
        text = text.replace(f"{FENCE}\n", f"{FENCE}\nslug: {output.stem}\n", 1)
        done = _moved(done, str(output), str(output), 1)
    write_text(output, text)
    if report_path:
        write_text(report_path, done.text() + "\n")
    return done


def _taken_by(output: Path, slug: str) -> Path | None:
    """The other plan beside `output` whose address is `slug`."""
    for other in sorted(output.parent.glob("*.md")) if output.parent.is_dir() else []:
        plan, _ = load(other)
        if plan is not None and isinstance(plan.meta, dict) and slug_for(plan.meta) == slug:
            return other
    return None


def _refuse_unless_own_address(output: Path, slug: str, taken: Path) -> None:
    """The file's name can be the import's address if it is written like one and free."""
    own = output.stem
    if is_slug(own) and own != slug and _taken_by(output, own) is None:
        return
    example = output.parent / f"{slug}-2.md"
    raise InputError(
        f"网址标识“{slug}”已被 {printable(str(taken))} 使用，导入的方案要有自己的网址。"
        f"请把文件名写成网址标识（小写拼音字母、数字和连字符），例如 --output {example}，"
        "文件名会写进方案的 slug；或用 --unit、--year 写明单位和年度。"
    )


def _moved(report: Report, old: str, new: str, shift: int) -> Report:
    """The report of a plan written at `old`, for the file at `new` whose lines from the second
    on moved down by `shift` (a `slug:` line inserted after the opening ---)."""

    def line(number: int) -> int:
        return number + shift if number >= 2 else number

    problems = tuple(
        replace(p, path=new if p.path == old else p.path, line=line(p.line))
        for p in report.problems
    )
    blanks = tuple((line(number), text) for number, text in report.blanks)
    return replace(report, target=new, problems=problems, blanks=blanks)
