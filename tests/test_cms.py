"""The web editor's config follows the schema, the built site serves it, the local backend
writes only where it should. (The editor in a browser: test_cms_browser.py.)"""

from __future__ import annotations

import html
import re
import urllib.request
from pathlib import Path
from urllib.error import HTTPError

import pytest
import yaml

from civplan.cli import cms_server
from civplan.model.blank import BLANK, drop_guidance
from civplan.model.schema import resolve, schema
from civplan.site import cms

from conftest import REPO, build, editor_api, editor_server, make_project

TEMPLATES = sorted((REPO / "templates").glob("*.md"))


@pytest.fixture(scope="module")
def config() -> dict:
    return yaml.safe_load(cms.config_text(REPO))


def schema_fields(node: dict, where: tuple = (), present: bool = True):
    """(path, schema node, required by the form) for every property, walked on its own."""
    node = resolve(node)
    required = set(node.get("required", []))
    for name, sub in node.get("properties", {}).items():
        sub = resolve(sub)
        must = present and name in required
        yield where + (name,), sub, must
        if sub.get("type") == "object":
            yield from schema_fields(sub, where + (name,), must)
        items = resolve(sub.get("items", {}))
        if sub.get("type") == "array" and items.get("type") == "object":
            yield from schema_fields(items, where + (name,), True)


def form_field(fields: list[dict], path: tuple) -> dict:
    found = {"fields": fields}
    for name in path:
        matches = [f for f in found.get("fields", []) if f["name"] == name]
        assert matches, f"表单缺少字段 {'.'.join(path)}"
        found = matches[0]
    return found


def plan_schema_fields():
    return [(p, n, r) for p, n, r in schema_fields(schema()) if p[0] not in cms.TEMPLATE_ONLY]


@pytest.mark.parametrize("collection", range(1 + len(TEMPLATES)))
def test_every_schema_field_is_in_the_form_with_its_chinese_title_and_rules(config, collection):
    fields = config["collections"][collection]["fields"]
    for path, node, required in plan_schema_fields():
        field = form_field(fields, path)
        assert field["label"] == node["title"], path
        assert field.get("hint") == node.get("description"), path
        assert field["required"] is required, path
        if "enum" in node:
            assert (field["widget"], field["options"]) == ("select", node["enum"]), path
        elif node.get("format") == "date":
            assert (field["widget"], field["format"]) == ("datetime", "YYYY-MM-DD"), path
            assert field["time_format"] is False, path
        elif node.get("type") == "array":
            assert field["widget"] == "list" and field.get("min") == node.get("minItems"), path
        elif node.get("type") == "object":
            assert field["widget"] == "object", path
        elif node.get("type") == "integer":
            assert (field["widget"], field["value_type"]) == ("number", "int"), path
            assert (field.get("min"), field.get("max")) == (node["minimum"], node.get("maximum"))
        if "pattern" in node:
            assert node["pattern"] in field["pattern"][0], path
            # the shape to write, in the schema's words: its patternHint, else its description
            assert node.get("patternHint", node["description"]) in field["pattern"][1], path


def test_the_form_has_no_field_the_schema_lacks(config):
    known = {p for p, _, _ in plan_schema_fields()}

    def walk(fields, where=()):
        for field in fields:
            if field["name"] not in ("body", cms.CHECK["name"], cms.NOTE["name"]):
                assert where + (field["name"],) in known, where + (field["name"],)
            walk(field.get("fields", []), where + (field["name"],))

    for collection in config["collections"]:
        walk(collection["fields"])


def test_a_pattern_lets_a_blank_through_but_refuses_a_wrong_value(config):
    doc_number = form_field(config["collections"][0]["fields"], ("doc_number",))
    pattern = re.compile(doc_number["pattern"][0])
    assert pattern.search("示医党〔2026〕12号") and pattern.search("〔待填：文号〕")
    assert not pattern.search("示医党2026年12号")


