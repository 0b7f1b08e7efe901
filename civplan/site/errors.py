"""The site's error. Named for the site, not `BuildError`, so it is never taken for MkDocs' own
(mkdocs.exceptions.BuildError); the plugin turns it into MkDocs' PluginError."""

from __future__ import annotations

from civplan.model.errors import CivplanError


class SiteError(CivplanError):
    """The site cannot be built: a plan's problems, an unsafe path, an upload that may not be
    published, a failed step (a shard, the search index). The build stops with this message."""
