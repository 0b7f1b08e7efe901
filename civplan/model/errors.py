"""Errors that stop work, and the one every layer's own errors derive from.

Each error lives in the lowest layer that raises it: `InputError` here, because the model
checks the unit and year an editor types (civplan.model.identity) before the importer and the
commands go on; the Word export's error in civplan.export.errors, the site's in
civplan.site.errors. The message (Chinese) is the whole story.
"""

from __future__ import annotations


class CivplanError(Exception):
    """Something an editor or maintainer must fix before the work can go on.

    `path` names the file at fault when there is one; the message says what is wrong and what
    to do, and nothing has been half-written.
    """

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path

    def __str__(self) -> str:
        message = super().__str__()
        return f"{self.path}: {message}" if self.path else message


class InputError(CivplanError):
    """What a command was given cannot be used: a unit or year, an argument, a file to read
    (or the tool needed to read it), a file it will not overwrite. Nothing was written."""
