"""What a plan's template changed since the plan was copied: read from the template's git history."""

from __future__ import annotations

import difflib
import re
import subprocess
from pathlib import Path

import yaml

from civplan.history.diff import sentences
from civplan.model.errors import InputError
from civplan.model.loader import Plan, parse

HEADING = re.compile(r"^## +(.+)$", re.M)
SKIPPED_KEYS = {"template", "template_info", "status"}


def template_versions(repo: Path, template_path: str) -> list[tuple[str, str, Plan]]:
    """(commit, date, template) for every committed version of a template, newest first."""
    log = _git(repo, "log", "--format=%H %cs", "--", template_path)
    versions = []
    for line in log.splitlines():
        commit, day = line.split()
        plan, _ = parse(_git(repo, "show", f"{commit}:{template_path}"), template_path)
        if plan is not None:
            versions.append((commit, day, plan))
    return versions


def _git(repo: Path, *args: str) -> str:
    try:
        return subprocess.run(
            ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError) as err:
        raise InputError(f"无法读取模板的修订历史（git {' '.join(args[:1])} 失败）：{err}") from err


def find_version(versions, version: str) -> Plan | None:
    return next(
        (plan for _, _, plan in versions if plan.get("template", "version") == version), None
    )


def sections(plan: Plan) -> dict[str, str]:
    """The body by ## heading (text before the first heading under “（开头）”) and the metadata."""
    parts = HEADING.split("\n" + plan.body)
    found = {"（开头）": parts[0].strip()} if parts[0].strip() else {}
    found.update({parts[i].strip(): parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)})
    for key, value in plan.meta.items():
        if key not in SKIPPED_KEYS:
            found[f"元数据 {key}"] = yaml.safe_dump(
                value, allow_unicode=True, sort_keys=False
            ).strip()
    return found


def section_diff(old: Plan, new: Plan) -> list[str]:
    """A readable diff, section by section: − for removed sentences, + for added ones."""
    before, after = sections(old), sections(new)
    lines = []
    for name in list(after) + [n for n in before if n not in after]:
        if before.get(name) == after.get(name):
            continue
        state = "新增" if name not in before else "删除" if name not in after else "有改动"
        lines.append(f"\n【{name}】{state}")
        diff = difflib.ndiff(sentences(before.get(name, "")), sentences(after.get(name, "")))
        lines += [f"  {d[0].replace('-', '−')} {d[2:]}" for d in diff if d[0] in "+-"]
    return lines


def upstream_report(plan: Plan, repo: Path, templates_dir: str = "templates") -> list[str]:
    """What changed in the plan's template between the recorded version and the current one."""
    template_id, version = plan.get("template", "id"), plan.get("template", "version")
    if not template_id or not version:
        raise InputError(f"{plan.path} 没有记录来源模板（template: id、version），无法比较。")
    versions = template_versions(repo, f"{templates_dir}/{template_id}.md")
    if not versions:
        raise InputError(
            f"找不到模板 {template_id} 的修订历史：{templates_dir}/{template_id}.md 从未提交过。"
        )
    current = versions[0][2]
    old = find_version(versions, version)
    latest = current.get("template", "version")
    if old is None:
        raise InputError(f"模板 {template_id} 的修订历史中没有版本 {version}。")
    if latest == version:
        return [
            f"方案 {plan.path} 复制自模板 {template_id} {version}，已是最新版本，没有需要对照的修改。"
        ]
    lines = [
        f"方案 {plan.path} 复制自模板 {template_id} {version}，模板现在是 {latest}。",
        "修订记录：",
    ]
    for entry in current.get("template_info", "changelog", default=[]) or []:
        if entry.get("version") == version:
            break
        lines.append(f"  {entry.get('version')}（{entry.get('date')}）：{entry.get('note')}")
    lines.append("模板的改动（− 删去，+ 新增），请对照后决定是否采用到本方案：")
    return lines + section_diff(old, current)
