"""Issue 28, items 8 and 9 of "reached output": an old address (printed links, QR codes) stays
with the plan that had it, and a shard cannot take one of the top level's own addresses."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import HOSPITAL_FILE, build, git, make_project

OTHER = "shilishitushuguan-2026.md"


def _claim(text: str, slug: str) -> str:
    return text.replace("\ntitle:", f"\nformer_slugs: [{slug}]\ntitle:", 1)


def test_a_plan_cannot_take_another_plans_former_address(tmp_path):
    root = make_project(tmp_path / "p")
    hospital, library = root / "plans" / HOSPITAL_FILE, root / "plans" / OTHER
    original = hospital.read_text("utf-8")
    git(root, "init", "-q")
    hospital.write_text(original.replace("\ntitle:", "\nslug: old-hospital\ntitle:", 1), "utf-8")
    git(root, "add", ".")
    git(root, "commit", "-qm", "the hospital under its first address")
    hospital.write_text(_claim(original, "old-hospital"), "utf-8")  # renamed, old one redirects
    git(root, "commit", "-qam", "new address")
    assert build(root).returncode == 0

    # the attack: the library's plan claims the hospital's old address as its own former one
    library.write_text(_claim(library.read_text("utf-8"), "old-hospital"), "utf-8")
    hospital.write_text(original, "utf-8")  # and even once the hospital stops claiming it
    git(root, "commit", "-qam", "hijack")
    result = build(root)
    assert result.returncode != 0
    assert f"plans/{OTHER}:" in result.output and "[former-slug-owner]" in result.output
    assert "old-hospital" in result.output and f"plans/{HOSPITAL_FILE}" in result.output
    redirect = result.site / "plans" / "old-hospital" / "index.html"
    assert not redirect.exists() or "shilishitushuguan" not in redirect.read_text("utf-8")


def test_two_plans_cannot_claim_the_same_new_former_address(tmp_path):
    root = make_project(tmp_path / "p")
    for name in (HOSPITAL_FILE, OTHER):
        path = root / "plans" / name
        path.write_text(_claim(path.read_text("utf-8"), "shared-old"), "utf-8")
    result = build(root)
    assert result.returncode != 0 and "[former-slug-owner]" in result.output


@pytest.mark.parametrize("province", ["Plans", "Assets", "Pagefind"])
def test_a_shard_never_takes_a_path_of_the_top_level(province):
    from civplan.site.shards import SITE_PATHS, shard_id

    assert shard_id(province) not in SITE_PATHS
    assert shard_id(province).startswith(province.lower())


def test_assembly_refuses_a_shard_over_the_top_levels_pages(tmp_path):
    from civplan.site.errors import SiteError
    from civplan.site.shards import assemble

    shards, site = tmp_path / "shards", tmp_path / "site"
    (shards / "plans" / "data").mkdir(parents=True)
    (shards / "plans" / "data" / "plans.json").write_text("[]", "utf-8")
    (site / "plans").mkdir(parents=True)
    (site / "plans" / "index.html").write_text("目录", "utf-8")
    with pytest.raises(SiteError, match="与总站自己的网址重名"):
        assemble(shards, site, tmp_path / "tier")
    assert (site / "plans" / "index.html").read_text("utf-8") == "目录"
    assert not Path(site / "plans" / "data").exists()