def test_each_template_is_a_collection_that_starts_from_it(config):
    by_name = {c["name"]: c for c in config["collections"]}
    assert set(by_name) == {"plans"} | {f"from-{p.stem}" for p in TEMPLATES}
    hospital = by_name["from-hospital"]
    assert hospital["create"] and hospital["folder"] == "plans"
    # Decap filters on a top-level key: civplan-cms.js copies template.id into it
    assert hospital["filter"] == {"field": "civplan_template", "value": "hospital"}
    # every other plan goes to 其他方案, under a key no template id can be (civplan-cms.js)
    assert by_name["plans"]["filter"] == {"field": "civplan_template", "value": "_other"}
    assert by_name["plans"]["label"] == "其他方案" and not by_name["plans"]["create"]
    body = form_field(hospital["fields"], ("body",))["default"]
    assert "{{ leading_group() }}" in body and "{{ supervision() }}" in body
    # the guidance is gone as `civplan new` drops it: all but an optional section's box
    source = (REPO / "templates" / "hospital.md").read_text("utf-8")
    assert body.count("填写说明") == drop_guidance(source).count("填写说明")
    assert body.count("填写说明") < source.count("填写说明")
    stages = form_field(hospital["fields"], ("stages",))["default"]
    assert [s["name"] for s in stages] == ["宣传发动", "自查整改", "全面实施", "检查验收"]
    assert form_field(hospital["fields"], ("unit", "kind"))["default"] == "医院"
    assert "default" not in form_field(hospital["fields"], ("year",))  # a blank is no number


def test_the_top_level_fields_follow_the_templates_order(config):
    names = [f["name"] for f in config["collections"][0]["fields"]]
    text = (REPO / "templates" / "hospital.md").read_text("utf-8").split("---")[1]
    in_file = [line.split(":")[0] for line in text.splitlines() if re.match(r"^[a-z_]+:", line)]
    assert [n for n in names if n in in_file] == [n for n in in_file if n in names]


def test_the_built_site_serves_the_editor_with_its_own_csp(sample_site):
    admin = sample_site.site / "admin"
    assert yaml.safe_load((admin / "config.yml").read_text("utf-8")) == yaml.safe_load(
        cms.config_text(REPO)
    )
    page = (admin / "index.html").read_text("utf-8")
    # the policy as the browser reads it: the attribute's entities decoded
    [policy] = map(html.unescape, re.findall(r'Content-Security-Policy" content="([^"]+)"', page))
    assert "script-src 'self' 'unsafe-eval'" in policy and "default-src 'none'" in policy
    assert "connect-src 'self' blob: https://api.github.com" in policy
    assert (admin / "decap" / "decap-cms.js").stat().st_size > 1_000_000
    assert (admin / "decap" / "LICENSE").exists() and (admin / "js-yaml" / "LICENSE").exists()


def test_a_gitlab_backend_changes_the_pages_csp(tmp_path):
    root = make_project(tmp_path)
    api = {"api_root": "https://git.example/api/v4", "base_url": "https://git.example"}
    settings = {"backend": {"name": "gitlab", "repo": "a/b", "auth_type": "pkce", **api}}
    (root / "docs" / "admin" / "backend.yml").write_text(yaml.safe_dump(settings), "utf-8")
    result = build(root)
    assert result.returncode == 0, result.output
    page = result.page("admin")
    assert "connect-src 'self' blob: https://git.example;" in html.unescape(page)
    config = yaml.safe_load((result.site / "admin" / "config.yml").read_text("utf-8"))
    assert config["backend"]["name"] == "gitlab"


@pytest.fixture
def local(tmp_path):
    (tmp_path / "plans").mkdir()
    (tmp_path / "secret.txt").write_text("x", "utf-8")
    with editor_server(tmp_path) as url:
        yield tmp_path, url


