"""One chain: whatever `civplan check` lets through, the build takes, and publishes nothing live.

Hypothesis writes arbitrary text (markup, quotes, braces, brackets, control characters) into
the fields and body lines that reach a page; for each plan, if check passes, the real build
must pass too and its HTML must carry no element or attribute that came from the plan.
"""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLE, build, civplan, make_project

SLUG = "shilishidiyirenminyiyuan-2026"
PLACES = {
    "title": "title: 示例市第一人民医院2026年创建市级文明单位实施方案",
    "group": "    name: 周明华",
    "body": "## 指导思想",
}
ALPHABET = st.sampled_from(
    list("<>\"'&{}[]()!#:`\\/=*_|-~ \t\x0c\u2028") + list("示例onerroalt") + ["\n"]
)
TEXT = st.text(ALPHABET, min_size=1, max_size=40)


class LiveMarkup(HTMLParser):
    """Elements and attributes a plan could use to run script or load from elsewhere."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("iframe", "object", "embed", "base"):
            self.found.append(tag)
        if tag == "script" and not values.get("src") and values.get("type") != "application/json":
            self.found.append("inline script")
        self.found += [f"{tag}[{name}]" for name in values if name.startswith("on")]


def plan_with(place: str, text: str) -> str:
    sample = SAMPLE.read_text("utf-8")
    line = PLACES[place]
    if place == "body":
        return sample.replace(line, f"{line}\n\n{text}", 1)
    key, _, value = line.partition(": ")
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    return sample.replace(line, f"{key}: {quoted}", 1)


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(place=st.sampled_from(sorted(PLACES)), text=TEXT)
def test_a_plan_that_passes_check_builds_and_publishes_nothing_live(tmp_path_factory, place, text):
    root = make_project(
        tmp_path_factory.mktemp("p"), {f"{SLUG}.md": plan_with(place, text)}, templates=False
    )
    checked = civplan("check", "plans", cwd=root)
    assert "Traceback" not in checked.stdout + checked.stderr
    if checked.returncode != 0:
        return
    result = build(root)
    assert result.returncode == 0, f"check 通过，构建失败：\n{result.output[-2000:]}"
    parser = LiveMarkup()
    parser.feed(result.page(f"plans/{SLUG}"))
    assert parser.found == []
