"""git run on a checkout: the one way the history package reads committed versions (the build's
published versions and `civplan changes`' comparison with a base both go through it)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git(repo: Path, *args: str, stdin: bytes | None = None) -> str | bytes:
    """git's output: text (UTF-8, an undecodable byte replaced), or bytes when `stdin` is given
    (`cat-file --batch` answers with blobs whose sizes count bytes). Raises OSError without git
    and CalledProcessError when git fails."""
    result = subprocess.run(
        ["git", "-C", str(repo), *args], input=stdin, capture_output=True, check=True
    )
    return result.stdout if stdin is not None else result.stdout.decode("utf-8", "replace")
