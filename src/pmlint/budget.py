"""A time budget per document, so one hostile file cannot hold CI hostage.

Every document gets `settings.time_budget_seconds` per MiB of it (default 5 s, at least
one MiB's worth: a real postmortem takes milliseconds, a realistic 5 MB one about 10 s
on a busy 2-core machine, within its 25 s) for loading and all
its rules; a pull request's config may lower it but never lift it above
`CEILING_SECONDS`. Inside a process the budget is a SIGALRM timer that raises
`BudgetExceeded` in the middle of whatever Python code (or `re` match, which checks
for signals) is running; the stage being run is recorded in `stage` as the work goes,
so the finding names it (`load`, `rule PM701`). Across processes the pool in
`pool.py` also kills a worker that stops answering (stuck in C code, where no signal
handler runs) and replaces it.

`BudgetExceeded` derives from BaseException, so the `except Exception` that contains
a rule's bug as PM009 does not swallow it.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

DEFAULT_SECONDS = 5.0
MIB = 1024 * 1024
#: the most a configuration file may set; a pull request cannot buy itself more time
CEILING_SECONDS = 60.0

#: what the current document is doing, for the finding when its time runs out
stage = "load"


class BudgetExceeded(BaseException):
    """The document's time ran out while `stage` was running."""

    def __init__(self, stage_name: str, seconds: float) -> None:
        super().__init__(stage_name)
        self.stage = stage_name
        self.seconds = seconds


def seconds_from(settings: dict | None) -> float:
    """The budget a run uses: the setting, held to (0, CEILING_SECONDS]."""
    value = (settings or {}).get("time_budget_seconds", DEFAULT_SECONDS)
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        return DEFAULT_SECONDS
    return min(max(seconds, 0.001), CEILING_SECONDS)


def seconds_for(settings: dict | None, size: int) -> float:
    """The budget of one document of `size` bytes: the setting per MiB, at least one MiB's
    worth, at most CEILING_SECONDS. Processing is linear in the size, so a legitimate
    5 MB postmortem gets five times the time of a 40 KB one, and a hostile file no more."""
    return min(CEILING_SECONDS, seconds_from(settings) * max(1.0, size / MIB))


def can_interrupt() -> bool:
    """SIGALRM timers exist (POSIX) and this is the main thread (handlers run only there)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise BudgetExceeded in this block once `seconds` have passed (no-op where timers
    cannot interrupt: another thread, or a platform without SIGALRM)."""
    global stage
    stage = "load"
    if not can_interrupt():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise BudgetExceeded(stage, seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def set_stage(name: str) -> None:
    """Name what the current document is doing (load, inference, a rule), for PM007."""
    global stage
    stage = name
