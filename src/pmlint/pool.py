"""Worker processes that cannot stall a run, and die with it.

`run_pool` lints files in `workers` forked processes, a chunk at a time. A worker
sends its chunk's outcomes back in one message (and sooner, every `FLUSH_SECONDS`, on a
slow chunk), and always holds the next chunk already: one message per file cost the
parent a wake-up and a receive per file, and a worker waiting for its next chunk
idles. The parent watches every worker: one that sends nothing for `limit` seconds
(stuck in C code, where no Python timer can reach it) is killed and replaced; the file
it was on (which the worker writes into shared memory before starting each one) is
reported through `on_stuck`, and the rest of its chunks, including files it had done
but not yet sent, are handed out again; one that dies is treated the same way. So one
hostile file costs at most `limit` seconds of one worker and the run goes on.

Workers never outlive pmlint: on Linux each asks the kernel to SIGKILL it when its
parent dies (PR_SET_PDEATHSIG, via ctypes), and every way out of `run_pool` (the end,
an error, Ctrl-C, SIGTERM) kills the workers that are left before returning. Workers
ignore SIGINT: Ctrl-C in a terminal reaches the whole process group, and the parent
alone decides (it exits 130 after killing them).
"""

from __future__ import annotations

import os
import signal
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

#: PR_SET_PDEATHSIG from <linux/prctl.h>
_PR_SET_PDEATHSIG = 1
#: A worker that has held outcomes this long sends them before its chunk is done, so
#: the parent hears from it well within `limit` however slow the chunk's files are.
FLUSH_SECONDS = 0.5


def die_with_parent(parent_pid: int) -> None:
    """Have the kernel kill this process when its parent dies (Linux); exit now if the
    parent is already gone (it may have died before the request was made)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the parent's cleanup still kills us
        pass
    if os.getppid() != parent_pid:
        os._exit(1)


def _worker(connection: Any, parent_pid: int, work: Callable[[Any], Any], current: Any) -> None:
    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        done: list[tuple[int, Any]] = []
        held_since = time.monotonic()
        for index, item in task:
            current.value = index  # shared memory: the parent reads it if we get stuck
            done.append((index, work(item)))
            if time.monotonic() - held_since >= FLUSH_SECONDS:
                connection.send(done)
                done, held_since = [], time.monotonic()
        if done:
            connection.send(done)


@dataclass(slots=True)
class _Slot:
    process: Any
    connection: Any
    #: the index of the item the worker is on (-1 before the first), in shared memory
    current: Any
    #: items sent to the worker whose outcome has not come back, in the order it works
    assigned: deque = field(default_factory=deque)
    last: float = 0.0


def run_pool(items: Sequence[Any], work: Callable[[Any], Any], workers: int, limit: float,
             on_stuck: Callable[[Any, str], Any], chunk: int = 16) -> list[Any]:
    """`[work(item) for item in items]`, computed by `workers` forked processes; an item
    whose worker stays silent for `limit` seconds or dies gets `on_stuck(item, why)`."""
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("fork")
    results: list[Any] = [None] * len(items)
    pending = deque(range(len(items)))
    slots: list[_Slot] = []

    def start() -> _Slot:
        parent_end, child_end = context.Pipe()
        current = context.RawValue("q", -1)
        process = context.Process(target=_worker, args=(child_end, os.getpid(), work, current), daemon=True)
        process.start()
        child_end.close()
        return _Slot(process, parent_end, current)

    def assign(slot: _Slot) -> None:
        """Top the worker up to two chunks: it starts the second as soon as it sends the
        first's outcomes, without waiting for the parent."""
        if not slot.assigned:
            slot.last = time.monotonic()
        while len(slot.assigned) <= chunk and pending:
            batch = [pending.popleft() for _ in range(min(chunk, len(pending)))]
            slot.assigned.extend(batch)
            slot.connection.send([(index, items[index]) for index in batch])

    def replace(slot: _Slot, why: str) -> _Slot:
        on = slot.current.value
        index = on if on in slot.assigned else slot.assigned[0]
        results[index] = on_stuck(items[index], why)
        # the rest, those done but not sent included, go to the next free worker
        pending.extendleft(reversed([other for other in slot.assigned if other != index]))
        _kill(slot)
        fresh = start()
        slots[slots.index(slot)] = fresh
        return fresh

    try:
        for _ in range(max(1, min(workers, len(items)))):
            slots.append(start())
        for slot in slots:
            assign(slot)
        while any(slot.assigned for slot in slots):
            busy = [slot for slot in slots if slot.assigned]
            wait_for = min(slot.last + limit for slot in busy) - time.monotonic()
            ready = wait([slot.connection for slot in busy], timeout=max(0.0, wait_for))
            for slot in list(busy):
                if slot.connection not in ready:
                    continue
                try:
                    outcomes = slot.connection.recv()
                except (EOFError, OSError):
                    slot.process.join(timeout=1)
                    assign(replace(slot, f"the worker process died (exit code {slot.process.exitcode})"))
                    continue
                for index, outcome in outcomes:  # in the order they were assigned
                    results[index] = outcome
                    slot.assigned.popleft()
                slot.last = time.monotonic()
                assign(slot)
            now = time.monotonic()
            for slot in list(slots):
                if slot.assigned and now - slot.last > limit:
                    assign(replace(slot, f"the worker stopped answering for {limit:g} s and was replaced"))
        for slot in slots:
            try:
                slot.connection.send(None)
            except OSError:
                pass
        for slot in slots:
            slot.process.join(timeout=2)
    finally:
        for slot in slots:
            _kill(slot)
    return results


def _kill(slot: _Slot) -> None:
    """SIGKILL the worker if it still runs, and reap it (no zombie holds the output pipes)."""
    process = slot.process
    if process.is_alive():
        process.kill()
    process.join(timeout=5)
    try:
        slot.connection.close()
    except OSError:
        pass
