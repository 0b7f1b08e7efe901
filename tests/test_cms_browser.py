"""The web editor at /admin/, used as an office clerk would: Chromium, the local backend of
`make edit` (civplan.cli.cms_server) on a throwaway git repository holding a copy of the whole
project (plans, templates, editor, site). Every request must go to that local server and
nothing may break the page's Content-Security-Policy. The form showing a problem under its
field is saved as cms-form.png in the screenshots folder (conftest.screenshots) for a person to
look at.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from civplan.cli.new_plan import Request, plan_text
from civplan.model import lifecycle
from civplan.site import cms

from conftest import (
    REPO,
    build,
    editor_server,
    git,
    line_of,
    make_project,
    require_browser,
    text_of,
)

require_browser()

from playwright.sync_api import expect  # noqa: E402 (only once Playwright is known to be there)

WIDE = {"width": 1366, "height": 900}
HOSPITAL = "plans/shilishidiyirenminyiyuan-2026.md"
DRAFT = "plans/shilishidijiurenminyiyuan-2026.md"
NEW_UNIT = "示例市第三人民医院"
NEW_FILE = "plans/shilishidisanrenminyiyuan-2026.md"


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A committed copy of the project (its site can be built from what the editor saved)."""
    root = make_project(tmp_path_factory.mktemp("cms-repo"))
    (root / DRAFT).write_text(commented_draft(), "utf-8")
    git(root, "init", "-q")
    (root / ".git" / "info" / "exclude").write_text("/site/\n", "utf-8")
    git(root, "add", ".")
    commit(root, "start")
    git(root, "tag", "start")  # each test starts from here (one commits what it saved)
    return root


def commit(root: Path, message: str) -> None:
    git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-am", message)


def commented_draft() -> str:
    """The hospital plan as another hospital's draft, with comments as people write them: on a
    line of their own at the top, at the end of a line, and nested inside a list."""
    text = (REPO / HOSPITAL).read_text("utf-8").replace("第一人民医院", "第九人民医院")
    text = text.replace("status: 实施中", "status: 草案")
    text = text.replace("---\ntitle:", "---\n# 起草：院办 张三，待党委会审定\ntitle:", 1)
    text = text.replace("level: 市级\nmode:", "level: 市级   # 今年先申报市级\nmode:", 1)
    return text.replace(
        "  - name: 自查整改\n", "    # 日期待院长办公会确认\n  - name: 自查整改\n", 1
    )


@pytest.fixture(scope="module")
def admin(repo):
    with editor_server(repo) as url:
        yield f"{url}/admin/"


@pytest.fixture(scope="module")
def editor(admin, chromium):
    """One signed-in editor tab for the module (loading 6 MB of editor takes a while)."""
    context = chromium.new_context(viewport=WIDE, locale="zh-CN")
    editor_tab = context.new_page()
    editor_tab.set_default_timeout(120_000)  # a loaded CI machine; nothing here waits on purpose
    editor_tab.requests, editor_tab.errors = [], []
    editor_tab.on("request", lambda request: editor_tab.requests.append(request.url))
    editor_tab.on("pageerror", lambda error: editor_tab.errors.append(str(error)))
    editor_tab.on("console", lambda m: m.type == "error" and editor_tab.errors.append(m.text))
    # Leave a refused form when asked, but never load its local backup into the next test.
    editor_tab.on("dialog", lambda d: d.dismiss() if "备份" in d.message else d.accept())
    editor_tab.goto(admin)
    editor_tab.get_by_role("button", name="登录").click()
    editor_tab.get_by_text("其他方案").first.wait_for()
    yield editor_tab
    context.close()


@pytest.fixture
def editor_tab(editor, admin, repo):
    """The editor tab, the repository as committed; no request leaves this computer, and
    neither a script error nor a Content-Security-Policy refusal happens (both are errors)."""
    git(repo, "reset", "-q", "--hard", "start")
    git(repo, "clean", "-fdq", "plans")
    editor.requests.clear()
    editor.errors.clear()
    yield editor
    here = urlsplit(admin).netloc
    requested = [u for u in editor.requests if urlsplit(u).scheme in ("http", "https", "ws")]
    assert [u for u in requested if urlsplit(u).netloc != here] == []
    assert editor.errors == []


