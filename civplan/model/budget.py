"""Budgets for work a file can make long or large (a Word export): past them, the
work stops with the caller's own error (its Chinese message) instead of holding a build or a
command hostage. The caller's error, not one of the model's: the model raises no build error."""

from __future__ import annotations

import os
import resource
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


def seconds_from(variable: str, default: float) -> float:
    """A budget in seconds, from the environment when set there (a test shrinks it)."""
    try:
        return float(os.environ.get(variable, default))
    except ValueError:
        return default


@contextmanager
def time_budget(seconds: float, error: Exception) -> Iterator[None]:
    """Raise `error` when the block runs longer than `seconds`. Signals reach the
    main thread only: elsewhere (`mkdocs serve` rebuilds in a thread) the block runs unbounded,
    as a page does."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def over(signum, frame):
        raise error

    previous = signal.signal(signal.SIGALRM, over)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _address_space() -> int:
    """Bytes of address space this process uses now (Linux: /proc/self/statm)."""
    try:
        pages = int(open("/proc/self/statm").read().split()[0])  # noqa: SIM115 (one read)
    except (OSError, ValueError, IndexError):
        return 0
    return pages * resource.getpagesize()


@contextmanager
def memory_budget(extra: int, error: Exception, *failures: type[Exception]) -> Iterator[None]:
    """Raise `error` when the block would need more than `extra` bytes of address
    space beyond what the process holds now: the soft RLIMIT_AS is lowered for the block (never
    raised), and a MemoryError inside it becomes `error`, as do `failures`: what C
    libraries raise when an allocation fails (lxml says XMLSyntaxError "unknown error")."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    used = _address_space()
    wanted = used + extra if used else resource.RLIM_INFINITY
    lowered = wanted != resource.RLIM_INFINITY and (soft == resource.RLIM_INFINITY or wanted < soft)
    if lowered:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    try:
        yield
    except (MemoryError, *failures):
        raise error from None
    finally:
        if lowered:
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
