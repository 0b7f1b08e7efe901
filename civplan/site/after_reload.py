"""What `make serve` finishes after the saved page is on screen: the search index, Word files.

mkdocs serve tells the browser to reload only when the whole build has returned, and at 2,000
plans the search part holding the saved plan took longer than every page together. In serve,
the build hands that work to one thread and returns; the next build waits for it before MkDocs
empties the site folder, so two never write the same files. A search in the preview may find
the last save's text for those seconds; no page is ever older than the save. Only `mkdocs
serve`: a build (CI, make build) returns when everything is written, and stops on a failure.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import CancelledError

from civplan.export.errors import ExportError
from civplan.site.errors import SiteError

log = logging.getLogger("mkdocs.plugins.civplan")

_pending: threading.Thread | None = None


def run(work: Callable[[], None]) -> None:
    """Start `work` after the previous one has ended; a failure is logged, as a build's is."""
    global _pending
    wait()

    def logged() -> None:
        try:
            work()
        except (SiteError, ExportError) as err:
            log.error(str(err))
        except CancelledError:  # the server is ending (plugin.on_shutdown): nothing to finish
            pass

    _pending = threading.Thread(target=logged, name="civplan-after-reload")
    _pending.start()


def wait() -> None:
    """Return once the work started by the last build has ended."""
    global _pending
    if _pending is not None:
        _pending.join()
        _pending = None
