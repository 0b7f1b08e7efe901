"""The editor workflow files: pre-commit, CI (GitHub and GitLab), the PR template, CONTRIBUTING.

Each YAML file is parsed and checked for what matters, not for its exact text; CONTRIBUTING.md
may only tell editors to run commands that exist (Makefile targets, civplan subcommands).
"""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import yaml

from civplan.model.text import HAN

from conftest import REPO, git

PLAN_FILES = ("plans/shilishidiyirenminyiyuan-2026.md", "templates/hospital.md")
OTHER_FILES = ("docs/index.md", "plans/notes.txt", "README.md", "civplan/wording.yaml")


def load(relative: str):
    return yaml.safe_load((REPO / relative).read_text("utf-8"))


def makefile_recipes() -> dict[str, list[str]]:
    """Makefile target -> its recipe lines (file targets such as $(STAMP) are left out)."""
    recipes: dict[str, list[str]] = {}
    current = None
    for line in (REPO / "Makefile").read_text("utf-8").splitlines():
        target = re.match(r"^([a-z][a-z0-9-]*):(?!=)", line)
        if target:
            current = recipes.setdefault(target.group(1), [])
        elif line.startswith("\t") and current is not None:
            current.append(line.strip())
        elif not line.startswith("\t"):
            current = None
    return recipes


def civplan_subcommands() -> set[str]:
    """The subcommands listed by `civplan --help` (argparse: one per line, indented 4)."""
    result = subprocess.run(
        [sys.executable, "-m", "civplan", "--help"], capture_output=True, text=True, check=True
    )
    return set(re.findall(r"^ {4}([a-z][a-z0-9-]*)\b", result.stdout, re.M))


def is_strict_build(command: str) -> bool:
    """`mkdocs build --strict` directly, or a make target whose recipe runs it."""
    command = command.strip()
    if "mkdocs build" in command and "--strict" in command:
        return True
    target = re.fullmatch(r"make ([a-z][a-z0-9-]*)", command)
    return bool(target) and any(
        "mkdocs build" in line and "--strict" in line
        for line in makefile_recipes().get(target.group(1), [])
    )


def test_makefile_parser_finds_the_targets():
    assert {"install", "check", "serve", "build", "test"} <= set(makefile_recipes())
    assert is_strict_build("make build")
    assert not is_strict_build("make check")


# --- pre-commit ---------------------------------------------------------------------------


def precommit_hooks() -> dict[str, tuple[dict, dict]]:
    """Hook id -> (its repo entry, the hook)."""
    return {
        hook["id"]: (repo, hook)
        for repo in load(".pre-commit-config.yaml")["repos"]
        for hook in repo["hooks"]
    }


def test_precommit_runs_ruff_lint_and_format_from_ruff_pre_commit():
    hooks = precommit_hooks()
    lint = hooks.get("ruff-check") or hooks.get("ruff")
    assert lint, "no ruff lint hook (id ruff-check or ruff)"
    assert "ruff-format" in hooks
    for repo, _ in (lint, hooks["ruff-format"]):
        assert repo["repo"] == "https://github.com/astral-sh/ruff-pre-commit"
        assert re.fullmatch(r"v0\.\d+\.\d+", str(repo["rev"])), repo["rev"]


def test_precommit_checks_plans_and_templates_with_civplan():
    repo, hook = precommit_hooks()["civplan-check"]
    assert repo["repo"] == "local"
    assert hook["language"] == "system"
    assert hook["pass_filenames"] is True
    program, *arguments = hook["entry"].split()
    assert Path(program).name == "civplan" and arguments[:1] == ["check"]
    assert re.search(f"[{HAN}]", hook["name"]), "the hook's name should be Chinese"
    for path in PLAN_FILES:
        assert re.search(hook["files"], path), path
    for path in OTHER_FILES:
        assert not re.search(hook["files"], path), path


# --- GitHub Actions -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def github():
    workflow = load(".github/workflows/ci.yml")
    # YAML 1.1 reads the bare key `on` as the boolean True.
    workflow["on"] = workflow.pop(True, None) or workflow.get("on")
    return workflow


def runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def uses(job: dict, action: str) -> list[dict]:
    return [step for step in job["steps"] if step.get("uses", "").split("@")[0] == action]