def open_entry(editor_tab, admin: str, collection: str, slug: str):
    editor_tab.goto("about:blank")  # a fresh load: the previous entry's form must not linger
    editor_tab.goto(f"{admin}#/collections/{collection}/{slug}")
    editor_tab.get_by_role("textbox", name="方案标题", exact=True).wait_for()


def group(scope, editor_tab, label: str):
    """The block of a field group (or list) by its label, e.g. 领导小组 then 组长."""
    for_id = scope.locator("label").filter(has_text=label).first.get_attribute("for")
    return editor_tab.locator(f'[id="{for_id}"]')


def save(editor_tab) -> None:
    """Publish, and wait until the local backend has written the file."""
    editor_tab.get_by_role("button", name="发布").first.click()
    with editor_tab.expect_response(lambda r: "persistEntry" in (r.request.post_data or "")):
        editor_tab.get_by_text("立即发布").click()


def refused(editor_tab, message: str) -> None:
    """Publish, and see the form refuse with this message, nothing sent to the backend."""
    editor_tab.get_by_role("button", name="发布").first.click()
    editor_tab.get_by_text("立即发布").click()
    # the toast or Decap's own field message: the check's messages under fields come first
    editor_tab.get_by_text(message).and_(
        editor_tab.locator(":not([data-civplan-problem])")
    ).first.wait_for()
    # Decap reports a refused save to the console too: a rejection with no value (failed
    # field checks) or the error object of the preSave check; other errors still count.
    editor_tab.errors[:] = [
        e
        for e in editor_tab.errors
        if e not in ("undefined", "Object", "Refusal") and message not in e
    ]


def under(field):
    """The check's messages shown right under a field's control."""
    return field.locator("xpath=following-sibling::*[@data-civplan-problem]")


def screenshot(editor_tab, folder: Path) -> None:
    editor_tab.screenshot(path=str(folder / "cms-form.png"))
    assert (folder / "cms-form.png").stat().st_size > 1000


def check(path: Path) -> tuple[int, list[dict]]:
    done = subprocess.run(
        [sys.executable, "-m", "civplan", "check", "--format", "json", str(path)],
        capture_output=True,
        text=True,
    )
    return done.returncode, json.loads(done.stdout or "[]")


def test_a_new_plan_from_the_hospital_template_is_what_civplan_new_writes(editor_tab, admin, repo):
    open_entry(editor_tab, admin, "from-hospital", "new")
    editor_tab.get_by_role("textbox", name="单位名称", exact=True).first.wait_for()
    editor_tab.get_by_role("textbox", name="单位名称", exact=True).first.fill(NEW_UNIT)
    editor_tab.get_by_role("spinbutton", name="年度", exact=True).fill("2026")
    editor_tab.locator(
        f'[id="{editor_tab.locator("label", has_text="目标级别").first.get_attribute("for")}"]'
    ).click(force=True)
    editor_tab.get_by_role("option", name="市级", exact=True).click()
    head = group(group(editor_tab, editor_tab, "领导小组"), editor_tab, "组长")
    head.get_by_role("textbox", name="姓名", exact=True).fill("王建华")
    save(editor_tab)

    assert git(repo, "status", "--porcelain", "plans") == f"?? {NEW_FILE}\n"
    created = repo / NEW_FILE
    expected = plan_text(
        (repo / "templates" / "hospital.md").read_text("utf-8"),
        Request("hospital", NEW_UNIT, 2026, "市级"),
    )
    wanted = expected.replace("  head:\n    name: 〔待填：姓名〕", "  head:\n    name: 王建华", 1)
    assert created.read_text("utf-8") == wanted
    assert "{{ leading_group() }}" in wanted and "〔待填：" in wanted
    code, findings = check(created)
    assert code == 0
    assert {f.get("rule") for f in findings} <= {"blank"}


