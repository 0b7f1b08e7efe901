"""Issue 13: a pull request's plan is untrusted. Each payload, tried as an attacker would, through
the public entry points only (civplan check/export/import, mkdocs build --strict, the built HTML),
must be refused by check with `file:line: 错误 …`, or build with nothing live in the output — no
handler, no script but the theme's, no off-site URL, no file outside site/ — and never crash or
exhaust the caps (3 GB of address space, a timeout per process).

The payloads are in tests/attacks/payloads.py (also tried by scripts/attack_report.py). They are
tried once per session, together where they can be, alone where a result must be their own.
"""

import pytest
from attacks.harness import SAFE, try_all
from attacks.payloads import PAYLOADS


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory):
    return try_all(tmp_path_factory.mktemp("attacks"))


@pytest.mark.parametrize("name", [p.name for p in PAYLOADS])
def test_payload_is_refused_or_neutralised(outcomes, name):
    outcome = outcomes[name]
    assert outcome.verdict in SAFE, f"{name}: {outcome.verdict}: {outcome.detail}"


def test_the_scanner_sees_a_live_payload(tmp_path):
    """The HTML check can fail: a page with a handler, a foreign script and an off-site image."""
    from attacks import scan

    page = tmp_path / "site" / "x" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<p><img src="/\\evil.example/p.png" onerror="alert(1)"></p>'
        '<script src="https://evil.example/x.js"></script><a href="java&#9;script:alert(1)">x</a>',
        "utf-8",
    )
    found = " ".join(str(f) for f in scan.findings(tmp_path / "site", set()))
    assert "onerror" in found and "evil.example/x.js" in found
    assert "/\\evil.example/p.png" in found and "script:alert(1)" in found