def test_github_runs_on_pull_requests_pushes_to_main_a_daily_schedule_and_by_hand(github):
    triggers = github["on"]
    assert "pull_request" in triggers
    assert "main" in triggers["push"]["branches"]
    assert "workflow_dispatch" in triggers
    [schedule] = triggers["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month, weekday) == ("*", "*", "*"), "the rebuild should run every day"


def test_github_check_job_checks_builds_strictly_and_tests_with_full_history(github):
    job = github["jobs"]["check"]
    assert job["runs-on"].startswith("ubuntu")
    [checkout] = uses(job, "actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0
    [python] = uses(job, "actions/setup-python")
    assert str(python["with"]["python-version"]) == "3.11"
    commands = [unwrapped(command) for command in runs(job)]
    assert ".venv/bin/civplan check --format github plans" in commands
    assert any(is_strict_build(command) for command in commands)
    assert "make test" in commands
    assert "if" not in job, "pull requests must be checked"


def test_github_builds_the_site_from_main_and_deploys_it_in_a_job_of_its_own(github):
    site, deploy = github["jobs"]["site"], github["jobs"]["deploy"]
    for job in (site, deploy):
        assert "refs/heads/main" in job["if"]
        assert re.search(r"github\.event_name\s*!=\s*'pull_request'", job["if"])
    assert site["needs"] == "check" and deploy["needs"] == "site"
    [checkout] = uses(site, "actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0
    assert any(is_strict_build(unwrapped(command)) for command in runs(site))
    [upload] = uses(site, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "site"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def may_run_for_pull_requests(job: dict) -> bool:
    """A job runs for a pull request unless its `if` rules pull requests out."""
    condition = str(job.get("if", ""))
    return not re.search(r"github\.event_name\s*!=\s*'pull_request'", condition)


def write_permissions(workflow: dict, job: dict) -> dict:
    granted = job.get("permissions", workflow.get("permissions", "write-all"))
    if isinstance(granted, str):  # read-all, write-all
        return {"all": granted} if granted.startswith("write") else {}
    return {scope: level for scope, level in granted.items() if level == "write"}


def test_github_gives_no_write_permission_to_a_job_that_runs_a_pull_requests_code(github):
    assert github["permissions"] == {"contents": "read"}
    writers = {}
    for name, job in github["jobs"].items():
        if write_permissions(github, job):
            writers[name] = job
            assert not may_run_for_pull_requests(job), name
            # and it runs no code of the repository: no checkout, no shell, only GitHub's action
            assert [step.get("uses", "").split("@")[0] for step in job["steps"]] == [
                "actions/deploy-pages"
            ], name
    assert set(writers) == {"deploy", "shards-deploy"}
    assert all(
        "pull_request" not in str(job.get("if", "")).replace("!= 'pull_request'", "")
        for job in writers.values()
    )


def test_github_checkouts_leave_no_token_behind(github):
    checkouts = [step for job in github["jobs"].values() for step in uses(job, "actions/checkout")]
    assert checkouts
    for step in checkouts:
        assert step["with"]["persist-credentials"] is False, step


def test_github_cache_keys_name_the_ref_and_the_deploy_jobs_restore_none(github):
    for name, job in github["jobs"].items():
        for step in uses(job, "actions/cache"):
            assert "${{ github.ref }}" in step["with"]["key"], name
            assert "${{ github.ref }}" in step["with"]["restore-keys"], name
        if write_permissions(github, job):
            assert not uses(job, "actions/cache") and not uses(job, "actions/setup-python"), name


def unwrapped(command: str) -> str:
    """The command a step runs, without the wrapper that switches workflow commands off."""
    return command.removeprefix("sh scripts/without_workflow_commands.sh ")


def test_github_steps_that_echo_plans_cannot_write_workflow_commands(github):
    """Only the check (which escapes every value for GitHub) and the review notice print
    workflow commands; every other step that runs the project's code runs with them off."""
    speaking = ("civplan check --format github", "scripts/outside_changes.py --format github")
    for job in github["jobs"].values():
        for command in runs(job):
            project_code = re.search(r"make (build|test)|civplan |civplan\.site|scripts/", command)
            to_output = command.endswith('>> "$GITHUB_OUTPUT"')  # prints nothing to the log
            if project_code and not to_output and not any(word in command for word in speaking):
                assert command.startswith("sh scripts/without_workflow_commands.sh "), command


def test_the_wrapper_stops_workflow_commands_for_what_it_runs(tmp_path):
    result = subprocess.run(
        [
            "sh",
            str(REPO / "scripts/without_workflow_commands.sh"),
            "sh",
            "-c",
            "echo '::error::fake'; echo 'x ##[error]legacy'; exit 3",
        ],
        capture_output=True,
        text=True,
    )
    first, *middle, last = result.stdout.splitlines()
    token = first.removeprefix("::stop-commands::")
    assert re.fullmatch(r"[0-9a-f]{32}", token), first
    assert middle == ["::error::fake", "x ##[error]legacy"] and last == f"::{token}::"
    assert result.returncode == 3


def test_github_passes_the_shard_to_the_shell_as_data(github):
    for job in github["jobs"].values():
        for command in runs(job):
            assert "${{" not in command, command


# --- GitLab CI ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gitlab():
    return load(".gitlab-ci.yml")


def gitlab_job(config: dict, name: str) -> dict:
    """The job with its `extends` templates merged in (shallowly, as GitLab does per key)."""
    job = dict(config[name])
    parents = job.pop("extends", [])
    for parent in [parents] if isinstance(parents, str) else parents:
        job = {**gitlab_job(config, parent), **job}
    return job


def gitlab_jobs(config: dict) -> dict[str, dict]:
    reserved = {"image", "variables", "stages", "workflow", "default", "include", "cache"}
    return {
        name: gitlab_job(config, name)
        for name, value in config.items()
        if name not in reserved and not name.startswith(".") and isinstance(value, dict)
    }


def rule_conditions(job: dict) -> list[str]:
    return [rule["if"] for rule in job.get("rules", []) if rule.get("when") != "never"]


def test_gitlab_uses_python_311_full_history_and_three_stages(gitlab):
    assert gitlab["image"].startswith("python:3.11")
    assert str(gitlab["variables"]["GIT_DEPTH"]) == "0"
    assert gitlab["stages"] == ["check", "build", "deploy"]


def test_gitlab_checks_builds_strictly_and_tests_merge_requests_and_main(gitlab):
    jobs = [job for job in gitlab_jobs(gitlab).values() if job["stage"] in ("check", "build")]
    commands = [command for job in jobs for command in job["script"]]
    assert any(
        command.startswith(".venv/bin/civplan check --format gitlab") for command in commands
    )
    assert "make test" in commands
    assert any(is_strict_build(command.split("#")[0]) for command in commands)
    for job in jobs:
        conditions = " ".join(rule_conditions(job))
        assert '$CI_PIPELINE_SOURCE == "merge_request_event"' in conditions
        # the change-note check and the review notice compare a merge request with its base:
        # on main there is none
        compares = ("civplan changes", "scripts/outside_changes.py")
        if not any(word in command for command in job["script"] for word in compares):
            assert "$CI_DEFAULT_BRANCH" in conditions


def test_gitlab_pages_publishes_public_on_the_default_branch_and_schedules(gitlab):
    job = gitlab_jobs(gitlab)["pages"]
    assert job["stage"] == "deploy"
    assert "public" in job["artifacts"]["paths"]
    assert any(
        "mkdocs build" in command and "--strict" in command and "-d public" in command
        for command in job["script"]
    )
    conditions = rule_conditions(job)
    assert any('$CI_PIPELINE_SOURCE == "schedule"' in condition for condition in conditions)
    assert any("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" in condition for condition in conditions)
    assert not any("merge_request_event" in condition for condition in conditions)


def test_gitlab_uploads_the_check_as_a_code_quality_report_even_when_it_fails(gitlab):
    job = gitlab_jobs(gitlab)["check"]
    [command] = [c for c in job["script"] if "civplan check" in c]
    assert "--format gitlab --output gl-code-quality-report.json plans" in command
    assert job["artifacts"]["when"] == "always"
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"


def gitlab_caches(config: dict) -> list[tuple[str, dict]]:
    caches = [("default", config["default"]["cache"])]
    return caches + [
        (name, job["cache"]) for name, job in gitlab_jobs(config).items() if "cache" in job
    ]


def test_gitlab_caches_are_keyed_apart_for_merge_requests_and_the_default_branch(gitlab):
    keys = []
    for name, cache in gitlab_caches(gitlab):
        key = cache["key"]
        named = key["prefix"] if isinstance(key, dict) else key
        assert "$CI_COMMIT_REF_PROTECTED" in named, name
        assert cache["unprotect"] is False, name
        keys.append(named)
    assert len(keys) == len(set(keys)) >= 3


def test_gitlab_review_notice_runs_on_merge_requests(gitlab):
    job = gitlab_jobs(gitlab)["review-notice"]
    assert rule_conditions(job) == ['$CI_PIPELINE_SOURCE == "merge_request_event"']
    assert any(
        "scripts/outside_changes.py" in c and "$CI_MERGE_REQUEST_DIFF_BASE_SHA" in c
        for c in job["script"]
    )


# --- CODEOWNERS ---------------------------------------------------------------------------


def owners(codeowners: str, path: str) -> list[str]:
    """The owners of `path`: the last matching line wins (as on GitHub and GitLab). Only the
    pattern shapes the file uses: `*`, and folders anchored at the root (`/plans/`)."""
    found: list[str] = []
    for line in codeowners.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        pattern, *names = line.split()
        if pattern == "*" or (pattern.startswith("/") and ("/" + path).startswith(pattern)):
            found = names
    return found


@pytest.mark.parametrize("codeowners", [".github/CODEOWNERS", ".gitlab/CODEOWNERS"])
def test_codeowners_gives_all_but_plans_and_uploads_to_the_maintainers(codeowners):
    text = (REPO / codeowners).read_text("utf-8")
    editors = ("plans/shilishidiyirenminyiyuan-2026.md", "docs/assets/uploads/photo.png")
    maintainers = (
        "civplan/cli/main.py",
        "docs/index.md",
        "docs/admin/config.yml",
        "templates/hospital.md",
        ".github/workflows/ci.yml",
        ".gitlab-ci.yml",
        codeowners,
        "mkdocs.yml",
        "Makefile",
        "docs/assets/site.css",
        "scripts/outside_changes.py",
    )
    [maintainer] = set(owners(text, "Makefile"))
    for path in maintainers:
        assert owners(text, path) == [maintainer], path
    for path in editors:
        assert owners(text, path) and maintainer not in owners(text, path), path
    # GitHub reads .github/ before the root, GitLab the root before .gitlab/: neither is shadowed
    assert not (REPO / "CODEOWNERS").exists() and not (REPO / "docs" / "CODEOWNERS").exists()


def test_both_hosts_have_the_same_owners():
    rules = [
        [
            line
            for line in (REPO / name).read_text("utf-8").splitlines()
            if line[:1] not in ("#", "")
        ]
        for name in (".github/CODEOWNERS", ".gitlab/CODEOWNERS")
    ]
    assert rules[0] == rules[1] and rules[0]


# --- the notice on a change outside plans/ and the uploads ----------------------------------


@pytest.fixture
def changed_repo(tmp_path):
    git(tmp_path, "init", "-q")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "a.md").write_text("---\n", "utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "base")
    base = git(tmp_path, "rev-parse", "HEAD").strip()
    (tmp_path / "plans" / "a.md").write_text("---\ntitle: x\n", "utf-8")
    (tmp_path / "docs" / "assets" / "uploads").mkdir(parents=True)
    (tmp_path / "docs" / "assets" / "uploads" / "p.png").write_bytes(b"\x89PNG")
    (tmp_path / "Makefile").write_text("all:\n", "utf-8")
    (tmp_path / "::error::x\n##[error]y.txt").write_text("", "utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "change")
    return tmp_path, base


def outside_changes(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(REPO / "scripts" / "outside_changes.py"), *args],
        cwd=repo,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )


def test_the_notice_lists_the_files_outside_plans_and_uploads_in_chinese(changed_repo):
    repo, base = changed_repo
    result = outside_changes(repo, "--base", base)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "注意：本次修改涉及方案（plans/）和上传文件（docs/assets/uploads/）以外的 2 个文件，"
        "按 CODEOWNERS 需要维护者审核后才能合并：",
        "  ::error::x\\n##[error]y.txt",
        "  Makefile",
    ]


def test_the_notice_on_github_is_ours_alone(changed_repo):
    repo, base = changed_repo
    lines = outside_changes(repo, "--base", base, "--format", "github").stdout.splitlines()
    assert lines[0].startswith("::warning title=需要维护者审核::本次修改涉及")
    assert lines[1].startswith("::notice file=%3A%3Aerror%3A%3Ax\\n##[error]y.txt,title=")
    assert lines[2].startswith("::notice file=Makefile,title=") and len(lines) == 3


def test_no_notice_when_only_plans_and_uploads_change(changed_repo):
    repo, _ = changed_repo
    result = outside_changes(repo, "--base", "HEAD")
    assert result.stdout == "本次修改只涉及方案和上传文件，编辑审核即可。\n"
    result = outside_changes(repo, "--base", "no-such-ref")
    assert result.returncode == 2 and result.stdout.startswith("错误：")


# --- pull request template ----------------------------------------------------------------

CHECKLIST = (
    "保密审查已完成（不含涉密内容）",
    "不含身份证号、个人手机号等个人信息",
    "领导小组姓名、职务已核对",
    "举报电话、邮箱、地址已核对",
    "公示起止日期正确（不少于5个工作日）",
    "`make check` 无错误",
    "已用 `make serve` 预览",
)


def test_pull_request_template_asks_what_changed_and_has_the_checklist():
    text = (REPO / ".github" / "pull_request_template.md").read_text("utf-8")
    for kind in ("方案", "模板", "代码"):
        assert re.search(rf"^- \[ \] {kind}", text, re.M), kind
    for item in CHECKLIST:
        assert f"- [ ] {item}" in text, item


# --- CONTRIBUTING.md ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def contributing() -> str:
    return (REPO / "CONTRIBUTING.md").read_text("utf-8")


def shell_commands(text: str) -> list[str]:
    """The lines of the ```sh blocks: what editors are told to run."""
    blocks = re.findall(r"^```sh\n(.*?)^```", text, re.M | re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


MACROS = (
    "basis",
    "goals",
    "leading_group",
    "measures",
    "stages",
    "guarantees",
    "rewards",
    "supervision",
)


def test_contributing_tells_editors_the_whole_workflow(contributing):
    commands = shell_commands(contributing)
    for command in ("make install", "make check", "make serve"):
        assert command in commands, command
    assert any(re.match(r"(\.venv/bin/)?civplan check \S", command) for command in commands)
    assert any(
        re.match(r"(\.venv/bin/)?civplan new --template \S+ --unit", command)
        for command in commands
    )
    assert any(command.startswith("git push") for command in commands)
    assert "http://localhost:8000" in contributing
    assert "docs/reference/fields.md" in contributing and "元数据字段说明" in contributing
    for macro in MACROS:
        assert f"{{{{ {macro}() }}}}" in contributing, macro
    for status in ("草案", "公示中", "实施中", "已完成", "已废止"):
        assert f"| {status} |" in contributing, status
    for item in CHECKLIST:
        assert item in contributing, item


def test_every_make_target_contributing_mentions_exists(contributing):
    mentioned = set(re.findall(r"\bmake ([a-z][a-z0-9-]*)", contributing))
    assert mentioned >= {"install", "check", "serve"}
    assert mentioned <= set(makefile_recipes()), mentioned - set(makefile_recipes())


def test_every_civplan_subcommand_contributing_mentions_exists(contributing):
    mentioned = set(re.findall(r"\bcivplan ([a-z][a-z0-9-]*)", contributing))
    assert "check" in mentioned
    subcommands = civplan_subcommands()
    assert mentioned <= subcommands, mentioned - subcommands


def test_contributing_runs_only_known_programs(contributing):
    """git, cd, cp, make, and programs in .venv/bin that the project installs (or the doc does)."""
    commands = shell_commands(contributing)
    installed = {name for c in commands for name in re.findall(r"pip install (\S+)", c)}
    scripts = {entry.name for entry in entry_points(group="console_scripts")} | {"pip"}
    for command in commands:
        program = command.split()[0]
        if program.startswith(".venv/bin/"):
            name = program.removeprefix(".venv/bin/")
            assert name in scripts | installed, command
        else:
            # `source .venv/bin/activate`: the documented way to put civplan on the PATH
            assert (
                program in {"git", "cd", "cp", "make"} or command == "source .venv/bin/activate"
            ), command


def test_the_sample_contributing_copies_exists(contributing):
    for command in shell_commands(contributing):
        if command.startswith("cp "):
            source = command.split()[1]
            assert (REPO / source).is_file(), source