def test_the_local_backend_writes_plans_and_nothing_else(local):
    root, url = local
    text = (REPO / "plans" / "shilishidiyirenminyiyuan-2026.md").read_text("utf-8")
    draft = text.replace("status: 实施中", "status: 草案")  # a new plan, which the check accepts
    entry = {"path": "plans/a.md", "raw": draft, "slug": "a"}
    assert editor_api(url, "persistEntry", {"entry": entry, "assets": []})[0] == 200
    assert (root / "plans" / "shilishidiyirenminyiyuan-2026.md").read_text("utf-8") == draft
    status, entries = editor_api(url, "entriesByFolder", {"folder": "plans", "extension": "md"})
    assert status == 200 and [e["file"]["path"] for e in entries] == [
        "plans/shilishidiyirenminyiyuan-2026.md"
    ]
    for path in ("secret.txt", "../outside.md", "docs/admin/index.html"):
        bad = {"path": path, "raw": "x", "slug": "x"}
        assert editor_api(url, "persistEntry", {"entry": bad, "assets": []})[0] == 403, path
    assert editor_api(url, "deleteFile", {"path": "secret.txt"})[0] == 403
    assert (root / "secret.txt").exists() and not (root.parent / "outside.md").exists()


def test_the_local_backend_refuses_other_web_sites(local):
    _, url = local
    assert editor_api(url, "info", {}, origin="https://evil.example")[0] == 403
    assert editor_api(url, "info", {}, origin=url)[0] == 200


def test_make_edit_serves_the_editor_with_a_config_pointing_at_itself(local):
    root, url = local
    (root / "docs" / "admin").mkdir(parents=True)
    (root / "docs" / "admin" / "civplan-cms.js").write_text("//", "utf-8")
    for template in TEMPLATES[:1]:
        (root / "templates").mkdir(exist_ok=True)
        (root / "templates" / template.name).write_bytes(template.read_bytes())
    with urllib.request.urlopen(url + "/admin/config.yml", timeout=30) as response:
        config = yaml.safe_load(response.read())
    assert config["local_backend"] == {"url": url + "/api/v1"}
    with urllib.request.urlopen(url + "/admin/civplan-cms.js", timeout=30) as response:
        assert response.read() == b"//"
    with pytest.raises(HTTPError):
        urllib.request.urlopen(url + "/admin/../secret.txt", timeout=30)


def test_make_edit_names_a_busy_port_in_chinese(local, capsys):
    root, url = local
    port = url.rsplit(":", 1)[1]
    assert cms_server.main(["--port", port, "--root", str(root)]) == 1
    assert "无法在端口" in capsys.readouterr().err


def test_the_schema_walk_of_this_test_sees_every_property():
    """The drift checks above are only as good as this walk: it must reach nested fields."""
    paths = {p for p, _, _ in schema_fields(schema())}
    assert ("leading_group", "head", "name") in paths
    assert ("stages", "evidence", "url") in paths
    assert ("feedback_outcome", "not_adopted", "reason") in paths
    assert Path(REPO / "civplan" / "model" / "plan.schema.json").exists()


def test_the_editor_page_names_the_templates_that_have_a_collection(tmp_path):
    """civplan-cms.js lists a plan under 其他方案 when its template is not one of these."""
    root = make_project(tmp_path / "p")
    (root / "templates" / "zoo.md").write_text(
        (root / "templates" / "hospital.md")
        .read_text("utf-8")
        .replace("id: hospital", 'id: "z\\"oo"'),
        "utf-8",
    )
    page = cms.index_html("default-src 'none'", cms.template_ids(root))
    ids = re.search(r'<meta name="civplan-templates" content="([^"]*)">', page).group(1)
    assert ids.split() == [
        "bureau",
        "community",
        "enterprise",
        "hospital",
        "keep-title",
        "media",
        "network-civility",
        "school",
        "z&quot;oo",
    ]


def test_the_editor_page_gives_the_script_the_one_blank_pattern():
    """civplan-cms.js tells a blank still to fill from a value (it fills 〔待填：单位名称〕 and
    the like) with the pattern the page hands it: civplan.model.blank's, not a copy."""
    page = cms.index_html("default-src 'none'", [])
    shown = re.search(r'<meta name="civplan-blank" content="([^"]*)">', page).group(1)
    assert html.unescape(shown) == BLANK.pattern
    script = (REPO / "docs" / "admin" / "civplan-cms.js").read_text("utf-8")
    assert 'meta[name="civplan-blank"]' in script and "〔待填" not in script.split("fillBlanks")[0]
