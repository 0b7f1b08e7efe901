"""The Word export's error: raised by civplan.export.docx, caught by whoever exports (the site's
build, `civplan export`)."""

from __future__ import annotations

from civplan.model.errors import CivplanError


class ExportError(CivplanError):
    """A plan's Word file cannot be made: its text is nested too deep, or the export ran past
    its time or memory budget. Only that file is lost; the message says how to fix the plan."""
