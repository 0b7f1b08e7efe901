"""The plugin's options in mkdocs.yml, and the configuration as MkDocs resolved it, for the
page cache's key."""

from __future__ import annotations

import json
import re
from datetime import date, datetime

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PlansConfig(Config):
    plans_dir = c.Type(str, default="plans")
    """Folder of the plan files, relative to mkdocs.yml."""
    templates_dir = c.Type(str, default="templates")
    """Folder of the templates, relative to mkdocs.yml."""
    today = c.Type((str, date, datetime), default="")
    """Fixed "now" (YYYY-MM-DD or YYYY-MM-DDTHH:MM, Beijing time); CIVPLAN_TODAY overrides it."""
    drafts = c.Type((bool, int), default=False)
    """Publish drafts too, marked as such: for an editor's local preview only."""
    only = c.Type(str, default="")
    """Build this one plan file alone, drafts included (civplan preview)."""
    admin_dir = c.Type(str, default="")
    """Put the web editor here instead of site/admin/: publish it on an origin of its own, so
    that no file of the public site can reach the token it keeps (docs/reference/security.md)."""
    # The shard settings were options here, each read from the environment with !ENV; they are
    # read from it by civplan.site.shards.ShardSettings now. A mkdocs.yml that still names them
    # builds as before (a strict build would stop on an unknown option); their values are unused.
    shard = c.Optional(c.Type((str, bool, int)))
    shard_key = c.Optional(c.Type((str, bool, int)))
    shard_files = c.Optional(c.Type((str, bool, int)))
    shards_from = c.Optional(c.Type((str, bool, int)))
    search_later = c.Optional(c.Type((str, bool, int)))


UNKEYED = {"config_file_path", "site_dir", "dev_addr", "watch", "strict", "validation"}
"""Settings that change where or how a build runs, never what a page says."""


def resolved(config) -> str:
    """Every setting as MkDocs resolved it: from mkdocs.yml, a file it INHERITs or `-f` names,
    and !ENV values. Pages show some of them (site_name, extra.footer), so a cached page is
    keyed on them all, not on mkdocs.yml's bytes; a value without a stable text (a function)
    is keyed by its repr without the address that changes from run to run."""
    values = {key: config[key] for key in config if key not in UNKEYED | {"plugins", "theme"}}
    values["theme"] = dict(config.theme)
    values["plugins"] = {name: dict(plugin.config) for name, plugin in config.plugins.items()}
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, default=repr)
    return re.sub(r" at 0x[0-9a-f]+", "", text)
