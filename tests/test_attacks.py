"""Issue 13: a pull request's plan is untrusted. Each payload, tried as an attacker would, through
the public entry points only (civplan check/export/import, mkdocs build --strict, the built HTML),
must be refused by check with `file:line: 错误 …`, or build with nothing live in the output — no
handler, no script but the theme's, no off-site URL, no file outside site/ — and never crash or
exhaust the caps (3 GB of address space, a timeout per process).

The payloads are in tests/attacks/payloads.py (also tried by scripts/attack_report.py). They are
tried once per session (in one share per xdist worker), together where they can be, alone
where a result must be their own.
"""

import os

import pytest
from attacks.harness import SAFE, try_all
from attacks.payloads import PAYLOADS

SHARES = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
"""Under `pytest -n N` the payloads are tried in N campaigns (every N-th payload each, an
xdist_group each), so that every worker takes a share of the ~200 processes."""


@pytest.fixture(scope="session")
def campaigns(tmp_path_factory):
    """The outcomes of one share's campaign, tried the first time a test of it asks."""
    tried: dict[int, dict] = {}

    def outcomes(share: int) -> dict:
        if share not in tried:
            base = tmp_path_factory.mktemp(f"attacks-{share}")
            tried[share] = try_all(base, PAYLOADS[share::SHARES])
        return tried[share]

    return outcomes


@pytest.mark.parametrize(
    ("name", "share"),
    [
        pytest.param(
            p.name, i % SHARES, id=p.name, marks=pytest.mark.xdist_group(f"attacks-{i % SHARES}")
        )
        for i, p in enumerate(PAYLOADS)
    ],
)
def test_payload_is_refused_or_neutralised(campaigns, name, share):
    outcome = campaigns(share)[name]
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
