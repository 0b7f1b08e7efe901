"""The one bound on a page's time: from its macros (on_page_markdown) to its HTML (on_page_content).

check bounds what a plan may contain (line lengths, brackets, nesting), and a plan page takes
about 10 ms; this is the backstop for text those bounds did not foresee, so that no plan holds
the build hostage. It is an interval timer (SIGALRM) because the work it bounds is Markdown's
and mkdocs-macros' own code, which has no other way to be stopped. Signals reach the main thread
only: `mkdocs build` renders there; `mkdocs serve` rebuilds in another thread and goes without.
"""

from __future__ import annotations

import signal
import threading

PAGE_SECONDS = 30
"""What one page may take from its macros to its HTML."""


def start(uri: str, error: type[Exception]) -> None:
    """Arm the page's budget: past it, `error` (MkDocs' own, so no traceback) stops the build."""
    if threading.current_thread() is not threading.main_thread():
        return

    def over(signum, frame):
        raise error(
            f"页面 {uri} 的渲染超过 {PAGE_SECONDS} 秒，构建已停止。请检查这个方案的正文是否有异常的长行或大量符号。"
        )

    signal.signal(signal.SIGALRM, over)
    signal.setitimer(signal.ITIMER_REAL, PAGE_SECONDS)


def stop() -> None:
    """Disarm it: the page is done."""
    if threading.current_thread() is threading.main_thread():
        signal.setitimer(signal.ITIMER_REAL, 0)
