"""Errors that stop a command or a build; the message (Chinese) is the whole story."""

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


class CommandError(CivplanError):
    """A command cannot go on: bad arguments, a missing file, a file it will not overwrite."""


class BuildError(CivplanError):
    """The site cannot be built (a plan's problems, an unsafe path, a failed step); the
    plugin turns it into MkDocs' own error so the build stops with this message."""
