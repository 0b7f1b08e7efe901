"""What the last build's check found in each file, so that an unchanged file is not checked again.

Checking a plan (the schema, then every rule) costs several times what loading it does, and at
10,000 plans a warm build spent most of its first phase finding the same problems in the same
files. The key is the file's bytes, its name as reported and its mode, and the code of the
checks and of the model they read, and the versions of the libraries they use: any change to
any of them checks the file anew. Checks across files (duplicate addresses, links) are never
cached. The file holds the entries the last build used, nothing older.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib import metadata, resources
from pathlib import Path

from civplan.model.problems import Problem

PACKAGES = ("civplan.check", "civplan.check.rules", "civplan.model")
LIBRARIES = ("jsonschema", "pyyaml", "pypinyin", "chinesecalendar")


def _version() -> bytes:
    parts = [f"{name}={metadata.version(name)}".encode() for name in LIBRARIES]
    for package in PACKAGES:
        folder = resources.files(package)
        for name in sorted(entry.name for entry in folder.iterdir() if entry.is_file()):
            if name.endswith((".py", ".yaml", ".json")):
                parts.append(name.encode() + folder.joinpath(name).read_bytes())
    return hashlib.sha256(b"\0".join(parts)).digest()


class CheckCache:
    def __init__(self, file: Path) -> None:
        self.file = file
        self.version = _version()
        try:
            self.known = json.loads(file.read_text("utf-8"))
        except (OSError, ValueError):
            self.known = {}
        self.used: dict[str, list] = {}

    def key(self, path: Path, display: str, mode: str) -> str:
        digest = hashlib.sha256(self.version + f"\0{display}\0{mode}\0".encode())
        return digest.hexdigest() + hashlib.sha256(path.read_bytes()).hexdigest()

    def get(self, key: str) -> list[Problem] | None:
        found = self.known.get(key)
        if not isinstance(found, list):
            return None
        self.used[key] = found
        return [Problem(*fields) for fields in found]

    def put(self, key: str, problems: list[Problem]) -> None:
        fields = [[p.path, p.line, p.message, p.rule, p.severity] for p in problems]
        self.used[key] = fields

    def save(self) -> None:
        """Write the entries this build used, whole or not at all."""
        self.file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.file.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(self.used, ensure_ascii=False), "utf-8")
        os.replace(temporary, self.file)
