"""Try every payload through the public entry points only: the CLI, the real build, the built HTML.

Nothing here imports civplan: a payload is a file, `civplan check`/`export`/`import` and
`mkdocs build --strict` are processes (each under a memory cap and a timeout, so a bomb is a
verdict, not a dead machine), and the verdict comes from their exit status, their output and the
HTML they wrote, compared with a build of the untouched sample.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from attacks import scan
from attacks.payloads import HISTORY, IMPORT, PAYLOADS, TEMPLATE, Payload
from civplan.model.text import HAN

from conftest import REPO, SAMPLE, make_project

REFUSED = "refused by check"
NEUTRALISED = "neutralised in build"
REACHED = "REACHED output"
CRASHED = "crashed-hung"
SAFE = {REFUSED, NEUTRALISED}

MEMORY = 3_000_000_000  # bytes of address space per process (prlimit --as)
TIMEOUT = 60  # seconds for one check, export or import: generous for a slow 2-core CI
BUILD_TIMEOUT = (
    120  # one site of one payload plan and the sample (13 s on a loaded 2-core machine, 6 s idle)
)
BIN = Path(sys.executable).parent
CIVPLAN = str(BIN / "civplan")
TEMPLATE_BASE = REPO / "templates" / "hospital.md"
CHINESE = re.compile(f"[{HAN}]")
MARKER = re.compile(r"alert\((\d+)\)|msgbox\((\d+)\)|evil\.example/p(\d+)")


@dataclass
class Run:
    """One capped process: exit status, output, wall time and peak resident memory."""

    returncode: int
    output: str
    seconds: float
    peak_kb: int
    files: int = 1  # how many payload files the process was given

    @property
    def killed(self) -> bool:  # timeout(1) says 124, or a signal (the kernel's OOM kill, -9)
        return self.returncode in (124, 137) or self.returncode < 0

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.output

    def error_lines(self, path: str) -> list[str]:
        """The `path:line: 错误 …` lines about one file."""
        pattern = re.compile(rf"^{re.escape(path)}:\d+: 错误 .*{CHINESE.pattern}", re.M)
        return pattern.findall(self.output)


@dataclass
class Outcome:
    payload: Payload
    verdict: str
    detail: str = ""
    runs: list[Run] = field(default_factory=list)

    @property
    def safe(self) -> bool:
        return self.verdict in SAFE

    @property
    def seconds(self) -> float:
        return sum(run.seconds for run in self.runs)

    @property
    def peak_kb(self) -> int:
        return max((run.peak_kb for run in self.runs), default=0)


def run(cmd: list[str], cwd: Path, timeout: int = TIMEOUT, env: dict | None = None) -> Run:
    """Run under `prlimit --as` and `timeout`; measure with wait4 (this process tree only)."""
    full = ["prlimit", f"--as={MEMORY}", "--", "timeout", "-k", "5", str(timeout), *cmd]
    environment = {**os.environ, "CIVPLAN_TODAY": "2026-05-15", "NO_MKDOCS_2_WARNING": "1"}
    environment.update(env or {})
    with tempfile.TemporaryFile() as out:
        start = time.monotonic()
        process = subprocess.Popen(full, cwd=cwd, env=environment, stdout=out, stderr=out)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - start
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return Run(process.returncode, text, seconds, usage.ru_maxrss)


def number(payload: Payload) -> int:
    """The payload's %N%: its place in the list, from 2 (1 is the untouched sample)."""
    return PAYLOADS.index(payload) + 2


def chinese_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    text = digits[hundreds] + "百" if hundreds else ""
    text += digits[tens] + "十" if tens else ("零" if hundreds and units else "")
    return text + (digits[units] if units else "")


def sentinel(base: Path, payload: Payload) -> Path:
    """Where a path traversal of this payload would land: must stay empty."""
    return base / "sentinel" / str(number(payload))


def payload_text(payload: Payload, base: Path) -> str:
    """The sample plan (or template) with the payload's edits, unique name, slug and title."""
    template = payload.kind == TEMPLATE
    text = (TEMPLATE_BASE if template else SAMPLE).read_text("utf-8")
    for old, new in payload.edits:
        if old not in text:
            raise ValueError(f"{payload.name}: the sample has no {old!r}")
        text = text.replace(old, new, 1)
    n = number(payload)
    text = text.replace("%N%", str(n))
    text = text.replace("%SENTINEL%", str(sentinel(base, payload)).lstrip("/"))
    if template:
        text = text.replace("  id: hospital", f"  id: atk-{n}", 1)
        return text.replace("医院创建文明单位实施方案模板", f"医院模板{chinese_number(n)}号", 1)
    return text.replace("示例市第一人民医院", f"示例市第{chinese_number(n)}人民医院")


def relative(payload: Payload) -> str:
    folder = "templates" if payload.kind == TEMPLATE else "plans"
    return f"{folder}/atk-{number(payload)}.md"


def project(root: Path, payloads: list[Payload], base: Path) -> Path:
    """A copy of the real project with the sample plan and the payload files."""
    make_project(root, {SAMPLE.name: SAMPLE.read_text("utf-8")})
    for payload in payloads:
        (root / relative(payload)).write_text(payload_text(payload, base), "utf-8", newline="")
    return root


