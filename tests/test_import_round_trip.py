"""Every sample plan, exported to Word by `civplan export` and imported back by `civplan import`,
gives the same stages (names and exact dates, tasks without their “1.”), measures, leading
group and sections: the project's own Word files are the first old plans a unit will import."""

from __future__ import annotations

import re

import pytest
import yaml

from civplan.model.loader import load

from conftest import REPO, civplan

SAMPLES = sorted((REPO / "plans").glob("*.md"))
SECTIONS = ["指导思想", "制定依据", "创建目标", "组织领导", "主要任务", "实施步骤", "保障措施"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    done = civplan("export", *map(str, SAMPLES), "-o", str(out / "docx"), cwd=out)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def people(group: dict) -> list[tuple[str, str, str]]:
    found = []
    for role in ("head", "executive_deputy", "deputies", "members"):
        entries = group.get(role) or []
        for entry in [entries] if isinstance(entries, dict) else entries:
            found.append((role, entry["name"], entry["post"]))
    return found


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_a_sample_exported_to_word_imports_back_to_the_same_plan(exported, sample):
    folder = exported / sample.stem
    folder.mkdir()
    docx = exported / "docx" / f"{sample.stem}.docx"
    out = folder / "plan.md"
    done = civplan(
        "import", str(docx), "--output", str(out), "--plans-dir", str(folder), cwd=folder
    )
    assert done.returncode == 0, done.stdout + done.stderr
    _, front, body = out.read_text("utf-8").split("---\n", 2)
    got, want = yaml.safe_load(front), load(sample)[0].meta
    stage = ("name", "start", "end", "tasks")
    assert [
        {k: str(s[k]) if k in ("start", "end") else s[k] for k in stage} for s in got["stages"]
    ] == [{k: str(s[k]) if k in ("start", "end") else s[k] for k in stage} for s in want["stages"]]
    assert [(m["text"], m["department"]) for m in got["measures"]] == [
        (m["text"], m["department"]) for m in want["measures"]
    ]
    assert people(got["leading_group"]) == people(want["leading_group"])
    assert got["leading_group"]["office"]["location"] == want["leading_group"]["office"]["location"]
    # the plan's own part headings (“## 五、主要任务”), each still heading its section
    parts = [re.match(r"^#+ [一二三四五六七八九十]+、(.+)$", line) for line in body.splitlines()]
    assert [part.group(1) for part in parts if part][: len(SECTIONS)] == SECTIONS
    # a unit's own file has no page around it: nothing of it is set aside as a site's furniture
    assert "不是方案的内容" not in done.stdout