def changed_lines(repo: Path, path: str) -> list[str]:
    diff = git(repo, "diff", "--unified=0", path).splitlines()
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_changing_one_stage_date_of_a_commented_plan_changes_that_line_only(
    editor_tab, admin, repo
):
    open_entry(editor_tab, admin, "from-hospital", f"entries/{Path(DRAFT).stem}")
    stages = group(editor_tab, editor_tab, "实施步骤")
    stages.locator('input[type="date"][id^="end-field"]').nth(3).fill("2026-12-30")
    save(editor_tab)
    assert changed_lines(repo, DRAFT) == ['-    end: "2026-12-31"', '+    end: "2026-12-30"']
    text = (repo / DRAFT).read_text("utf-8")
    for comment in ("# 起草：院办", "level: 市级   # 今年先申报市级", "    # 日期待院长办公会确认"):
        assert comment in text


def test_a_mobile_number_in_the_report_phone_is_refused_under_its_field(
    editor_tab, admin, repo, screenshots
):
    open_entry(editor_tab, admin, "from-hospital", f"entries/{Path(DRAFT).stem}")
    phones = group(editor_tab, editor_tab, "举报电话")
    number = phones.get_by_role("textbox", name="电话号码", exact=True)
    number.first.fill("139-1234-5678")
    refused(editor_tab, "出现了手机号码（139****5678）")
    toast = editor_tab.locator(".Toastify__toast")
    assert toast.count() == 1 and toast.inner_text().startswith("没有保存，请先改正下面")
    assert "Error" not in toast.inner_text() and "phones.0" not in toast.inner_text()
    # the whole toast is on screen and none of its lines is cut off at the window's edge
    toast.evaluate("t => Promise.all(t.getAnimations().map(a => a.finished))")  # slid in
    box, width = toast.bounding_box(), editor_tab.viewport_size["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, (box, width)
    assert toast.evaluate(
        "t => [...t.querySelectorAll('*')].every(e => e.scrollWidth <= e.clientWidth + 1)"
    )
    # the message is right under the number's input, and is what a screen reader reads with it
    line = line_of(commented_draft(), '- number: "0000-86120011"')
    shown = under(number.first).all_inner_texts()
    mobile = f"错误（第 {line} 行）：出现了手机号码（139****5678）。个人手机号不能公开"
    assert any(text.startswith(mobile) for text in shown), shown
    field, message = number.first.bounding_box(), under(number.first).first.bounding_box()
    assert 0 <= message["y"] - (field["y"] + field["height"]) < 30
    assert abs(message["x"] - field["x"]) < 30
    assert under(number.nth(1)).count() == 0  # the other phone is fine
    number.first.scroll_into_view_if_needed()
    editor_tab.mouse.wheel(0, 250)  # the field, its messages and the toast in one picture
    screenshot(editor_tab, screenshots)
    assert git(repo, "status", "--porcelain") == ""


def test_the_check_button_checks_the_form_as_it_is_now(editor_tab, admin, repo):
    open_entry(editor_tab, admin, "from-hospital", f"entries/{Path(DRAFT).stem}")
    title = editor_tab.get_by_role("textbox", name="方案标题", exact=True)
    before = title.input_value()
    title.fill("20xx年示例市第九人民医院创建方案")
    editor_tab.get_by_role("button", name="检查", exact=True).click()
    under(title).first.wait_for()
    assert "年份写成了“20xx”" in under(title).first.inner_text()
    summary = editor_tab.locator("[data-civplan-check] li").first
    assert re.match(
        r"发现 \d+ 个错误、\d+ 个警告，已用红字标在对应的栏目下面", summary.inner_text()
    )
    # put right, checked again: the message goes. Clicked first, as a person does: with a
    # message under it, the field re-renders as it takes focus, which loses a selection
    # Playwright's fill makes at that moment (its text was added to, not replaced)
    title.click()
    title.fill(before)
    assert title.input_value() == before
    editor_tab.get_by_role("button", name="检查", exact=True).click()
    expect(summary).to_have_text("没有发现问题，可以保存。")
    assert under(title).count() == 0
    assert git(repo, "status", "--porcelain") == ""


def test_a_published_plan_asks_for_the_note_and_the_history_shows_it_with_the_change(
    editor_tab, admin, repo
):
    open_entry(editor_tab, admin, "from-hospital", "entries/shilishidiyirenminyiyuan-2026")
    stages = group(editor_tab, editor_tab, "实施步骤")
    stages.locator('input[type="date"][id^="end-field"]').nth(3).fill("2026-12-25")
    refused(editor_tab, "请在表单最上面的“本次修改说明”里")
    assert git(repo, "status", "--porcelain") == ""
    note = editor_tab.get_by_role("textbox", name=re.compile("^本次修改说明"))
    assert "请在表单最上面的“本次修改说明”里" in under(note).first.inner_text()
    note.fill("检查验收提前到12月25日结束。")
    save(editor_tab)
    changed = changed_lines(repo, HOSPITAL)
    assert changed[:2] == ['-    end: "2026-12-31"', '+    end: "2026-12-25"']
    assert changed[2:] == [
        f'+  - date: "{lifecycle.today().isoformat()}"',
        "+    note: 检查验收提前到12月25日结束。",
    ]
    code, findings = check(repo / HOSPITAL)
    assert code == 0, findings
    # the site built from the repository once the save is committed: one entry, both together
    commit(repo, "Edit in the web editor")
    site = build(repo, today=lifecycle.today().isoformat())
    assert site.returncode == 0, site.output
    history = site.page(f"plans/{Path(HOSPITAL).stem}/history").split("</article>")[0]
    newest = text_of(re.split(r'<section class="civ-version"', history)[1])
    assert "检查验收提前到12月25日结束。" in newest
    assert "检查验收 › 结束日期：2026-12-31 → 2026-12-25" in newest
    assert "只增加了修改说明" not in history


def test_each_plan_is_listed_in_exactly_one_collection(editor_tab, admin, repo):
    """Under its template's collection, or under 其他方案 when no collection has its template."""
    museum = (repo / HOSPITAL).read_text("utf-8").replace("id: hospital", "id: museum", 1)
    museum = museum.replace("示例市第一人民医院", "示例市博物馆")
    (repo / "plans" / "shilishibowuguan-2026.md").write_text(museum, "utf-8")
    collection = {cms.template_id(t): f"from-{t.stem}" for t in (repo / "templates").glob("*.md")}
    expected: dict[str, set] = {}
    for path in (repo / "plans").glob("*.md"):
        template = yaml.safe_load(path.read_text("utf-8").split("---")[1])["template"]["id"]
        expected.setdefault(collection.get(template, "plans"), set()).add(path.stem)
    assert expected["plans"] == {"shilishibowuguan-2026"}
    assert len(expected) == len(collection) + 1
    for name, slugs in expected.items():
        editor_tab.goto(f"{admin}#/collections/{name}")
        links = editor_tab.locator(f'a[href*="/collections/{name}/entries/"]')
        expect(links).to_have_count(len(slugs))
        assert {link.get_attribute("href").rsplit("/", 1)[1] for link in links.all()} == slugs


def test_the_form_refuses_a_bad_document_number_with_the_schemas_words(editor_tab, admin, repo):
    open_entry(editor_tab, admin, "from-hospital", "entries/shilishidiyirenminyiyuan-2026")
    editor_tab.get_by_role("textbox", name=re.compile(r"^文号")).fill("示一院党2026年8号")
    refused(editor_tab, "文号格式不对，应写成机关代字加六角括号括起的年份和序号")
    assert git(repo, "status", "--porcelain") == ""


def test_the_form_refuses_a_missing_required_field(editor_tab, admin, repo):
    open_entry(editor_tab, admin, "from-hospital", "entries/shilishidiyirenminyiyuan-2026")
    editor_tab.get_by_role("textbox", name="单位名称", exact=True).first.fill("")
    refused(editor_tab, "“单位名称”是必填项")
    assert git(repo, "status", "--porcelain") == ""


def test_the_server_refuses_a_stage_that_ends_before_it_starts(editor_tab, admin, repo):
    open_entry(editor_tab, admin, "from-hospital", f"entries/{Path(DRAFT).stem}")
    stages = group(editor_tab, editor_tab, "实施步骤")
    stages.locator('input[type="date"][id^="end-field"]').nth(0).fill("2026-03-01")
    refused(editor_tab, "早于开始日期")
    assert git(repo, "status", "--porcelain") == ""