def build_site(root: Path, env: dict | None = None, timeout: int = BUILD_TIMEOUT) -> Run:
    """The command of tests/conftest.py's build(), under the caps."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(root / "site")]
    return run(cmd, root, timeout, env)


def _last_error(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    wanted = [ln for ln in lines if re.search(r"Error|错误|Traceback|Killed", ln)]
    return (wanted or lines or ["(no output)"])[-1][:200]


class Campaign:
    """All payloads of a list tried in as few processes as the results allow."""

    def __init__(self, base: Path):
        self.base = base
        self.count = 0
        self.outcomes: dict[str, Outcome] = {}
        site = self._build([])[1] / "site"
        self.allowed = scan.baseline(site)

    def _fresh(self) -> Path:
        self.count += 1
        path = self.base / f"p{self.count}"
        path.mkdir(parents=True)
        return path

    def _build(self, members: list[Payload], env: dict | None = None) -> tuple[Run, Path]:
        root = project(self._fresh(), members, self.base)
        result = build_site(root, env, BUILD_TIMEOUT + 3 * len(members))
        if not members and result.returncode:
            raise RuntimeError(f"the untouched sample does not build:\n{result.output}")
        return result, root

    def _check(self, members: list[Payload]) -> tuple[Run, Path]:
        root = project(self._fresh(), members, self.base)
        cmd = [CIVPLAN, "check", *(relative(p) for p in members)]
        result = run(cmd, root, TIMEOUT + len(members))
        result.files = len(members)
        return result, root

    def _isolate(self, members, attempt, good) -> dict[str, tuple[Run, Path]]:
        """Try members together; split the group (named culprits first) until each result is its own."""
        result = attempt(members)
        if good(result[0]) or len(members) == 1:
            return {p.name: result for p in members}
        named = [p for p in members if f"atk-{number(p)}.md" in result[0].output]
        if not named or len(named) == len(members):
            named = members[: len(members) // 2]
        rest = [p for p in members if p not in named]
        return self._isolate(named, attempt, good) | self._isolate(rest, attempt, good)

    def try_files(self, payloads: list[Payload]) -> None:
        batch = [p for p in payloads if not p.bound]
        checks = self._isolate(batch, self._check, lambda r: not (r.killed or r.traceback))
        for payload in payloads:
            if payload.bound:
                checks[payload.name] = self._check([payload])
        passed = [p for p in payloads if self._after_check(p, *checks[p.name])]
        grouped = [p for p in passed if not (p.bound or p.env)]
        good = lambda r: r.returncode == 0 and not r.traceback  # noqa: E731
        builds = self._isolate(grouped, lambda m: self._build(m), good) if grouped else {}
        for payload in passed:
            if payload not in grouped:
                self._judge_build(payload, *self._build([payload], payload.env), alone=True)
        suspects = [p for p in grouped if self._judge_build(p, *builds[p.name], alone=False)]
        for payload in suspects:  # an unattributed finding in a shared build: try alone
            self._judge_build(payload, *self._build([payload]), alone=True)

    def _after_check(self, payload: Payload, result: Run, root: Path) -> bool:
        """Record a refusal or a crash of check (and of export); True if the build is next."""
        outcome = self.outcomes[payload.name] = Outcome(payload, REFUSED, runs=[result])
        errors = result.error_lines(relative(payload))
        if result.killed or result.traceback:
            outcome.verdict, outcome.detail = CRASHED, "check: " + _last_error(result.output)
        elif errors and result.returncode:
            outcome.detail = errors[0][:200]
        elif payload.must_refuse:
            outcome.verdict, outcome.detail = REACHED, "check accepted an address the site uses"
        elif result.returncode and result.files == 1:
            outcome.verdict, outcome.detail = CRASHED, "check failed without file:line: 错误"
        elif payload.export and not self._export(payload, outcome):
            pass
        else:
            return True
        return False

    def _export(self, payload: Payload, outcome: Outcome) -> bool:
        root = project(self._fresh(), [payload], self.base)
        cmd = [CIVPLAN, "export", relative(payload), "-o", str(root / "word")]
        result = run(cmd, root)
        outcome.runs.append(result)
        if (
            result.killed
            or result.traceback
            or (result.returncode and not CHINESE.search(result.output))
        ):
            outcome.verdict, outcome.detail = CRASHED, "export: " + _last_error(result.output)
            return False
        return True

    def _judge_build(self, payload: Payload, result: Run, root: Path, alone: bool) -> bool:
        """Record the build's verdict; True if a shared build has findings no payload names."""
        outcome = self.outcomes[payload.name]
        outcome.runs.append(result)
        outcome.verdict, outcome.detail = NEUTRALISED, ""
        if result.killed or result.traceback or result.returncode:
            outcome.verdict, outcome.detail = CRASHED, "build: " + _last_error(result.output)
            return False
        written = scan.outside_files(sentinel(self.base, payload))
        found = scan.findings(root / "site", self.allowed)
        n = str(number(payload))
        mine = [f for f in found if n in _markers(f.what)]
        unnamed = [f for f in found if not _markers(f.what)]
        if written:
            outcome.verdict = REACHED
            outcome.detail = "wrote outside site/: " + ", ".join(p.name for p in written)
        elif mine or (alone and unnamed):
            outcome.verdict, outcome.detail = REACHED, str((mine or unnamed)[0])[:200]
        return bool(unnamed) and not alone


def _markers(text: str) -> set[str]:
    return {next(g for g in m.groups() if g) for m in MARKER.finditer(text)}


def try_all(base: Path, payloads: list[Payload] = PAYLOADS) -> dict[str, Outcome]:
    """Every payload's outcome, keyed by name."""
    from attacks import special  # history and import cases: their own projects

    campaign = Campaign(base)
    campaign.try_files([p for p in payloads if p.kind not in (HISTORY, IMPORT)])
    for payload in payloads:
        if payload.kind in (HISTORY, IMPORT):
            campaign.outcomes[payload.name] = special.attempt(payload, campaign)
    return {p.name: campaign.outcomes[p.name] for p in payloads}
