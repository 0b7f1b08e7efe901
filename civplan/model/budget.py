"""A time budget for work a file can make long (a Word export, a history diff): past it, the
work stops with the caller's Chinese message instead of holding a build or a command hostage."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from civplan.model.errors import BuildError


def seconds_from(variable: str, default: float) -> float:
    """A budget in seconds, from the environment when set there (a test shrinks it)."""
    try:
        return float(os.environ.get(variable, default))
    except ValueError:
        return default


@contextmanager
def time_budget(seconds: float, message: str) -> Iterator[None]:
    """Raise BuildError(message) when the block runs longer than `seconds`. Signals reach the
    main thread only: elsewhere (`mkdocs serve` rebuilds in a thread) the block runs unbounded,
    as a page does."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def over(signum, frame):
        raise BuildError(message)

    previous = signal.signal(signal.SIGALRM, over)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
